"""Admins change the roles of people who already have an account, deactivate and reactivate
them, on the People page and through the API; the city always keeps an active admin."""

import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import ApiToken, Role, User, UserSession
from tenant_apps.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

ADMIN_ROLES = [Role.CITY_ADMIN, Role.EMPLOYEE]


def roles_of(city, user) -> list[str]:
    with tenant_context(city):
        return User.objects.get(pk=user.pk).roles


def audit_of(city, user) -> list[AuditEntry]:
    """Changes to `user` (not their sign-ins, nor admins viewing their page)."""
    with tenant_context(city):
        return list(AuditEntry.objects.filter(target_type="accounts.user", target_id=user.pk)
                    .exclude(action__startswith="sign_in.")
                    .exclude(action__startswith="personal_data.").order_by("id"))


def test_admin_gives_the_evaluator_role_on_the_people_page(cluj, signed_in, make_user):
    admin = signed_in(cluj, roles=ADMIN_ROLES)
    ana = make_user(cluj, username="ana")
    listing = admin.get("/accounts/users/")
    assert f'action="/accounts/users/{ana.pk}/roles/"' in listing.text
    page = admin.get(f"/accounts/users/{ana.pk}/")
    assert page.status_code == 200
    assert f'action="/accounts/users/{ana.pk}/roles/"' in page.text
    assert f'action="/accounts/users/{ana.pk}/deactivate/"' in page.text

    saved = admin.post(f"/accounts/users/{ana.pk}/roles/",
                       {"roles": ["employee", "evaluator"]}, follow=True)
    assert saved.status_code == 200
    assert saved.redirect_chain[-1][0] == f"/accounts/users/{ana.pk}/"
    assert "The roles of ana are saved." in saved.text
    assert roles_of(cluj, ana) == ["employee", "evaluator"]
    [entry] = audit_of(cluj, ana)
    assert entry.action == "user.roles_changed"
    assert entry.actor_id == admin.user.pk
    assert entry.before == {"roles": ["employee"], "is_active": True}
    assert entry.after == {"roles": ["employee", "evaluator"], "is_active": True}


