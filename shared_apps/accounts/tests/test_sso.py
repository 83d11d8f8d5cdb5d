"""Single sign-on with a city's own identity provider, over HTTP with the city's Host header,
against real providers started on loopback (tests/identity_providers.py)."""

from urllib.parse import urlsplit

import pytest
import requests
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role, User
from shared_apps.accounts.sso import sso_settings_update
from tenant_apps.audit.models import AuditEntry
from tests.identity_providers import needs_xmlsec1, oidc_provider, saml_idp

ANA = {"email": "ana.pop@primariaclujnapoca.ro", "given_name": "Ana", "family_name": "Pop",
       "locale": "hu-RO", "department": "Urbanism", "groups": ["staff", "innovation-jury"]}


def _local(url: str) -> str:
    """The path and query of an absolute URL, for the test client."""
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


@pytest.fixture
def connect_oidc(make_user):
    """Connect `city` to the OpenID Connect provider at `issuer`, as its admin would."""

    def connect(city, issuer: str, *, client_id: str, **extra):
        admin = make_user(city, roles=(Role.CITY_ADMIN,))
        with tenant_context(city):
            sso_settings_update(
                by=admin, protocol="oidc", display_name=extra.pop("display_name",
                                                                  "City Hall account"),
                oidc_server_url=issuer, oidc_client_id=client_id,
                oidc_client_secret="a-secret-of-" + client_id,
                department_map=extra.pop("department_map", {}),
                role_groups={"evaluator": ["innovation-jury"], "city_admin": ["it-admins"]},
                **extra)
        return admin

    return connect


def oidc_sign_in(client, slug: str, subject: str) -> tuple[str, object]:
    """Start a sign-in on the city, sign in at the provider as `subject`: the callback URL
    the provider sent the browser to, and the city's answer to it."""
    start = client.post(f"/auth/oidc/{slug}/login/")
    assert start.status_code == 302, start.content
    consent = requests.post(start["Location"], data={"sub": subject}, allow_redirects=False,
                            timeout=10)
    callback = consent.headers["Location"]
    return callback, client.get(_local(callback))


def test_oidc_first_sign_in_makes_the_account_with_department_and_roles(
        cluj, client_for, connect_oidc, make_department):
    make_department(cluj, name="Urban planning", code="urban")
    with oidc_provider({"ana": ANA}) as issuer:
        connect_oidc(cluj, issuer, client_id="cluj-innovato",
                     display_name="Cluj City Hall account", department_map={"Urbanism": "urban"})
        client = client_for(cluj)
        login_page = client.get("/accounts/login/")
        assert "Sign in with Cluj City Hall account" in login_page.content.decode()

        callback, answer = oidc_sign_in(client, "cluj", "ana")
        assert urlsplit(callback).netloc == "cluj.localhost"
        assert answer.status_code == 302 and answer["Location"] == "/"

        me = client.get("/api/v1/me/").json()
        assert me["email"] == ANA["email"]
        assert (me["first_name"], me["last_name"]) == ("Ana", "Pop")
        assert me["roles"] == [Role.EMPLOYEE, Role.EVALUATOR]
    with tenant_context(cluj):
        ana = User.objects.get(email=ANA["email"])
        assert ana.language == "hu"
        assert ana.profile.department.code == "urban"
        assert AuditEntry.objects.filter(action="user.signed_in_sso", target_id=ana.pk).exists()
        assert AuditEntry.objects.filter(action="user.created_by_sso").count() == 1


def test_an_identity_issued_for_one_city_is_refused_by_another(
        cluj, paris, client_for, connect_oidc):
    with oidc_provider({"ana": ANA}) as issuer:
        connect_oidc(cluj, issuer, client_id="cluj-innovato")
        connect_oidc(paris, issuer, client_id="paris-innovato")
        cluj_browser = client_for(cluj)
        start = cluj_browser.post("/auth/oidc/cluj/login/")
        consent = requests.post(start["Location"], data={"sub": "ana"},
                                allow_redirects=False, timeout=10)
        callback = _local(consent.headers["Location"])

        # Replayed on Paris, the code and state issued for Cluj sign no one in: by the path
        # (no provider "cluj" there), and by Paris's own provider path.
        attacker = client_for(paris)
        attacker.post("/auth/oidc/paris/login/")  # a session of its own on Paris
        replayed = attacker.get(callback)
        assert replayed.status_code in (403, 404)
        as_paris = attacker.get(callback.replace("/oidc/cluj/", "/oidc/paris/"))
        assert as_paris.status_code == 403 or "Sign-in failed" in as_paris.content.decode()
        assert attacker.get("/api/v1/me/").status_code in (401, 403)
        with tenant_context(paris):
            assert not User.objects.filter(email=ANA["email"]).exists()

        # The rightful browser still completes its own sign-in on Cluj.
        assert cluj_browser.get(callback).status_code == 302
        assert cluj_browser.get("/api/v1/me/").json()["email"] == ANA["email"]
    with tenant_context(cluj):
        assert User.objects.filter(email=ANA["email"]).exists()


