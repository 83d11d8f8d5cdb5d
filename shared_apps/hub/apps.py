from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HubConfig(AppConfig):
    name = "shared_apps.hub"
    label = "hub"
    verbose_name = _("Network hub")

    def ready(self) -> None:
        from shared_apps.hub import boundary

        # The crossing to the cities listens to both sides and runs its jobs in each city.
        boundary.connect()