def test_admin_makes_someone_city_admin_through_the_api(cluj, api_for, make_user, client_for):
    admin = api_for(cluj, roles=ADMIN_ROLES)
    ana = make_user(cluj, username="ana")
    response = admin.patch(f"/api/v1/users/{ana.pk}/", {"roles": ["employee", "city_admin"]},
                           content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["roles"] == ["employee", "city_admin"]
    assert [e.action for e in audit_of(cluj, ana)] == ["user.roles_changed"]
    # The new admin can use what admins use.
    browser = client_for(cluj)
    browser.post("/accounts/login/", {"username": "ana", "password": "Correct-Horse-42"})
    assert browser.get("/accounts/users/").status_code == 200


def test_only_admins_change_people_and_only_with_this_sites_roles(cluj, api_for, signed_in,
                                                                 make_user):
    ana = make_user(cluj, username="ana")
    employee = api_for(cluj)
    refused = employee.patch(f"/api/v1/users/{ana.pk}/", {"roles": ["city_admin"]},
                             content_type="application/json")
    assert refused.status_code == 403
    page = signed_in(cluj).post(f"/accounts/users/{ana.pk}/roles/", {"roles": ["city_admin"]})
    assert page.status_code == 403

    admin = api_for(cluj, roles=ADMIN_ROLES)
    for roles in (["partner_admin"], [], ["boss"]):
        invalid = admin.patch(f"/api/v1/users/{ana.pk}/", {"roles": roles},
                              content_type="application/json")
        assert invalid.status_code == 400, roles
        assert invalid.json()["code"] == "invalid"
    assert roles_of(cluj, ana) == ["employee"]
    assert audit_of(cluj, ana) == []


def test_a_deactivated_person_is_signed_out_everywhere_at_once(
        cluj, signed_in, make_user, make_call, make_proposal, client_for):
    from shared_apps.accounts.services import api_token_issue

    admin = signed_in(cluj, roles=ADMIN_ROLES)
    ana = signed_in(cluj, username="ana")
    with tenant_context(cluj):
        token = api_token_issue(user=ana.user)
    call = make_call(cluj, admin=admin.user)
    proposal = make_proposal(cluj, call, author=ana.user, title="Shared printers")
    assert ana.get("/proposals/").status_code == 200
    with tenant_context(cluj):
        assert UserSession.objects.filter(user_id=ana.user.pk).count() == 1

    done = admin.post(f"/accounts/users/{ana.user.pk}/deactivate/", follow=True)
    assert done.status_code == 200
    assert "ana can no longer sign in." in done.text

    next_request = ana.get("/proposals/")
    assert next_request.status_code == 302
    assert next_request["Location"].startswith("/accounts/login/")
    api = client_for(cluj, HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/me/")
    assert api.status_code == 401
    with tenant_context(cluj):
        assert not UserSession.objects.filter(user_id=ana.user.pk).exists()
        assert not ApiToken.objects.filter(user_id=ana.user.pk).exists()
    sign_in = client_for(cluj).post("/accounts/login/", {"username": "ana",
                                                         "password": "Correct-Horse-42"})
    assert sign_in.status_code == 200  # the form again, with its error
    assert client_for(cluj).post("/api/v1/auth/token/", {
        "username": "ana", "password": "Correct-Horse-42"}).status_code == 401

    # Their proposals stay.
    shown = admin.get(f"/proposals/{proposal.pk}/")
    assert shown.status_code == 200
    assert "Shared printers" in shown.text
    [entry] = audit_of(cluj, ana.user)
    assert (entry.action, entry.before["is_active"], entry.after["is_active"]) == (
        "user.deactivated", True, False)

    # Reactivation restores signing in, not the old session or token.
    again = admin.post(f"/accounts/users/{ana.user.pk}/reactivate/", follow=True)
    assert "ana can sign in again." in again.text
    assert ana.get("/proposals/").status_code == 302
    assert client_for(cluj, HTTP_AUTHORIZATION=f"Token {token}").get(
        "/api/v1/me/").status_code == 401
    browser = client_for(cluj)
    assert browser.post("/accounts/login/", {"username": "ana",
                                             "password": "Correct-Horse-42"}).status_code == 302
    assert browser.get("/proposals/").status_code == 200
    assert [e.action for e in audit_of(cluj, ana.user)] == ["user.deactivated",
                                                            "user.reactivated"]


def test_deactivation_through_the_api(cluj, api_for):
    admin = api_for(cluj, roles=ADMIN_ROLES)
    ana = api_for(cluj, username="ana")
    assert ana.get("/api/v1/me/").status_code == 200
    response = admin.patch(f"/api/v1/users/{ana.user.pk}/", {"is_active": False},
                           content_type="application/json")
    assert response.status_code == 200
    assert response.json()["is_active"] is False
    assert ana.get("/api/v1/me/").status_code == 401
    listed = admin.get("/api/v1/users/?is_active=false").json()["results"]
    assert [u["username"] for u in listed] == ["ana"]
    back = admin.patch(f"/api/v1/users/{ana.user.pk}/", {"is_active": True},
                       content_type="application/json")
    assert back.json()["is_active"] is True


def test_the_city_always_keeps_an_active_city_admin(cluj, api_for, signed_in, make_user):
    admin = api_for(cluj, roles=ADMIN_ROLES, username="boss")
    demoted = admin.patch(f"/api/v1/users/{admin.user.pk}/", {"roles": ["employee"]},
                          content_type="application/json", HTTP_ACCEPT_LANGUAGE="hu")
    assert demoted.status_code == 409
    assert demoted.json()["code"] == "last_admin"
    assert demoted.json()["detail"] == (
        "A városnak legalább egy aktív városi adminisztrátorra van szüksége.")
    self_off = admin.patch(f"/api/v1/users/{admin.user.pk}/", {"is_active": False},
                           content_type="application/json")
    assert self_off.status_code == 409
    assert self_off.json()["code"] == "self_deactivation"
    assert roles_of(cluj, admin.user) == ADMIN_ROLES

    # With a second admin, one may step down; the other then cannot, on the page either.
    deputy = signed_in(cluj, roles=ADMIN_ROLES, username="deputy")
    assert admin.patch(f"/api/v1/users/{admin.user.pk}/", {"roles": ["employee"]},
                       content_type="application/json").status_code == 200
    refused = deputy.post(f"/accounts/users/{deputy.user.pk}/roles/", {"roles": ["employee"]})
    assert refused.status_code == 409
    assert "The city must keep at least one active city admin." in refused.text
    assert roles_of(cluj, deputy.user) == ADMIN_ROLES
    assert deputy.post(f"/accounts/users/{deputy.user.pk}/deactivate/").status_code == 409
    # The former admin is an employee now.
    assert admin.patch(f"/api/v1/users/{deputy.user.pk}/", {"is_active": False},
                       content_type="application/json").status_code == 403


def test_a_cluj_admin_cannot_change_a_paris_user_by_guessing_its_id(cluj, paris, api_for,
                                                                    signed_in, make_user):
    admin = api_for(cluj, roles=ADMIN_ROLES)
    page_admin = signed_in(cluj, roles=ADMIN_ROLES)
    parisians = [make_user(paris) for _ in range(4)]
    with tenant_context(cluj):
        cluj_ids = set(User.objects.values_list("pk", flat=True))
    target = next(p for p in parisians if p.pk not in cluj_ids)
    assert admin.patch(f"/api/v1/users/{target.pk}/", {"roles": ["city_admin"]},
                       content_type="application/json").status_code == 404
    assert admin.get(f"/api/v1/users/{target.pk}/").status_code == 404
    assert page_admin.post(f"/accounts/users/{target.pk}/deactivate/").status_code == 404
    with tenant_context(paris):
        unchanged = User.objects.get(pk=target.pk)
        assert (unchanged.roles, unchanged.is_active) == (["employee"], True)
        assert not AuditEntry.objects.exists()


def test_partner_admins_manage_hub_roles_on_the_hub(hub, api_for, make_user):
    partner = api_for(hub, roles=[Role.PARTNER_ADMIN])
    person = make_user(hub, roles=[Role.COORDINATOR], username="nora")
    made = partner.patch(f"/api/v1/users/{person.pk}/",
                         {"roles": ["coordinator", "partner_admin"]},
                         content_type="application/json")
    assert made.status_code == 200, made.content
    assert made.json()["roles"] == ["coordinator", "partner_admin"]
    city_role = partner.patch(f"/api/v1/users/{person.pk}/", {"roles": ["evaluator"]},
                              content_type="application/json")
    assert city_role.status_code == 400
    assert [e.action for e in audit_of(hub, person)] == ["user.roles_changed"]
    # nora steps down; the last partner admin cannot.
    assert partner.patch(f"/api/v1/users/{person.pk}/", {"roles": ["coordinator"]},
                         content_type="application/json").status_code == 200
    last = partner.patch(f"/api/v1/users/{partner.user.pk}/", {"roles": ["coordinator"]},
                         content_type="application/json")
    assert last.status_code == 409
    assert last.json()["detail"] == "The network must keep at least one active partner admin."


def test_partner_admins_change_hub_roles_on_the_hubs_people_page(hub, cluj, signed_in,
                                                                 make_user):
    partner = signed_in(hub, roles=[Role.PARTNER_ADMIN])
    person = make_user(hub, roles=[Role.COORDINATOR], username="nora")
    page = partner.get(f"/accounts/users/{person.pk}/")
    assert 'value="partner_admin"' in page.text
    assert 'value="city_admin"' not in page.text
    saved = partner.post(f"/accounts/users/{person.pk}/roles/",
                         {"roles": ["coordinator", "partner_admin"]}, follow=True)
    assert "The roles of nora are saved." in saved.text
    assert roles_of(hub, person) == ["coordinator", "partner_admin"]
    off = partner.post(f"/accounts/users/{person.pk}/deactivate/")
    assert off.status_code == 302
    with tenant_context(hub):
        assert not User.objects.get(pk=person.pk).is_active
    # A city admin's session means nothing on the hub.
    city_admin = signed_in(cluj, roles=ADMIN_ROLES)
    stranger = signed_in(hub, roles=[Role.COORDINATOR])
    stranger.cookies["sessionid"] = city_admin.cookies["sessionid"].value
    assert stranger.post(f"/accounts/users/{person.pk}/reactivate/").status_code in (302, 403)
    with tenant_context(hub):
        assert not User.objects.get(pk=person.pk).is_active
