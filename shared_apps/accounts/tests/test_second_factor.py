"""Two-factor authentication over HTTP (django-allauth's MFA behind our own sign-in page):
turning on an authenticator app, the second step of a sign-in, recovery codes, a city's
requirement for admins and evaluators, an administrator's reset, and city isolation."""

import re
import time

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django_tenants.utils import tenant_context

from conftest import TEST_PASSWORD
from shared_apps.accounts.models import Role, SignInSettings, UserSession
from tenant_apps.audit.models import AuditEntry


def sign_in_with_password(client, username: str, password: str = TEST_PASSWORD):
    return client.post("/accounts/login/", {"username": username, "password": password})


def code_for(secret: str, *, step: int = 0) -> str:
    """The authenticator app's code `step` periods from now (allauth accepts the previous and
    next period too; a code already used is refused)."""
    return pyotp.TOTP(secret).at(time.time() + 30 * step)


def confirm_password(client, password: str = TEST_PASSWORD) -> None:
    """allauth asks for the password again before second factors change."""
    page = client.get("/auth/reauthenticate/")
    assert "Confirm it is you" in page.text
    assert client.post("/auth/reauthenticate/", {"password": password}).status_code == 302


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs what a request left for after its commit (allauth sends its signals then, which
    the audit trail hears); tests run inside a transaction that never commits."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def activate_totp(client, committed) -> str:
    """Turn on an authenticator app for the signed-in person of `client`; its secret."""
    if client.get("/auth/2fa/totp/activate/").status_code == 302:
        confirm_password(client)
    page = client.get("/auth/2fa/totp/activate/")
    assert page.status_code == 200
    secret = re.search(r'id="authenticator_secret">([A-Z2-7]+)<', page.text).group(1)
    with committed():
        done = client.post("/auth/2fa/totp/activate/", {"code": code_for(secret, step=-1)})
    assert done.status_code == 302, done.text
    assert done["Location"] == "/auth/2fa/recovery-codes/"
    return secret


@pytest.fixture
def with_totp(client_for, make_user, committed):
    """A person of `city` with `roles` who turned on an authenticator app, signed out again:
    returns (user, secret, recovery codes)."""

    def make(city, *, roles=(Role.EMPLOYEE,), username=None):
        user = make_user(city, roles=roles, username=username)
        client = client_for(city)
        assert sign_in_with_password(client, user.username).status_code == 302
        secret = activate_totp(client, committed)
        codes_page = client.get("/auth/2fa/recovery-codes/")
        assert codes_page.status_code == 200
        codes = re.search(r'<textarea id="recovery_codes"[^>]*>(.*?)</textarea>', codes_page.text,
                          re.S).group(1).split()
        return user, secret, codes

    return make


def test_a_person_turns_on_an_authenticator_app_and_signs_in_with_its_code(
        cluj, client_for, make_user, committed):
    user = make_user(cluj)
    client = client_for(cluj)
    assert sign_in_with_password(client, user.username)["Location"] == "/"
    overview = client.get("/auth/2fa/")
    assert "Set up an authenticator app" in overview.text
    # Changes to second factors first ask for the password again.
    asked = client.get("/auth/2fa/totp/activate/")
    assert asked["Location"].startswith("/auth/reauthenticate/")
    confirm_password(client)
    # A wrong code turns nothing on.
    page = client.get("/auth/2fa/totp/activate/")
    assert client.post("/auth/2fa/totp/activate/", {"code": "000000"}).status_code == 200
    secret = activate_totp(client, committed)
    # The recovery codes are shown once, with a download, then never again.
    codes_page = client.get("/auth/2fa/recovery-codes/")
    assert codes_page.status_code == 200
    assert 'download="recovery-codes-' in codes_page.text
    codes = re.search(r'<textarea id="recovery_codes"[^>]*>(.*?)</textarea>', codes_page.text,
                      re.S).group(1).split()
    assert len(codes) == 10
    again = client.get("/auth/2fa/recovery-codes/")
    assert codes[0] not in again.text and "<textarea" not in again.text
    assert page.status_code == 200
    client.post("/accounts/logout/")

    # Next sign-in: the password alone does not sign in.
    step = sign_in_with_password(client, user.username)
    assert step.status_code == 302
    assert step["Location"] == "/auth/2fa/authenticate/"
    assert client.get("/api/v1/me/").status_code in (401, 403)
    assert "Enter the code shown by your authenticator app" in client.get(step["Location"]).text
    wrong = client.post("/auth/2fa/authenticate/", {"code": "123456"})
    assert wrong.status_code == 200 and "Incorrect code" in wrong.text
    assert client.get("/api/v1/me/").status_code in (401, 403)
    signed = client.post("/auth/2fa/authenticate/", {"code": code_for(secret, step=1)})
    assert signed.status_code == 302 and signed["Location"] == "/"
    assert client.get("/api/v1/me/").json()["username"] == user.username
    with tenant_context(cluj):
        actions = set(AuditEntry.objects.filter(target_id=user.pk)
                      .values_list("action", flat=True))
    assert {"second_factor.added"} <= actions


