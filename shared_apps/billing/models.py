"""Billing on the hub: plans, each city's Stripe customer and subscription, and every Stripe
event received (stored by its id, so each is processed exactly once)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from tenants.models import City


class Plan(models.Model):
    """A plan partner admins can put a city on; mirrored in Stripe as a recurring price."""

    class Interval(models.TextChoices):
        MONTH = "month", _("Monthly")
        YEAR = "year", _("Yearly")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    amount_cents = models.PositiveIntegerField(_("price (cents)"))
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    interval = models.CharField(_("billed"), max_length=8, choices=Interval.choices,
                                default=Interval.MONTH)
    trial_days = models.PositiveIntegerField(_("trial days"), default=30)
    grace_days = models.PositiveIntegerField(
        _("grace days"), default=14,
        help_text=_("Days a city stays open after a failed payment before it is suspended."))
    is_active = models.BooleanField(_("offered"), default=True)
    stripe_product_id = models.CharField(max_length=100, blank=True)
    stripe_price_id = models.CharField(max_length=100, blank=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["amount_cents"]

    def __str__(self) -> str:
        return self.name


class BillingAccount(models.Model):
    """A city's plan and, with billing on, its Stripe customer and subscription."""

    class Status(models.TextChoices):
        NONE = "none", _("Not billed")
        TRIALING = "trialing", _("Trial")
        ACTIVE = "active", _("Paid")
        PAST_DUE = "past_due", _("Payment failed")
        UNPAID = "unpaid", _("Unpaid")
        CANCELED = "canceled", _("Cancelled")
        INCOMPLETE = "incomplete", _("Incomplete")

    city = models.OneToOneField(City, on_delete=models.CASCADE, related_name="billing_account",
                                verbose_name=_("city"))
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="accounts",
                             verbose_name=_("plan"))
    email = models.EmailField(_("billing e-mail"), blank=True)
    stripe_customer_id = models.CharField(max_length=100, blank=True, db_index=True)
    stripe_subscription_id = models.CharField(max_length=100, blank=True, db_index=True)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.NONE)
    # Stripe's `created` (seconds) of the newest event applied; older events change nothing.
    state_as_of = models.BigIntegerField(default=0)
    grace_until = models.DateTimeField(_("grace period ends"), null=True, blank=True)
    suspended_for_nonpayment = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("billing account")
        verbose_name_plural = _("billing accounts")

    def __str__(self) -> str:
        return f"{self.city.slug}: {self.plan.code}"


class StripeEvent(models.Model):
    """A webhook event, stored before it is handled; its id makes replays harmless."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    created = models.BigIntegerField()
    payload = models.JSONField()
    received_at = models.DateTimeField(auto_now_add=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    deliveries = models.PositiveIntegerField(default=1)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["-created", "-id"]

    def __str__(self) -> str:
        return f"{self.event_id} {self.type}"
