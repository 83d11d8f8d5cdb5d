"""The implementation pages, through a browser-like client on the city's host."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from tenant_apps.implementation import services
from tenant_apps.implementation.models import Implementation, Milestone, SavingsEntry, Update
from tenant_apps.implementation.tests.conftest import make_implementations
from tenant_apps.proposals.models import Proposal, Status

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def browser(client_for):
    """A signed-in client, in English, for someone who already exists in the city."""

    def make(city, user):
        client = client_for(city, HTTP_ACCEPT_LANGUAGE="en")
        with tenant_context(city):
            client.force_login(user)
        return client

    return make


def test_admin_starts_from_the_overview(team, browser):
    admin = browser(team.city, team.admin)
    overview = admin.get("/implementation/")
    assert overview.status_code == 200
    assert "Selected proposals waiting to start" in overview.text
    start_url = f"/implementation/start/{team.proposal.pk}/"
    assert start_url in overview.text
    form = admin.get(start_url)
    assert form.status_code == 200
    assert '<label for="id_lead">' in form.text
    response = admin.post(start_url, {"lead": team.lead.pk})
    with tenant_context(team.city):
        implementation = Implementation.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/implementation/{implementation.pk}/"


def test_employees_cannot_start(team, browser):
    employee = browser(team.city, team.employee)
    assert employee.get(f"/implementation/start/{team.proposal.pk}/").status_code == 403
    assert employee.post(f"/implementation/start/{team.proposal.pk}/",
                         {"lead": team.lead.pk}).status_code == 403
    overview = employee.get("/implementation/")
    assert "Selected proposals waiting to start" not in overview.text


def test_starting_a_not_selected_proposal_explains_and_changes_nothing(team, browser):
    with tenant_context(team.city):
        Proposal.objects.filter(pk=team.proposal.pk).update(status=Status.SHORTLISTED)
    response = browser(team.city, team.admin).post(
        f"/implementation/start/{team.proposal.pk}/", {"lead": team.lead.pk})
    assert response.status_code == 409
    assert "Only a selected proposal can be implemented." in response.text
    with tenant_context(team.city):
        assert not Implementation.objects.exists()


def test_detail_page_shows_the_whole_implementation(started, team, browser, evidence_cleanup):
    with tenant_context(team.city):
        services.implementation_set_progress(implementation=started, progress=40, by=team.lead)
        services.milestone_add(implementation=started, title="Pilot in one department",
                               due_on=date(2020, 5, 1), by=team.lead)
        services.update_post(implementation=started, author=team.author, body="Week one done",
                             evidence=SimpleUploadedFile("report.pdf", PDF),
                             evidence_url="https://intranet.example/pilot")
        services.savings_record(implementation=started, period=date(2026, 1, 1),
                                projected_money=1000, realised_money="1234.5",
                                projected_hours=10, realised_hours=8, by=team.lead)
        services.savings_record(implementation=started, period=date(2026, 2, 1),
                                projected_money=1000, projected_hours=10, by=team.lead)
        update = Update.objects.get()
    page = browser(team.city, team.employee).get(f"/implementation/{started.pk}/")
    assert page.status_code == 200
    text = page.text
    assert '<progress class="progress" max="100" value="40"' in text
    assert "40% done" in text
    assert "Pilot in one department" in text and "(overdue)" in text
    assert "Week one done" in text
    assert f"/implementation/updates/{update.pk}/evidence/" in text
    assert "https://intranet.example/pilot" in text
    assert "<caption>Savings per month, projected and realised (money in RON)</caption>" in text
    assert "RON\u00a01,234.50" in text  # realised in January: with its cents
    assert "RON\u00a02,000" in text  # projected total: whole units
    assert "not known yet" in text
    # A reader gets no forms.
    assert 'action="/implementation/' not in text

    download = browser(team.city, team.employee).get(
        f"/implementation/updates/{update.pk}/evidence/")
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_the_page_speaks_the_citys_language(started, team, client_for):
    client = client_for(team.city)
    with tenant_context(team.city):
        client.force_login(team.employee)
    with tenant_context(team.city):
        SavingsEntry.objects.create(implementation=started, period=date(2026, 1, 1),
                                    projected_money=1234.5)
    page = client.get(f"/implementation/{started.pk}/", HTTP_ACCEPT_LANGUAGE="ro")
    assert page.status_code == 200
    assert '<html lang="ro">' in page.text
    assert "1.234,50" in page.text


def test_lead_uses_the_forms(started, team, browser):
    lead = browser(team.city, team.lead)
    base = f"/implementation/{started.pk}/"
    page = lead.get(base)
    for form in ("progress/", "milestones/", "savings/", "updates/", "finish/"):
        assert f'action="{base}{form}"' in page.text
    assert f'action="{base}lead/"' not in page.text  # only admins change the lead

    assert lead.post(base + "progress/", {"progress": "70"}).status_code == 302
    assert lead.post(base + "milestones/", {"title": "Pilot", "due_on": "2026-05-01",
                                            "state": "planned"}).status_code == 302
    assert lead.post(base + "savings/", {
        "period": "2026-05", "projected_money": "100", "realised_money": "",
        "projected_hours": "2", "realised_hours": "", "note": ""}).status_code == 302
    assert lead.post(base + "updates/", {"body": "Started the pilot"}).status_code == 302
    with tenant_context(team.city):
        milestone = Milestone.objects.get()
        entry = SavingsEntry.objects.get()
        assert Implementation.objects.get(pk=started.pk).progress == 70
        assert (entry.period, entry.realised_money) == (date(2026, 5, 1), None)
        assert Update.objects.get().author == team.lead

    edit = f"/implementation/milestones/{milestone.pk}/"
    assert lead.get(edit).status_code == 200
    assert lead.post(edit, {"title": "Pilot", "due_on": "2026-05-01",
                            "state": "done"}).status_code == 302
    finished = lead.post(base + "finish/", {"outcome": "implemented", "reason": ""})
    assert finished.status_code == 302
    with tenant_context(team.city):
        assert Milestone.objects.get().completed_on is not None
        assert Proposal.objects.get(pk=team.proposal.pk).status == Status.IMPLEMENTED


def test_bad_input_shows_the_message_and_changes_nothing(started, team, browser):
    lead = browser(team.city, team.lead)
    base = f"/implementation/{started.pk}/"
    negative = lead.post(base + "savings/", {"period": "2026-05", "projected_money": "-3"})
    assert negative.status_code == 400
    assert "Savings cannot be negative." in negative.text
    too_much = lead.post(base + "progress/", {"progress": "150"})
    assert too_much.status_code == 400
    assert "Give a whole number from 0 to 100." in too_much.text
    with tenant_context(team.city):
        assert not SavingsEntry.objects.exists()
        assert Implementation.objects.get(pk=started.pk).progress == 0


def test_employee_cannot_record_savings_or_change_anything(started, team, browser):
    employee = browser(team.city, team.employee)
    base = f"/implementation/{started.pk}/"
    attempts = {
        "savings/": {"period": "2026-05", "projected_money": "100"},
        "progress/": {"progress": "90"},
        "milestones/": {"title": "X", "due_on": "2026-05-01", "state": "planned"},
        "finish/": {"outcome": "abandoned"},
        "lead/": {"lead": team.employee.pk},
        "updates/": {"body": "Hello"},
    }
    for path, data in attempts.items():
        assert employee.post(base + path, data).status_code == 403, path
    # An author may post news but not touch the savings.
    author = browser(team.city, team.author)
    assert author.post(base + "savings/", attempts["savings/"]).status_code == 403
    assert author.post(base + "updates/", {"body": "Hello"}).status_code == 302
    with tenant_context(team.city):
        assert not SavingsEntry.objects.exists()
        assert Implementation.objects.get(pk=started.pk).progress == 0
        assert Update.objects.count() == 1


def test_finished_implementation_refuses_with_a_message(started, team, browser):
    with tenant_context(team.city):
        services.implementation_finish(implementation=started, outcome=Status.ABANDONED,
                                       by=team.admin)
    admin = browser(team.city, team.admin)
    response = admin.post(f"/implementation/{started.pk}/progress/", {"progress": "10"})
    assert response.status_code == 409
    assert "this implementation is finished" in response.text
    page = admin.get(f"/implementation/{started.pk}/")
    assert f'action="/implementation/{started.pk}/savings/"' not in page.text


def test_overview_totals_per_call_and_city(team, browser, make_call, make_proposal):
    other_call = make_call(team.city, phase="implementation", admin=team.admin,
                           title="Greener fleet")
    make_implementations(team.city, team.call, team.author, team.lead, 2)
    make_implementations(team.city, other_call, team.author, team.lead, 1, start=2)
    page = browser(team.city, team.employee).get("/implementation/")
    assert page.status_code == 200
    text = page.text
    assert "Savings per call" in text and "Greener fleet" in text
    assert "RON\u00a0600" in text  # city: 3 implementations × 2 months × 100 projected
    assert "RON\u00a0400" in text  # Paperless city hall, projected
    assert "RON\u00a0480" in text  # city, realised
    assert "Proposal 0" in text and "Proposal 2" in text


def test_another_city_sees_nothing(started, team, paris, signed_in):
    stranger = signed_in(paris, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    assert stranger.get(f"/implementation/{started.pk}/").status_code == 404
    overview = stranger.get("/implementation/", HTTP_ACCEPT_LANGUAGE="en")
    assert team.proposal.title not in overview.text
    assert stranger.post(f"/implementation/{started.pk}/progress/",
                         {"progress": "5"}).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(started, team, client_for):
    response = client_for(team.city).get(f"/implementation/{started.pk}/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("kind", ["overview", "detail"])
def test_pages_run_the_same_queries_for_3_and_30_rows(team, browser, kind):
    reader = browser(team.city, team.employee)
    [first] = make_implementations(team.city, team.call, team.author, team.lead, 1)
    make_implementations(team.city, team.call, team.author, team.lead, 2, start=1)
    path = "/implementation/" if kind == "overview" else f"/implementation/{first.pk}/"
    reader.get(path)

    def measure() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert reader.get(path).status_code == 200
        return len(queries)

    few = measure()
    make_implementations(team.city, team.call, team.author, team.lead, 27, start=3)
    if kind == "detail":  # more rows on the one page, too
        with tenant_context(team.city):
            for month in range(3, 13):
                SavingsEntry.objects.create(implementation=first, period=date(2026, month, 1))
            for number in range(20):
                Milestone.objects.create(implementation=first, title=f"Step {number}",
                                         due_on=date(2026, 6, 1))
                Update.objects.create(implementation=first, author=team.author, body="News")
    assert measure() == few
