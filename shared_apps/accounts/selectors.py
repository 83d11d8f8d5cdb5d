"""Reads on accounts."""

from django.db.models import QuerySet
from django.utils import timezone

from shared_apps.accounts.models import Invitation, User


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
