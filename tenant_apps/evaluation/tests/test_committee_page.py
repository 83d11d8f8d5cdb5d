"""The committee page: no preset decision, full reasons and a confirmation before deciding."""

import re

import pytest
from django_tenants.utils import tenant_context

from tenant_apps.evaluation import services
from tenant_apps.proposals.models import Proposal, Status


def _admin_client(client_for, city, admin):
    client = client_for(city)
    with tenant_context(city):
        client.force_login(admin)
    return client


@pytest.mark.django_db
def test_no_decision_is_preset_and_deciding_asks_first(cluj, evaluation_call, make_proposal,
                                                       client_for):
    proposal = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE, title="Solar roofs")
    admin = _admin_client(client_for, cluj, evaluation_call.admin)
    page = admin.get(f"/evaluation/calls/{evaluation_call.pk}/").content.decode()
    picker = re.search(rf'<select id="outcome-{proposal.pk}".*?</select>', page, re.S).group(0)
    assert re.search(r'<option value="" selected>Choose a decision', picker)
    assert picker.count(" selected>") == 1 and "required" in picker
    form = re.search(r"<form[^>]*/decision/\"[^>]*>", page, re.S)
    assert 'data-confirm="Record this decision on “Solar roofs”' in form.group(0)

    url = f"/evaluation/calls/{evaluation_call.pk}/proposals/{proposal.pk}/decision/"
    refused = admin.post(url,
                         {"outcome": "", "reason": "Good"})
    assert refused.status_code == 400
    assert "Choose a decision before recording it." in refused.content.decode()
    with tenant_context(cluj):
        assert Proposal.objects.get(pk=proposal.pk).status == Status.ELIGIBLE


@pytest.mark.django_db
def test_a_recorded_reason_is_shown_in_full(cluj, evaluation_call, make_proposal, client_for):
    proposal = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE)
    reason = ("The savings are well documented and the pilot can start in spring; " * 6).strip()
    with tenant_context(cluj):
        services.decision_record(proposal=proposal, outcome="not_selected", reason=reason,
                                 by=evaluation_call.admin)
    admin = _admin_client(client_for, cluj, evaluation_call.admin)
    page = admin.get(f"/evaluation/calls/{evaluation_call.pk}/").content.decode()
    assert f'<p class="decision-reason">{reason}</p>' in page
    picker = re.search(rf'<select id="outcome-{proposal.pk}".*?</select>', page, re.S).group(0)
    assert '<option value="not_selected" selected>' in picker
    assert '<option value="" selected>' not in picker


@pytest.mark.django_db
def test_the_desk_names_statuses_in_each_readers_language(cluj, evaluation_call, make_proposal,
                                                          client_for):
    """Labels are looked up once per language, never served in the language of whoever
    asked first."""
    solar = make_proposal(cluj, evaluation_call, status=Status.SUBMITTED,
                          title="Solar roofs & <b>panels</b>")
    make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE, title="Shared cars")
    path = f"/evaluation/calls/{evaluation_call.pk}/"
    title = "Solar roofs &amp; &lt;b&gt;panels&lt;/b&gt;"
    for language, submitted, eligible, confirm in [
            ("hu", "Benyújtva", "Jogosult", f"Rögzíti a(z) „{title}” jogosultságát?"),
            ("en", "Submitted", "Eligible", f"Record the eligibility of “{title}”?"),
            ("ro", "Depusă", "Eligibilă", f"Înregistrați eligibilitatea pentru „{title}”?"),
            ("hu", "Benyújtva", "Jogosult", f"Rögzíti a(z) „{title}” jogosultságát?")]:
        admin = _admin_client(client_for, cluj, evaluation_call.admin)
        page = admin.get(path, HTTP_ACCEPT_LANGUAGE=language).content.decode()
        row = re.search(rf'<tr>\s*<td><a href="/proposals/{solar.pk}/">{re.escape(title)}</a>'
                        r"</td>.*?</tr>", page, re.S).group(0)
        assert f"<td>{submitted}</td>" in row, language
        assert (f'action="/evaluation/calls/{evaluation_call.pk}/proposals/{solar.pk}/'
                f'eligibility/"') in row
        assert f'data-confirm="{confirm}"' in row, language
        assert f'<span class="help">{eligible}</span>' in page, language