def test_sso_only_refuses_passwords_except_for_named_admins(cluj, client_for, make_user,
                                                            connect_oidc):
    employee = make_user(cluj, username="maria")
    with oidc_provider({}) as issuer:
        admin = connect_oidc(cluj, issuer, client_id="cluj-innovato")
        with tenant_context(cluj):
            sso_settings_update(by=admin, protocol="oidc", display_name="Cluj account",
                                oidc_server_url=issuer, oidc_client_id="cluj-innovato",
                                sso_only=True, password_users=[admin])
    client = client_for(cluj)
    refused = client.post("/accounts/login/", {"username": employee.username,
                                               "password": "Correct-Horse-42"})
    assert refused.status_code == 403
    assert "signs in with Cluj account only" in refused.content.decode()
    token = client.post("/api/v1/auth/token/", {"username": employee.username,
                                                "password": "Correct-Horse-42"},
                        content_type="application/json")
    assert token.status_code == 403
    allowed = client.post("/accounts/login/", {"username": admin.username,
                                               "password": "Correct-Horse-42"})
    assert allowed.status_code == 302


def test_admin_configures_and_tests_the_connection_through_the_api(cluj, api_for):
    api = api_for(cluj, roles=(Role.CITY_ADMIN,))
    with oidc_provider({}) as issuer:
        saved = api.put("/api/v1/sso/", {
            "protocol": "oidc", "display_name": "Cluj account", "oidc_server_url": issuer,
            "oidc_client_id": "cluj-innovato", "oidc_client_secret": "top-secret",
            "role_groups": {"evaluator": ["jury"]}}, content_type="application/json")
        assert saved.status_code == 200, saved.content
        body = saved.json()
        assert "oidc_client_secret" not in body and "top-secret" not in saved.content.decode()
        assert body["has_client_secret"] is True
        assert body["service_provider"]["oidc_redirect_uri"] == (
            "http://cluj.localhost/auth/oidc/cluj/login/callback/")
        tested = api.post("/api/v1/sso/test/")
        assert tested.status_code == 200 and tested.json()["ok"] is True
    down = api.post("/api/v1/sso/test/")
    assert down.status_code == 200 and down.json()["ok"] is False
    assert "Nothing could be reached at" in down.json()["checks"][0]["message"]
    assert "top-secret" not in str(api.get("/api/v1/sso/").json())


def test_bad_settings_are_refused_with_reasons_and_change_nothing(cluj, api_for):
    api = api_for(cluj, roles=(Role.CITY_ADMIN,))
    refused = api.put("/api/v1/sso/", {"protocol": "oidc", "sso_only": True,
                                        "role_groups": {"wizard": ["x"]}},
                      content_type="application/json")
    assert refused.status_code == 400
    errors = refused.json()
    assert {"display_name", "oidc_server_url", "oidc_client_id", "password_users"} <= set(
        str(key) for key in (errors.get("errors") or errors))  or "display_name" in str(errors)
    assert api.get("/api/v1/sso/").json()["protocol"] == ""
    employee = api_for(cluj)
    assert employee.get("/api/v1/sso/").status_code == 403


