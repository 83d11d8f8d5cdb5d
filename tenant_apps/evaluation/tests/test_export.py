"""The export of a call's proposals for city admins: page download, API, CSV and XLSX."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import tenant_context
from openpyxl import load_workbook

from shared_apps.accounts.models import Role
from tenant_apps.calls.models import Phase
from tenant_apps.evaluation import services
from tenant_apps.evaluation.models import CommitteeMember, Decision, Score, Scorecard
from tenant_apps.evaluation.tests.conftest import EVALUATOR
from tenant_apps.evaluation.tests.test_evaluation import _api_as, _submit_all
from tenant_apps.implementation.models import Implementation, SavingsEntry
from tenant_apps.proposals.models import CoAuthor, Status

pytestmark = pytest.mark.django_db


def _rows(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv"), response.content[:300]
    text = response.content.decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _sheet(response) -> list[list]:
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[cell for cell in row] for row in sheet.iter_rows()]


@pytest.fixture
def exported_call(cluj, evaluation_call, make_proposal, make_user, make_department,
                  client_for, scores):
    """Two scored proposals (one with a co-author, a decision and realised savings), one
    ineligible, one draft."""
    department = make_department(cluj, name="Registry office", code="registry")
    author = make_user(cluj, username="ioana.popescu")
    partner = make_user(cluj, username="mihai.ionescu")
    with tenant_context(cluj):
        author.first_name, author.last_name = "Ioana", "Popescu"
        author.save()
    best = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE, author=author,
                         department=department, title="Queue-free registry",
                         expected_savings_money=Decimal("12500.50"),
                         expected_savings_hours=Decimal("320.5"))
    halfway = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE,
                            title="=HYPERLINK(\"http://evil.example\",\"Click\")")
    make_proposal(cluj, evaluation_call, status=Status.INELIGIBLE, title="Out of scope")
    make_proposal(cluj, evaluation_call, status=Status.DRAFT, title="Secret draft")
    with tenant_context(cluj):
        CoAuthor.objects.create(proposal=best, user=partner, state=CoAuthor.State.ACCEPTED)
    _submit_all(cluj, client_for, evaluation_call, best, ([9, 8, 7], [10, 8, 9]), scores)
    _submit_all(cluj, client_for, evaluation_call, halfway, ([7, 7, 7], [6, 5, 10]), scores)
    with tenant_context(cluj):
        services.decision_record(proposal=best, outcome="selected",
                                 reason="Clear savings, ready to test.",
                                 by=evaluation_call.admin)
        implementation = Implementation.objects.create(proposal=best)
        SavingsEntry.objects.create(implementation=implementation, period=date(2026, 9, 1),
                                    realised_money=Decimal("1000.25"),
                                    realised_hours=Decimal("10.5"))
        SavingsEntry.objects.create(implementation=implementation, period=date(2026, 10, 1),
                                    realised_money=Decimal("500"), realised_hours=None)
    evaluation_call.best, evaluation_call.halfway = best, halfway
    return evaluation_call


def test_admins_export_every_proposal_with_scores_decision_and_savings(
        cluj, exported_call, client_for):
    call = exported_call
    api = _api_as(client_for, cluj, call.admin)
    rows = _rows(api.get(f"/api/v1/evaluation/calls/{call.pk}/export/?format=csv"))
    assert [row["Title"] for row in rows] == [
        "Queue-free registry", "'=HYPERLINK(\"http://evil.example\",\"Click\")",
        "Out of scope"]  # no drafts; a formula is written as text
    best, halfway, ineligible = rows
    assert best["ID"] == str(call.best.pk)
    assert best["Authors and co-authors"] == "Ioana Popescu; mihai.ionescu"
    assert best["Department"] == "Registry office"
    assert best["Status"] == "Selected"
    assert best["Expected savings per year (RON)"] == "12500.50"
    assert best["Staff hours saved per year"] == "320.5"
    # Innovation 9 and 10, Feasibility 8 and 8, Sustainability 7 and 9.
    assert (best["Mean score: Innovation"], best["Mean score: Feasibility"],
            best["Mean score: Sustainability"]) == ("9.50", "8.00", "8.00")
    assert (best["Weighted mean (0–10)"], best["Rank"]) == ("8.60", "1")
    assert (best["Decision"], best["Reason"]) == ("Selected", "Clear savings, ready to test.")
    assert (best["Realised savings (RON)"], best["Realised hours saved"]) == ("1500.25", "10.5")
    assert (halfway["Weighted mean (0–10)"], halfway["Spread"], halfway["Rank"]) == (
        "6.83", "0.18", "2")
    assert (ineligible["Weighted mean (0–10)"], ineligible["Rank"],
            ineligible["Realised savings (RON)"]) == ("", "", "")

    # The same table from the page's download links, as CSV and as numbers in XLSX.
    browser = client_for(cluj)
    with tenant_context(cluj):
        browser.force_login(call.admin)
    page = browser.get(f"/evaluation/calls/{call.pk}/").content.decode()
    assert f"/evaluation/calls/{call.pk}/proposals.xlsx" in page
    assert _rows(browser.get(f"/evaluation/calls/{call.pk}/proposals.csv")) == rows
    for response in (browser.get(f"/evaluation/calls/{call.pk}/proposals.xlsx"),
                     api.get(f"/api/v1/evaluation/calls/{call.pk}/export/?format=xlsx")):
        sheet = _sheet(response)
        headers = [cell.value for cell in sheet[0]]
        first = dict(zip(headers, sheet[1], strict=True))
        assert first["Weighted mean (0–10)"].value == Decimal("8.60") or \
            first["Weighted mean (0–10)"].value == pytest.approx(8.6)
        assert first["Weighted mean (0–10)"].data_type == "n"
        assert first["Expected savings per year (RON)"].data_type == "n"
        assert first["ID"].value == call.best.pk
        title = dict(zip(headers, sheet[2], strict=True))["Title"]
        assert title.data_type == "s" and title.value.startswith("=HYPERLINK")
    # Content negotiation by Accept works too.
    by_accept = api.get(f"/api/v1/evaluation/calls/{call.pk}/export/",
                        HTTP_ACCEPT="application/vnd.openxmlformats-officedocument."
                                    "spreadsheetml.sheet")
    assert _sheet(by_accept)[0][0].value == "ID"


def test_headers_are_in_the_readers_language(cluj, exported_call, client_for):
    api = _api_as(client_for, cluj, exported_call.admin)
    api.defaults["HTTP_ACCEPT_LANGUAGE"] = "ro"
    response = api.get(f"/api/v1/evaluation/calls/{exported_call.pk}/export/?format=csv")
    header = response.content.decode("utf-8-sig").splitlines()[0]
    assert "Titlu" in header and "Title" not in header


def test_only_the_citys_admins_export(cluj, paris, exported_call, client_for, api_for,
                                      signed_in):
    url = f"/api/v1/evaluation/calls/{exported_call.pk}/export/?format=csv"
    evaluator = _api_as(client_for, cluj, exported_call.evaluators[0])
    refused = evaluator.get(url)
    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/json")
    assert "detail" in refused.json()
    assert api_for(cluj).get(url).status_code == 403
    page = signed_in(cluj).get(f"/evaluation/calls/{exported_call.pk}/proposals.csv")
    assert page.status_code == 403

    # Another city's admin: the call does not exist on their host.
    other = api_for(paris, roles=[Role.CITY_ADMIN])
    with tenant_context(paris):
        from tenant_apps.calls.models import Call
        assert not Call.objects.filter(pk=exported_call.pk).exists()
    elsewhere = other.get(url)
    assert elsewhere.status_code == 404
    assert "Queue-free registry" not in elsewhere.content.decode()
    assert other.get(f"/api/v1/evaluation/calls/{exported_call.pk}/export/?format=xlsx"
                     ).status_code == 404


def test_a_jury_member_of_an_anonymous_call_never_sees_authors_in_exports(
        cluj, make_call, make_user, make_proposal, make_department, client_for):
    admin = make_user(cluj, username="admin", roles=[Role.CITY_ADMIN, Role.EMPLOYEE,
                                                     Role.EVALUATOR])
    call = make_call(cluj, phase=Phase.EVALUATION, anonymous=True, admin=admin)
    department = make_department(cluj, name="Registry office", code="registry")
    author = make_user(cluj, username="ioana.popescu")
    proposal = make_proposal(cluj, call, author=author, status=Status.ELIGIBLE,
                             department=department, title="Queue-free registry")
    evaluator = make_user(cluj, username="jury", roles=EVALUATOR)
    with tenant_context(cluj):
        CommitteeMember.objects.create(call=call, user=evaluator)
        CommitteeMember.objects.create(call=call, user=admin)  # the admin sits on the jury
        services.assignment_create(proposal=proposal, evaluator=evaluator, by=admin)
    secrets = ("ioana.popescu", "Registry office")

    admin_api = _api_as(client_for, cluj, admin)
    browser = client_for(cluj)
    with tenant_context(cluj):
        browser.force_login(admin)
    downloads = [admin_api.get(f"/api/v1/evaluation/calls/{call.pk}/export/?format=csv"),
                 browser.get(f"/evaluation/calls/{call.pk}/proposals.csv"),
                 browser.get(f"/evaluation/calls/{call.pk}/ranking.csv")]
    for response in downloads:
        body = response.content.decode("utf-8-sig")
        assert "Queue-free registry" in body
        for secret in secrets:
            assert secret not in body, (response.request["PATH_INFO"], secret)
    sheet = _sheet(browser.get(f"/evaluation/calls/{call.pk}/proposals.xlsx"))
    cells = " ".join(str(cell.value) for row in sheet for cell in row)
    assert "Queue-free registry" in cells
    assert not any(secret in cells for secret in secrets)

    # An admin off the jury sees the team.
    outsider = make_user(cluj, username="boss", roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    body = _api_as(client_for, cluj, outsider).get(
        f"/api/v1/evaluation/calls/{call.pk}/export/?format=csv").content.decode()
    assert "ioana.popescu" in body and "Registry office" in body


def _add_scored_proposals(cluj, call, make_proposal, make_user, count, start):
    with tenant_context(cluj):
        criteria = list(call.criteria.all())
    for i in range(count):
        proposal = make_proposal(cluj, call, status=Status.ELIGIBLE, title=f"Idea {start + i}",
                                 author=make_user(cluj, username=f"author{start + i}"))
        with tenant_context(cluj):
            CoAuthor.objects.create(proposal=proposal, state=CoAuthor.State.ACCEPTED,
                                    user=make_user(cluj, username=f"partner{start + i}"))
            for evaluator in call.evaluators[:2]:
                assignment = services.assignment_create(proposal=proposal, evaluator=evaluator,
                                                        by=call.admin)
                card = Scorecard.objects.create(assignment=assignment, submitted_at=timezone.now(),
                                                weighted_score=Decimal("5.00"))
                Score.objects.bulk_create(Score(scorecard=card, criterion=c, value=5)
                                          for c in criteria)
            Decision.objects.create(proposal=proposal, outcome="selected", reason="Good.")
            implementation = Implementation.objects.create(proposal=proposal)
            SavingsEntry.objects.create(implementation=implementation,
                                        period=date(2026, 9, 1), realised_money=Decimal(1))


def test_the_export_costs_the_same_queries_for_3_and_30_proposals(
        cluj, evaluation_call, make_proposal, make_user, client_for):
    api = _api_as(client_for, cluj, evaluation_call.admin)
    url = f"/api/v1/evaluation/calls/{evaluation_call.pk}/export/?format=xlsx"
    _add_scored_proposals(cluj, evaluation_call, make_proposal, make_user, 3, 0)
    assert api.get(url).status_code == 200
    with CaptureQueriesContext(connection) as few:
        assert api.get(url).status_code == 200
    _add_scored_proposals(cluj, evaluation_call, make_proposal, make_user, 27, 3)
    with CaptureQueriesContext(connection) as many:
        response = api.get(url)
    assert len(_sheet(response)) == 31
    assert len(many) == len(few), [q["sql"][:150] for q in many.captured_queries]
