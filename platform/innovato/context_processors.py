from django.http import HttpRequest

from shared_apps.accounts.models import Role

# Who sees the style page (innovato.views.style_guide) and its link in the user menu.
STYLE_GUIDE_ROLES = (Role.CITY_ADMIN, Role.COORDINATOR, Role.PARTNER_ADMIN)


def navigation(request: HttpRequest) -> dict:
    """Role flags the header's menus need beyond tenants.context_processors.city."""
    user = getattr(request, "user", None)  # absent on pages answered before authentication
    signed_in = user is not None and user.is_authenticated
    return {
        "is_partner_admin": signed_in and user.has_role(Role.PARTNER_ADMIN),
        "is_staff_designer": signed_in and user.has_role(*STYLE_GUIDE_ROLES),
    }
