"""Billing through the real stripe library, over HTTP, against localstripe plus a small
local front for what it lacks; webhooks with real signatures."""

import re
import time

import pytest
import stripe
from django.core import mail
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.billing.models import BillingAccount, StripeEvent
from shared_apps.billing.services import grace_periods_enforce
from shared_apps.billing.tests.conftest import event, sign
from tenants.models import City, CityRecord, ProvisioningJob
from tenants.services import ProvisioningFailed, city_onboard, provisioning_retry, provisioning_run

pytestmark = pytest.mark.django_db


def onboard(slug="ghent", plan="starter", **extra):
    job = city_onboard(name=slug.title(), slug=slug, country="BE", default_language="en",
                       enabled_languages=["en"], admin_email=f"admin@{slug}.example",
                       plan=plan, **extra)
    return provisioning_run(job=job)


@pytest.fixture
def billed_city(billing_on):
    job = onboard()
    return City.objects.get(pk=job.city_id)


def post_event(client, payload: bytes, signature: str | None = None):
    return client.post("/billing/webhook/", payload, content_type="application/json",
                       HTTP_STRIPE_SIGNATURE=signature if signature is not None
                       else sign(payload))


@pytest.fixture
def hub_client(client_for, hub):
    return client_for(hub)


def test_each_city_gets_a_stripe_customer_and_subscription(billed_city, billing_on):
    account = BillingAccount.objects.get(city=billed_city)
    assert account.plan.code == "starter"
    assert account.stripe_customer_id.startswith("cus_")
    assert account.stripe_subscription_id.startswith("sub_")
    customer = stripe.Customer.retrieve(account.stripe_customer_id)
    assert customer.metadata["city"] == "ghent"
    subscription = stripe.Subscription.retrieve(account.stripe_subscription_id)
    assert subscription.customer == account.stripe_customer_id
    # A plan with trial days starts trialing, as Stripe documents (no payment asked yet)
    assert subscription.status == account.status == "trialing"
    assert subscription.trial_end > time.time() + (account.plan.trial_days - 1) * 86400
    assert account.plan.stripe_price_id
    # the plan is created in Stripe once and reused
    onboard(slug="bruges")
    assert BillingAccount.objects.get(city__slug="bruges").plan.stripe_price_id == \
        account.plan.stripe_price_id


def test_a_provider_outage_stops_provisioning_and_a_retry_finishes(billing_on, settings,
                                                                   client_for, hub):
    from shared_apps.billing.tests.stripe_emulator import free_port

    settings.STRIPE_API_BASE = f"http://127.0.0.1:{free_port()}"  # nothing listens there
    job = city_onboard(name="Ypres", slug="ypres", country="BE", default_language="en",
                       enabled_languages=["en"], plan="starter")
    with pytest.raises(ProvisioningFailed) as failure:
        provisioning_run(job=job)
    assert failure.value.step == "billing"
    job.refresh_from_db()
    assert job.state == ProvisioningJob.State.FAILED
    assert job.steps_done == ["schema", "domains", "admin"]
    assert client_for(hub).get("/", HTTP_HOST="ypres.localhost").status_code == 404
    settings.STRIPE_API_BASE = billing_on.base
    job = provisioning_retry(job=job)
    assert job.state == ProvisioningJob.State.DONE
    assert client_for(hub).get("/", HTTP_HOST="ypres.localhost").status_code == 200
    assert BillingAccount.objects.get(city__slug="ypres").stripe_subscription_id


