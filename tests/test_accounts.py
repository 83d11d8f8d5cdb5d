"""Sign-in, throttling, invitations and password reset, per city."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Invitation, Role, User

pytestmark = pytest.mark.django_db


def link_in(mail) -> str:
    return re.search(r"https?://\S+", mail.body).group(0)


def path_of(url: str) -> str:
    return re.sub(r"^https?://[^/]+", "", url)


@pytest.fixture
def invitation_mail(cluj, signed_in, mailoutbox, django_capture_on_commit_callbacks):
    admin = signed_in(cluj, roles=[Role.CITY_ADMIN])
    with django_capture_on_commit_callbacks(execute=True):
        response = admin.post("/accounts/invitations/", {"email": "new.person@cluj.test",
                                                         "roles": ["employee", "evaluator"]})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    return mailoutbox[0]


def test_sign_in_and_out(cluj, make_user, client_for):
    make_user(cluj, username="ana")
    browser = client_for(cluj)
    response = browser.post("/accounts/login/", {"username": "ana",
                                                 "password": "Correct-Horse-42"})
    assert response.status_code == 302
    assert "ana" in browser.get("/").text
    browser.post("/accounts/logout/")
    assert browser.get("/api/v1/me/").status_code in (401, 403)


def test_wrong_password_is_refused_in_the_citys_language(cluj, make_user, client_for):
    make_user(cluj, username="ana")
    response = client_for(cluj, HTTP_ACCEPT_LANGUAGE="").post(
        "/accounts/login/", {"username": "ana", "password": "nope"})
    assert response.status_code == 200
    assert '<html lang="ro"' in response.text
    assert 'role="alert"' in response.text


def test_repeated_failed_logins_are_throttled(cluj, paris, make_user, client_for, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    make_user(cluj, username="ana")
    make_user(paris, username="ana")
    browser = client_for(cluj)
    for _attempt in range(3):
        browser.post("/accounts/login/", {"username": "ana", "password": "guess"})
    blocked = browser.post("/accounts/login/", {"username": "ana",
                                                "password": "Correct-Horse-42"})
    assert blocked.status_code == 429
    api_blocked = client_for(cluj).post("/api/v1/auth/token/", {
        "username": "ana", "password": "Correct-Horse-42"})
    assert api_blocked.status_code == 429
    assert "Retry-After" in api_blocked.headers
    assert api_blocked.json()["detail"]
    # Each city counts its own failures.
    assert client_for(paris).post("/accounts/login/", {
        "username": "ana", "password": "Correct-Horse-42"}).status_code == 302


def test_invitation_link_creates_an_account_once(cluj, client_for, invitation_mail):
    assert invitation_mail.to == ["new.person@cluj.test"]
    assert "Cluj-Napoca" in invitation_mail.body
    url = link_in(invitation_mail)
    assert url.startswith("http://cluj.localhost/accounts/invitations/")
    browser = client_for(cluj)
    form = browser.get(path_of(url))
    assert form.status_code == 200
    assert "new.person@cluj.test" in form.text
    response = browser.post(path_of(url), {
        "username": "newperson", "first_name": "Nou", "last_name": "Coleg",
        "password1": "A-Long-Pass-Phrase-9", "password2": "A-Long-Pass-Phrase-9"})
    assert response.status_code == 302
    assert browser.get("/api/v1/me/").json()["roles"] == ["employee", "evaluator"]

    reused = client_for(cluj).post(path_of(url), {
        "username": "intruder", "password1": "A-Long-Pass-Phrase-9",
        "password2": "A-Long-Pass-Phrase-9"})
    assert reused.status_code == 404
    with tenant_context(cluj):
        assert not User.objects.filter(username="intruder").exists()


def test_invitation_link_expires(cluj, client_for, invitation_mail):
    with tenant_context(cluj):
        Invitation.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    response = client_for(cluj, HTTP_ACCEPT_LANGUAGE="en").get(
        path_of(link_in(invitation_mail)))
    assert response.status_code == 410
    assert "This invitation has expired" in response.text


def test_invitation_link_works_only_in_its_city(paris, client_for, invitation_mail):
    response = client_for(paris).get(path_of(link_in(invitation_mail)))
    assert response.status_code == 404


def test_weak_password_is_refused_and_invitation_stays_usable(cluj, client_for,
                                                              invitation_mail):
    url = path_of(link_in(invitation_mail))
    response = client_for(cluj).post(url, {"username": "np", "password1": "123",
                                           "password2": "123"})
    assert response.status_code == 400
    with tenant_context(cluj):
        assert not User.objects.filter(username="np").exists()
    assert client_for(cluj).get(url).status_code == 200


def test_only_admins_invite(cluj, signed_in, api_for):
    assert signed_in(cluj).get("/accounts/invitations/").status_code == 403
    response = api_for(cluj).post("/api/v1/invitations/", {"email": "x@cluj.test",
                                                           "roles": ["employee"]},
                                  content_type="application/json")
    assert response.status_code == 403
    assert response.json()["detail"]


def test_api_invitation_refuses_hub_roles_in_a_city(cluj, api_for, mailoutbox):
    response = api_for(cluj, roles=[Role.CITY_ADMIN]).post(
        "/api/v1/invitations/", {"email": "x@cluj.test", "roles": ["partner_admin"]},
        content_type="application/json")
    assert response.status_code == 400
    assert "roles" in response.json()["errors"]
    assert mailoutbox == []


def test_password_reset_by_email(cluj, make_user, client_for, mailoutbox):
    make_user(cluj, username="ana", email="ana@cluj.test")
    browser = client_for(cluj)
    response = browser.post("/accounts/password-reset/", {"email": "ana@cluj.test"})
    assert response.status_code == 302
    assert len(mailoutbox) == 1
    url = path_of(link_in(mailoutbox[0]))
    form_page = browser.get(url, follow=True)
    assert form_page.status_code == 200
    set_url = form_page.redirect_chain[-1][0]
    done = browser.post(set_url, {"new_password1": "Brand-New-Secret-7",
                                  "new_password2": "Brand-New-Secret-7"})
    assert done.status_code == 302
    token = client_for(cluj).post("/api/v1/auth/token/", {"username": "ana",
                                                          "password": "Brand-New-Secret-7"})
    assert token.status_code == 200


def test_a_revoked_invitation_link_no_longer_works(cluj, client_for, signed_in, api_for,
                                                   invitation_mail):
    with tenant_context(cluj):
        invitation = Invitation.objects.get()
    assert signed_in(cluj).post(f"/accounts/invitations/{invitation.pk}/revoke/"
                                ).status_code == 403
    admin = signed_in(cluj, roles=[Role.CITY_ADMIN])
    assert admin.post(f"/accounts/invitations/{invitation.pk}/revoke/").status_code == 302
    assert client_for(cluj).get(path_of(link_in(invitation_mail))).status_code == 404
    assert admin.post(f"/accounts/invitations/{invitation.pk}/revoke/").status_code == 404


def test_an_invitation_is_revoked_through_the_api(cluj, api_for, invitation_mail):
    with tenant_context(cluj):
        invitation = Invitation.objects.get()
    admin = api_for(cluj, roles=[Role.CITY_ADMIN])
    assert admin.delete(f"/api/v1/invitations/{invitation.pk}/").status_code == 204
    assert admin.get("/api/v1/invitations/").json()["count"] == 0
    with tenant_context(cluj):
        assert Invitation.objects.get().revoked_at is not None
