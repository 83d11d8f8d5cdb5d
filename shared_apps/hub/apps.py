from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "shared_apps.hub"
    label = "hub"
    verbose_name = _("Network hub")

    def ready(self) -> None:
        from innovato.personal_data import HUB
        from shared_apps.hub import boundary
        from shared_apps.hub.personal_data import staff_email
        from tenant_apps.privacy.messages import messenger_set

        # The crossing to the cities listens to both sides and runs its jobs in each city.
        boundary.connect()
        # Hub staff hear of their personal data requests by e-mail.
        messenger_set(HUB, staff_email)
