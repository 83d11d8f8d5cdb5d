"""Route each request to the hub or to one city's schema by its Host header."""

from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.http.request import split_domain_port
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django_tenants.middleware.main import TenantMainMiddleware
from django_tenants.utils import remove_www

from tenants.models import City
from tenants.selectors import city_for_hostname


def _render_in_browser_language(request: HttpRequest, template: str, status: int,
                                context: dict | None = None) -> HttpResponse:
    # No city is known (or it is closed), so the browser's language is the best guess.
    language = translation.get_language_from_request(request)
    with translation.override(language):
        response = render(request, template, {"language_code": language, **(context or {})},
                          status=status)
        response.headers["Content-Language"] = language
    return response


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Writes an archived city still accepts: they change who is signed in, not the city's data.
ARCHIVED_ALLOWED_POSTS = ("/accounts/login/", "/accounts/logout/", "/api/v1/auth/token/",
                          "/i18n/setlang/")


def _closed_city_answer(request: HttpRequest, template: str, status: int, message: str,
                        code: str) -> HttpResponse:
    language = translation.get_language_from_request(request)
    if request.path.startswith("/api/"):
        with translation.override(language):
            response = JsonResponse({"detail": str(message), "code": code}, status=status)
            response.headers["Content-Language"] = language
        return response
    return _render_in_browser_language(request, template, status,
                                       {"city": request.tenant, "message": message})


class CityRoutingMiddleware(TenantMainMiddleware):
    """Selects the schema for the request's host; unknown hosts get a friendly 404 page.

    Host names are compared lowercased, without port, trailing dot or `www.`; forwarded
    host headers are never trusted (USE_X_FORWARDED_HOST stays off).
    """

    @staticmethod
    def hostname_from_request(request: HttpRequest) -> str:
        domain, _port = split_domain_port(request.get_host())
        if not domain:
            raise DisallowedHost("Invalid host")
        return remove_www(domain)

    def get_tenant(self, domain_model, hostname: str) -> City:
        city = city_for_hostname(hostname)
        if city is None:
            raise domain_model.DoesNotExist
        return city

    def no_tenant_found(self, request: HttpRequest, hostname: str) -> HttpResponse:
        return _render_in_browser_language(request, "tenants/unknown_host.html", 404)

    def process_request(self, request: HttpRequest) -> HttpResponse | None:
        try:
            self.hostname_from_request(request)
        except DisallowedHost:
            return _render_in_browser_language(request, "tenants/unknown_host.html", 404)
        response = super().process_request(request)
        if response is not None:
            return response
        status = request.tenant.status
        if status == City.Status.SUSPENDED and not request.path.startswith("/healthz"):
            with translation.override(translation.get_language_from_request(request)):
                message = _("This city's innovation platform is suspended for now. Its data "
                            "is kept safe; please contact your city administrator.")
            return _closed_city_answer(request, "tenants/suspended.html", 503, message,
                                       "city_suspended")
        if (status == City.Status.ARCHIVED and request.method not in SAFE_METHODS
                and not request.path.startswith(ARCHIVED_ALLOWED_POSTS)):
            with translation.override(translation.get_language_from_request(request)):
                message = _("This city is archived: it can still be read, but nothing in it "
                            "can be changed.")
            return _closed_city_answer(request, "tenants/archived_refused.html", 409, message,
                                       "city_archived")
        return None
