"""Reads of billing."""

from django.conf import settings
from django.db.models import QuerySet

from shared_apps.billing.models import BillingAccount, Plan


def billing_enabled() -> bool:
    """Billing is on when a Stripe secret key is configured."""
    return bool(getattr(settings, "STRIPE_SECRET_KEY", ""))


def plans_offered() -> QuerySet[Plan]:
    return Plan.objects.filter(is_active=True).order_by("amount_cents")


def plan_choices() -> list[tuple[str, str]]:
    """The plans offered, as (code, name), for onboarding (see BillingConfig.ready)."""
    return [(plan.code, plan.name) for plan in plans_offered()]


def plan_for_code(code: str) -> Plan | None:
    return plans_offered().filter(code=code).first()


def account_for_customer(customer_id: str) -> BillingAccount | None:
    if not customer_id:
        return None
    return (BillingAccount.objects.select_related("city", "plan")
            .filter(stripe_customer_id=customer_id).first())
