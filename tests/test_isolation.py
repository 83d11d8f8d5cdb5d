"""Each city's data stays in its own schema: invisible from other cities and from the hub."""

import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role, User
from shared_apps.accounts.services import api_token_issue
from tenant_apps.people.models import Department

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluj_secrets(cluj, make_user, make_department):
    """A user, a department and an API token that exist only in Cluj."""
    make_user(cluj, username="filler-1")
    make_user(cluj, username="filler-2")
    person = make_user(cluj, username="ioana-cluj-only", email="ioana@cluj.test")
    department = make_department(cluj, name="Cluj secret department", code="cluj-secret")
    with tenant_context(cluj):
        # Ids no Paris row can have, so a guessed id can only ever mean Cluj's rows.
        User.objects.filter(pk=person.pk).update(id=987_654)
        Department.objects.filter(pk=department.pk).update(id=987_655)
        person = User.objects.get(pk=987_654)
        department = Department.objects.get(pk=987_655)
        token = api_token_issue(user=person)
    return person, department, token


def test_cluj_user_is_invisible_from_paris_pages_and_api(cluj_secrets, paris, signed_in,
                                                         api_for):
    person, _department, _token = cluj_secrets
    page = signed_in(paris, roles=[Role.CITY_ADMIN]).get("/accounts/users/")
    assert page.status_code == 200
    assert "ioana-cluj-only" not in page.text

    detail = signed_in(paris, roles=[Role.CITY_ADMIN]).get(f"/accounts/users/{person.pk}/")
    assert detail.status_code == 404

    api = api_for(paris, roles=[Role.CITY_ADMIN])
    listing = api.get("/api/v1/users/")
    assert listing.status_code == 200
    assert "ioana-cluj-only" not in listing.text
    assert api.get(f"/api/v1/users/{person.pk}/").status_code == 404


def test_cluj_user_is_invisible_from_the_hub(cluj_secrets, hub, signed_in, api_for):
    person, _department, _token = cluj_secrets
    page = signed_in(hub, roles=[Role.PARTNER_ADMIN]).get("/accounts/users/")
    assert page.status_code == 200
    assert "ioana-cluj-only" not in page.text
    api = api_for(hub, roles=[Role.PARTNER_ADMIN])
    assert "ioana-cluj-only" not in api.get("/api/v1/users/").text
    assert api.get(f"/api/v1/users/{person.pk}/").status_code == 404


def test_cluj_department_is_invisible_elsewhere(cluj_secrets, paris, hub, signed_in, api_for):
    _person, department, _token = cluj_secrets
    paris_page = signed_in(paris).get("/people/departments/")
    assert paris_page.status_code == 200
    assert "Cluj secret department" not in paris_page.text
    assert signed_in(paris).get(f"/people/departments/{department.pk}/").status_code == 404

    paris_api = api_for(paris)
    assert "Cluj secret department" not in paris_api.get("/api/v1/departments/").text
    assert paris_api.get(f"/api/v1/departments/{department.pk}/").status_code == 404
    # The hub has no departments at all: a city's concept, in a city's schema.
    assert api_for(hub, roles=[Role.COORDINATOR]).get("/api/v1/departments/").status_code == 404


def test_cluj_department_is_visible_in_cluj(cluj_secrets, cluj, signed_in, api_for):
    _person, department, _token = cluj_secrets
    assert "Cluj secret department" in signed_in(cluj).get("/people/departments/").text
    response = api_for(cluj).get(f"/api/v1/departments/{department.pk}/")
    assert response.status_code == 200
    assert response.json()["name"] == "Cluj secret department"


def test_cluj_token_is_refused_by_paris_and_the_hub(cluj_secrets, cluj, paris, hub,
                                                    client_for):
    _person, _department, token = cluj_secrets
    assert client_for(cluj, HTTP_AUTHORIZATION=f"Token {token}").get(
        "/api/v1/me/").json()["username"] == "ioana-cluj-only"
    for other in (paris, hub):
        response = client_for(other, HTTP_AUTHORIZATION=f"Token {token}").get("/api/v1/me/")
        assert response.status_code == 401
        assert response.json()["detail"]


def test_cluj_session_cookie_is_refused_by_paris_and_the_hub(cluj, paris, hub, make_user,
                                                             client_for):
    make_user(cluj, username="sorin")
    browser = client_for(cluj)
    response = browser.post("/accounts/login/", {"username": "sorin",
                                                 "password": "Correct-Horse-42"})
    assert response.status_code == 302
    cookie = browser.cookies["sessionid"].value
    assert browser.get("/api/v1/me/").json()["username"] == "sorin"

    for other in (paris, hub):
        stranger = client_for(other)
        stranger.cookies["sessionid"] = cookie
        assert stranger.get("/api/v1/me/").status_code in (401, 403)
        assert "sorin" not in stranger.get("/").text


def test_same_username_in_two_cities_are_two_people(cluj, paris, make_user, client_for):
    make_user(cluj, username="maria", password="Cluj-Password-1")
    make_user(paris, username="maria", password="Paris-Password-2")
    token = client_for(paris).post("/api/v1/auth/token/", {"username": "maria",
                                                           "password": "Cluj-Password-1"})
    assert token.status_code == 401
    token = client_for(paris).post("/api/v1/auth/token/", {"username": "maria",
                                                           "password": "Paris-Password-2"})
    assert token.status_code == 200


def test_reads_prepared_on_the_server_stay_each_citys_own(
        cluj, paris, api_for, signed_in, make_call, make_proposal):
    """The proposals list and a proposal's page run as statements the server keeps prepared
    on the connection. Requests of two cities take turns on one connection, for proposals
    with the same id in both, and each city still shows only its own proposal."""
    from django.db import connection

    from tenant_apps.proposals.models import Proposal

    titles = {cluj: "Online parking permits", paris: "Shared meeting rooms"}
    for city, title in titles.items():
        proposal = make_proposal(city, make_call(city), title=title)
        with tenant_context(city):  # the same id in both cities
            Proposal.objects.filter(pk=proposal.pk).update(id=424_242)
    readers = {city: (api_for(city), signed_in(city)) for city in titles}

    for _round in range(4):  # more than the runs after which psycopg prepares a query
        for city, (api, browser) in readers.items():
            listed = api.get("/api/v1/proposals/").json()["results"]
            assert [row["title"] for row in listed] == [titles[city]]
            page = browser.get("/proposals/424242/")
            assert page.status_code == 200
            assert titles[city] in page.text
            assert titles[paris if city == cluj else cluj] not in page.text

    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_prepared_statements "
                       "WHERE statement LIKE '%%unnest(ARRAY(%%'")
        assert cursor.fetchone()[0] >= 2, "each city's list was not read by a prepared statement"
