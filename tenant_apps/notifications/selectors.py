"""Reads of a person's notifications and e-mail choices in the current city."""

from django.db import connection
from django.db.models import BooleanField, ExpressionWrapper, Q, QuerySet
from django.utils.translation import get_language_info

from shared_apps.accounts.models import User
from tenant_apps.notifications.models import EmailPreference, Kind, Notification


def notifications_of(*, user: User, unread_first: bool = False, unread_only: bool = False,
                     kind: str = "") -> QuerySet[Notification]:
    """`user`'s notifications, newest first, or unread ones first when `unread_first`;
    only unread ones with `unread_only`, only one kind with `kind`."""
    notifications = Notification.objects.filter(recipient=user)
    if unread_only:
        notifications = notifications.filter(read_at__isnull=True)
    if kind:
        notifications = notifications.filter(kind=kind)
    if unread_first:
        unread = ExpressionWrapper(Q(read_at__isnull=True), output_field=BooleanField())
        notifications = notifications.order_by(unread.desc(), "-created_at", "-id")
    return notifications


def unread_count(*, user: User) -> int:
    """How many notifications `user` has not read yet (one COUNT query)."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def email_preferences(*, user: User) -> dict[str, bool]:
    """Each kind of notification → whether `user` gets it by e-mail (absent means yes)."""
    preferences = dict.fromkeys(Kind.values, True)
    preferences.update(
        EmailPreference.objects.filter(user=user, kind__in=Kind.values)
        .values_list("kind", "enabled")
    )
    return preferences


def city_language_choices() -> list[tuple[str, str]]:
    """The current city's enabled languages as (code, name in that language)."""
    choices = []
    for code in getattr(connection.tenant, "enabled_languages", None) or []:
        try:
            name = get_language_info(code)["name_local"]
        except KeyError:
            name = code
        choices.append((code, name))
    return choices


def city_default_language_name() -> str:
    """The local name of the current city's default language."""
    code = getattr(connection.tenant, "default_language", "") or ""
    try:
        return get_language_info(code)["name_local"]
    except KeyError:
        return code
