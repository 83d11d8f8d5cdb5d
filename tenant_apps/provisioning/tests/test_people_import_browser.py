"""In Chromium: the city admin uploads a CSV file from the People page, reads the preview
with a row's error, fixes the file, previews again and confirms."""

import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.accounts.services import user_create
from tenant_apps.people.services import department_create
from tests.browser import PASSWORD, browser, live_city, needs_chromium, sign_in  # noqa: F401

pytestmark = needs_chromium

WRONG = ("name;email;department;roles\n"
         "Ana Pop;ana@concurrency.example;Digital services;evaluator\n"
         "Ion Rus;ion@concurrency.example;Space agency;\n")
RIGHT = WRONG.replace("Space agency", "Digital services")


@pytest.fixture
def city_with_an_admin(live_city):
    city, base = live_city
    with tenant_context(city):
        user_create(username="admin", password=PASSWORD, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
        department_create(names={"en": "Digital services"}, code="digital")
    return base


def test_preview_then_confirm(city_with_an_admin, browser, tmp_path):
    base = city_with_an_admin
    wrong, right = tmp_path / "wrong.csv", tmp_path / "people.csv"
    wrong.write_bytes(b"\xef\xbb\xbf" + WRONG.encode())
    right.write_bytes(b"\xef\xbb\xbf" + RIGHT.encode())

    page = sign_in(browser, base, "admin")
    page.goto(f"{base}/accounts/users/")
    page.get_by_role("link", name="Import from a CSV file").click()
    page.get_by_label("CSV file").set_input_files(str(wrong))
    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#import-preview")
    assert "There is no department “Space agency”." in preview.inner_text()
    assert page.get_by_role("alert").first.inner_text().startswith("1 row has errors")
    assert page.get_by_role("button", name="Invite everyone").count() == 0

    page.get_by_label("CSV file").set_input_files(str(right))
    page.get_by_role("button", name="Preview").click()
    assert page.get_by_role("status").first.inner_text() == "2 people will be invited."
    page.get_by_role("button", name="Invite everyone").click()
    page.wait_for_url(f"{base}/accounts/users/")
    assert "2 people were invited." in page.locator("main").inner_text()
