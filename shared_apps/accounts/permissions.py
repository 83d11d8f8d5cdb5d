"""Role checks shared by the web views and the API."""

from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from shared_apps.accounts.models import Role

USER_MANAGER_ROLES = (Role.CITY_ADMIN, Role.PARTNER_ADMIN)
# Who sees the style page of every interface component, and its link in the user menu.
STYLE_GUIDE_ROLES = (Role.CITY_ADMIN, Role.COORDINATOR, Role.PARTNER_ADMIN)


class RoleRequiredMixin(LoginRequiredMixin):
    """Web views: sign-in first, then one of `required_roles`, else 403."""

    required_roles: tuple[str, ...] = ()

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_role(*self.required_roles):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class HasRole(BasePermission):
    """API views: the user holds one of the view's `required_roles`."""

    message = _("You do not have a role that allows this.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and user.has_role(*view.required_roles))
