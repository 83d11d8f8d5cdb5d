"""Project-wide views: health check and error pages that speak JSON under /api/."""

import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

# A broker check opens a connection; its answer is reused for this many seconds, so probes
# every few seconds from several kubelets stay cheap.
BROKER_CHECK_TTL_SECONDS = 10.0
_broker_state: dict = {"checked_at": 0.0, "error": None}
_broker_lock = threading.Lock()


def _check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_cache() -> None:
    # The routing cache is not tenant-aware, so the key is the same from every host.
    cache = caches["routing"]
    cache.set("healthz", "ok", 30)
    if cache.get("healthz") != "ok":
        raise RuntimeError("cache did not return what was stored")


def _check_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "eager"
    with _broker_lock:
        now = time.monotonic()
        if now - _broker_state["checked_at"] >= BROKER_CHECK_TTL_SECONDS:
            from innovato.celery import app

            try:
                with app.connection_for_write() as conn:
                    conn.ensure_connection(max_retries=1, interval_start=0, interval_step=0,
                                           timeout=2)
                _broker_state["error"] = None
            except Exception as error:
                _broker_state["error"] = f"{type(error).__name__}: {error}"
            _broker_state["checked_at"] = now
        if _broker_state["error"]:
            raise RuntimeError(_broker_state["error"])
    return "ok"


def healthz(request: HttpRequest) -> JsonResponse:
    """Health of this process and what it depends on.

    `/healthz` (readiness): the database answers, the cache stores and returns a value, and
    the Celery broker accepts a connection when one is configured; 503 names what failed.
    `/healthz?probe=live` (liveness): only that the process serves requests, so an outage of
    a shared dependency takes pods out of the load balancer without restarting them all.
    """
    if request.GET.get("probe") == "live":
        return JsonResponse({"status": "ok"})
    checks: dict[str, str] = {}
    failed = False
    for name, check in (("database", _check_database), ("cache", _check_cache),
                        ("broker", _check_broker)):
        try:
            result = check()
            checks[name] = result or "ok"
        except Exception as error:
            checks[name] = f"error: {type(error).__name__}"
            failed = True
    return JsonResponse({"status": "error" if failed else "ok", "checks": checks},
                        status=503 if failed else 200)


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def page_not_found(request: HttpRequest, exception=None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"detail": _("Not found."), "code": "not_found"}, status=404)
    return render(request, "404.html", status=404)


def permission_denied(request: HttpRequest, exception=None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(
            {"detail": _("You do not have permission to do this."), "code": "permission_denied"},
            status=403,
        )
    return render(request, "403.html", status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse(
            {"detail": _("Something went wrong on our side. Please try again."),
             "code": "server_error"},
            status=500,
        )
    return render(request, "500.html", status=500)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    if _wants_json(request):
        return JsonResponse({"detail": _("Bad request."), "code": "bad_request"}, status=400)
    return render(request, "400.html", status=400)
