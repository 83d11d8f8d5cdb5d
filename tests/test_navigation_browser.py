"""The header in Chromium, by pointer and keyboard, at phone and desktop widths and in two
languages: one line on desktop, a menu button and 44 px targets on phones, the language menu
switching in one click, the confirmation dialog before an irreversible action; and no
Content-Security-Policy violation on the way."""

import re

import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role, User
from shared_apps.accounts.services import user_create
from tenants.models import City
from tests.browser import PASSWORD, browser, live_city, needs_chromium  # noqa: F401

pytestmark = needs_chromium

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def site(live_city, django_db_blocker):
    """The live city in English and French with an admin who is also an evaluator (the
    longest navigation) and an employee."""
    city, base = live_city
    with django_db_blocker.unblock():
        City.objects.filter(pk=city.pk).update(enabled_languages=["en", "fr"])
        with tenant_context(city):
            user_create(username="admin", password=PASSWORD, first_name="Ana", last_name="Pop",
                        roles=[Role.CITY_ADMIN, Role.EMPLOYEE, Role.EVALUATOR])
            user_create(username="ana", password=PASSWORD, roles=[Role.EMPLOYEE])
        connection.set_schema_to_public()
        # Hub users outlive the throwaway city: made once, reused by later tests.
        if not User.objects.filter(username="nav-partner").exists():
            user_create(username="nav-partner", password=PASSWORD,
                        roles=[Role.PARTNER_ADMIN, Role.COORDINATOR])
    return base


def test_partner_admin_header_is_one_line_with_the_cities(site, browser):
    hub = re.sub(r"//[^.]+\.", "//", site)
    page = open_page(browser, hub, "nav-partner", DESKTOP)
    assert page.locator(".site-header").bounding_box()["height"] <= 90
    tops = {round(item.bounding_box()["y"]) for item in page.locator(".nav > li").all()}
    assert max(tops) - min(tops) <= 2, tops
    page.get_by_role("button", name="Administration").click()
    page.get_by_role("link", name="Cities", exact=True).click()
    page.wait_for_url(f"{hub}/partners/cities/")
    assert page.violations == []


def open_page(browser, base, username, viewport):
    """A signed-in page at `viewport` that collects CSP violations in `page.violations`."""
    context = browser.new_context(locale="en-GB", viewport=viewport)
    violations = []
    context.expose_function("reportViolation", lambda text: violations.append(text))
    context.add_init_script(LISTENER)
    page = context.new_page()
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.violations = violations
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")
    return page


def switch_language(page, name):
    page.locator(".language-menu .menu-toggle").click()
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


@pytest.mark.parametrize("language", ["en", "fr"])
def test_desktop_header_is_one_line(language, site, browser):
    page = open_page(browser, site, "admin", DESKTOP)
    if language == "fr":
        switch_language(page, "Français")
    assert page.locator("html").get_attribute("lang") == language
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 90
    tops = {round(box["y"]) for box in
            (item.bounding_box() for item in page.locator(".nav > li").all())}
    assert max(tops) - min(tops) <= 2, tops
    assert page.locator(".nav-toggle").is_hidden()
    # The Administration menu opens by pointer and closes with Escape, focus back on its button.
    admin_menu = page.locator("[aria-controls=menu-admin]")
    admin_menu.click()
    assert admin_menu.get_attribute("aria-expanded") == "true"
    assert page.locator("#menu-admin a").first.is_visible()
    page.keyboard.press("Escape")
    assert page.locator("#menu-admin").is_hidden()
    assert page.evaluate("document.activeElement.getAttribute('aria-controls')") == "menu-admin"
    assert page.violations == []


@pytest.mark.parametrize("language", ["en", "fr"])
def test_phone_menu_by_keyboard(language, site, browser):
    page = open_page(browser, site, "admin", PHONE)
    if language == "fr":
        page.locator(".nav-toggle").click()
        switch_language(page, "Français")
    nav = page.locator("#site-nav")
    assert nav.is_hidden()
    assert page.locator(".site-header").bounding_box()["height"] <= 90
    for _ in range(10):  # from the top of the page to the menu button, by Tab only
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('nav-toggle')"):
            break
    else:
        pytest.fail("the menu button is not reachable with Tab")
    page.keyboard.press("Enter")
    assert page.locator(".nav-toggle").get_attribute("aria-expanded") == "true"
    assert nav.is_visible()
    targets = page.locator("#site-nav .nav > li > a, #site-nav .menu-toggle").all()
    assert len(targets) >= 6
    for target in targets:
        box = target.bounding_box()
        assert box["height"] >= 44, target.inner_text()
    # Into the Administration menu with the keyboard, and out with Escape.
    page.locator("[aria-controls=menu-admin]").focus()
    page.keyboard.press("Enter")
    links = page.locator("#menu-admin a").all()
    assert links and all(link.bounding_box()["height"] >= 44 for link in links)
    page.keyboard.press("Escape")
    assert page.locator("#menu-admin").is_hidden()
    assert nav.is_visible()
    page.keyboard.press("Escape")
    assert nav.is_hidden()
    assert page.evaluate("document.activeElement.classList.contains('nav-toggle')")
    assert page.violations == []


def test_language_menu_switches_in_one_click(site, browser):
    page = open_page(browser, site, "ana", DESKTOP)
    nav = page.get_by_role("navigation")
    assert nav.get_by_role("link", name="Good practices", exact=True).is_visible()
    switch_language(page, "Français")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert nav.get_by_role("link", name="Bonnes pratiques", exact=True).is_visible()
    switch_language(page, "English")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.violations == []


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_confirmation_dialog_before_an_irreversible_action(viewport, site, browser):
    page = open_page(browser, site, "admin", viewport)
    page.goto(f"{site}/style/")
    dialog = page.locator("dialog.confirm-dialog")
    delete = page.get_by_role("button", name="Delete the example")
    delete.click()
    assert dialog.is_visible()
    assert "This cannot be undone." in dialog.inner_text()
    dialog.get_by_role("button", name="Cancel").click()
    assert dialog.is_hidden()
    assert page.get_by_text("The example action was confirmed.").count() == 0
    # Escape cancels too, by keyboard, and focus comes back to the button.
    delete.focus()
    page.keyboard.press("Enter")
    assert dialog.is_visible()
    page.keyboard.press("Escape")
    assert dialog.is_hidden()
    assert page.get_by_text("The example action was confirmed.").count() == 0
    delete.click()
    with page.expect_navigation():
        dialog.get_by_role("button", name="Delete", exact=True).click()
    assert page.get_by_text("The example action was confirmed.").is_visible()
    assert page.violations == []
