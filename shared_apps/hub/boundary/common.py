"""What every crossing needs: the city whose schema is active, and the network's languages
(a city's texts and the hub's copies carry one column per language)."""

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext as _

from innovato.errors import ActionRefused
from tenants.models import City

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SNAPSHOT_FIELDS = {"title": "title", "problem": "problem", "solution": "solution",
                   "mvp_plan": "mvp_plan"}


def city_here() -> City:
    """The city whose schema is active; refused on the hub."""
    city = connection.tenant
    if not isinstance(city, City) or city.is_hub:
        raise ActionRefused(_("This can only be done on a city's site."), code="not_a_city")
    return city


def copy_translations(source, source_field: str, target, target_field: str) -> None:
    """Copy every language's text of `source_field` to `target_field`."""
    for code in LANGUAGES:
        setattr(target, f"{target_field}_{code}", getattr(source, f"{source_field}_{code}", None))