def test_checkout_invoice_and_portal_link(billed_city, billing_on, signed_in, hub, make_user,
                                          hub_client):
    make_user(billed_city, username="boss", roles=[Role.CITY_ADMIN, Role.EMPLOYEE],
              email="boss@ghent.example")
    browser = signed_in(hub, roles=[Role.PARTNER_ADMIN])
    page = browser.get("/partners/cities/ghent/")
    assert "Pay by card" in page.text
    checkout = browser.post("/partners/cities/ghent/billing/checkout/")
    assert checkout.status_code == 302
    assert checkout["Location"].startswith(f"{billing_on.base}/checkout/cs_test_")
    sent = [form for method, path, form in billing_on.requests
            if path == "/v1/checkout/sessions"][-1]
    account = BillingAccount.objects.get(city=billed_city)
    assert sent["customer"] == account.stripe_customer_id
    assert sent["line_items[0][price]"] == account.plan.stripe_price_id
    assert sent["mode"] == "subscription"

    issued = browser.post("/partners/cities/ghent/billing/invoice/")
    assert issued.status_code in (302, 409)  # localstripe may have nothing to invoice yet

    assert browser.post("/partners/cities/ghent/billing/portal-link/").status_code == 302
    message = mail.outbox[-1]
    assert "boss@ghent.example" in message.to
    link = re.search(r"http://localhost(/billing/portal/\S+/)", message.body).group(1)
    portal = hub_client.get(link)
    assert portal.status_code == 302
    assert portal["Location"].startswith(f"{billing_on.base}/portal/bps_")
    forged = hub_client.get("/billing/portal/1:forged:sig/")
    assert forged.status_code == 409
    assert CityRecord.objects.filter(city=billed_city, action="billing").count() >= 2


def test_api_billing_for_partner_admins(billed_city, billing_on, api_for, hub):
    partner = api_for(hub, roles=[Role.PARTNER_ADMIN])
    assert partner.get("/api/v1/billing/plans/").json()["count"] >= 2
    account = partner.get("/api/v1/billing/cities/ghent/").json()
    assert account["status"] in ("trialing", "incomplete")
    assert account["billing_enabled"] is True
    url = partner.post("/api/v1/billing/cities/ghent/checkout/").json()["url"]
    assert url.startswith(f"{billing_on.base}/checkout/")
    assert api_for(hub, roles=[Role.COORDINATOR]).post(
        "/api/v1/billing/cities/ghent/checkout/").status_code == 403


def test_a_valid_webhook_is_processed(billed_city, hub_client):
    account = BillingAccount.objects.get(city=billed_city)
    payload = event("invoice.paid", {"id": "in_1", "customer": account.stripe_customer_id},
                    created=int(time.time()))
    response = post_event(hub_client, payload)
    assert response.status_code == 200
    assert response.json() == {"received": True, "duplicate": False}
    stored = StripeEvent.objects.get(event_id="evt_invoice_paid_" + payload.decode().split(
        '"created": ')[1].split(",")[0])
    assert stored.processed_at is not None
    account.refresh_from_db()
    assert account.status == "active"


def test_an_invalid_signature_is_refused_and_nothing_stored(billed_city, hub_client):
    account = BillingAccount.objects.get(city=billed_city)
    payload = event("invoice.payment_failed", {"customer": account.stripe_customer_id},
                    created=int(time.time()))
    for signature in ("", "t=1,v1=00", sign(payload, secret="whsec_other"),
                      sign(payload + b" ")):
        response = post_event(hub_client, payload, signature)
        assert response.status_code == 400
    assert "signature" in response.json()["detail"]
    # a signature of the right body but too old (replay window) is refused, and says so
    old = sign(payload, timestamp=int(time.time()) - 3600)
    stale = post_event(hub_client, payload, old)
    assert stale.status_code == 400
    assert stale.json()["code"] == "stale_timestamp"
    assert "too old" in stale.json()["detail"]
    assert "signature" not in stale.json()["detail"]
    # a wrong signature with an old timestamp is still a wrong signature
    forged = post_event(hub_client, payload, sign(payload, secret="whsec_other",
                                                  timestamp=int(time.time()) - 3600))
    assert forged.json()["code"] == "invalid_signature"
    assert not StripeEvent.objects.exists()
    assert BillingAccount.objects.get(pk=account.pk).status == account.status


def test_a_replayed_event_is_processed_once(billed_city, hub_client):
    account = BillingAccount.objects.get(city=billed_city)
    payload = event("invoice.payment_failed", {"customer": account.stripe_customer_id},
                    created=int(time.time()), event_id="evt_replayed")
    answers = [post_event(hub_client, payload).json() for _ in range(4)]
    assert [a["duplicate"] for a in answers] == [False, True, True, True]
    stored = StripeEvent.objects.get(event_id="evt_replayed")
    assert stored.deliveries == 4
    account.refresh_from_db()
    assert account.status == "past_due"
    grace = account.grace_until
    assert grace is not None
    assert CityRecord.objects.filter(city=billed_city, action="suspend").count() == 0


