from django.core.cache import cache
from django.utils import translation

from tenant_apps.portal.models import CityTerm, PortalSettings, Term
from tenant_apps.portal.services import terms_cache_key


def city_terms(language: str | None = None) -> dict[str, str]:
    """The city's words for the key terms in `language` (the active one by default): its
    own where it set them, the translated defaults otherwise. Cached per city and language.
    """
    language = language or translation.get_language()
    key = terms_cache_key(language)
    overrides = cache.get(key)
    if overrides is None:
        overrides = dict(CityTerm.objects.filter(language=language).values_list("key", "text"))
        cache.set(key, overrides, 3600)
    with translation.override(language):
        return {term.value: overrides.get(term.value) or str(term.label) for term in Term}


def portal_settings() -> PortalSettings:
    """The city's home page settings (the defaults while the admin has changed nothing)."""
    return PortalSettings.objects.filter(pk=1).first() or PortalSettings(pk=1)