def test_a_recovery_code_signs_in_once_and_is_audited(cluj, client_for, with_totp, committed):
    user, _secret, codes = with_totp(cluj)
    client = client_for(cluj)
    sign_in_with_password(client, user.username)
    with committed():
        assert client.post("/auth/2fa/authenticate/", {"code": codes[0]})["Location"] == "/"
    assert client.get("/api/v1/me/").status_code == 200
    client.post("/accounts/logout/")
    sign_in_with_password(client, user.username)
    used_again = client.post("/auth/2fa/authenticate/", {"code": codes[0]})
    assert used_again.status_code == 200 and "Incorrect code" in used_again.text
    with committed():
        assert client.post("/auth/2fa/authenticate/", {"code": codes[1]}).status_code == 302
    with tenant_context(cluj):
        assert AuditEntry.objects.filter(action="second_factor.recovery_code_used",
                                         target_id=user.pk).count() == 2


def test_the_second_step_is_in_the_city_language(paris, client_for, with_totp):
    user, _secret, _codes = with_totp(paris)
    client = client_for(paris, HTTP_ACCEPT_LANGUAGE="fr")
    sign_in_with_password(client, user.username)
    page = client.get("/auth/2fa/authenticate/")
    assert "Authentification à deux facteurs" in page.text
    assert "Saisissez le code" in page.text


def test_a_password_alone_gets_no_api_token_for_a_person_with_a_second_factor(
        cluj, client_for, with_totp):
    user, _secret, _codes = with_totp(cluj)
    answer = client_for(cluj).post("/api/v1/auth/token/", {
        "username": user.username, "password": TEST_PASSWORD}, content_type="application/json")
    assert answer.status_code == 403
    assert "two-factor" in answer.json()["detail"]


@pytest.mark.parametrize("which", ["city", "hub"])
def test_a_required_second_factor_is_set_up_before_anything_else(
        which, cluj, hub, signed_in, client_for, make_user, committed):
    site = cluj if which == "city" else hub
    admin_role = Role.CITY_ADMIN if which == "city" else Role.PARTNER_ADMIN
    admin = signed_in(site, roles=(admin_role,))
    settings_page = admin.get("/accounts/sign-in-settings/")
    assert "Require two-factor authentication for admins and evaluators" in settings_page.text
    saved = admin.post("/accounts/sign-in-settings/", {"idle_minutes": "",
                                                         "second_factor_required": "on"})
    assert saved.status_code == 302
    with tenant_context(site):
        assert SignInSettings.objects.get().second_factor_required
        assert AuditEntry.objects.filter(action="sign_in_settings.changed").exists()
    # The admin who set it, without a second factor, is sent to set one up.
    to_setup = admin.get("/")
    assert to_setup.status_code == 302 and to_setup["Location"] == "/auth/2fa/"
    page = admin.get("/auth/2fa/")
    assert page.status_code == 200
    assert "requires two-factor authentication" in page.text
    refused = admin.get("/api/v1/me/")
    assert refused.status_code == 403
    assert refused.json()["code"] == "second_factor_required"
    assert admin.get("/accounts/users/").status_code == 302
    # Signing out still works.
    assert admin.post("/accounts/logout/").status_code == 302
    if which == "city":
        # An employee is not concerned; an evaluator is, and so are their API tokens.
        assert signed_in(cluj).get("/").status_code == 200
        evaluator = make_user(cluj, roles=(Role.EVALUATOR,))
        from shared_apps.accounts.services import api_token_issue

        with tenant_context(cluj):
            token = api_token_issue(user=evaluator)
        api = client_for(cluj, HTTP_AUTHORIZATION=f"Token {token}")
        assert api.get("/api/v1/me/").status_code == 401
        browser = client_for(cluj)
        assert sign_in_with_password(browser, evaluator.username)["Location"] == "/"
        assert browser.get("/proposals/")["Location"] == "/auth/2fa/"
        activate_totp(browser, committed)
        assert browser.get("/proposals/").status_code == 200
        assert api.get("/api/v1/me/").status_code == 200


