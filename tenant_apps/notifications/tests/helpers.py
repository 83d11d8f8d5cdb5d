from django_tenants.utils import tenant_context

from tenant_apps.notifications.models import Kind, Notification
from tenant_apps.notifications.services import notify


def notify_one(city, user, *, title="Your proposal was shortlisted", kind=Kind.DECISION,
               url="", body="The committee liked it.") -> Notification:
    """One notification to `user`, made inside `city`'s schema the way services make them."""
    with tenant_context(city):
        [notification] = notify(recipients=[user], kind=kind, message=lambda: (title, body),
                                url=url)
    return notification


def reload(city, notification: Notification) -> Notification:
    with tenant_context(city):
        return Notification.objects.get(pk=notification.pk)
