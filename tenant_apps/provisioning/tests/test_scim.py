"""SCIM 2.0 provisioning, as a city's directory (Entra ID, Okta) drives it over HTTP."""

import json

import pytest
from django.test import Client
from django.utils import translation
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import ApiToken, Role, User, UserSession
from tenant_apps.audit.models import AuditEntry
from tenant_apps.people.models import Profile

SCIM = "application/scim+json"
USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User"
ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp"


class Directory:
    """A SCIM client with a city's bearer token, on a given host."""

    def __init__(self, host: str, token: str):
        self.client = Client(HTTP_HOST=host, HTTP_AUTHORIZATION=f"Bearer {token}")
        self.token = token

    def _send(self, method, path, body=None):
        response = getattr(self.client, method)(
            f"/scim/v2/{path}", data=json.dumps(body) if body is not None else None,
            content_type=SCIM)
        response.doc = json.loads(response.content) if response.content else None
        return response

    def get(self, path):
        return self._send("get", path)

    def post(self, path, body):
        return self._send("post", path, body)

    def put(self, path, body):
        return self._send("put", path, body)

    def patch(self, path, operations):
        return self._send("patch", path, {"schemas": [PATCH_OP], "Operations": operations})

    def delete(self, path):
        return self._send("delete", path)


@pytest.fixture
def city_admin_api(api_for):
    def make(city):
        return api_for(city, roles=(Role.CITY_ADMIN, Role.EMPLOYEE))
    return make


@pytest.fixture
def directory(city_admin_api):
    """The directory of `city`, with a token its city admin created through the API."""

    def make(city) -> Directory:
        admin = city_admin_api(city)
        created = admin.post("/api/v1/scim-token/")
        assert created.status_code == 201
        assert created.json()["base_url"] == f"http://{city.slug}.localhost/scim/v2/"
        directory = Directory(f"{city.slug}.localhost", created.json()["token"])
        directory.admin = admin
        return directory

    return make


def entra_user(user_name="ana.pop@cluj.example", **extra):
    """A user as Entra ID's default attribute mapping sends it."""
    return {
        "schemas": [USER_SCHEMA, ENTERPRISE],
        "externalId": "0a1b2c3d",
        "userName": user_name,
        "active": True,
        "displayName": "Ana Pop",
        "name": {"givenName": "Ana", "familyName": "Pop", "formatted": "Ana Pop"},
        "emails": [{"primary": True, "type": "work", "value": user_name}],
        "preferredLanguage": "hu-HU",
        "title": "Inspector",
        ENTERPRISE: {"department": "Digital services"},
        **extra,
    }


def test_entra_creates_patches_and_deactivates_a_person(cluj, directory, make_department,
                                                        make_call, make_proposal, client_for):
    make_department(cluj, name="Digital services", code="digital")
    make_department(cluj, name="Urban planning", code="urbanism")
    scim = directory(cluj)
    # Entra first looks the person up by userName, then creates them.
    found = scim.get('Users?filter=userName eq "ana.pop@cluj.example"')
    assert found.status_code == 200 and found.doc["totalResults"] == 0
    created = scim.post("Users", entra_user())
    assert created.status_code == 201, created.doc
    user_id = created.doc["id"]
    assert created["Location"] == f"http://cluj.localhost/scim/v2/Users/{user_id}"
    assert created.doc["active"] is True
    assert created.doc[ENTERPRISE]["department"] == "Digital services"
    assert created.doc["preferredLanguage"] == "hu"
    assert scim.get('Users?filter=userName eq "ana.pop@cluj.example"').doc["totalResults"] == 1
    assert scim.get('Users?filter=externalId eq "0a1b2c3d"').doc["totalResults"] == 1
    # Entra's PATCH: capitalised ops, a filtered e-mail path, the enterprise department.
    patched = scim.patch(f"Users/{user_id}", [
        {"op": "Replace", "path": 'emails[type eq "work"].value',
         "value": "ana.pop-szabo@cluj.example"},
        {"op": "Replace", "path": "name.familyName", "value": "Pop-Szabó"},
        {"op": "Add", "path": f"{ENTERPRISE}:department", "value": "Urban planning"},
        {"op": "Replace", "path": 'addresses[type eq "work"].formatted', "value": "Room 12"},
    ])
    assert patched.status_code == 200, patched.doc
    assert patched.doc["emails"][0]["value"] == "ana.pop-szabo@cluj.example"
    assert patched.doc["name"]["familyName"] == "Pop-Szabó"
    assert patched.doc[ENTERPRISE]["department"] == "Urban planning"
    with tenant_context(cluj):
        person = User.objects.get(pk=user_id)
        assert Profile.objects.get(user=person).department.code == "urbanism"
        assert person.roles == [Role.EMPLOYEE] and person.language == "hu"
    # Her proposal, then Entra deactivates her ("False" as a string, non-compliant mode).
    proposal = make_proposal(cluj, make_call(cluj), author=person)
    deactivated = scim.patch(f"Users/{user_id}",
                             [{"op": "Replace", "path": "active", "value": "False"}])
    assert deactivated.status_code == 200 and deactivated.doc["active"] is False
    with tenant_context(cluj):
        assert AuditEntry.objects.filter(action="user.deactivated",
                                         target_id=str(user_id)).exists()
    # Her proposal stays, shown as by a former employee, in the reader's language.
    reader = client_for(cluj, HTTP_ACCEPT_LANGUAGE="en")
    with tenant_context(cluj):
        reader.force_login(User.objects.create(username="reader", roles=[Role.EMPLOYEE]))
    page = reader.get(f"/proposals/{proposal.pk}/")
    assert page.status_code == 200
    assert "Former employee" in page.text and "Pop-Szabó" not in page.text


