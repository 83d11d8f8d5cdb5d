"""Malformed requests a person or a script can send get a 4xx with the usual JSON error,
never a server error, and change nothing."""

import pytest

from shared_apps.accounts.models import Role

pytestmark = pytest.mark.django_db

ARRAY = "[null, null]"


def assert_json_4xx(response, *, status=None):
    assert 400 <= response.status_code < 500, (response.status_code, response.content[:300])
    if status is not None:
        assert response.status_code == status
    body = response.json()
    assert body["detail"] and body["code"]


@pytest.fixture
def city_admin(api_for, cluj):
    return api_for(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])


@pytest.mark.parametrize(("method", "path"), [
    ("post", "/api/v1/calls/abc/phase/"),
    ("get", "/api/v1/calls/abc/results/"),
    ("get", "/api/v1/calls/1e3/"),
    ("post", "/api/v1/practices/abc/outcome/"),
    ("post", "/api/v1/practices/abc/withdraw/"),
    ("get", "/api/v1/proposals/%20/comments/"),
    ("post", "/api/v1/evaluation/calls/abc/assign/"),
])
def test_a_non_numeric_id_in_a_city_path_is_not_found(city_admin, method, path):
    response = getattr(city_admin, method)(path, {}, content_type="application/json")
    assert_json_4xx(response, status=404)


def test_a_non_numeric_id_in_a_hub_path_is_not_found(api_for, hub):
    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    response = coordinator.post("/api/v1/practices/abc/review/", {"action": "publish"},
                                content_type="application/json")
    assert_json_4xx(response, status=404)


@pytest.mark.parametrize("path", [
    "/api/v1/evaluation/calls/{call}/assign/",
    "/api/v1/evaluation/calls/{call}/committee/",
    "/api/v1/evaluation/proposals/{proposal}/decision/",
    "/api/v1/evaluation/proposals/{proposal}/eligibility/",
    "/api/v1/evaluation/proposals/{proposal}/shortlist/",
    "/api/v1/proposals/{proposal}/coauthors/",
    "/api/v1/proposals/{proposal}/coauthors/answer/",
    "/api/v1/calls/{call}/phase/",
])
def test_a_json_array_instead_of_an_object_is_refused(city_admin, cluj, make_call,
                                                      make_proposal, path):
    from tenant_apps.calls.models import Phase

    call = make_call(cluj, phase=Phase.EVALUATION, admin=city_admin.user)
    proposal = make_proposal(cluj, call, author=city_admin.user)
    response = city_admin.post(path.format(call=call.pk, proposal=proposal.pk), ARRAY,
                               content_type="application/json")
    assert_json_4xx(response, status=400)
    assert "object" in response.json()["detail"]


def test_a_json_array_on_the_hub_review_is_refused(api_for, hub):
    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    response = coordinator.post("/api/v1/practices/1/review/", ARRAY,
                                content_type="application/json")
    assert_json_4xx(response)


def test_the_refusal_of_an_array_is_in_the_readers_language(city_admin, cluj, make_call):
    call = make_call(cluj, admin=city_admin.user)
    response = city_admin.post(f"/api/v1/calls/{call.pk}/phase/", ARRAY,
                               content_type="application/json", HTTP_ACCEPT_LANGUAGE="ro")
    assert response.status_code == 400
    assert response.json()["detail"] == "Corpul cererii trebuie să fie un obiect JSON ({…})."


def test_options_on_notification_preferences_answers(api_for, cluj):
    employee = api_for(cluj)
    response = employee.options("/api/v1/notifications/preferences/")
    assert response.status_code == 200
    assert response.json()["name"]


@pytest.mark.parametrize("since", [
    "0001-01-01T00:00:00+05:00",   # before year 1 once moved to UTC
    "9999-12-31T23:59:59-05:00",   # after year 9999 once moved to UTC
    "2026-11-30T10:00:00+23:59",
    "2026-13-45T10:00:00",
])
def test_an_audit_date_out_of_range_is_a_clear_400(city_admin, since):
    response = city_admin.get("/api/v1/audit/", {"since": since})
    assert_json_4xx(response, status=400)


def test_a_partial_update_of_a_collection_keeps_what_it_does_not_send(api_for, hub):
    from shared_apps.hub.models import Collection

    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    collection = Collection.objects.create(name="Paperless", description="")
    response = coordinator.patch(f"/api/v1/collections/{collection.pk}/",
                                 {"description": "Less paper everywhere"},
                                 content_type="application/json")
    assert response.status_code == 200, response.content
    assert response.json()["name"] == "Paperless"
    assert response.json()["description"] == "Less paper everywhere"
