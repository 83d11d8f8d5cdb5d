from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ImplementationConfig(AppConfig):
    name = "tenant_apps.implementation"
    label = "implementation"
    verbose_name = _("Implementation")

    def ready(self) -> None:
        from tenant_apps.implementation.services import milestones_notify_overdue
        from tenants.scheduling import CITY_CYCLE, city_job_add

        city_job_add(milestones_notify_overdue, rank=CITY_CYCLE)