def test_an_admin_resets_a_lost_second_factor(cluj, signed_in, client_for, with_totp):
    user, _secret, _codes = with_totp(cluj, roles=(Role.EVALUATOR,))
    admin = signed_in(cluj, roles=(Role.CITY_ADMIN,))
    detail = admin.get(f"/accounts/users/{user.pk}/")
    assert "Reset two-factor authentication" in detail.text
    employee = signed_in(cluj)
    assert employee.post(f"/accounts/users/{user.pk}/second-factor/reset/").status_code == 403
    done = admin.post(f"/accounts/users/{user.pk}/second-factor/reset/")
    assert done.status_code == 302
    assert "password alone" in admin.get(done["Location"]).text
    with tenant_context(cluj):
        assert not Authenticator.objects.filter(user_id=user.pk).exists()
        assert not UserSession.objects.filter(user_id=user.pk).exists()
        entry = AuditEntry.objects.get(action="second_factor.reset_by_admin")
        assert entry.target_id == user.pk and entry.before["kinds"] == ["recovery_codes",
                                                                         "totp"]
    client = client_for(cluj)
    assert sign_in_with_password(client, user.username)["Location"] == "/"


def test_a_second_factor_of_one_city_means_nothing_on_another(
        cluj, paris, client_for, with_totp):
    # The same username in both cities: two people, each with their own authenticator app.
    user, cluj_secret, cluj_codes = with_totp(cluj, username="ana")
    _other, paris_secret, _paris_codes = with_totp(paris, username="ana")
    assert cluj_secret != paris_secret
    in_paris = client_for(paris)
    sign_in_with_password(in_paris, "ana")
    for code in (code_for(cluj_secret, step=1), cluj_codes[0]):
        refused = in_paris.post("/auth/2fa/authenticate/", {"code": code})
        assert refused.status_code == 200 and "Incorrect code" in refused.text
    assert in_paris.get("/api/v1/me/").status_code in (401, 403)
    assert in_paris.post("/auth/2fa/authenticate/",
                         {"code": code_for(paris_secret, step=1)})["Location"] == "/"
    # A second step pending in Cluj is nothing in Paris: its session lives in Cluj's schema.
    cluj_client = client_for(cluj)
    sign_in_with_password(cluj_client, user.username)
    forged = client_for(paris)
    forged.cookies["sessionid"] = cluj_client.cookies["sessionid"].value
    answer = forged.post("/auth/2fa/authenticate/", {"code": code_for(cluj_secret, step=1)})
    assert answer.status_code == 302  # to allauth's sign-in address, which leads to ours
    assert forged.get(answer["Location"])["Location"] == "/accounts/login/"
    assert forged.get("/api/v1/me/").status_code in (401, 403)
    with tenant_context(paris):
        assert not Authenticator.objects.filter(user__username="ana",
                                                data__secret=cluj_secret).exists()


def test_removing_a_factor_asks_who_you_are_and_is_audited(
        cluj, client_for, with_totp, committed):
    user, secret, _codes = with_totp(cluj)
    client = client_for(cluj)
    sign_in_with_password(client, user.username)
    client.post("/auth/2fa/authenticate/", {"code": code_for(secret, step=1)})
    assert client.get("/auth/2fa/").status_code == 200
    asked = client.get("/auth/2fa/totp/deactivate/")
    assert asked["Location"].startswith("/auth/reauthenticate/")
    confirm_password(client)
    assert "Turn off the authenticator app" in client.get("/auth/2fa/totp/deactivate/").text
    with committed():
        done = client.post("/auth/2fa/totp/deactivate/")
    assert done.status_code == 302
    assert "Set up an authenticator app" in client.get("/auth/2fa/").text
    with tenant_context(cluj):
        removed = AuditEntry.objects.filter(action="second_factor.removed", target_id=user.pk)
        assert {entry.after["kind"] for entry in removed} == {"totp", "recovery_codes"}
    client.post("/accounts/logout/")
    assert sign_in_with_password(client, user.username)["Location"] == "/"


def test_the_admin_site_signs_in_through_our_page(cluj, client_for):
    answer = client_for(cluj).get("/admin/login/?next=/admin/")
    assert answer.status_code == 302
    assert answer["Location"].startswith("/accounts/login/?next=")
