"""A city's admins hear from the network, in their city's language, whenever their city is
suspended, reactivated or archived, or a payment fails and a grace period starts or ends;
each message carries the link to the billing portal. Grace periods end on time even on a
machine without a job broker."""

import re
import time

import pytest
from django.core import mail
from django.utils import timezone

from shared_apps.accounts.models import Role
from shared_apps.billing.models import BillingAccount
from shared_apps.billing.tests.conftest import event, sign
from tenants.models import City
from tenants.services import city_onboard, provisioning_run

pytestmark = pytest.mark.django_db


@pytest.fixture
def gent(billing_on, make_user):
    """A Dutch-speaking city on a paid plan, with two admins and an employee."""
    job = provisioning_run(job=city_onboard(
        name="Gent", slug="gent", country="BE", default_language="nl",
        enabled_languages=["nl", "en"], admin_email="", plan="starter"))
    city = City.objects.get(pk=job.city_id)
    make_user(city, username="an", email="an@gent.example",
              roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    make_user(city, username="bo", email="bo@gent.example",
              roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    make_user(city, username="staff", email="staff@gent.example")
    return city


@pytest.fixture
def partner(api_for, hub):
    return api_for(hub, roles=[Role.PARTNER_ADMIN])


def post_event(client, payload: bytes):
    return client.post("/billing/webhook/", payload, content_type="application/json",
                       HTTP_STRIPE_SIGNATURE=sign(payload))


def portal_link_works(client_for, hub, message) -> bool:
    link = re.search(r"http://localhost(?::\d+)?(/billing/portal/\S+/)", message.body)
    return bool(link) and client_for(hub).get(link.group(1)).status_code == 302


@pytest.mark.parametrize(("action", "subject_word"), [
    ("suspend", "opgeschort"), ("archive", "gearchiveerd")])
def test_admins_are_told_in_the_citys_language_with_the_portal_link(
        gent, partner, client_for, hub, django_capture_on_commit_callbacks, action,
        subject_word):
    with django_capture_on_commit_callbacks(execute=True):
        response = partner.post(f"/api/v1/cities/gent/{action}/",
                                {"confirm": "gent", "reason": "Contract niet verlengd"},
                                content_type="application/json")
    assert response.status_code == 200
    [message] = mail.outbox
    assert sorted(message.to) == ["an@gent.example", "bo@gent.example"]
    assert subject_word in message.subject and "Gent" in message.subject
    assert "Contract niet verlengd" in message.body
    assert portal_link_works(client_for, hub, message)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        partner.post("/api/v1/cities/gent/reactivate/", content_type="application/json")
    [reopened] = mail.outbox
    assert "weer open" in reopened.subject


def test_a_failed_payment_starts_a_grace_period_the_admins_hear_of(
        gent, client_for, hub, django_capture_on_commit_callbacks):
    account = BillingAccount.objects.get(city=gent)
    now = int(time.time())
    with django_capture_on_commit_callbacks(execute=True):
        post_event(client_for(hub), event("invoice.payment_failed",
                                          {"customer": account.stripe_customer_id},
                                          created=now))
    [message] = mail.outbox
    account.refresh_from_db()
    assert "betaling" in message.subject.lower()
    day = str(timezone.localtime(account.grace_until).day)
    assert day in message.body  # until when the city stays open
    assert portal_link_works(client_for, hub, message)

    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_event(client_for(hub), event("invoice.paid",
                                          {"customer": account.stripe_customer_id},
                                          created=now + 5))
    [paid] = mail.outbox
    assert "ontvangen" in paid.body


def test_without_a_broker_the_grace_period_ends_on_time(
        gent, client_for, hub, settings, django_capture_on_commit_callbacks):
    """No further Stripe event arrives: the next request anywhere on the network, after the
    grace period, suspends the city and tells its admins."""
    settings.RUN_CITY_JOBS_IN_PROCESS = True
    account = BillingAccount.objects.get(city=gent)
    post_event(client_for(hub), event("invoice.payment_failed",
                                      {"customer": account.stripe_customer_id},
                                      created=int(time.time())))
    assert client_for(gent).get("/").status_code == 200
    # the grace period runs out
    BillingAccount.objects.filter(pk=account.pk).update(
        grace_until=timezone.now() - timezone.timedelta(minutes=1))
    mail.outbox.clear()
    from django.core.cache import caches

    caches["routing"].clear()  # a new minute for the in-process scheduler
    with django_capture_on_commit_callbacks(execute=True):
        client_for(hub).get("/")
    gent.refresh_from_db()
    assert gent.status == City.Status.SUSPENDED
    assert client_for(gent).get("/").status_code == 503
    assert any("opgeschort" in message.subject for message in mail.outbox)


def test_the_scheduler_command_ends_grace_periods_too(gent, client_for, hub):
    from django.core.management import call_command

    account = BillingAccount.objects.get(city=gent)
    post_event(client_for(hub), event("invoice.payment_failed",
                                      {"customer": account.stripe_customer_id},
                                      created=int(time.time())))
    BillingAccount.objects.filter(pk=account.pk).update(
        grace_until=timezone.now() - timezone.timedelta(minutes=1))
    call_command("run_city_jobs")
    gent.refresh_from_db()
    assert gent.status == City.Status.SUSPENDED
