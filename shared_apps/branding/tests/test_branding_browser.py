"""In Chromium, under the real Content-Security-Policy: a city admin picks a colour and
uploads a logo; the primary button then wears the colour and the header shows the logo."""

import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.accounts.services import user_create
from tests.browser import PASSWORD, browser, live_city, needs_chromium, sign_in  # noqa: F401
from tests.upload_samples import PNG

pytestmark = needs_chromium


@pytest.fixture
def admin_site(live_city, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    city, base = live_city
    with tenant_context(city):
        user_create(username="admin", password=PASSWORD, roles=[Role.CITY_ADMIN])
    connection.set_schema_to_public()
    return base


def test_the_primary_button_wears_the_colour_the_admin_picked(admin_site, browser):
    page = sign_in(browser, admin_site, "admin")
    page.goto(f"{admin_site}/branding/")
    page.get_by_label("Primary colour (#rrggbb)").fill("#7a1f5c")
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "logo.png", "mimeType": "image/png", "buffer": PNG}])
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".message")
    page.wait_for_load_state("load")  # stylesheets included

    save = page.get_by_role("button", name="Save")
    assert save.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(122, 31, 92)"
    assert page.evaluate(
        "getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()"
    ) == "#7a1f5c"
    page.goto(f"{admin_site}/")
    logo = page.locator("a.brand img.brand-logo")
    assert logo.get_attribute("alt") == ""  # the name is written beside it
    assert "Concurrency" in page.locator("a.brand").inner_text()
    assert logo.evaluate("img => img.complete && img.naturalWidth > 0")

    # A colour too light for white text is refused, and the page keeps the chosen one.
    page.goto(f"{admin_site}/branding/")
    page.get_by_label("Primary colour (#rrggbb)").fill("#ffff00")
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("load")
    assert page.get_by_role("alert").filter(has_text="4.5:1").count() == 1
    save = page.get_by_role("button", name="Save")
    assert save.evaluate("b => getComputedStyle(b).backgroundColor") == "rgb(122, 31, 92)"
