from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BillingConfig(AppConfig):
    name = "shared_apps.billing"
    label = "billing"
    verbose_name = _("Billing")

    def ready(self) -> None:
        from shared_apps.billing.csp import stripe_form_action
        from shared_apps.billing.selectors import plan_choices
        from shared_apps.billing.services import (
            billing_account_close_on_removal,
            billing_account_provision,
            grace_periods_enforce,
            portal_link_notice,
        )
        from shared_apps.billing.views import partner_city_section
        from tenants.notices import NOTICE_LINK_PROVIDERS
        from tenants.provisioning import PLAN_CATALOGUES, provisioning_step_add
        from tenants.scheduling import NETWORK_JOBS
        from tenants.signals import city_removing
        from tenants.views import CITY_PAGE_POLICY, CITY_PAGE_SECTIONS

        # Billing adds itself to the cities' onboarding, lifecycle, notices, schedule and
        # pages; tenants never imports billing.
        provisioning_step_add(code="billing", label="Open the billing account",
                              run=billing_account_provision, before="activate")
        for registry, entry in ((PLAN_CATALOGUES, plan_choices),
                                (NOTICE_LINK_PROVIDERS, portal_link_notice),
                                (NETWORK_JOBS, grace_periods_enforce),
                                (CITY_PAGE_SECTIONS, partner_city_section),
                                (CITY_PAGE_POLICY, stripe_form_action)):
            if entry not in registry:
                registry.append(entry)
        city_removing.connect(billing_account_close_on_removal, dispatch_uid="billing.close")
