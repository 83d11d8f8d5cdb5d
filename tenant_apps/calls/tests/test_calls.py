"""Calls: creation with weighted criteria, visibility, phases by hand and on schedule."""

from datetime import timedelta

import pytest
from django.test import override_settings
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from tenant_apps.audit.models import AuditEntry
from tenant_apps.calls.models import Call, Phase, PhaseTransition
from tenant_apps.calls.services import call_phases_advance

pytestmark = pytest.mark.django_db


def call_payload(**overrides) -> dict:
    start = timezone.now() + timedelta(days=1)
    day = timedelta(days=1)
    payload = {
        "title": "Less paper, more time", "challenge": "Cut paper in internal processes.",
        "submission_starts": start.isoformat(), "evaluation_starts": (start + 10 * day).isoformat(),
        "results_on": (start + 20 * day).isoformat(),
        "implementation_starts": (start + 25 * day).isoformat(),
        "closes_on": (start + 300 * day).isoformat(), "budget": "25000.00",
        "criteria": [{"name": "Innovation", "weight": 50}, {"name": "Feasibility", "weight": 50}],
    }
    payload.update(overrides)
    return payload


def test_city_admin_creates_a_call_with_weighted_criteria(cluj, api_for):
    response = api_for(cluj, roles=[Role.CITY_ADMIN]).post(
        "/api/v1/calls/", call_payload(), content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["phase"] == "draft"
    assert [c["weight"] for c in body["criteria"]] == [50, 50]


def test_weights_must_add_up_to_100(cluj, api_for):
    payload = call_payload(criteria=[{"name": "Innovation", "weight": 60},
                                     {"name": "Feasibility", "weight": 30}])
    response = api_for(cluj, roles=[Role.CITY_ADMIN]).post(
        "/api/v1/calls/", payload, content_type="application/json")
    assert response.status_code == 400
    assert "90" in str(response.json()["errors"]["criteria"])
    with tenant_context(cluj):
        assert not Call.objects.exists()


def test_phase_dates_must_follow_each_other(cluj, api_for):
    payload = call_payload()
    payload["results_on"] = payload["submission_starts"]
    response = api_for(cluj, roles=[Role.CITY_ADMIN]).post(
        "/api/v1/calls/", payload, content_type="application/json")
    assert response.status_code == 400


def test_employees_cannot_create_calls_or_see_drafts(cluj, api_for, make_call):
    draft = make_call(cluj, phase=Phase.DRAFT)
    employee = api_for(cluj)
    assert employee.post("/api/v1/calls/", call_payload(),
                         content_type="application/json").status_code == 403
    assert employee.get(f"/api/v1/calls/{draft.pk}/").status_code == 404
    assert employee.get("/api/v1/calls/").json()["count"] == 0


def test_admin_moves_the_phase_and_it_is_recorded(cluj, api_for, make_call):
    call = make_call(cluj, phase=Phase.SUBMISSION)
    admin = api_for(cluj, roles=[Role.CITY_ADMIN])
    response = admin.post(f"/api/v1/calls/{call.pk}/phase/", {"phase": "evaluation"},
                          content_type="application/json")
    assert response.status_code == 200
    assert response.json()["phase"] == "evaluation"
    assert response.json()["transitions"][-1]["by"] == admin.user.username
    with tenant_context(cluj):
        entry = AuditEntry.objects.get(action="call.phase_changed")
        assert entry.actor == admin.user
        assert entry.before == {"phase": "submission"}
        assert entry.after == {"phase": "evaluation"}


def test_employee_cannot_move_a_phase(cluj, api_for, make_call):
    call = make_call(cluj, phase=Phase.SUBMISSION)
    response = api_for(cluj).post(f"/api/v1/calls/{call.pk}/phase/", {"phase": "evaluation"},
                                  content_type="application/json")
    assert response.status_code == 403
    with tenant_context(cluj):
        assert Call.objects.get(pk=call.pk).phase == Phase.SUBMISSION


def test_a_call_without_voting_has_no_voting_phase(cluj, api_for, make_call):
    call = make_call(cluj, phase=Phase.EVALUATION)
    response = api_for(cluj, roles=[Role.CITY_ADMIN]).post(
        f"/api/v1/calls/{call.pk}/phase/", {"phase": "voting"}, content_type="application/json")
    assert response.status_code == 409
    assert response.json()["detail"]


def test_phases_switch_on_their_dates(cluj, make_call):
    call = make_call(cluj, phase=Phase.SUBMISSION)
    with tenant_context(cluj):
        Call.objects.filter(pk=call.pk).update(evaluation_starts=timezone.now() - timedelta(
            minutes=1))
        moved = call_phases_advance()
        assert [c.pk for c in moved] == [call.pk]
        transition = PhaseTransition.objects.get(call=call)
        assert (transition.from_phase, transition.to_phase, transition.by) == (
            "submission", "evaluation", None)
        assert call_phases_advance() == []  # nothing more is due


def test_scheduler_leaves_drafts_alone(cluj, make_call):
    call = make_call(cluj, phase=Phase.DRAFT)
    with tenant_context(cluj):
        Call.objects.filter(pk=call.pk).update(submission_starts=timezone.now() - timedelta(
            days=1))
        assert call_phases_advance() == []


@override_settings(RUN_CITY_JOBS_IN_PROCESS=True)
def test_without_a_broker_requests_drive_the_schedule(cluj, make_call, client_for):
    call = make_call(cluj, phase=Phase.SUBMISSION)
    with tenant_context(cluj):
        Call.objects.filter(pk=call.pk).update(evaluation_starts=timezone.now() - timedelta(
            minutes=1))
    client_for(cluj).get("/")
    with tenant_context(cluj):
        assert Call.objects.get(pk=call.pk).phase == Phase.EVALUATION


def test_call_pages(cluj, signed_in, make_call):
    call = make_call(cluj, phase=Phase.SUBMISSION, title="Less paper")
    page = signed_in(cluj).get(f"/calls/{call.pk}/")
    assert page.status_code == 200
    assert "Less paper" in page.text
    assert "Innovation" in page.text and "40%" in page.text  # the weight, in English
    assert f"/proposals/new/?call={call.pk}" in page.text
    listing = signed_in(cluj).get("/calls/")
    assert "Less paper" in listing.text


def test_city_admin_creates_a_call_through_the_form(cluj, signed_in):
    admin = signed_in(cluj, roles=[Role.CITY_ADMIN])
    start = timezone.localtime(timezone.now())
    day = timedelta(days=1)
    fmt = "%Y-%m-%dT%H:%M"
    response = admin.post("/calls/new/", {
        "title": "Green offices", "challenge": "Reduce energy use.",
        "submission_starts": start.strftime(fmt),
        "evaluation_starts": (start + 10 * day).strftime(fmt),
        "results_on": (start + 20 * day).strftime(fmt),
        "implementation_starts": (start + 30 * day).strftime(fmt),
        "closes_on": (start + 200 * day).strftime(fmt),
        "evaluators_per_proposal": 2,
        "criteria-TOTAL_FORMS": 2, "criteria-INITIAL_FORMS": 0,
        "criteria-0-name": "Impact", "criteria-0-weight": 70,
        "criteria-1-name": "Cost", "criteria-1-weight": 30,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    with tenant_context(cluj):
        call = Call.objects.get(title="Green offices")
        assert list(call.criteria.values_list("weight", flat=True)) == [70, 30]


def test_city_admin_adds_a_theme_in_each_language(cluj, signed_in):
    admin = signed_in(cluj, roles=[Role.CITY_ADMIN])
    assert signed_in(cluj).get("/calls/themes/").status_code == 403
    response = admin.post("/calls/themes/", {"name-ro": "Sustenabilitate",
                                             "name-en": "Sustainability"})
    assert response.status_code == 302
    empty = admin.post("/calls/themes/", {"name-ro": " ", "name-en": ""})
    assert empty.status_code == 400
    from tenant_apps.calls.models import Theme
    with tenant_context(cluj):
        theme = Theme.objects.get()
        assert (theme.name_ro, theme.name_en, theme.code) == (
            "Sustenabilitate", "Sustainability", "sustainability")
