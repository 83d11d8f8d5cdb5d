"""Tell people what happened: in the app always, by e-mail when they want it."""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.mail import send_mail
from django.db import connection, transaction
from django.utils import timezone, translation

from shared_apps.accounts.models import User
from tenant_apps.notifications.models import EmailPreference, Kind, Notification


def user_language(user: User) -> str:
    """The language to write to `user` in: theirs if the city offers it, else the city's."""
    city = connection.tenant
    enabled = getattr(city, "enabled_languages", None) or [settings.LANGUAGE_CODE]
    if user.language and user.language in enabled:
        return user.language
    return getattr(city, "default_language", None) or settings.LANGUAGE_CODE


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    message: Callable[[], tuple[str, str]],
    url: str = "",
) -> list[Notification]:
    """Notify each recipient once. `message()` returns (title, body) and is called in each
    recipient's language, so texts are written with gettext inside it."""
    unique = {user.pk: user for user in recipients if user.is_active}
    if not unique:
        return []
    muted = set(
        EmailPreference.objects.filter(user_id__in=unique, kind=kind, enabled=False)
        .values_list("user_id", flat=True)
    )
    notifications, emails = [], []
    for user in unique.values():
        with translation.override(user_language(user)):
            title, body = message()
        notifications.append(
            Notification(recipient=user, kind=kind, title=title[:300], body=body, url=url)
        )
        if user.email and user.pk not in muted:
            emails.append((title, body, url, user.email))
    created = Notification.objects.bulk_create(notifications)
    base = _site_url()
    transaction.on_commit(lambda: _send_emails(emails, base))
    return created


def _site_url() -> str:
    city = connection.tenant
    scheme = "https" if settings.HTTPS_ONLY else "http"
    if getattr(city, "is_hub", True):
        return f"{scheme}://{settings.BASE_DOMAIN}"
    return f"{scheme}://{city.slug}.{settings.BASE_DOMAIN}"


def _send_emails(emails: list[tuple[str, str, str, str]], base: str) -> None:
    for title, body, url, address in emails:
        text = body + (f"\n\n{base}{url}" if url else "")
        send_mail(title, text, None, [address], fail_silently=True)


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_mark_all_read(*, user: User) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def email_preferences_set(*, user: User, enabled_kinds: Iterable[str]) -> None:
    """Switch e-mails on for `enabled_kinds` and off for every other kind."""
    enabled = set(enabled_kinds)
    for kind in Kind.values:
        EmailPreference.objects.update_or_create(
            user=user, kind=kind, defaults={"enabled": kind in enabled}
        )