def test_okta_updates_with_put_and_a_pathless_patch(cluj, directory):
    scim = directory(cluj)
    user_id = scim.post("Users", entra_user("ion@cluj.example")).doc["id"]
    # Okta sends the whole user with PUT, then deactivates with a value object.
    replaced = scim.put(f"Users/{user_id}", entra_user(
        "ion@cluj.example", name={"givenName": "Ion", "familyName": "Rus"},
        preferredLanguage="ro"))
    assert replaced.status_code == 200
    assert replaced.doc["name"]["givenName"] == "Ion" and replaced.doc["preferredLanguage"] == "ro"
    off = scim.patch(f"Users/{user_id}", [{"op": "replace", "value": {"active": False}}])
    assert off.status_code == 200 and off.doc["active"] is False
    on = scim.patch(f"Users/{user_id}", [{"op": "replace", "value": {"active": True}}])
    assert on.doc["active"] is True


def test_scim_deactivation_cuts_access_within_one_request(cluj, directory, signed_in,
                                                          client_for):
    scim = directory(cluj)
    user_id = scim.post("Users", entra_user("mara@cluj.example")).doc["id"]
    browser = client_for(cluj)
    with tenant_context(cluj):
        person = User.objects.get(pk=user_id)
        browser.force_login(person)
        from shared_apps.accounts.services import api_token_issue

        token = api_token_issue(user=person)
    api = client_for(cluj, HTTP_AUTHORIZATION=f"Token {token}")
    assert browser.get("/proposals/").status_code == 200
    assert api.get("/api/v1/me/").status_code == 200

    assert scim.patch(f"Users/{user_id}",
                      [{"op": "replace", "path": "active", "value": False}]).status_code == 200

    assert api.get("/api/v1/me/").status_code == 401
    next_page = browser.get("/proposals/")
    assert next_page.status_code == 302 and "/accounts/login/" in next_page["Location"]
    with tenant_context(cluj):
        assert not UserSession.objects.filter(user_id=user_id).exists()
        assert not ApiToken.objects.filter(user_id=user_id).exists()


def test_delete_keeps_the_person_as_a_former_employee(cluj, directory):
    scim = directory(cluj)
    user_id = scim.post("Users", entra_user("leaver@cluj.example")).doc["id"]
    assert scim.delete(f"Users/{user_id}").status_code == 204
    with tenant_context(cluj), translation.override("ro"):
        leaver = User.objects.get(pk=user_id)
        assert not leaver.is_active and leaver.author_name == "Fost angajat"


