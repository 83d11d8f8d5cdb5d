from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "tenant_apps.calls"
    label = "calls"
    verbose_name = _("Calls")

    def ready(self) -> None:
        from tenant_apps.calls.services import call_phases_advance
        from tenants.scheduling import CITY_CYCLE, city_job_add

        # Published calls move to the phase their dates say, in every city, every minute.
        city_job_add(call_phases_advance, rank=CITY_CYCLE)
