"""Idle timeout and lifetime of web sessions; sign-in throttling behind a shared address."""

import time
from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import tenant_context

from conftest import TEST_PASSWORD
from shared_apps.accounts.models import Role, UserSession
from tenant_apps.audit.models import AuditEntry


def _age_session(city, user, **stamps):
    with tenant_context(city):
        assert UserSession.objects.filter(user_id=user.pk).update(**stamps) == 1


def test_idle_session_is_signed_out_with_a_message(paris, signed_in, settings):
    settings.SESSION_IDLE_MINUTES = 30
    browser = signed_in(paris, headers={"HTTP_ACCEPT_LANGUAGE": "fr"})
    assert browser.get("/proposals/").status_code == 200
    _age_session(paris, browser.user, last_activity_at=timezone.now() - timedelta(minutes=20))
    assert browser.get("/proposals/").status_code == 200  # 20 minutes idle: still in
    _age_session(paris, browser.user, last_activity_at=timezone.now() - timedelta(minutes=31))
    out = browser.get("/proposals/")
    assert out.status_code == 302
    assert out["Location"].startswith("/accounts/login/")
    login_page = browser.get(out["Location"])
    assert "30 minutes sans activité" in login_page.text
    assert browser.get("/api/v1/me/").status_code in (401, 403)


def test_idle_timeout_is_a_city_setting(cluj, paris, signed_in, settings):
    settings.SESSION_IDLE_MINUTES = 30
    admin = signed_in(cluj, roles=(Role.CITY_ADMIN,))
    page = admin.get("/accounts/sign-in-settings/")
    assert page.status_code == 200
    assert admin.post("/accounts/sign-in-settings/", {"idle_minutes": "0"}).status_code == 400
    assert admin.post("/accounts/sign-in-settings/", {"idle_minutes": "10"}).status_code == 302
    employee = signed_in(cluj)
    assert employee.get("/accounts/sign-in-settings/").status_code == 403
    _age_session(cluj, employee.user, last_activity_at=timezone.now() - timedelta(minutes=11))
    assert employee.get("/proposals/").status_code == 302
    # Paris keeps the default.
    elsewhere = signed_in(paris)
    _age_session(paris, elsewhere.user, last_activity_at=timezone.now() - timedelta(minutes=11))
    assert elsewhere.get("/proposals/").status_code == 200
    with tenant_context(cluj):
        assert AuditEntry.objects.filter(action="sign_in_settings.changed").exists()


def test_session_has_an_absolute_lifetime(cluj, signed_in, settings):
    settings.SESSION_MAX_HOURS = 12
    browser = signed_in(cluj)
    _age_session(cluj, browser.user, created_at=timezone.now() - timedelta(hours=13))
    out = browser.get("/proposals/")
    assert out.status_code == 302
    assert "12 hours" in browser.get(out["Location"]).text


def test_activity_stamp_is_written_at_most_once_a_minute(cluj, signed_in):
    browser = signed_in(cluj)
    browser.get("/proposals/")
    with tenant_context(cluj):
        first = UserSession.objects.get(user_id=browser.user.pk).last_activity_at
    browser.get("/proposals/")
    with tenant_context(cluj):
        assert UserSession.objects.get(user_id=browser.user.pk).last_activity_at == first
    _age_session(cluj, browser.user, last_activity_at=timezone.now() - timedelta(minutes=2))
    browser.get("/proposals/")
    with tenant_context(cluj):
        assert UserSession.objects.get(user_id=browser.user.pk).last_activity_at > first


def test_failures_from_a_shared_address_do_not_lock_out_others(cluj, make_user, client_for,
                                                               settings):
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 10
    make_user(cluj, username="admin", roles=(Role.CITY_ADMIN,))
    make_user(cluj, username="ion")
    hall = client_for(cluj)  # everyone at city hall comes from 127.0.0.1
    for number in range(31):
        hall.post("/accounts/login/", {"username": f"someone{number}", "password": "guess"})
    # An unknown name and a wrong password now meet the same refusal ...
    unknown = hall.post("/accounts/login/", {"username": "nobody", "password": "guess"})
    known = hall.post("/accounts/login/", {"username": "ion", "password": "guess"})
    assert unknown.status_code == known.status_code == 429
    assert unknown["Retry-After"]
    # ... while valid credentials still work, on the page and in the API.
    assert hall.post("/accounts/login/", {"username": "admin",
                                          "password": TEST_PASSWORD}).status_code == 302
    assert client_for(cluj).post("/api/v1/auth/token/", {
        "username": "ion", "password": TEST_PASSWORD}).status_code == 200
    with tenant_context(cluj):
        locks = AuditEntry.objects.filter(action="sign_in.locked_out")
        assert locks.count() == 1  # once per lockout, not per attempt
        assert locks.get().after["scope"] == "address"


