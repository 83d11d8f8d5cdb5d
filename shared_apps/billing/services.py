"""Writes on billing: Stripe customers and subscriptions for cities, checkout, invoices,
the customer portal, and Stripe's webhook events (stored once, handled in a background job,
in any order).

With no STRIPE_SECRET_KEY billing is off: a city still gets its plan recorded, and nothing
talks to Stripe.
"""

import logging
import zoneinfo
from datetime import timedelta

import stripe
from django.conf import settings
from django.core import signing
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from innovato import formatting
from innovato.errors import ActionRefused
from shared_apps.billing.models import BillingAccount, Plan, StripeEvent
from shared_apps.billing.selectors import account_for_customer, billing_enabled, plan_for_code
from shared_apps.branding.email import mail_send
from tenants.models import City, CityRecord, ProvisioningJob
from tenants.notices import city_admins_tell
from tenants.selectors import site_url
from tenants.services import city_reactivate, city_record, city_suspend

logger = logging.getLogger(__name__)

PORTAL_LINK_SALT = "innovato.billing.portal"
BAD_STANDING = (BillingAccount.Status.PAST_DUE, BillingAccount.Status.UNPAID,
                BillingAccount.Status.CANCELED)
GOOD_STANDING = (BillingAccount.Status.ACTIVE, BillingAccount.Status.TRIALING)


def _stripe():
    """The stripe module, configured from settings (read at each call, so tests and
    deployments can change them)."""
    if not billing_enabled():
        raise ActionRefused(_("Billing is not configured on this network."),
                            code="billing_off")
    stripe.api_key = settings.STRIPE_SECRET_KEY
    if getattr(settings, "STRIPE_API_BASE", ""):
        stripe.api_base = settings.STRIPE_API_BASE
    return stripe


def _refuse_on_stripe_error(error: stripe.StripeError):
    logger.warning("Stripe refused a request: %s", error)
    raise ActionRefused(_("The payment provider could not be reached or refused the request. "
                          "Try again in a moment."), code="stripe_error") from error


# --- Plans -----------------------------------------------------------------------------------

def plan_stripe_ensure(*, plan: Plan) -> Plan:
    """Create the plan's Stripe product and recurring price once."""
    if plan.stripe_price_id:
        return plan
    client = _stripe()
    price_id = f"innovato-{plan.code}-{plan.amount_cents}-{plan.currency.lower()}-{plan.interval}"
    try:
        try:
            price = client.Plan.retrieve(price_id)
            product_id = price.to_dict()["product"]
        except stripe.InvalidRequestError:
            product = client.Product.create(name=f"Innovato {plan.name}",
                                            metadata={"plan": plan.code})
            price = client.Plan.create(id=price_id, product=product.id,
                                       amount=plan.amount_cents,
                                       currency=plan.currency.lower(), interval=plan.interval)
            product_id = product.id
    except stripe.StripeError as error:
        _refuse_on_stripe_error(error)
    plan.stripe_product_id = product_id if isinstance(product_id, str) else product_id.id
    plan.stripe_price_id = price.id
    plan.save(update_fields=["stripe_product_id", "stripe_price_id"])
    return plan


# --- Accounts --------------------------------------------------------------------------------

def billing_account_open(*, city: City, plan_code: str, email: str = "") -> BillingAccount:
    """Give `city` its plan and, with billing on, a Stripe customer and a subscription that
    starts with the plan's trial. Safe to run again: what exists is kept."""
    plan = plan_for_code(plan_code)
    if plan is None:
        raise ActionRefused(_("“%(plan)s” is not an available plan.") % {"plan": plan_code},
                            code="invalid_plan")
    account, _created = BillingAccount.objects.get_or_create(
        city=city, defaults={"plan": plan, "email": email})
    if not billing_enabled():
        return account
    client = _stripe()
    plan_stripe_ensure(plan=account.plan)
    try:
        if not account.stripe_customer_id:
            customer = client.Customer.create(
                name=city.name, email=email or None,
                metadata={"city": city.slug, "schema": city.schema_name},
                idempotency_key=f"innovato-customer-{city.pk}")
            account.stripe_customer_id = customer.id
            account.save(update_fields=["stripe_customer_id", "updated_at"])
        if not account.stripe_subscription_id:
            subscription = client.Subscription.create(
                customer=account.stripe_customer_id,
                items=[{"plan": account.plan.stripe_price_id}],
                trial_period_days=account.plan.trial_days or None,
                metadata={"city": city.slug},
                idempotency_key=f"innovato-subscription-{city.pk}")
            account.stripe_subscription_id = subscription.id
            account.status = subscription.to_dict().get("status") or BillingAccount.Status.TRIALING
            account.save(update_fields=["stripe_subscription_id", "status", "updated_at"])
    except stripe.StripeError as error:
        _refuse_on_stripe_error(error)
    return account


