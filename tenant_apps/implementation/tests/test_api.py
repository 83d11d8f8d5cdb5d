"""The implementation API, over HTTP with the city's Host header and a token."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.accounts.services import api_token_issue
from tenant_apps.audit.models import AuditEntry
from tenant_apps.implementation.models import Implementation, Milestone, SavingsEntry, Update
from tenant_apps.implementation.tests.conftest import make_implementations
from tenant_apps.proposals.models import Proposal, Status
from tests.queries import assert_same_reads

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def api(client_for):
    """A token client for someone who already exists in the city."""

    def make(city, user):
        with tenant_context(city):
            token = api_token_issue(user=user)
        return client_for(city, HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_LANGUAGE="en")

    return make


def post(client, path, data):
    return client.post(path, data, content_type="application/json")


def test_city_admin_starts_an_implementation(team, api):
    response = post(api(team.city, team.admin), "/api/v1/implementations/",
                    {"proposal": team.proposal.pk, "lead": team.lead.pk})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["status"] == "implementing"
    assert body["lead_name"] == "lead"
    assert body["call_title"] == "Paperless city hall"
    assert body["page"] == f"http://cluj.localhost/implementation/{body['id']}/"
    assert body["projected_money"] == "0.00"


def test_starting_is_refused_to_employees_and_on_unselected_proposals(team, api,
                                                                     make_proposal):
    employee = api(team.city, team.author)
    response = post(employee, "/api/v1/implementations/",
                    {"proposal": team.proposal.pk, "lead": team.lead.pk})
    assert response.status_code == 403
    assert response.json()["code"] == "permission_denied"

    shortlisted = make_proposal(team.city, team.call, author=team.author,
                                status=Status.SHORTLISTED)
    response = post(api(team.city, team.admin), "/api/v1/implementations/",
                    {"proposal": shortlisted.pk, "lead": team.lead.pk})
    assert response.status_code == 409
    assert response.json() == {"detail": "Only a selected proposal can be implemented.",
                               "code": "wrong_status"}
    with tenant_context(team.city):
        assert not Implementation.objects.exists()
        assert Proposal.objects.get(pk=shortlisted.pk).status == Status.SHORTLISTED


def test_progress_and_finish_actions(started, team, api):
    lead = api(team.city, team.lead)
    url = f"/api/v1/implementations/{started.pk}/"
    assert post(lead, url + "progress/", {"progress": 60}).json()["progress"] == 60
    refused = post(lead, url + "progress/", {"progress": 160})
    assert refused.status_code == 400
    assert refused.json()["errors"]["progress"] == ["Give a whole number from 0 to 100."]
    assert post(api(team.city, team.author), url + "progress/",
                {"progress": 10}).status_code == 403

    finished = post(lead, url + "finish/", {"outcome": "implemented"})
    assert finished.status_code == 200
    assert finished.json()["status"] == "implemented"
    assert finished.json()["progress"] == 100
    again = post(lead, url + "finish/", {"outcome": "abandoned"})
    assert again.status_code == 409
    assert post(lead, url + "progress/", {"progress": 5}).status_code == 409
    with tenant_context(team.city):
        assert Implementation.objects.get(pk=started.pk).progress == 100
        assert Proposal.objects.get(pk=team.proposal.pk).status == Status.IMPLEMENTED


def test_lead_plans_milestones(started, team, api):
    lead = api(team.city, team.lead)
    created = post(lead, "/api/v1/milestones/", {"implementation": started.pk,
                                                 "title": "Pilot", "due_on": "2026-04-30"})
    assert created.status_code == 201, created.json()
    milestone = created.json()
    assert milestone["state"] == "planned"
    changed = lead.patch(f"/api/v1/milestones/{milestone['id']}/", {"state": "done"},
                         content_type="application/json")
    assert changed.status_code == 200
    assert changed.json()["completed_on"] is not None
    assert api(team.city, team.coauthor).patch(
        f"/api/v1/milestones/{milestone['id']}/", {"title": "Mine"},
        content_type="application/json").status_code == 403
    listed = lead.get("/api/v1/milestones/", {"implementation": started.pk, "state": "done"})
    assert [m["title"] for m in listed.json()["results"]] == ["Pilot"]


def test_authors_post_updates_with_evidence(started, team, api, evidence_cleanup):
    coauthor = api(team.city, team.coauthor)
    response = coauthor.post("/api/v1/implementation-updates/", {
        "implementation": started.pk, "body": "Pilot report",
        "evidence": SimpleUploadedFile("report.pdf", PDF, content_type="application/pdf")})
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["author_name"] == "coauthor"
    assert body["evidence_name"] == "report.pdf"
    download = coauthor.get(body["evidence_download"].removeprefix("http://cluj.localhost"))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF

    refused = api(team.city, team.employee).post(
        "/api/v1/implementation-updates/", {"implementation": started.pk, "body": "Hi"})
    assert refused.status_code == 403
    wrong = coauthor.post("/api/v1/implementation-updates/", {
        "implementation": started.pk, "body": "Virus",
        "evidence": SimpleUploadedFile("setup.exe", b"MZ")})
    assert wrong.status_code == 400
    assert "evidence" in wrong.json()["errors"]
    with tenant_context(team.city):
        assert Update.objects.count() == 1


def test_savings_are_recorded_and_summed_per_call_and_city(started, team, api, make_call,
                                                           make_proposal):
    lead = api(team.city, team.lead)
    first = post(lead, "/api/v1/savings/", {
        "implementation": started.pk, "period": "2026-03-14", "projected_money": "1000",
        "projected_hours": "40"})
    assert first.status_code == 201, first.json()
    assert first.json()["period"] == "2026-03-01"
    replaced = post(lead, "/api/v1/savings/", {
        "implementation": started.pk, "period": "2026-03-01", "projected_money": "1000",
        "realised_money": "900.50", "projected_hours": "40", "realised_hours": "35.5"})
    assert replaced.status_code == 201
    assert replaced.json()["id"] == first.json()["id"]

    other_call = make_call(team.city, phase="implementation", admin=team.admin,
                           title="Greener fleet")
    other = make_proposal(team.city, other_call, author=team.author, status=Status.SELECTED)
    admin = api(team.city, team.admin)
    second = post(admin, "/api/v1/implementations/", {"proposal": other.pk,
                                                      "lead": team.lead.pk}).json()
    post(admin, "/api/v1/savings/", {"implementation": second["id"], "period": "2026-04-01",
                                     "projected_money": "500", "realised_money": "650"})

    reader = api(team.city, team.employee)
    city = reader.get("/api/v1/savings/totals/").json()
    assert city["currency"] == "RON"
    assert city["call"] is None
    assert (city["projected_money"], city["realised_money"]) == ("1500.00", "1550.50")
    assert (city["projected_hours"], city["realised_hours"]) == ("40.0", "35.5")
    assert {row["title"]: row["realised_money"] for row in city["calls"]} == {
        "Paperless city hall": "900.50", "Greener fleet": "650.00"}

    per_call = reader.get("/api/v1/savings/totals/", {"call": team.call.pk}).json()
    assert per_call["call"] == team.call.pk
    assert (per_call["projected_money"], per_call["realised_money"]) == ("1000.00", "900.50")
    assert [row["title"] for row in per_call["calls"]] == ["Paperless city hall"]
    assert reader.get("/api/v1/savings/totals/", {"call": "x"}).status_code == 400
    assert reader.get("/api/v1/savings/totals/", {"call": 999999}).status_code == 404

    months = reader.get("/api/v1/savings/by-month/").json()
    assert [(m["period"], m["realised_money"]) for m in months] == [
        ("2026-03-01", "900.50"), ("2026-04-01", "650.00")]

    listed = reader.get("/api/v1/savings/", {"call": team.call.pk}).json()
    assert listed["count"] == 1
    detail = reader.get(f"/api/v1/implementations/{started.pk}/").json()
    assert (detail["projected_money"], detail["realised_hours"]) == ("1000.00", "35.5")


def test_employee_cannot_record_savings_and_negative_values_are_refused(started, team, api):
    refused = post(api(team.city, team.employee), "/api/v1/savings/", {
        "implementation": started.pk, "period": "2026-03-01", "projected_money": "10"})
    assert refused.status_code == 403
    negative = post(api(team.city, team.lead), "/api/v1/savings/", {
        "implementation": started.pk, "period": "2026-03-01", "projected_money": "-10"})
    assert negative.status_code == 400
    assert negative.json()["errors"] == {"projected_money": ["Savings cannot be negative."]}
    with tenant_context(team.city):
        assert not SavingsEntry.objects.exists()
        assert not AuditEntry.objects.filter(action="savings.recorded").exists()


def test_another_city_sees_nothing(started, team, api, paris, api_for):
    post(api(team.city, team.lead), "/api/v1/savings/", {
        "implementation": started.pk, "period": "2026-03-01", "projected_money": "10"})
    with tenant_context(team.city):
        milestone = Milestone.objects.create(implementation=started, title="Pilot",
                                             due_on=date(2026, 5, 1))
    stranger = api_for(paris, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    for path in ("/api/v1/implementations/", "/api/v1/milestones/",
                 "/api/v1/implementation-updates/", "/api/v1/savings/"):
        assert stranger.get(path).json()["count"] == 0, path
    assert stranger.get(f"/api/v1/implementations/{started.pk}/").status_code == 404
    assert stranger.get(f"/api/v1/milestones/{milestone.pk}/").status_code == 404
    totals = stranger.get("/api/v1/savings/totals/").json()
    assert totals["projected_money"] == "0.00"
    assert totals["currency"] == "EUR"
    assert totals["calls"] == []
    response = post(stranger, f"/api/v1/implementations/{started.pk}/progress/",
                    {"progress": 10})
    assert response.status_code == 404


def test_implementations_are_filtered(started, team, api):
    reader = api(team.city, team.employee)
    assert reader.get("/api/v1/implementations/", {"call": team.call.pk}).json()["count"] == 1
    assert reader.get("/api/v1/implementations/", {"finished": "true"}).json()["count"] == 0
    assert reader.get("/api/v1/implementations/",
                      {"status": "implementing", "lead": team.lead.pk}).json()["count"] == 1


@pytest.mark.parametrize("path", ["/api/v1/implementations/", "/api/v1/milestones/",
                                  "/api/v1/implementation-updates/", "/api/v1/savings/"])
def test_lists_run_the_same_queries_for_3_and_30_rows(team, api, path):
    reader = api(team.city, team.employee)
    make_implementations(team.city, team.call, team.author, team.lead, 3)
    reader.get(path)  # the first request also fills the routing cache

    def measure():
        with CaptureQueriesContext(connection) as queries:
            response = reader.get(path)
        assert response.status_code == 200
        return queries, response.json()["count"]

    few, few_rows = measure()
    make_implementations(team.city, team.call, team.author, team.lead, 27, start=3)
    many, many_rows = measure()
    assert many_rows == 10 * few_rows
    assert_same_reads(few, many)


def test_savings_totals_run_a_fixed_number_of_queries(team, api):
    reader = api(team.city, team.employee)
    make_implementations(team.city, team.call, team.author, team.lead, 3)
    reader.get("/api/v1/savings/totals/")
    with CaptureQueriesContext(connection) as few:
        small = reader.get("/api/v1/savings/totals/").json()
    make_implementations(team.city, team.call, team.author, team.lead, 27, start=3)
    with CaptureQueriesContext(connection) as many:
        large = reader.get("/api/v1/savings/totals/").json()
    assert len(few) == len(many)
    assert Decimal(small["projected_money"]) * 10 == Decimal(large["projected_money"])
