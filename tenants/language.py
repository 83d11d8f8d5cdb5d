"""Pick the language of each request among the languages its city has enabled."""

import zoneinfo
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header

from tenants.models import City, network_language_codes

# PostgreSQL's text-search configuration for each language of the network.
SEARCH_CONFIGS = {
    "en": "english", "ro": "romanian", "fr": "french", "es": "spanish", "pt": "portuguese",
    "hu": "hungarian", "nl": "dutch", "it": "italian",
}


def city_languages(city: City | None) -> list[str]:
    if city is None or city.is_hub or not city.enabled_languages:
        return network_language_codes()
    return list(city.enabled_languages)


def city_default_language(city: City | None) -> str:
    if city is None or city.is_hub:
        return settings.LANGUAGE_CODE
    return city.default_language


def _base(code: str) -> str:
    return code.lower().split("-")[0].split("_")[0]


def language_for_request(request: HttpRequest, city: City | None) -> str:
    """`?lang=`, then the language cookie (set by the switcher), then the signed-in user's
    preference, then the browser's Accept-Language, then the city's default; only the
    city's enabled languages count."""
    enabled = city_languages(city)
    candidates = [
        request.GET.get("lang", ""),
        request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, ""),
    ]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        candidates.append(user.language)
    for candidate in candidates:
        if candidate and _base(candidate) in enabled:
            return _base(candidate)
    for accepted, _quality in parse_accept_lang_header(
        request.headers.get("Accept-Language", "")
    ):
        if accepted != "*" and _base(accepted) in enabled:
            return _base(accepted)
    return city_default_language(city)


class CityLanguageMiddleware:
    """Activates the request's language and the time zone of the city or the hub."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        city = getattr(request, "tenant", None)
        language = language_for_request(request, city)
        translation.activate(language)
        # The hub has a time zone of its own too (a City row, Europe/Brussels by default).
        if city is not None and city.timezone:
            timezone.activate(zoneinfo.ZoneInfo(city.timezone))
        else:
            timezone.deactivate()
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language", "Cookie"))
        response.headers.setdefault("Content-Language", language)
        return response


def language_name(code: str, in_language: str | None = None) -> str:
    """The name of language `code` written in `in_language` (the active language by default):
    "engleză" on a Romanian page, "anglais" on a French one; `code` itself if unknown."""
    from babel import Locale, UnknownLocaleError

    reader = in_language or translation.get_language() or settings.LANGUAGE_CODE
    try:
        names = Locale.parse(_base(reader)).languages
    except (UnknownLocaleError, ValueError):
        return code
    return names.get(_base(code or "")) or code
