"""The reports as JSON, for city admins only."""

import pytest

from shared_apps.accounts.models import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_api(api_for):
    def make(city):
        return api_for(city, roles=[Role.CITY_ADMIN])

    return make


def test_funnel_city_wide_and_per_call(cluj, cluj_data, admin_api):
    api = admin_api(cluj)
    body = api.get("/api/v1/reports/funnel/").json()
    assert body["call"] is None
    assert body["currency"] == "RON"
    assert [(row["stage"], row["proposals"]) for row in body["results"]] == [
        ("submitted", 9), ("eligible", 6), ("shortlisted", 5), ("selected", 3),
        ("implemented", 1)]
    per_call = api.get(f"/api/v1/reports/funnel/?call={cluj_data.greener.pk}").json()
    assert per_call["call"] == cluj_data.greener.pk
    assert [row["proposals"] for row in per_call["results"]] == [3, 2, 2, 1, 0]


def test_participation_themes_and_savings(cluj, cluj_data, admin_api):
    api = admin_api(cluj)
    participation = api.get("/api/v1/reports/participation/").json()["results"]
    assert participation[0] == {
        "department_id": participation[0]["department_id"], "department": "Finance",
        "proposals": 4, "authors": 2, "members": 3, "participation_rate": "0.6667"}
    assert participation[-1]["department_id"] is None
    themes = api.get("/api/v1/reports/themes/").json()["results"]
    assert [(row["theme"], row["proposals"]) for row in themes] == [
        ("Sustainability", 4), ("Optimisation", 2), ("No theme", 3)]
    savings = api.get(f"/api/v1/reports/savings/?call={cluj_data.paperless.pk}").json()
    assert savings["results"][0] == {
        "month": "2026-01-01", "projected_money": "1500.00", "realised_money": "1400.00",
        "projected_hours": "15.0", "realised_hours": "14.0",
        "cumulative_realised_money": "1400.00", "cumulative_realised_hours": "14.0"}
    assert savings["results"][-1]["cumulative_realised_money"] == "1600.00"


def test_every_report_at_once(cluj, cluj_data, admin_api):
    body = admin_api(cluj).get(f"/api/v1/reports/?call={cluj_data.paperless.pk}").json()
    assert set(body) == {"call", "currency", "funnel", "participation", "themes", "savings"}
    assert body["funnel"][0]["proposals"] == 6
    assert len(body["savings"]) == 4


def test_unknown_call_is_not_found(cluj, admin_api):
    api = admin_api(cluj)
    response = api.get("/api/v1/reports/funnel/?call=999999")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
    assert api.get("/api/v1/reports/?call=abc").status_code == 404


@pytest.mark.parametrize("path", ["/api/v1/reports/", "/api/v1/reports/funnel/",
                                  "/api/v1/reports/participation/",
                                  "/api/v1/reports/themes/", "/api/v1/reports/savings/"])
def test_employees_and_evaluators_are_refused(cluj, api_for, client_for, path):
    assert api_for(cluj).get(path).status_code == 403
    assert api_for(cluj, roles=[Role.EVALUATOR]).get(path).status_code == 403
    assert client_for(cluj).get(path).status_code in (401, 403)


def test_other_citys_numbers_stay_there(cluj, paris, cluj_data, paris_data, admin_api):
    paris_body = admin_api(paris).get("/api/v1/reports/").json()
    assert paris_body["currency"] == "EUR"
    assert paris_body["funnel"][0]["proposals"] == 1
    assert [row["department"] for row in paris_body["participation"]] == ["Voirie"]
    cluj_text = admin_api(cluj).get("/api/v1/reports/").text
    for paris_only in ("Voirie", "Mobilité douce", "98765.43", "87654.32", "2025-07"):
        assert paris_only not in cluj_text


def test_reports_are_in_the_openapi_schema(cluj, client_for):
    paths = client_for(cluj).get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()[
        "paths"]
    for report in ("funnel", "participation", "themes", "savings"):
        assert f"/api/v1/reports/{report}/" in paths
