"""The personal data accounts keep (see innovato.personal_data): the person's account and
their sign-in credentials. Found at start-up by the privacy app (autodiscover)."""

from django.utils.translation import gettext_lazy as _

from innovato.personal_data import (
    BOTH,
    HUB,
    Erasure,
    PersonalDataSource,
    personal_data_source_add,
    schema_kind,
)
from shared_apps.accounts.models import ApiToken, Invitation, Role, User, UserSession


def _when(value) -> str | None:
    return value.isoformat() if value else None


def account_export(user: User) -> dict:
    labels = dict(Role.choices)
    return {
        "username": user.username, "first_name": user.first_name,
        "last_name": user.last_name, "email": user.email, "language": user.language,
        "roles": [str(labels.get(role, role)) for role in user.roles],
        "active": user.is_active, "joined": _when(user.date_joined),
        "last_sign_in": _when(user.last_login),
    }


def account_erase(erasure: Erasure) -> int:
    """Replace what names the person by their pseudonym; the row stays, so what they wrote
    and decided keeps its place. They can no longer sign in."""
    user = User.objects.get(pk=erasure.user.pk)
    former = ("former-staff" if schema_kind() == HUB else "former-employee") + (
        f"-{erasure.number}")
    Invitation.objects.filter(email__iexact=user.email).exclude(email="").update(
        email=f"{former}@invalid")
    user.username = former
    user.first_name = erasure.pseudonym[:150]
    user.last_name = ""
    user.email = ""
    user.language = ""
    user.roles = []
    user.is_active = False
    user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    return 1


def credentials_export(user: User) -> dict:
    return {
        "web_sessions": [{"started": _when(s.created_at), "last_active":
                          _when(s.last_activity_at), "expires": _when(s.expire_date)}
                         for s in UserSession.objects.filter(user_id=user.pk)],
        "api_tokens": [{"name": t.name, "created": _when(t.created_at),
                        "last_used": _when(t.last_used_at), "expires": _when(t.expires_at)}
                       for t in ApiToken.objects.filter(user=user)],
    }


def credentials_erase(erasure: Erasure) -> int:
    """Sign the person out everywhere: their web sessions and API tokens end."""
    sessions, _detail = UserSession.objects.filter(user_id=erasure.user.pk).delete()
    tokens, _detail = ApiToken.objects.filter(user_id=erasure.user.pk).delete()
    return sessions + tokens


personal_data_source_add(PersonalDataSource(
    key="accounts.account", label=_("Account"),
    purpose=_("To let the person sign in and to name them beside their work."),
    retention=_("As long as the account exists; erased on request."),
    fields=("username", "name", "e-mail", "language", "roles"),
    export=account_export, erase=account_erase, order=1000, where=BOTH))
personal_data_source_add(PersonalDataSource(
    key="accounts.credentials", label=_("Web sessions and API tokens"),
    purpose=_("To keep the person signed in, on the web and in the API."),
    retention=_("Until they sign out, the session times out or the token expires."),
    fields=("start and last activity of each session", "token names and dates"),
    export=credentials_export, erase=credentials_erase, order=10, where=BOTH))