@needs_xmlsec1
def test_saml_sign_in_makes_the_account_and_is_bound_to_the_city(
        cluj, paris, client_for, make_user, make_department):
    make_department(cluj, name="Urban planning", code="urban")
    attributes = {"mail": ["ion@cluj.test"], "givenName": ["Ion"], "sn": ["Rus"],
                  "department": ["Urbanism"], "groups": ["it-admins"],
                  "preferredLanguage": ["ro"]}
    with saml_idp({"ion": attributes}) as idp:
        for city in (cluj, paris):
            admin = make_user(city, roles=(Role.CITY_ADMIN,))
            with tenant_context(city):
                sso_settings_update(
                    by=admin, protocol="saml", display_name="City Hall account",
                    saml_metadata_xml=idp.metadata_xml(),
                    # pysaml2 names attributes by OID, as ADFS and Entra name them by URI;
                    # the e-mail, first and last name are found under their usual names.
                    claim_names={"language": "urn:oid:2.16.840.1.113730.3.1.39"},
                    department_map={"Urbanism": "urban"} if city == cluj else {},
                    role_groups={"city_admin": ["it-admins"]})
            metadata = client_for(city).get(f"/auth/saml/{city.slug}/metadata/")
            assert metadata.status_code == 200
            idp.trust_sp(metadata.content.decode())

        client = client_for(cluj)
        start = client.post("/auth/saml/cluj/login/")
        assert start.status_code == 302
        sso_url = start["Location"]
        assert sso_url.startswith(idp.base_url + "/sso?")
        query = dict(part.split("=", 1) for part in urlsplit(sso_url).query.split("&"))
        from urllib.parse import unquote

        acs, fields = idp.answer(unquote(query["SAMLRequest"]),
                                 unquote(query.get("RelayState", "")), "ion")
        assert acs == "http://cluj.localhost/auth/saml/cluj/acs/"

        # The assertion for Cluj, posted to Paris, is refused (audience, destination and
        # the request it answers belong to Cluj).
        paris_client = client_for(paris)
        paris_client.post("/auth/saml/paris/login/")
        replayed = paris_client.post("/auth/saml/paris/acs/", fields)
        if replayed.status_code == 302:
            replayed = paris_client.get(replayed["Location"])
        assert replayed.status_code in (400, 403) or "Sign-in failed" in (
            replayed.content.decode())
        assert paris_client.get("/api/v1/me/").status_code in (401, 403)

        answer = client.post("/auth/saml/cluj/acs/", fields)
        while answer.status_code == 302 and answer["Location"] != "/":
            answer = client.get(_local(answer["Location"]))
        assert answer.status_code == 302, answer.content.decode()[:2000]
        me = client.get("/api/v1/me/").json()
        assert me["email"] == "ion@cluj.test"
        assert me["roles"] == [Role.EMPLOYEE, Role.CITY_ADMIN]
    with tenant_context(cluj):
        assert User.objects.get(email="ion@cluj.test").profile.department.code == "urban"
    with tenant_context(paris):
        assert not User.objects.filter(email="ion@cluj.test").exists()


def test_an_id_token_without_this_sign_in_nonce_is_refused(cluj, client_for, connect_oidc):
    with oidc_provider({"ana": ANA}) as issuer:
        connect_oidc(cluj, issuer, client_id="cluj-innovato")
        client = client_for(cluj)
        first = client.post("/auth/oidc/cluj/login/")
        client.post("/auth/oidc/cluj/login/")  # a second sign-in started: a new nonce
        consent = requests.post(first["Location"], data={"sub": "ana"},
                                allow_redirects=False, timeout=10)
        stale = client.get(_local(consent.headers["Location"]))
        assert "Sign-in failed" in stale.content.decode()
        assert client.get("/api/v1/me/").status_code in (401, 403)


def test_the_sign_in_page_speaks_the_persons_language(cluj, client_for, connect_oidc):
    connect_oidc(cluj, "https://login.example.test/realms/cluj", client_id="cluj-innovato",
                 display_name="Contul Primăriei", sso_only=False)
    page = client_for(cluj, HTTP_ACCEPT_LANGUAGE="ro").get("/accounts/login/")
    assert "Autentificare cu Contul Primăriei" in page.content.decode()
    # The button's form leads to the provider: the page's CSP lets it.
    assert "form-action 'self' https://login.example.test" in page["Content-Security-Policy"]


def test_allauth_pages_that_would_bypass_the_city_rules_are_not_offered(cluj, signed_in):
    client = signed_in(cluj)
    assert client.get("/auth/email/").status_code == 404
    assert client.get("/auth/3rdparty/").status_code == 404
    assert client.get("/auth/login/")["Location"].startswith("/accounts/login/")
    assert client.get("/auth/password/change/")["Location"] == "/accounts/password-reset/"
    assert client.get("/auth/signup/")["Location"] == "/accounts/login/"


def _form(**values) -> dict:
    form = {"protocol": "", "display_name": "", "oidc_server_url": "", "oidc_client_id": "",
            "oidc_client_secret": "", "oidc_scopes": "openid profile email",
            "saml_metadata_url": "", "saml_metadata_xml": "", "department_map": "",
            "claim_email": "email", "claim_first_name": "given_name",
            "claim_last_name": "family_name", "claim_language": "locale",
            "claim_department": "department", "claim_groups": "groups",
            "groups_evaluator": "", "groups_city_admin": ""}
    form.update(values)
    return form


def test_admin_page_saves_oidc_and_never_shows_the_secret(cluj, signed_in, make_department):
    make_department(cluj, name="Urban planning", code="urban")
    admin = signed_in(cluj, roles=(Role.CITY_ADMIN,))
    page = admin.get("/accounts/single-sign-on/")
    assert "http://cluj.localhost/auth/saml/cluj/metadata/" in page.content.decode()
    saved = admin.post("/accounts/single-sign-on/", _form(
        protocol="oidc", display_name="Cluj account",
        oidc_server_url="https://login.example.test/realms/cluj", oidc_client_id="innovato",
        oidc_client_secret="very-secret-value", department_map="Urbanism = urban",
        groups_evaluator="jury, reviewers"))
    assert saved.status_code == 302
    again = admin.get("/accounts/single-sign-on/").content.decode()
    assert "very-secret-value" not in again and "A client secret is saved." in again
    assert "jury, reviewers" in again and "Urbanism = urban" in again
    # Saved again without a secret: the stored one is kept.
    assert admin.post("/accounts/single-sign-on/", _form(
        protocol="oidc", display_name="Cluj account",
        oidc_server_url="https://login.example.test/realms/cluj",
        oidc_client_id="innovato")).status_code == 302
    with tenant_context(cluj):
        from allauth.socialaccount.models import SocialApp

        assert SocialApp.objects.get(provider_id="cluj").secret == "very-secret-value"
        assert not AuditEntry.objects.filter(after__icontains="very-secret").exists()


