"""An employee signs in with the city's identity provider in Chromium: the city admin has
connected the provider (OpenID Connect or SAML 2.0, started on loopback by the test), the
employee clicks "Sign in with <the city's name for it>", signs in at the provider and lands
on the city's site with the department and roles the directory gave them."""

import json

import pytest
import requests
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.accounts.services import user_create
from shared_apps.accounts.sso import sso_settings_update
from tenant_apps.people.services import department_create
from tests.browser import PASSWORD, browser, live_city, needs_chromium  # noqa: F401
from tests.identity_providers import needs_xmlsec1, oidc_provider, saml_idp

pytestmark = needs_chromium

EMPLOYEE_OIDC = {"email": "ana.pop@city.test", "given_name": "Ana", "family_name": "Pop",
                 "department": "Urbanism", "groups": ["innovation-jury"]}
EMPLOYEE_SAML = {"mail": ["ion.rus@city.test"], "givenName": ["Ion"], "sn": ["Rus"],
                 "department": ["Urbanism"], "groups": ["innovation-jury"]}


def _prepare_city(city, **sso):
    """A department, an admin who keeps a password, and the city's provider connected."""
    with tenant_context(city):
        department = department_create(names={"en": "Urban planning"}, code="urban")
        admin = user_create(username="admin", password=PASSWORD,
                            roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
        sso_settings_update(by=admin, display_name="City Hall account", sso_only=True,
                            password_users=[admin], department_map={"Urbanism": "urban"},
                            role_groups={"evaluator": ["innovation-jury"]}, **sso)
    return department


@pytest.fixture
def oidc_city(live_city, django_db_blocker):
    city, base = live_city
    with oidc_provider({"ana": EMPLOYEE_OIDC}) as issuer:
        with django_db_blocker.unblock():
            department = _prepare_city(city, protocol="oidc", oidc_server_url=issuer,
                                       oidc_client_id="city-innovato",
                                       oidc_client_secret="a-secret")
        yield base, department


@pytest.fixture
def saml_city(live_city, django_db_blocker):
    city, base = live_city
    with saml_idp({"ion": EMPLOYEE_SAML}) as idp:
        with django_db_blocker.unblock():
            department = _prepare_city(city, protocol="saml",
                                       saml_metadata_url=f"{idp.base_url}/metadata")
        # The city's IT gives the IdP the city's SP metadata, from its stable URL.
        host = base.removeprefix("http://")
        port = host.rsplit(":", 1)[1]
        metadata = requests.get(f"http://127.0.0.1:{port}/auth/saml/{city.slug}/metadata/",
                                headers={"Host": host}, timeout=10)
        assert metadata.status_code == 200
        idp.trust_sp(metadata.text)
        yield base, department


def _lands_with_department_and_roles(page, base, department, email):
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/api/v1/me/?format=json")
    me = json.loads(page.locator("body").inner_text())
    assert me["email"] == email
    assert me["roles"] == [Role.EMPLOYEE, Role.EVALUATOR]
    page.goto(f"{base}/people/departments/{department.pk}/")
    assert page.get_by_text("1 person").is_visible()


def test_employee_signs_in_with_openid_connect(oidc_city, browser):
    base, department = oidc_city
    page = browser.new_context(locale="en-GB").new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_role("button", name="Sign in with City Hall account").click()
    # The provider's own page: choose who signs in.
    page.get_by_role("button", name="ana").click()
    _lands_with_department_and_roles(page, base, department, EMPLOYEE_OIDC["email"])


@needs_xmlsec1
def test_employee_signs_in_with_saml(saml_city, browser):
    base, department = saml_city
    page = browser.new_context(locale="en-GB").new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_role("button", name="Sign in with City Hall account").click()
    page.get_by_label("User").select_option("ion")
    page.get_by_role("button", name="Authorize").click()
    page.get_by_role("button", name="Continue").click()  # the signed assertion, posted back
    _lands_with_department_and_roles(page, base, department, "ion.rus@city.test")


def test_admin_keeps_a_password_tests_the_connection_and_pages_pass_axe(oidc_city, browser):
    from tests.test_axe_browser import axe_problems

    base, _department = oidc_city
    page = browser.new_context(locale="en-GB", bypass_csp=True).new_page()
    page.goto(f"{base}/accounts/login/")
    problems = axe_problems(page, "sign-in page with single sign-on")
    # The admin named for emergencies signs in with a password although sign-in goes
    # through the provider for everyone else.
    page.get_by_label("Username").fill("admin")
    page.get_by_label("Password").fill(PASSWORD)
    page.locator("main form").last.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/accounts/single-sign-on/")
    assert page.get_by_text(f"{base}/auth/oidc/concurrency/login/callback/").is_visible()
    problems += axe_problems(page, "single sign-on settings")
    page.get_by_role("button", name="Test the connection").click()
    assert page.get_by_role("heading", name="The connection works").is_visible()
    page.get_by_label("Name on the sign-in button").fill("Concurrency staff account")
    page.get_by_role("button", name="Save").click()
    assert page.get_by_text("The single sign-on settings are saved.").is_visible()
    problems += axe_problems(page, "single sign-on settings, saved")
    assert problems == []