def test_failures_for_one_account_are_limited_and_audited(cluj, paris, make_user, client_for,
                                                           settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT = 5
    ana = make_user(cluj, username="ana")
    for _attempt in range(4):
        client_for(cluj).post("/api/v1/auth/token/", {"username": "ana", "password": "guess"})
    blocked = client_for(cluj).post("/api/v1/auth/token/", {"username": "ana",
                                                             "password": TEST_PASSWORD})
    assert blocked.status_code == 429
    assert blocked["Retry-After"]
    # From other addresses, the account limit applies.
    for number in range(3):
        client_for(cluj, REMOTE_ADDR=f"10.0.0.{number}").post(
            "/api/v1/auth/token/", {"username": "ana", "password": "guess"})
    assert client_for(cluj, REMOTE_ADDR="10.0.0.9").post(
        "/api/v1/auth/token/", {"username": "ana", "password": TEST_PASSWORD}).status_code == 429
    with tenant_context(cluj):
        scopes = sorted(entry.after["scope"] for entry in
                        AuditEntry.objects.filter(action="sign_in.locked_out"))
        assert scopes == ["account", "address_username"]
        assert AuditEntry.objects.filter(action="sign_in.locked_out",
                                         target_id=ana.pk).count() == 2
    with tenant_context(paris):
        assert not AuditEntry.objects.filter(action="sign_in.locked_out").exists()


def test_idle_htmx_request_sends_the_page_to_sign_in(cluj, signed_in):
    browser = signed_in(cluj)
    _age_session(cluj, browser.user, last_activity_at=timezone.now() - timedelta(hours=2))
    out = browser.get("/proposals/", HTTP_HX_REQUEST="true",
                      HTTP_HX_CURRENT_URL="http://cluj.localhost/proposals/")
    assert out.status_code == 204
    assert out["HX-Redirect"].startswith("/accounts/login/?next=")


def test_a_colleague_cannot_lock_an_admin_out_of_their_own_browser(cluj, make_user, client_for):
    """Failures for a name from the shared address lock out other browsers only: the browser
    the admin signed in with before keeps its own, separate count."""
    make_user(cluj, username="admin", roles=(Role.CITY_ADMIN,))
    own_browser = client_for(cluj)
    assert own_browser.post("/accounts/login/", {"username": "admin",
                                                 "password": TEST_PASSWORD}).status_code == 302
    assert own_browser.post("/accounts/logout/").status_code == 302
    colleague = client_for(cluj)  # same city hall, same address
    for _attempt in range(6):
        colleague.post("/accounts/login/", {"username": "admin", "password": "guess"})
    assert colleague.post("/accounts/login/", {"username": "admin",
                                               "password": TEST_PASSWORD}).status_code == 429
    assert client_for(cluj).post("/accounts/login/", {
        "username": "admin", "password": TEST_PASSWORD}).status_code == 429  # a new browser
    assert own_browser.post("/accounts/login/", {"username": "admin",
                                                 "password": TEST_PASSWORD}).status_code == 302
    # Its own wrong guesses still count, for that browser alone.
    own_browser.post("/accounts/logout/")
    for _attempt in range(5):
        own_browser.post("/accounts/login/", {"username": "admin", "password": "typo"})
    refused = own_browser.post("/accounts/login/", {"username": "admin",
                                                    "password": TEST_PASSWORD})
    assert refused.status_code == 429
    assert "Too many failed sign-in attempts" in refused.text
    with tenant_context(cluj):
        scopes = {entry.after["scope"] for entry in
                  AuditEntry.objects.filter(action="sign_in.locked_out")}
        assert scopes == {"address_username", "device"}


def test_a_browser_trusted_in_one_city_is_a_stranger_in_another(cluj, paris, make_user,
                                                                  client_for):
    make_user(cluj, username="admin")
    make_user(paris, username="admin")
    cluj_browser = client_for(cluj)
    cluj_browser.post("/accounts/login/", {"username": "admin", "password": TEST_PASSWORD})
    remembered = cluj_browser.cookies["innovato_device"].value
    for _attempt in range(5):
        client_for(paris).post("/accounts/login/", {"username": "admin", "password": "guess"})
    paris_browser = client_for(paris)
    paris_browser.cookies["innovato_device"] = remembered  # copied across by hand
    assert paris_browser.post("/accounts/login/", {
        "username": "admin", "password": TEST_PASSWORD}).status_code == 429


def test_guessing_past_the_address_limit_is_slowed_down(cluj, make_user, client_for, settings):
    """Names nobody has cannot be locked; past the address limit every failed attempt, for a
    known name or not alike, is answered later and later."""
    settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS = 3
    settings.LOGIN_SLOWDOWN_MAX_SECONDS = 1.0
    make_user(cluj, username="ion")
    hall = client_for(cluj)

    def timed(username: str, password: str):
        started = time.monotonic()
        response = hall.post("/accounts/login/", {"username": username, "password": password})
        return response.status_code, time.monotonic() - started

    for number in range(3):
        hall.post("/accounts/login/", {"username": f"nobody{number}", "password": "guess"})
    delays = [timed(f"stranger{number}", "guess") for number in range(3)]
    assert [status for status, _ in delays] == [429, 429, 429]
    assert delays[0][1] >= 0.5 and delays[2][1] >= 1.0
    status, _seconds = timed("ion", "wrong")
    assert status == 429 and _seconds >= 1.0  # a known name is treated alike
    assert timed("ion", TEST_PASSWORD)[0] == 302
