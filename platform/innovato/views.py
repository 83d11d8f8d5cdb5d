"""Project-wide views: health check and error pages that speak JSON under /api/."""

from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


def healthz(request: HttpRequest) -> JsonResponse:
    """Readiness: the database answers."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


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