def billing_account_provision(job: ProvisioningJob) -> None:
    """The provisioning step billing adds (see BillingConfig.ready): a city onboarded with a
    plan gets its billing account before it opens."""
    if not job.plan_code:
        return
    billing_account_open(city=job.city, plan_code=job.plan_code, email=job.admin_email)


def billing_account_close(*, city: City) -> None:
    """Cancel the city's subscription (when the city is deleted)."""
    account = BillingAccount.objects.filter(city=city).first()
    if account is None:
        return
    if billing_enabled() and account.stripe_subscription_id:
        try:
            _stripe().Subscription.cancel(account.stripe_subscription_id)
        except stripe.StripeError as error:
            logger.warning("Could not cancel %s: %s", account.stripe_subscription_id, error)
    account.delete()


def billing_account_close_on_removal(sender, *, city: City, **kwargs) -> None:
    """Receiver of tenants' `city_removing`: a city that goes takes its account along."""
    if hasattr(city, "billing_account"):
        billing_account_close(city=city)


def _require_customer(account: BillingAccount) -> None:
    if not account.stripe_customer_id:
        raise ActionRefused(_("This city has no billing account with the payment provider."),
                            code="no_customer")


def checkout_session_create(*, account: BillingAccount, success_url: str,
                            cancel_url: str, by=None) -> str:
    """Stripe Checkout for paying the plan by card; returns the page to send the payer to."""
    client = _stripe()
    _require_customer(account)
    plan_stripe_ensure(plan=account.plan)
    try:
        session = client.checkout.Session.create(
            mode="subscription", customer=account.stripe_customer_id,
            line_items=[{"price": account.plan.stripe_price_id, "quantity": 1}],
            success_url=success_url, cancel_url=cancel_url,
            client_reference_id=account.city.slug, metadata={"city": account.city.slug})
    except stripe.StripeError as error:
        _refuse_on_stripe_error(error)
    _record(account.city, by, "checkout", {"session": session.id})
    return session.url


def invoice_issue(*, account: BillingAccount, by=None) -> str:
    """Payment by invoice: issue (create and finalize) the subscription's next invoice;
    returns its id."""
    client = _stripe()
    _require_customer(account)
    try:
        invoice = client.Invoice.create(customer=account.stripe_customer_id,
                                        subscription=account.stripe_subscription_id or None,
                                        description=_("Innovato plan %(plan)s")
                                        % {"plan": account.plan.name})
        invoice = client.Invoice.finalize_invoice(invoice.id)
    except stripe.StripeError as error:
        _refuse_on_stripe_error(error)
    _record(account.city, by, "invoice", {"invoice": invoice.id})
    return invoice.id


def portal_session_create(*, account: BillingAccount, return_url: str) -> str:
    """A Stripe customer-portal page where the city admin manages payment and invoices."""
    client = _stripe()
    _require_customer(account)
    try:
        session = client.billing_portal.Session.create(customer=account.stripe_customer_id,
                                                       return_url=return_url)
    except stripe.StripeError as error:
        _refuse_on_stripe_error(error)
    return session.url


def portal_link_token(*, account: BillingAccount) -> str:
    return signing.TimestampSigner(salt=PORTAL_LINK_SALT).sign(str(account.pk))


def portal_link_account(token: str) -> BillingAccount:
    """The account a portal link was made for; refused when forged or expired."""
    max_age = timedelta(days=getattr(settings, "BILLING_PORTAL_LINK_DAYS", 7))
    try:
        pk = signing.TimestampSigner(salt=PORTAL_LINK_SALT).unsign(token, max_age=max_age)
    except signing.BadSignature as error:
        raise ActionRefused(_("This billing link is not valid or has expired. Ask the network "
                              "for a new one."), code="bad_link") from error
    account = BillingAccount.objects.select_related("city", "plan").filter(pk=pk).first()
    if account is None:
        raise ActionRefused(_("This billing link is not valid or has expired. Ask the network "
                              "for a new one."), code="bad_link")
    return account


