from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "shared_apps.billing"
    label = "billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        from shared_apps.billing.services import grace_periods_enforce, portal_link_notice
        from tenants.notices import NOTICE_LINK_PROVIDERS
        from tenants.scheduling import NETWORK_JOBS

        # Billing adds itself to the network's notices and schedule; tenants never imports
        # billing for either.
        if portal_link_notice not in NOTICE_LINK_PROVIDERS:
            NOTICE_LINK_PROVIDERS.append(portal_link_notice)
        if grace_periods_enforce not in NETWORK_JOBS:
            NETWORK_JOBS.append(grace_periods_enforce)
