from django.http import HttpRequest
from django.utils.translation import get_language_info

from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import STYLE_GUIDE_ROLES, USER_MANAGER_ROLES
from tenants.language import city_languages
from tenants.models import City
from tenants.selectors import site_url


def city(request: HttpRequest) -> dict:
    """The current city (or hub) and the languages the switcher offers."""
    current = getattr(request, "tenant", None)
    if current is None:
        return {}
    user = getattr(request, "user", None)  # absent on pages answered before authentication
    signed_in = user is not None and user.is_authenticated
    return {
        "city": current,
        "is_hub": current.is_hub,
        "hub_url": site_url(City.hub(), request) + "/",
        "can_manage_users": signed_in and user.has_role(*USER_MANAGER_ROLES),
        "is_city_admin": signed_in and user.has_role(Role.CITY_ADMIN),
        "is_evaluator": signed_in and user.has_role(Role.EVALUATOR),
        "is_network_staff": signed_in and user.has_role(Role.COORDINATOR, Role.PARTNER_ADMIN),
        "is_partner_admin": signed_in and user.has_role(Role.PARTNER_ADMIN),
        "is_staff_designer": signed_in and user.has_role(*STYLE_GUIDE_ROLES),
        "switcher_languages": [
            (code, get_language_info(code)["name_local"]) for code in city_languages(current)
        ],
    }
