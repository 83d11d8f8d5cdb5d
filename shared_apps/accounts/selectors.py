"""Reads on accounts."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from shared_apps.accounts.models import (
    SECOND_FACTOR_ROLES,
    ApiToken,
    Invitation,
    SignInSettings,
    User,
)


def user_language(user: User) -> str:
    """The language to write to `user` in: theirs if the site (a city, or the hub) offers
    it, else the site's own."""
    from django.db import connection

    site = connection.tenant
    enabled = (getattr(site, "enabled_languages", None)
               or [code for code, _name in settings.LANGUAGES])
    if user.language and user.language in enabled:
        return user.language
    return getattr(site, "default_language", None) or settings.LANGUAGE_CODE


def users_list() -> QuerySet[User]:
    return User.objects.order_by("username")


def invitations_pending() -> QuerySet[Invitation]:
    return (
        Invitation.objects.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )
        .select_related("invited_by")
        .order_by("-created_at")
    )


SESSION_IDLE_CACHE_KEY = "sign-in-idle-minutes"  # the cache key carries the schema name


def session_idle_minutes() -> int:
    """Minutes without activity after which a web session here ends (cached: every request
    of a signed-in person asks)."""
    minutes = cache.get(SESSION_IDLE_CACHE_KEY)
    if minutes is None:
        row = SignInSettings.objects.order_by("pk").first()
        minutes = (row and row.idle_minutes) or settings.SESSION_IDLE_MINUTES
        cache.set(SESSION_IDLE_CACHE_KEY, minutes, 300)
    return minutes


SECOND_FACTOR_REQUIRED_CACHE_KEY = "sign-in-second-factor-required"  # per schema too


def second_factor_required_here() -> bool:
    """Whether this city (or the hub) requires a second factor of its admins and evaluators
    (cached: every request of a signed-in person asks)."""
    required = cache.get(SECOND_FACTOR_REQUIRED_CACHE_KEY)
    if required is None:
        row = SignInSettings.objects.order_by("pk").first()
        required = bool(row and row.second_factor_required)
        cache.set(SECOND_FACTOR_REQUIRED_CACHE_KEY, required, 300)
    return required


def has_second_factor(user: User) -> bool:
    """True if `user` signs in with an authenticator app or a passkey / security key here
    (recovery codes alone are only a way back in, not a second factor)."""
    from allauth.mfa.models import Authenticator
    from allauth.mfa.utils import is_mfa_enabled

    return is_mfa_enabled(user, [Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN])


def second_factor_missing(user: User) -> bool:
    """True if `user` must set up a second factor before doing anything else here: the city
    requires one of its admins and evaluators, and they have none."""
    return (user.is_authenticated and user.has_role(*SECOND_FACTOR_ROLES)
            and second_factor_required_here() and not has_second_factor(user))


def second_factors_of(user: User) -> list[str]:
    """The kinds of second factor `user` has here, by name, for the People pages."""
    from allauth.mfa.models import Authenticator

    labels = {Authenticator.Type.TOTP: _("Authenticator app"),
              Authenticator.Type.WEBAUTHN: _("Passkey or security key"),
              Authenticator.Type.RECOVERY_CODES: _("Recovery codes")}
    kinds = (Authenticator.objects.filter(user_id=user.pk)
             .values_list("type", flat=True).distinct().order_by("type"))
    return [str(labels.get(kind, kind)) for kind in kinds]


def sign_in_settings() -> SignInSettings:
    return SignInSettings.objects.order_by("pk").first() or SignInSettings()


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """A person's own API tokens, newest first, expired ones included (marked by date)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def api_token_for_secret(secret: str) -> ApiToken | None:
    digest = hashlib.sha256(secret.encode()).hexdigest()
    return ApiToken.objects.select_related("user").filter(key_digest=digest).first()