def test_groups_give_the_roles_and_department_the_city_admin_chose(cluj, directory,
                                                                  make_department):
    jury = make_department(cluj, name="Innovation office", code="innovation")
    scim = directory(cluj)
    ana = scim.post("Users", entra_user("ana@cluj.example")).doc["id"]
    ion = scim.post("Users", entra_user("ion@cluj.example", externalId="x2")).doc["id"]
    group = scim.post("Groups", {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
                                 "displayName": "Innovato evaluators",
                                 "members": [{"value": ana}]})
    assert group.status_code == 201, group.doc
    assert scim.get('Groups?filter=displayName eq "Innovato evaluators"').doc[
        "totalResults"] == 1
    # The city admin maps the group to the evaluator role and a department, through the API.
    mapped = scim.admin.patch(f"/api/v1/directory-groups/{group.doc['id']}/",
                              {"role": "evaluator", "department": jury.pk},
                              content_type="application/json")
    assert mapped.status_code == 200, mapped.json()
    with tenant_context(cluj):
        assert User.objects.get(pk=ana).roles == [Role.EMPLOYEE, Role.EVALUATOR]
        assert Profile.objects.get(user_id=ana).department == jury
    # Entra adds Ion; Okta's filtered remove takes Ana out, and her role with her.
    assert scim.patch(f"Groups/{group.doc['id']}", [
        {"op": "Add", "path": "members", "value": [{"value": ion}]}]).status_code == 200
    assert scim.patch(f"Groups/{group.doc['id']}", [
        {"op": "remove", "path": f'members[value eq "{ana}"]'}]).status_code == 200
    with tenant_context(cluj):
        assert User.objects.get(pk=ion).roles == [Role.EMPLOYEE, Role.EVALUATOR]
        assert User.objects.get(pk=ana).roles == [Role.EMPLOYEE]
    assert scim.get(f"Groups/{group.doc['id']}").doc["members"] == [
        {"value": ion, "display": "Ana Pop",
         "$ref": f"http://cluj.localhost/scim/v2/Users/{ion}"}]


def test_errors_are_scim_documents_with_the_right_status(cluj, directory):
    scim = directory(cluj)
    scim.post("Users", entra_user("dup@cluj.example"))
    duplicate = scim.post("Users", entra_user("dup@cluj.example"))
    assert duplicate.status_code == 409
    assert duplicate.doc["schemas"] == ["urn:ietf:params:scim:api:messages:2.0:Error"]
    assert duplicate.doc["scimType"] == "uniqueness" and duplicate.doc["status"] == "409"
    assert scim.post("Users", {"schemas": [USER_SCHEMA]}).status_code == 400
    bad_email = scim.post("Users", entra_user("x@cluj.example",
                                              emails=[{"value": "not-an-address"}]))
    assert bad_email.status_code == 400 and bad_email.doc["detail"]
    assert scim.get("Users/999999").status_code == 404
    assert scim.get("Users/abc").status_code == 404
    assert scim.get("Users/abc").doc["schemas"] == [
        "urn:ietf:params:scim:api:messages:2.0:Error"]
    user_id = scim.get('Users?filter=userName eq "dup@cluj.example"').doc["Resources"][0]["id"]
    wrong = scim.patch(f"Users/{user_id}", [{"op": "replace", "path": "active",
                                             "value": "maybe"}])
    assert wrong.status_code == 400
    assert scim.patch(f"Users/{user_id}", [{"op": "move", "path": "active"}]).status_code == 400
    assert scim.get('Users?filter=userName eq').status_code == 400


def test_a_token_works_only_on_its_own_citys_host(cluj, paris, hub, directory, client_for,
                                                  signed_in):
    scim = directory(cluj)
    assert scim.get("Users").status_code == 200
    for host in ("paris.localhost", "localhost"):
        elsewhere = Directory(host, scim.token)
        refused = elsewhere.post("Users", entra_user("spy@paris.example"))
        assert refused.status_code in (401, 404)
    with tenant_context(paris):
        assert not User.objects.filter(username="spy@paris.example").exists()
    assert Directory("paris.localhost", scim.token).get("Users").status_code == 401
    # Without a token, or with a city admin's session or API token, SCIM is closed.
    assert Directory("cluj.localhost", "wrong").get("Users").status_code == 401
    admin_session = signed_in(cluj, roles=(Role.CITY_ADMIN, Role.EMPLOYEE))
    assert admin_session.get("/scim/v2/Users").status_code == 401
    assert scim.admin.get("/scim/v2/Users").status_code == 401
    # Rotating ends the old token at once; revoking ends the new one.
    rotated = scim.admin.post("/api/v1/scim-token/").json()["token"]
    assert scim.get("Users").status_code == 401
    assert Directory("cluj.localhost", rotated).get("Users").status_code == 200
    assert scim.admin.delete("/api/v1/scim-token/").status_code == 204
    assert Directory("cluj.localhost", rotated).get("Users").status_code == 401


