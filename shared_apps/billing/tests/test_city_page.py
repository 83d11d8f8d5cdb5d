"""City admins see their city's plan and reach the customer portal from their own site."""

import pytest

from shared_apps.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_city_admins_see_billing_and_employees_do_not(cluj, signed_in):
    page = signed_in(cluj, roles=[Role.CITY_ADMIN]).get("/billing/")
    assert page.status_code == 200
    assert "Billing" in page.text
    assert signed_in(cluj).get("/billing/").status_code == 403


def test_portal_without_an_account_is_refused_clearly(cluj, signed_in, settings):
    from shared_apps.billing.models import BillingAccount

    BillingAccount.objects.filter(city=cluj).delete()
    response = signed_in(cluj, roles=[Role.CITY_ADMIN]).post("/billing/portal/")
    assert response.status_code == 409
    assert "no billing account" in response.text
