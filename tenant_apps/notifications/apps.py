from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "tenant_apps.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Each app writes the texts of its own kinds of notification.
        from django.utils.module_loading import autodiscover_modules

        autodiscover_modules("notification_texts")
