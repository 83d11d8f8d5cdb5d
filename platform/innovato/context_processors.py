from django.http import HttpRequest

# Role codes (shared_apps.accounts.models.Role; the platform layer imports no app).
PARTNER_ADMIN = "partner_admin"
# Who sees the style page (innovato.views.style_guide) and its link in the user menu.
STYLE_GUIDE_ROLES = ("city_admin", "coordinator", PARTNER_ADMIN)


def navigation(request: HttpRequest) -> dict:
    """Role flags the header's menus need beyond tenants.context_processors.city."""
    user = getattr(request, "user", None)  # absent on pages answered before authentication
    signed_in = user is not None and user.is_authenticated
    return {
        "is_partner_admin": signed_in and user.has_role(PARTNER_ADMIN),
        "is_staff_designer": signed_in and user.has_role(*STYLE_GUIDE_ROLES),
    }