def test_only_city_admins_manage_the_token(cluj, api_for):
    employee = api_for(cluj)
    assert employee.post("/api/v1/scim-token/").status_code == 403
    assert employee.get("/api/v1/scim-token/").status_code == 403


def test_the_city_admin_creates_the_token_on_a_page_shown_once(cluj, signed_in):
    admin = signed_in(cluj, roles=(Role.CITY_ADMIN, Role.EMPLOYEE))
    page = admin.get("/people/provisioning/directory/")
    assert page.status_code == 200 and "http://cluj.localhost/scim/v2/" in page.text
    created = admin.post("/people/provisioning/directory/token/")
    assert created.status_code == 200
    token = created.text.split('id="scim-new-token">')[1].split("<")[0]
    assert Directory("cluj.localhost", token).get("ServiceProviderConfig").status_code == 200
    assert token not in admin.get("/people/provisioning/directory/").text
    revoked = admin.post("/people/provisioning/directory/token/revoke/")
    assert revoked.status_code == 302
    assert Directory("cluj.localhost", token).get("Users").status_code == 401
    assert signed_in(cluj).get("/people/provisioning/directory/").status_code == 403


def test_the_directory_cannot_deactivate_the_last_city_admin(cluj, directory):
    scim = directory(cluj)
    boss = scim.post("Users", entra_user("boss@cluj.example")).doc["id"]
    group = scim.post("Groups", {"displayName": "Innovato admins",
                                 "members": [{"value": boss}]}).doc["id"]
    assert scim.admin.patch(f"/api/v1/directory-groups/{group}/", {"role": "city_admin"},
                            content_type="application/json").status_code == 200
    with tenant_context(cluj):  # the admin who set SCIM up leaves by hand
        User.objects.filter(pk=scim.admin.user.pk).update(is_active=False)
    refused = scim.patch(f"Users/{boss}", [{"op": "replace", "path": "active", "value": False}])
    assert refused.status_code == 409 and refused.doc["detail"]
    with tenant_context(cluj):
        assert User.objects.get(pk=boss).is_active


def test_the_city_admin_maps_a_group_on_the_page(cluj, directory, signed_in, make_department):
    digital = make_department(cluj, name="Digital services", code="digital")
    scim = directory(cluj)
    ana = scim.post("Users", entra_user("ana@cluj.example")).doc["id"]
    group = scim.post("Groups", {"displayName": "Jury", "members": [{"value": ana}]}).doc["id"]
    admin = signed_in(cluj, roles=(Role.CITY_ADMIN, Role.EMPLOYEE))
    page = admin.get("/people/provisioning/directory/")
    assert "Jury" in page.text
    saved = admin.post(f"/people/provisioning/directory/groups/{group}/",
                       {"role": "evaluator", "department": digital.pk})
    assert saved.status_code == 302
    with tenant_context(cluj):
        assert User.objects.get(pk=ana).roles == [Role.EMPLOYEE, Role.EVALUATOR]
        assert Profile.objects.get(user_id=ana).department == digital
    wrong = admin.post(f"/people/provisioning/directory/groups/{group}/", {"role": "mayor"})
    assert wrong.status_code == 400


def test_listing_users_takes_a_fixed_number_of_queries(cluj, directory,
                                                       django_assert_max_num_queries):
    scim = directory(cluj)
    for number in range(8):
        scim.post("Users", entra_user(f"p{number}@cluj.example", externalId=f"e{number}"))
    with django_assert_max_num_queries(20):
        listed = scim.get("Users?count=100")
    assert listed.status_code == 200 and listed.doc["totalResults"] >= 8
