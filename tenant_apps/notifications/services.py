"""Tell people what happened: in the app always, by e-mail when they want it."""

import json
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone, translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from shared_apps.accounts.models import User
from shared_apps.accounts.selectors import user_language
from shared_apps.branding.email import mail_send
from tenant_apps.notifications.models import EmailPreference, Kind, Notification
from tenant_apps.notifications.registry import ref, render
from tenants.selectors import site_url


def personal_data_notify(*, recipients: Iterable[User], params: dict, url: str) -> None:
    """How the privacy app tells a city's people about their personal data requests."""
    notify(recipients=recipients, kind=Kind.PERSONAL_DATA, params=params, url=url)


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    params: dict[str, Any] | None = None,
    url: str = "",
) -> list[Notification]:
    """Notify each recipient once of `kind` with `params` (plain data, JSON; objects named
    with `registry.ref`). The texts come from the kind's renderer: in the reader's language
    whenever the notification is read, in each recipient's language in the e-mail."""
    params = plain_params(params or {})
    unique = {user.pk: user for user in recipients if user.is_active}
    if not unique:
        return []
    muted = set(
        EmailPreference.objects.filter(user_id__in=unique, kind=kind, enabled=False)
        .values_list("user_id", flat=True)
    )
    notifications, emails = [], []
    texts: dict[str, tuple[str, str]] = {}  # one rendering per language, not per person
    city_zone = getattr(connection.tenant, "timezone", None) or timezone.get_current_timezone()
    for user in unique.values():
        notifications.append(Notification(recipient=user, kind=kind, params=params, url=url))
        if user.email and user.pk not in muted:
            language = user_language(user)
            if language not in texts:
                # Dates in an e-mail are in the city's time zone, also when a hub action or
                # a job outside a request notifies the city's people.
                with translation.override(language), timezone.override(city_zone):
                    texts[language] = render(kind, params)
            emails.append((*texts[language], url, user.email))
    created = Notification.objects.bulk_create(notifications)
    base = site_url(connection.tenant)
    # The e-mails go out after commit, perhaps once the connection serves another schema:
    # they carry this city's branding all the same.
    city = connection.tenant
    transaction.on_commit(lambda: _send_emails(emails, base, city))
    return created


def plain_params(params: dict[str, Any]) -> dict[str, Any]:
    """`params` as JSON data; a model instance becomes a reference to it, named in the
    reader's language at read time and by its current name if it is gone by then."""
    def plain_value(value: Any) -> Any:
        if isinstance(value, Model):
            return ref(value._meta.label_lower, value.pk, getattr(value, "title", None) or value)
        if isinstance(value, list | tuple):
            return [plain_value(item) for item in value]
        return value

    plain = {key: plain_value(value) for key, value in params.items()}
    json.dumps(plain)  # plain data only: refuse anything else before it is stored
    return plain


def _send_emails(emails: list[tuple[str, str, str, str]], base: str, city) -> None:
    for title, body, url, address in emails:
        text = body + (f"\n\n{base}{url}" if url else "")
        mail_send(subject=title, text=text, to=[address], base_url=base, sender=city,
                  fail_silently=True)


def notification_mark_read(*, notification: Notification) -> None:
    """Mark `notification` read, keeping the first time it was read."""
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of `user` read; return how many there were."""
    return Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def email_preferences_set(*, user: User, enabled_kinds: Iterable[str]) -> None:
    """Switch e-mails on for `enabled_kinds` and off for every other kind."""
    enabled = set(enabled_kinds)
    # One upsert instead of a read and a write per kind.
    EmailPreference.objects.bulk_create(
        [EmailPreference(user=user, kind=kind, enabled=kind in enabled) for kind in Kind.values],
        update_conflicts=True,
        unique_fields=["user", "kind"],
        update_fields=["enabled"],
    )


def local_path(url: str) -> str:
    """`url` if it is a path on this site, else "": a notification must never send anyone
    to another host."""
    if (
        url.startswith("/")
        and not url.startswith(("//", "/\\"))
        # Browsers drop tabs and newlines, so "/\t/evil.example" would leave the site.
        and not any(char.isspace() or ord(char) < 32 for char in url)
        and url_has_allowed_host_and_scheme(url, allowed_hosts=set())
    ):
        return url
    return ""


def notification_open(*, notification: Notification) -> str:
    """Mark `notification` read and return where to take its reader ("" if nowhere safe)."""
    notification_mark_read(notification=notification)
    return local_path(notification.url)


def preferences_save(*, user: User, email_kinds: Iterable[str], language: str) -> None:
    """Save which kinds of e-mail `user` wants and their preferred language ("" = the city's
    default). Refuses a kind that does not exist or a language the city has not enabled,
    changing nothing."""
    kinds = set(email_kinds)
    unknown = sorted(kinds - set(Kind.values))
    if unknown:
        raise ValidationError(
            {"email": _("Unknown kind of e-mail: %(kinds)s.") % {"kinds": ", ".join(unknown)}},
            code="invalid_kind",
        )
    language = (language or "").strip()
    enabled = list(getattr(connection.tenant, "enabled_languages", None) or [])
    if language and language not in enabled:
        raise ValidationError(
            {"language": _("“%(language)s” is not one of the languages this city offers.")
             % {"language": language}},
            code="language_not_enabled",
        )
    with transaction.atomic():
        email_preferences_set(user=user, enabled_kinds=kinds)
        if user.language != language:
            user.language = language
            user.save(update_fields=["language"])
