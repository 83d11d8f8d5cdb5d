"""Reads of the current site's branding (the city's, or the hub's on the hub)."""

from django.core.cache import cache

from shared_apps.branding.contrast import WHITE, darker
from shared_apps.branding.models import Branding
from shared_apps.branding.services import CACHE_KEY


def branding() -> Branding:
    """This site's branding, the defaults while nobody changed it; cached per schema."""
    current = cache.get(CACHE_KEY)
    if current is None:
        current = Branding.objects.filter(pk=1).first() or Branding(pk=1)
        cache.set(CACHE_KEY, current, 3600)
    return current


def brand_css(current: Branding) -> str:
    """The stylesheet that gives the site its colour (the CSP allows no inline style)."""
    return (f":root{{--brand:{current.primary_colour};--brand-contrast:{WHITE};"
            f"--brand-dark:{darker(current.primary_colour)};}}\n"
            # The logo stands in the header where the name was: keep it to the name's height.
            ".brand-logo{display:block;max-height:3rem;width:auto}\n")
