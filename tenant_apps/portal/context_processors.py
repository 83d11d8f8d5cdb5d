from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from tenant_apps.portal.selectors import city_terms


def terms(request: HttpRequest) -> dict:
    """`terms.calls`, `terms.proposal`…: the city's own words for its key terms."""
    tenant = getattr(request, "tenant", None)
    if tenant is None or tenant.is_hub:
        return {}
    return {"terms": SimpleLazyObject(city_terms)}
