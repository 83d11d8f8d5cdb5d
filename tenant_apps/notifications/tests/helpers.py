from django_tenants.utils import tenant_context

from tenant_apps.notifications.models import Kind, Notification
from tenant_apps.notifications.services import notify


def notify_one(city, user, *, title="Your proposal was shortlisted", kind=Kind.DECISION,
               url="", body="The committee liked it.", params=None) -> Notification:
    """One notification to `user` inside `city`'s schema: made by `notify` from `params`
    the way services make them, or, without params, a row with its text stored (as rows
    written before texts were rendered at read time)."""
    with tenant_context(city):
        if params is not None:
            [notification] = notify(recipients=[user], kind=kind, params=params, url=url)
            return notification
        return Notification.objects.create(recipient=user, kind=kind, title=title, body=body,
                                           url=url)


def reload(city, notification: Notification) -> Notification:
    with tenant_context(city):
        return Notification.objects.get(pk=notification.pk)
