from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "tenant_apps.privacy"
    label = "privacy"
    verbose_name = _("Personal data")

    def ready(self) -> None:
        from django.utils.module_loading import autodiscover_modules

        from tenant_apps.privacy.services import privacy_jobs_run
        from tenants.scheduling import CITY_CYCLE, NETWORK_JOBS, city_job_add

        # Each app describes the personal data it keeps in a `personal_data` module, which
        # registers in innovato.personal_data (found here, when Django starts).
        autodiscover_modules("personal_data")
        # Expired copies deleted, automatic erasures and the daily retention, in every city
        # and on the hub (for its staff's data).
        city_job_add(privacy_jobs_run, rank=CITY_CYCLE + 5)
        if privacy_jobs_run not in NETWORK_JOBS:
            NETWORK_JOBS.append(privacy_jobs_run)
