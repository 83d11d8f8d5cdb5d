"""Two-factor authentication in Chromium, under the real Content-Security-Policy: an admin
of a city that requires it is sent to set up an authenticator app, keeps the recovery codes
(downloaded), and signs in with a code next time; another person registers a passkey in
Chromium's virtual authenticator (WebAuthn through the DevTools protocol) and signs in
with it as the second step."""

import re
import time
from pathlib import Path

import pyotp
import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role, SignInSettings
from shared_apps.accounts.services import user_create
from tests.browser import PASSWORD, browser, live_city, needs_chromium  # noqa: F401

pytestmark = needs_chromium

LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`);
});
"""


@pytest.fixture
def city_requiring_two_factors(live_city):
    """The live city, requiring a second factor of admins and evaluators; an admin and an
    employee who have none yet."""
    city, base = live_city
    with tenant_context(city):
        user_create(username="mfa-admin", password=PASSWORD, roles=[Role.CITY_ADMIN])
        user_create(username="mfa-ana", password=PASSWORD, roles=[Role.EMPLOYEE])
        SignInSettings.objects.create(second_factor_required=True)
    connection.set_schema_to_public()
    return base


def watched_page(browser, violations: list):
    page = browser.new_context(locale="en-GB", accept_downloads=True).new_page()
    page.expose_function("reportViolation", lambda text: violations.append(text))
    page.add_init_script(LISTENER)
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return page


def password_step(page, base: str, username: str):
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def confirm_password(page):
    page.get_by_role("heading", name="Confirm it is you").wait_for()
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Confirm").click()


def sign_out(page):
    page.get_by_role("button", name=re.compile("Account")).click()
    page.get_by_role("button", name="Sign out").click()


def test_an_admin_sets_up_an_authenticator_app_and_signs_in_with_it(
        city_requiring_two_factors, browser, tmp_path):
    base = city_requiring_two_factors
    violations: list[str] = []
    page = watched_page(browser, violations)
    password_step(page, base, "mfa-admin")
    # Required: every page leads to the set-up until a second factor exists.
    page.wait_for_url(f"{base}/auth/2fa/")
    assert page.get_by_text("requires two-factor authentication").is_visible()
    page.goto(f"{base}/calls/")
    page.wait_for_url(f"{base}/auth/2fa/")

    page.get_by_role("link", name="Set up an authenticator app").click()
    confirm_password(page)
    page.wait_for_url(f"{base}/auth/2fa/totp/activate/")
    assert page.get_by_role("img", name="QR code for your authenticator app").is_visible()
    secret = page.locator("#authenticator_secret").inner_text().strip()
    page.get_by_label("Authenticator code").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Turn on").click()

    # The recovery codes, shown once, and downloaded.
    page.wait_for_url(f"{base}/auth/2fa/recovery-codes/")
    codes = page.get_by_label("Your recovery codes").input_value().split()
    assert len(codes) == 10
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the codes").click()
    saved = tmp_path / "codes.txt"
    download.value.save_as(saved)
    assert Path(saved).read_text().split() == codes
    page.get_by_role("link", name="I have saved them").click()
    page.wait_for_url(f"{base}/auth/2fa/")
    assert page.get_by_text("You sign in with a code from your authenticator app.").is_visible()
    page.goto(f"{base}/calls/")
    assert page.url == f"{base}/calls/"

    # Next time: the password, then a code from the app.
    sign_out(page)
    password_step(page, base, "mfa-admin")
    page.wait_for_url(f"{base}/auth/2fa/authenticate/")
    page.get_by_label("Code").fill(pyotp.TOTP(secret).at(time.time() + 30))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")
    assert page.get_by_role("button", name=re.compile("Account")).is_visible()
    assert violations == []


def test_a_person_registers_a_passkey_and_signs_in_with_it(
        city_requiring_two_factors, browser):
    base = city_requiring_two_factors
    violations: list[str] = []
    page = watched_page(browser, violations)
    # Chromium's virtual authenticator stands in for a phone or a USB key.
    devtools = page.context.new_cdp_session(page)
    devtools.send("WebAuthn.enable")
    authenticator = devtools.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True,
        "hasUserVerification": True, "isUserVerified": True,
        "automaticPresenceSimulation": True}})["authenticatorId"]

    password_step(page, base, "mfa-ana")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/auth/2fa/")
    page.get_by_role("link", name="Add a passkey or security key").click()
    confirm_password(page)
    page.wait_for_url(f"{base}/auth/2fa/webauthn/add/")
    page.get_by_label("Name of the key").fill("My laptop")
    page.get_by_role("button", name="Add the key").click()
    page.wait_for_url(f"{base}/auth/2fa/recovery-codes/")
    credentials = devtools.send("WebAuthn.getCredentials",
                                {"authenticatorId": authenticator})["credentials"]
    assert len(credentials) == 1
    assert credentials[0]["rpId"] == base.split("//")[1].split(":")[0]
    page.goto(f"{base}/auth/2fa/webauthn/")
    assert page.get_by_role("cell", name="My laptop").is_visible()

    sign_out(page)
    password_step(page, base, "mfa-ana")
    page.wait_for_url(f"{base}/auth/2fa/authenticate/")
    page.get_by_role("button", name="Use a passkey or security key").click()
    page.wait_for_url(f"{base}/")
    assert page.get_by_role("button", name=re.compile("Account")).is_visible()
    assert violations == []
