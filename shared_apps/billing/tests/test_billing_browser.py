"""In Chromium: the buttons that lead to Stripe (Checkout for a partner admin on the hub, the
customer portal for a city admin) still get there under the Content-Security-Policy. Chrome
checks a form's redirect against `form-action`, so these pages allow Stripe's origin there."""

import re

import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.accounts.services import user_create
from shared_apps.billing.services import billing_account_open
from tenants.models import CityRecord
from tests.browser import (  # noqa: F401
    PASSWORD,
    browser,
    hub_users_delete,
    live_city,
    needs_chromium,
    sign_in,
)

pytestmark = needs_chromium


@pytest.fixture
def billed(live_city, billing_on, django_db_blocker):
    """The live city with a Stripe customer (on the emulator), its admin, and a partner
    admin on the hub; committed, as the live server's threads must see them."""
    city, base = live_city
    with tenant_context(city):
        user_create(username="admin", password=PASSWORD, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    connection.set_schema_to_public()
    with django_db_blocker.unblock():
        billing_account_open(city=city, plan_code="starter", email="admin@example.org")
        partner = user_create(username="csp-partner", password=PASSWORD,
                              roles=[Role.PARTNER_ADMIN])
    yield city, base, re.sub(r"//[^.]+\.", "//", base)
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        CityRecord.objects.filter(by_id=partner.pk).delete()
        hub_users_delete([partner.pk])


def _violations(page) -> list[str]:
    found: list[str] = []
    page.on("console", lambda message: found.append(message.text)
            if "Content Security Policy" in message.text else None)
    return found


def test_checkout_and_portal_buttons_reach_stripe(billed, billing_on, browser):
    city, base, hub = billed
    stripe_pages = re.compile(re.escape(billing_on.base) + r"/(checkout|portal)/")

    partner = sign_in(browser, hub, "csp-partner")
    violations = _violations(partner)
    partner.goto(f"{hub}/partners/cities/{city.slug}/")
    partner.get_by_role("button", name="Pay by card (checkout)").click()
    try:
        partner.wait_for_url(re.compile(re.escape(billing_on.base) + r"/checkout/cs_test_"),
                             timeout=10_000)
    finally:
        assert violations == []

    admin = sign_in(browser, base, "admin")
    violations = _violations(admin)
    admin.goto(f"{base}/billing/")
    admin.get_by_role("button", name="Manage payment method and invoices").click()
    admin.wait_for_url(stripe_pages, timeout=10_000)
    assert "/portal/bps_" in admin.url
    assert violations == []