def portal_link_send(*, account: BillingAccount, link: str, by=None) -> list[str]:
    """E-mail the city's admins a link to the customer portal (through the hub, so it
    stays valid for days, while Stripe's own portal sessions last minutes)."""
    from shared_apps.accounts.models import Role, User

    with tenant_context(account.city):
        emails = [e for e in User.objects.filter(is_active=True, roles__contains=[
            Role.CITY_ADMIN]).exclude(email="").values_list("email", flat=True)]
    if account.email and account.email not in emails:
        emails.append(account.email)
    if not emails:
        raise ActionRefused(_("This city has no admin with an e-mail address yet."),
                            code="no_recipient")
    subject = _("Manage the Innovato subscription of %(city)s") % {"city": account.city.name}
    body = _("Open this link to see invoices and manage the payment method of %(city)s's "
             "Innovato subscription:\n\n%(link)s\n") % {"city": account.city.name, "link": link}
    mail_send(subject=subject, text=body, to=emails, base_url=site_url(account.city),
              sender=account.city)
    _record(account.city, by, "portal_link", {"to": emails})
    return emails


def _record(city: City, by, what: str, details: dict) -> None:
    city_record(city=city, action=CityRecord.Action.BILLING, by=by, note=what, details=details)


# --- Webhook events --------------------------------------------------------------------------

