from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "tenant_apps.notifications"
    label = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        # Each app writes the texts of its own kinds of notification.
        from django.utils.module_loading import autodiscover_modules

        from innovato.personal_data import CITY
        from tenant_apps.notifications.services import personal_data_notify
        from tenant_apps.privacy.messages import messenger_set

        autodiscover_modules("notification_texts")
        # In a city, people hear of their personal data requests in their notifications.
        messenger_set(CITY, personal_data_notify)
