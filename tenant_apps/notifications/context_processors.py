from django.http import HttpRequest

from tenant_apps.notifications.selectors import unread_count


def unread(request: HttpRequest) -> dict:
    """`unread_notifications` for the navigation of a signed-in person on a city site."""
    tenant = getattr(request, "tenant", None)
    user = getattr(request, "user", None)  # absent on pages answered before authentication
    # The hub's schema has no notifications table.
    if tenant is None or tenant.is_hub or user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user=user)}
