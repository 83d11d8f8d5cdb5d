"""The REST API under /api/v1/ on every host."""

import pytest

from shared_apps.accounts.models import Role

pytestmark = pytest.mark.django_db


def test_token_then_me(cluj, make_user, client_for):
    make_user(cluj, username="eva", roles=[Role.EMPLOYEE, Role.EVALUATOR])
    response = client_for(cluj).post("/api/v1/auth/token/", {"username": "eva",
                                                             "password": "Correct-Horse-42"},
                                     content_type="application/json")
    assert response.status_code == 200
    token = response.json()["token"]
    me = client_for(cluj, HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/me/")
    assert me.status_code == 200
    assert me.json()["username"] == "eva"
    assert me.json()["roles"] == ["employee", "evaluator"]
    assert me.json()["city"] == "cluj"


def test_bad_credentials_get_a_json_message(cluj, client_for):
    response = client_for(cluj, HTTP_ACCEPT_LANGUAGE="en").post(
        "/api/v1/auth/token/", {"username": "ghost", "password": "x"})
    assert response.status_code == 401
    assert response.json()["detail"] == "Unable to sign in with these credentials."


def test_missing_fields_are_named(cluj, client_for):
    response = client_for(cluj).post("/api/v1/auth/token/", {}, content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert set(body["errors"]) == {"username", "password"}
    assert body["detail"]


def test_anonymous_requests_are_refused_with_json(cluj, client_for):
    response = client_for(cluj).get("/api/v1/users/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_unknown_api_path_is_json_404(cluj, client_for):
    response = client_for(cluj).get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_employees_cannot_list_users(cluj, api_for):
    response = api_for(cluj).get("/api/v1/users/")
    assert response.status_code == 403


def test_user_list_is_paginated_and_filtered(cluj, api_for, make_user):
    for number in range(3):
        make_user(cluj, username=f"evaluator{number}", roles=[Role.EMPLOYEE, Role.EVALUATOR])
    api = api_for(cluj, roles=[Role.CITY_ADMIN])
    body = api.get("/api/v1/users/", {"role": "evaluator"}).json()
    assert body["count"] == 3
    assert {user["username"] for user in body["results"]} == {
        "evaluator0", "evaluator1", "evaluator2"}


def test_city_admin_adds_a_department(cluj, api_for):
    response = api_for(cluj, roles=[Role.CITY_ADMIN]).post(
        "/api/v1/departments/", {"names": {"en": "Mobility", "ro": "Mobilitate"}},
        content_type="application/json")
    assert response.status_code == 201
    assert response.json()["code"] == "mobility"
    assert api_for(cluj).post("/api/v1/departments/", {"names": {"en": "X"}},
                              content_type="application/json").status_code == 403


@pytest.mark.parametrize("host_city", ["cluj", "hub"])
def test_openapi_schema_and_docs(host_city, request, client_for):
    city = request.getfixturevalue(host_city)
    client = client_for(city)
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/auth/token/" in paths
    assert "/api/v1/me/" in paths
    assert ("/api/v1/departments/" in paths) is (host_city == "cluj")
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert "swagger" in docs.text.lower()


def test_hub_lists_cities(hub, client_for):
    body = client_for(hub).get("/api/v1/cities/").json()
    assert [city["slug"] for city in body["results"]] == ["cluj", "paris", "rotterdam",
                                                         "veszprem"]
    assert body["results"][0]["url"] == "http://cluj.localhost/"


def test_people_without_an_email_address_are_listed_as_the_schema_says(hub, api_for, make_user,
                                                                        client_for):
    """Accounts made without an e-mail address (directory imports, staff added by hand) are
    listed with an empty one, and an API client generated from the published schema must
    accept that answer."""
    import jsonschema

    make_user(hub, username="no-mail", email="", roles=[Role.COORDINATOR])
    partner = api_for(hub, roles=[Role.PARTNER_ADMIN])
    listed = partner.get("/api/v1/users/", {"search": "no-mail"}).json()["results"]
    assert [person["email"] for person in listed] == [""]
    schema = client_for(hub).get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    person = {**schema["components"]["schemas"]["User"], "components": schema["components"]}
    jsonschema.validate(listed[0], person, format_checker=jsonschema.FormatChecker())
