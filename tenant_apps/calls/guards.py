"""The checks every step of the cycle makes before it writes: who may act, and in which
phase of the call. Calls, proposals, evaluation and the portal's services import them from
here, so no service imports another service for its guards."""

from django.utils.translation import gettext as _

from innovato.errors import ActionRefused, NotAllowed
from shared_apps.accounts.models import Role, User
from tenant_apps.calls.models import Call, Phase


def require_city_admin(user: User | None) -> None:
    """Refuse unless `user` is a city admin; None (the scheduler) always may."""
    if user is not None and not user.has_role(Role.CITY_ADMIN):
        raise NotAllowed(_("Only a city admin can do this."))


def require_phase(call: Call, *phases: str, action: str) -> None:
    """Refuse `action` unless the call is in one of `phases`."""
    if call.phase not in phases:
        raise ActionRefused(
            _("%(action)s is not possible while the call is in the %(phase)s phase.")
            % {"action": action, "phase": Phase(call.phase).label.lower()},
            code="wrong_phase",
        )
