from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from shared_apps.branding.selectors import branding


def brand(request: HttpRequest) -> dict:
    """`brand`: this site's branding (logo, colour, version for cache-busting URLs)."""
    return {"brand": SimpleLazyObject(branding)}
