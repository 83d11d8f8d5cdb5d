"""Reads on accounts."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import timezone

from shared_apps.accounts.models import ApiToken, Invitation, SignInSettings, User


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


def sign_in_settings() -> SignInSettings:
    return SignInSettings.objects.order_by("pk").first() or SignInSettings()


def api_tokens_of(user: User) -> QuerySet[ApiToken]:
    """A person's own API tokens, newest first, expired ones included (marked by date)."""
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")


def api_token_for_secret(secret: str) -> ApiToken | None:
    digest = hashlib.sha256(secret.encode()).hexdigest()
    return ApiToken.objects.select_related("user").filter(key_digest=digest).first()
