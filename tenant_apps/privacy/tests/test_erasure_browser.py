"""In Chromium: an employee asks to be erased on their personal data page, a city admin
confirms it on the data protection page, and the employee's session is over."""

import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.accounts.services import user_create
from tests.browser import PASSWORD, browser, live_city, needs_chromium, sign_in  # noqa: F401

pytestmark = needs_chromium


@pytest.fixture
def people(live_city, django_db_blocker):
    city, base = live_city
    with django_db_blocker.unblock(), tenant_context(city):
        user_create(username="dpo", password=PASSWORD, roles=[Role.CITY_ADMIN, Role.EMPLOYEE],
                    first_name="Dana", last_name="Protector")
        user_create(username="ilie.marin4", password=PASSWORD, roles=[Role.EMPLOYEE],
                    first_name="Ilie", last_name="Marin", email="ilie.marin@city.test")
    return city, base


def test_request_then_admin_confirmation(people, browser):
    _city, base = people
    employee = sign_in(browser, base, "ilie.marin4")
    employee.locator("button[aria-controls=menu-user]").click()
    employee.get_by_role("link", name="My personal data").click()
    employee.wait_for_url(f"{base}/privacy/")
    employee.get_by_role("button", name="Ask for my account to be erased").click()
    # Not ticked: nothing is asked, and the person reads why.
    assert employee.get_by_text("Tick the box to confirm.").is_visible()
    employee.get_by_label("I understand that my name").check()
    employee.get_by_role("button", name="Ask for my account to be erased").click()
    employee.get_by_text("A city admin will confirm it.").first.wait_for()
    assert employee.get_by_role("button", name="Withdraw my request").is_visible()

    admin = sign_in(browser, base, "dpo")
    admin.get_by_role("button", name="Administration").click()
    admin.get_by_role("link", name="Data protection").click()
    admin.wait_for_url(f"{base}/privacy/officer/")
    row = admin.get_by_role("row").filter(has_text="Ilie Marin")
    assert row.get_by_text("Waiting for confirmation").is_visible()
    row.get_by_role("button", name="Confirm the erasure").click()
    admin.get_by_text("The account is erased; it now reads Former employee 1.").wait_for()
    erased_row = admin.get_by_role("row").filter(has_text="Former employee 1")
    assert erased_row.get_by_text("Erased").is_visible()
    assert admin.get_by_text("Ilie Marin").count() == 0

    employee.goto(f"{base}/privacy/")
    assert "/accounts/login/" in employee.url