def event_receive(*, payload: bytes, signature: str) -> tuple[StripeEvent, bool]:
    """Verify a webhook delivery on its raw body and store the event once.

    Returns (event, is_new). A replay of a stored event only counts the delivery."""
    secret = getattr(settings, "STRIPE_WEBHOOK_SECRET", "")
    if not secret:
        raise ActionRefused(_("Billing webhooks are not configured."), code="billing_off")
    try:
        event = stripe.Webhook.construct_event(payload.decode("utf-8"), signature, secret)
    except (ValueError, UnicodeDecodeError) as error:
        raise ActionRefused(_("The event is not valid JSON."), code="invalid_payload") from error
    except stripe.SignatureVerificationError as error:
        if _signature_matches_ignoring_age(payload, signature, secret):
            raise ActionRefused(
                _("The event's timestamp is too old (more than %(minutes)s minutes): it may be "
                  "a replay. Check the server's clock, or resend the event from Stripe.")
                % {"minutes": stripe.Webhook.DEFAULT_TOLERANCE // 60},
                code="stale_timestamp") from error
        raise ActionRefused(_("The event's signature does not match."),
                            code="invalid_signature") from error
    data = event.to_dict()
    with transaction.atomic():
        stored, created = StripeEvent.objects.get_or_create(
            event_id=data["id"],
            defaults={"type": data.get("type", ""), "created": int(data.get("created") or 0),
                      "payload": data})
        if not created:
            StripeEvent.objects.filter(pk=stored.pk).update(deliveries=F("deliveries") + 1)
    return stored, created


def _signature_matches_ignoring_age(payload: bytes, signature: str, secret: str) -> bool:
    try:
        stripe.WebhookSignature.verify_header(payload.decode("utf-8"), signature, secret,
                                              tolerance=None)
    except (stripe.SignatureVerificationError, UnicodeDecodeError):
        return False
    return True


def _apply_status(account: BillingAccount, status: str, as_of: int) -> str:
    """Apply a subscription state known as of `as_of` (Stripe seconds), unless a newer
    event was applied already."""
    if as_of < account.state_as_of:
        return "stale: a newer event was applied already"
    account.status = status
    account.state_as_of = as_of
    grace_started = grace_ended = False
    if status in BAD_STANDING:
        if account.grace_until is None:
            account.grace_until = timezone.now() + timedelta(days=account.plan.grace_days)
            grace_started = True
    elif status in GOOD_STANDING:
        grace_ended = account.grace_until is not None
        account.grace_until = None
    account.save()
    if grace_started:
        _tell_grace_started(account)
    elif grace_ended and not account.suspended_for_nonpayment:
        # (a suspended city hears of its reactivation instead)
        _tell_grace_ended(account)
    if status in GOOD_STANDING and account.suspended_for_nonpayment:
        city = account.city
        if city.status == City.Status.SUSPENDED:
            city_reactivate(city=city, reason=_("Payment received."))
        account.suspended_for_nonpayment = False
        account.save(update_fields=["suspended_for_nonpayment", "updated_at"])
        return f"{status}: city reactivated"
    return status


def _tell_grace_started(account: BillingAccount) -> None:
    city = account.city

    def message() -> tuple[str, str]:
        until = formatting.datetime(account.grace_until, tz=zoneinfo.ZoneInfo(city.timezone))
        return (
            _("A payment for %(city)s's Innovato subscription failed") % {"city": city.name},
            _("The last payment for the Innovato subscription of %(city)s did not go "
              "through. The platform stays open until %(until)s; please update the payment "
              "method before then, or the city will be suspended until the payment arrives.")
            % {"city": city.name, "until": until})

    city_admins_tell(city=city, message=message)


def _tell_grace_ended(account: BillingAccount) -> None:
    city = account.city
    city_admins_tell(city=city, message=lambda: (
        _("Payment received for %(city)s's Innovato subscription") % {"city": city.name},
        _("Thank you: the payment for the Innovato subscription of %(city)s was received "
          "and the grace period is over.") % {"city": city.name}))


def portal_link_notice(city: City) -> str:
    """The line every notice to `city`'s admins carries: a link to the billing portal, valid
    for days, on the hub (a suspended city's own site refuses sign-ins)."""
    account = BillingAccount.objects.filter(city=city).first()
    if account is None or not billing_enabled():
        return ""
    link = f"{site_url(City.hub())}/billing/portal/{portal_link_token(account=account)}/"
    return _("Invoices and payment method: %(link)s") % {"link": link}


def _handle(event: StripeEvent) -> str:
    obj = event.payload.get("data", {}).get("object", {}) or {}
    kind = event.type
    account = account_for_customer(obj.get("customer") or "")
    if account is None:
        return "ignored: no city for this customer"
    if kind.startswith("customer.subscription."):
        if obj.get("id"):
            account.stripe_subscription_id = obj["id"]
        status = (BillingAccount.Status.CANCELED if kind.endswith(".deleted")
                  else obj.get("status", account.status))
        return _apply_status(account, status, event.created)
    if kind == "invoice.payment_failed":
        return _apply_status(account, BillingAccount.Status.PAST_DUE, event.created)
    if kind in ("invoice.paid", "invoice.payment_succeeded"):
        return _apply_status(account, BillingAccount.Status.ACTIVE, event.created)
    if kind == "checkout.session.completed":
        if obj.get("subscription"):
            account.stripe_subscription_id = obj["subscription"]
        if obj.get("payment_status") in ("paid", "no_payment_required", None):
            return _apply_status(account, BillingAccount.Status.ACTIVE, event.created)
        account.save()
        return "checkout completed, payment pending"
    return "ignored: not a type we act on"


def event_process(*, event_id: int) -> str:
    """Handle a stored event exactly once (the row is locked; a processed event is skipped),
    then suspend any city whose grace period is over."""
    with transaction.atomic():
        event = StripeEvent.objects.select_for_update().filter(pk=event_id).first()
        if event is None:
            return "missing"
        if event.processed_at is not None:
            return "already processed"
        outcome = _handle(event)
        event.processed_at = timezone.now()
        event.outcome = outcome[:200]
        event.save(update_fields=["processed_at", "outcome"])
    grace_periods_enforce()
    return outcome


def grace_periods_enforce(*, now=None) -> int:
    """Suspend the cities whose payment failed and whose grace period is over."""
    now = now or timezone.now()
    overdue = BillingAccount.objects.select_related("city", "plan").filter(
        status__in=BAD_STANDING, grace_until__lte=now, city__status=City.Status.ACTIVE)
    count = 0
    for account in overdue:
        with transaction.atomic():
            city_suspend(city=account.city, reason=_("Payment overdue after the grace period."))
            account.suspended_for_nonpayment = True
            account.save(update_fields=["suspended_for_nonpayment", "updated_at"])
        count += 1
    return count
