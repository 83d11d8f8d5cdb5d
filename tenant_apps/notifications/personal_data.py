"""The personal data of notifications (see innovato.personal_data): the messages a person
received and their choice of e-mails. Found at start-up by the privacy app."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from innovato.personal_data import Erasure, PersonalDataSource, personal_data_source_add
from tenant_apps.notifications.models import EmailPreference, Notification
from tenant_apps.notifications.registry import render_all


def notifications_export(user) -> list[dict]:
    """The person's notifications, written in the active language (theirs, in the job)."""
    notifications = render_all(Notification.objects.filter(recipient=user)
                               .order_by("created_at", "pk"))
    return [{"created": notification.created_at.isoformat(), "kind": notification.kind,
             "title": notification.title, "body": notification.body,
             "read": notification.read_at is not None} for notification in notifications]


def notifications_erase(erasure: Erasure) -> int:
    deleted, _detail = Notification.objects.filter(recipient=erasure.user).delete()
    preferences, _detail = EmailPreference.objects.filter(user=erasure.user).delete()
    return deleted + preferences


def notifications_expire(before: datetime) -> int:
    deleted, _detail = Notification.objects.filter(created_at__lt=before).delete()
    return deleted


def preferences_export(user) -> list[dict]:
    return [{"kind": preference.kind, "email": preference.enabled}
            for preference in EmailPreference.objects.filter(user=user).order_by("kind")]


personal_data_source_add(PersonalDataSource(
    key="notifications.notifications", label=_("Notifications"),
    purpose=_("To tell people what happened to the proposals and calls they take part in."),
    retention=_("Deleted after the notifications retention period."),
    retention_setting="notification_days", fields=("message", "time", "read or not"),
    export=notifications_export, erase=notifications_erase, expire=notifications_expire))
personal_data_source_add(PersonalDataSource(
    key="notifications.email_preferences", label=_("E-mail preferences"),
    purpose=_("To send only the e-mails the person wants."),
    retention=_("Until changed; erased with the account."), fields=("kinds of e-mail",),
    export=preferences_export))