@pytest.mark.django_db
def test_the_desk_lists_the_committee_with_loads_and_offers_the_other_evaluators(
        cluj, evaluation_call, make_proposal, make_user, make_call, client_for):
    """Members in name order with their active assignments in this call (a conflict and
    another call's work do not count); the picker offers only active evaluators who are not
    members yet."""
    from shared_apps.accounts.models import Role
    from tenant_apps.calls.models import Phase
    from tenant_apps.evaluation.models import Assignment

    first, second = evaluation_call.evaluators[:2]  # eval0, eval1 (eval2 is the third)
    make_user(cluj, username="aaron", roles=[Role.EMPLOYEE, Role.EVALUATOR])
    gone = make_user(cluj, username="zed", roles=[Role.EMPLOYEE, Role.EVALUATOR])
    make_user(cluj, username="clerk")  # an employee, not an evaluator
    proposals = [make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE, title=f"P{i}")
                 for i in range(3)]
    other_call = make_call(cluj, phase=Phase.EVALUATION, title="Another call")
    elsewhere = make_proposal(cluj, other_call, status=Status.ELIGIBLE)
    with tenant_context(cluj):
        admin = evaluation_call.admin
        gone.is_active = False
        gone.save()
        services.committee_add(call=other_call, user=first, by=admin)
        services.assignment_create(proposal=elsewhere, evaluator=first, by=admin)
        for proposal in proposals:
            services.assignment_create(proposal=proposal, evaluator=first, by=admin)
        conflicted = services.assignment_create(proposal=proposals[0], evaluator=second,
                                                by=admin)
        services.conflict_declare(assignment=conflicted, by=second, reason="My sister's idea")
        active = Assignment.objects.filter(proposal__call=evaluation_call,
                                           conflict_declared_at__isnull=True)
        expected = [(name, active.filter(evaluator__username=name).count())
                    for name in ("eval0", "eval1", "eval2")]
        assert Assignment.objects.filter(evaluator=first).count() > expected[0][1] > 0
        assert Assignment.objects.filter(evaluator=second,
                                         conflict_declared_at__isnull=False).exists()
    page = _admin_client(client_for, cluj, evaluation_call.admin).get(
        f"/evaluation/calls/{evaluation_call.pk}/").content.decode()
    members = re.search(r'<h2 id="committee">.*?</ul>', page, re.S).group(0)
    loads = re.findall(r"<li>(\w+) — (\d+) proposals?", members)
    assert [(name, int(load)) for name, load in loads] == expected
    picker = re.search(r'<select id="add-member".*?</select>', page, re.S).group(0)
    assert re.findall(r"<option value=\"\d+\">(\w+)</option>", picker) == ["aaron"]


@pytest.mark.django_db
def test_the_desk_and_the_ranking_download_read_as_much_for_thirty_proposals_as_for_three(
        cluj, evaluation_call, make_proposal, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.queries import assert_same_reads

    admin = _admin_client(client_for, cluj, evaluation_call.admin)
    paths = [f"/evaluation/calls/{evaluation_call.pk}/",
             f"/evaluation/calls/{evaluation_call.pk}/ranking.csv"]

    def reads(count: int) -> list:
        with tenant_context(cluj):
            Proposal.objects.filter(call=evaluation_call).delete()
        for number in range(count):
            make_proposal(cluj, evaluation_call, title=f"Proposal {number}",
                          status=Status.ELIGIBLE if number % 2 else Status.SUBMITTED)
        captured = []
        for path in paths:
            admin.get(path)  # the site's settings and routing, read once and kept
            with CaptureQueriesContext(connection) as queries:
                response = admin.get(path)
            assert response.status_code == 200
            assert "Proposal 1," in response.content.decode().replace("<", ",")
            captured.append(queries)
        return captured

    few, many = reads(3), reads(30)
    for short, long in zip(few, many, strict=True):
        assert_same_reads(short, long)