def test_admin_page_explains_what_is_missing_and_saves_nothing(cluj, signed_in):
    admin = signed_in(cluj, roles=(Role.CITY_ADMIN,))
    bad_map = admin.post("/accounts/single-sign-on/", _form(department_map="just words"))
    assert bad_map.status_code == 400
    assert "Line 1 is not “value = department code”." in bad_map.content.decode()
    refused = admin.post("/accounts/single-sign-on/", _form(
        protocol="saml", sso_only="on", saml_metadata_xml="<not-metadata/>"))
    assert refused.status_code == 400
    text = refused.content.decode()
    assert "Give the name people know this account by" in text
    assert "no IdP entity ID" in text or "not valid SAML metadata XML" in text
    assert "Name at least one administrator who keeps a password" in text
    employee = signed_in(cluj)
    assert employee.get("/accounts/single-sign-on/").status_code == 403
    with tenant_context(cluj):
        from shared_apps.accounts.models import SingleSignOn

        assert not SingleSignOn.objects.filter(protocol="saml").exists()


def test_later_sign_ins_follow_the_directory_and_a_deactivated_person_is_refused(
        cluj, client_for, connect_oidc):
    with oidc_provider({"ana": ANA}) as issuer:
        connect_oidc(cluj, issuer, client_id="cluj-innovato")
        first = client_for(cluj)
        oidc_sign_in(first, "cluj", "ana")
        assert first.get("/api/v1/me/").json()["roles"] == [Role.EMPLOYEE, Role.EVALUATOR]

        # The directory drops her from the jury and makes her an IT admin.
        requests.put(f"{issuer}/users/ana", json={**ANA, "groups": ["it-admins"]}, timeout=10)
        second = client_for(cluj)
        oidc_sign_in(second, "cluj", "ana")
        assert second.get("/api/v1/me/").json()["roles"] == [Role.EMPLOYEE, Role.CITY_ADMIN]
        with tenant_context(cluj):
            assert User.objects.filter(email=ANA["email"]).count() == 1
            User.objects.filter(email=ANA["email"]).update(is_active=False)
        third = client_for(cluj)
        _callback, refused = oidc_sign_in(third, "cluj", "ana")
        assert refused.status_code == 403
        assert "deactivated" in refused.content.decode()
        assert third.get("/api/v1/me/").status_code in (401, 403)


def test_the_hub_has_its_own_provider_and_roles(hub, client_for, make_user):
    partner = make_user(hub, roles=(Role.PARTNER_ADMIN,))
    with oidc_provider({"lea": {"email": "lea@network.test", "given_name": "Léa",
                                "groups": ["network-team"]}}) as issuer:
        with tenant_context(hub):
            sso_settings_update(by=partner, protocol="oidc", display_name="Network account",
                                oidc_server_url=issuer, oidc_client_id="hub-innovato",
                                oidc_client_secret="hub-secret",
                                role_groups={"coordinator": ["network-team"]})
        client = client_for(hub)
        assert "Sign in with Network account" in client.get("/accounts/login/").content.decode()
        callback, answer = oidc_sign_in(client, "hub", "lea")
        assert callback.startswith("http://localhost/auth/oidc/hub/login/callback/")
        assert answer.status_code == 302
        assert client.get("/api/v1/me/").json()["roles"] == [Role.COORDINATOR]


@needs_xmlsec1
def test_testing_a_saml_connection_reads_the_metadata_or_says_why_not(cluj, api_for):
    api = api_for(cluj, roles=(Role.CITY_ADMIN,))
    with saml_idp({}) as idp:
        for url, works, says in ((f"{idp.base_url}/metadata", True, "IdP entity ID:"),
                                 (f"{idp.base_url}/nowhere", False, "HTTP status 404")):
            saved = api.put("/api/v1/sso/", {"protocol": "saml", "display_name": "Cluj",
                                             "saml_metadata_url": url},
                            content_type="application/json")
            assert saved.status_code == 200, saved.content
            tested = api.post("/api/v1/sso/test/")
            assert tested.status_code == 200 and tested.json()["ok"] is works
            assert any(says in check["message"] for check in tested.json()["checks"])