def test_events_out_of_order_keep_the_newest_state(billed_city, hub_client):
    account = BillingAccount.objects.get(city=billed_city)
    customer = account.stripe_customer_id
    now = int(time.time())
    newer = event("invoice.paid", {"customer": customer}, created=now)
    older = event("invoice.payment_failed", {"customer": customer}, created=now - 60)
    sub_older = event("customer.subscription.updated",
                      {"id": account.stripe_subscription_id, "customer": customer,
                       "status": "past_due"}, created=now - 30)
    for payload in (newer, older, sub_older):
        assert post_event(hub_client, payload).status_code == 200
    account.refresh_from_db()
    assert account.status == "active"
    assert account.grace_until is None
    assert StripeEvent.objects.filter(outcome__startswith="stale").count() == 2


def test_failed_payment_grace_period_then_suspension_then_payment_reactivates(
        billed_city, hub_client, client_for):
    account = BillingAccount.objects.get(city=billed_city)
    customer = account.stripe_customer_id
    now = int(time.time())
    post_event(hub_client, event("invoice.payment_failed", {"customer": customer},
                                 created=now))
    account.refresh_from_db()
    assert account.status == "past_due"
    assert client_for(billed_city).get("/").status_code == 200  # still open in the grace
    assert grace_periods_enforce() == 0
    later = account.grace_until + timezone.timedelta(seconds=1)
    assert grace_periods_enforce(now=later) == 1
    billed_city.refresh_from_db()
    assert billed_city.status == City.Status.SUSPENDED
    assert client_for(billed_city).get("/").status_code == 503
    post_event(hub_client, event("invoice.paid", {"customer": customer}, created=now + 5))
    billed_city.refresh_from_db()
    assert billed_city.status == City.Status.ACTIVE
    account.refresh_from_db()
    assert account.suspended_for_nonpayment is False
    assert client_for(billed_city).get("/").status_code == 200


def test_payment_does_not_reopen_a_city_a_partner_admin_suspended(billed_city, hub_client):
    from tenants.services import city_suspend

    city_suspend(city=billed_city, reason="Manual")
    account = BillingAccount.objects.get(city=billed_city)
    post_event(hub_client, event("invoice.paid", {"customer": account.stripe_customer_id},
                                 created=int(time.time())))
    billed_city.refresh_from_db()
    assert billed_city.status == City.Status.SUSPENDED


def test_checkout_completed_records_the_subscription(billed_city, hub_client):
    account = BillingAccount.objects.get(city=billed_city)
    post_event(hub_client, event("checkout.session.completed", {
        "customer": account.stripe_customer_id, "subscription": "sub_from_checkout",
        "payment_status": "paid"}, created=int(time.time())))
    account.refresh_from_db()
    assert account.stripe_subscription_id == "sub_from_checkout"
    assert account.status == "active"


def test_billing_off_everything_else_works(settings, client_for, hub):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_WEBHOOK_SECRET = ""
    job = onboard(slug="arlon")
    assert job.state == ProvisioningJob.State.DONE
    account = BillingAccount.objects.get(city__slug="arlon")
    assert account.plan.code == "starter"
    assert account.stripe_customer_id == ""
    assert client_for(hub).get("/", HTTP_HOST="arlon.localhost").status_code == 200
    payload = event("invoice.paid", {"customer": "cus_x"}, created=1)
    assert post_event(client_for(hub), payload).status_code == 400


def test_the_webhook_is_on_the_hub_only(billed_city, client_for, cluj):
    payload = event("invoice.paid", {"customer": "cus_x"}, created=1)
    assert post_event(client_for(cluj), payload).status_code == 404


def test_invitation_still_in_the_city(billed_city):
    from shared_apps.accounts.models import Invitation

    with tenant_context(billed_city):
        assert Invitation.objects.filter(email="admin@ghent.example").exists()
