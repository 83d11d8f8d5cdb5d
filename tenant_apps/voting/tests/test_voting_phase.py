"""A call's voting phase as its people use it: over HTTP with the city's Host header."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django_tenants.utils import tenant_context

from conftest import CRITERIA, run_in_threads
from innovato import formatting
from shared_apps.accounts.models import Role
from shared_apps.accounts.services import user_create
from tenant_apps.audit.models import AuditEntry
from tenant_apps.calls.models import Call, Phase
from tenant_apps.calls.services import call_create, call_move_phase
from tenant_apps.proposals.models import Proposal, Status, Vote
from tenant_apps.voting import selection
from tenant_apps.voting.models import Ballot, VotingOutcome
from tenant_apps.voting.selectors import election_of
from tenant_apps.voting.services import ballot_cast, voting_setup_save

ADMIN = (Role.CITY_ADMIN, Role.EMPLOYEE)


@pytest.fixture
def voting_call(make_call, make_proposal, api_for):
    """A call with a budget of 100 and three shortlisted proposals costing 60, 50 and 40,
    set up by its city admin through the API, then moved into voting; returns a builder."""

    def make(city, *, ballot_type="knapsack", rule="mes_cost", max_choices=None, points=None,
             phase=Phase.VOTING):
        call = make_call(city, phase=Phase.EVALUATION, voting=True, budget=Decimal("100"))
        proposals = [make_proposal(city, call, status=Status.SHORTLISTED, title=title)
                     for title in ("Shared e-signature", "Open data portal", "Paperless desk")]
        admin = api_for(city, roles=ADMIN)
        answer = admin.put(f"/api/v1/calls/{call.pk}/voting-setup/", {
            "ballot_type": ballot_type, "rule": rule, "max_choices": max_choices,
            "points": points,
            "costs": {str(p.pk): cost for p, cost in zip(proposals, ("60", "50", "40"),
                                                          strict=True)}},
            content_type="application/json")
        assert answer.status_code == 200, answer.content
        with tenant_context(city):
            call.__class__.objects.filter(pk=call.pk).update(phase=phase)
            call.refresh_from_db()
        call.admin_api = admin
        return call, [p.pk for p in proposals]

    return make


def put_ballot(client, call, **body):
    return client.put(f"/api/v1/calls/{call.pk}/ballot/", body, content_type="application/json")


def test_a_basket_within_the_budget_is_kept_and_one_over_it_refused(cluj, voting_call,
                                                                    api_for):
    call, (a, b, c) = voting_call(cluj, ballot_type="knapsack")
    voter = api_for(cluj)
    assert put_ballot(voter, call, choices=[a, c]).status_code == 200
    over = put_ballot(voter, call, choices=[a, b])
    assert over.status_code == 400
    assert "more than the budget" in str(over.json())
    assert voter.get(f"/api/v1/calls/{call.pk}/ballot/").json()["choices"] == [a, c]


def test_a_basket_over_the_budget_is_refused_with_both_sums_as_money(cluj, voting_call,
                                                                    api_for, client_for):
    """The refusal gives the basket's cost and the budget as the ballot page shows money, in
    the city's currency and the reader's language ("RON 110", "110 RON"), not "110.00"."""
    call, (a, b, _c) = voting_call(cluj, ballot_type="knapsack")
    voter = api_for(cluj)
    in_romanian = client_for(cluj, HTTP_AUTHORIZATION=f"Token {voter.token}",
                             HTTP_ACCEPT_LANGUAGE="ro")
    for client, language, sentence in (
            (voter, "en", "Your choice costs {total}, more than the budget of {budget}."),
            (in_romanian, "ro", "Alegerea dvs. costă {total}, mai mult decât bugetul de "
                                "{budget}.")):
        refused = put_ballot(client, call, choices=[a, b])
        assert refused.status_code == 400
        with translation.override(language):
            expected = sentence.format(total=formatting.money(Decimal(110), cluj.currency),
                                       budget=formatting.money(Decimal(100), cluj.currency))
        assert refused.json()["errors"]["non_field_errors"] == [expected]


def test_an_approval_ballot_refuses_more_than_k(cluj, voting_call, api_for):
    call, (a, b, c) = voting_call(cluj, ballot_type="approval", max_choices=2)
    voter = api_for(cluj)
    assert put_ballot(voter, call, choices=[a, b, c]).status_code == 400
    assert put_ballot(voter, call, choices=[a, b, c]).json()
    assert put_ballot(voter, call, choices=[a, b, c]).status_code == 400
    assert put_ballot(voter, call, choices=[a, b]).status_code == 200


def test_points_must_not_exceed_what_a_person_has(cluj, voting_call, api_for):
    call, (a, b, _c) = voting_call(cluj, ballot_type="cumulative", rule="mes_cardinal",
                                   points=10)
    voter = api_for(cluj)
    refused = put_ballot(voter, call, points={str(a): 8, str(b): 5})
    assert refused.status_code == 400
    assert "10 to spread" in str(refused.json())
    assert put_ballot(voter, call, points={str(a): 7, str(b): 3}).status_code == 200


def test_a_ballot_naming_no_proposal_is_a_clear_400(cluj, voting_call, api_for):
    call, _ids = voting_call(cluj, ballot_type="cumulative", rule="mes_cardinal", points=10)
    answer = put_ballot(api_for(cluj), call, points={"not-a-proposal": 3})
    assert answer.status_code == 400
    assert "not on this ballot" in str(answer.json())
    setup = call.admin_api.put(f"/api/v1/calls/{call.pk}/voting-setup/", {
        "ballot_type": "approval", "rule": "greedy", "costs": {"x": "5"}},
        content_type="application/json")
    assert setup.status_code in (400, 409)


def test_a_ranking_refuses_duplicates(cluj, voting_call, api_for):
    call, (a, b, _c) = voting_call(cluj, ballot_type="ranking", rule="mes_borda")
    voter = api_for(cluj)
    assert put_ballot(voter, call, choices=[a, a]).status_code == 400
    assert put_ballot(voter, call, choices=[b, a]).status_code == 200


def test_a_refusal_speaks_the_persons_language(cluj, voting_call, api_for):
    call, (a, b, _c) = voting_call(cluj, ballot_type="knapsack")
    voter = api_for(cluj)
    answer = voter.put(f"/api/v1/calls/{call.pk}/ballot/", {"choices": [a, b]},
                       content_type="application/json", HTTP_ACCEPT_LANGUAGE="ro")
    assert answer.status_code == 400
    assert "mai mult decât bugetul" in str(answer.json())


def test_a_call_with_a_ballot_refuses_the_old_vote_and_points_to_the_ballot(
        cluj, voting_call, api_for, signed_in):
    call, (a, _b, _c) = voting_call(cluj)
    voter = api_for(cluj)
    refused = voter.post(f"/api/v1/proposals/{a}/vote/")
    assert refused.status_code == 409
    assert refused.json()["code"] == "ballot_vote"
    assert f"/voting/{call.pk}/ballot/" in refused.json()["detail"]
    assert f"/api/v1/calls/{call.pk}/ballot/" in refused.json()["detail"]
    in_romanian = voter.post(f"/api/v1/proposals/{a}/vote/", HTTP_ACCEPT_LANGUAGE="ro")
    assert "buletin" in in_romanian.json()["detail"]

    employee = signed_in(cluj)
    html = employee.get(f"/proposals/{a}/").content.decode()
    assert f'action="/proposals/{a}/vote/"' not in html  # no vote button
    assert f'href="/voting/{call.pk}/ballot/"' in html
    assert employee.post(f"/proposals/{a}/vote/").status_code == 409
    with tenant_context(cluj):
        assert not Vote.objects.filter(proposal_id=a).exists()


def test_a_call_without_a_ballot_keeps_the_old_vote(cluj, make_call, make_proposal, api_for,
                                                    signed_in):
    call = make_call(cluj, phase=Phase.VOTING, voting=True)
    proposal = make_proposal(cluj, call, status=Status.SHORTLISTED)
    html = signed_in(cluj).get(f"/proposals/{proposal.pk}/").content.decode()
    assert f'action="/proposals/{proposal.pk}/vote/"' in html
    assert f"/voting/{call.pk}/ballot/" not in html
    counted = api_for(cluj).post(f"/api/v1/proposals/{proposal.pk}/vote/")
    assert counted.status_code == 200
    assert counted.json() == {"counted": True, "vote_count": 1}


def test_the_home_page_invites_to_vote_and_city_admins_to_the_preview(
        cluj, voting_call, make_call, signed_in):
    call, (a, _b, _c) = voting_call(cluj)
    without_ballot = make_call(cluj, phase=Phase.VOTING, voting=True, title="Old-style vote")
    employee = signed_in(cluj)
    html = employee.get("/").content.decode()
    assert f'href="/voting/{call.pk}/ballot/"' in html
    assert "You have not voted yet." in html
    assert f"/voting/{call.pk}/preview/" not in html
    assert f"/voting/{without_ballot.pk}/" not in html
    assert put_ballot(employee, call, choices=[a]).status_code == 200
    assert "You have voted" in employee.get("/").content.decode()

    admin = signed_in(cluj, roles=ADMIN).get("/").content.decode()
    assert f'href="/voting/{call.pk}/ballot/"' in admin
    assert f'href="/voting/{call.pk}/preview/"' in admin


def test_one_ballot_per_person_is_enforced_by_the_database(cluj, voting_call, make_user):
    call, (a, _b, _c) = voting_call(cluj)
    person = make_user(cluj)
    with tenant_context(cluj):
        Ballot.objects.create(call=call, voter=person, choices=[a])
        with pytest.raises(IntegrityError), transaction.atomic():
            Ballot.objects.create(call=call, voter=person, choices=[a])


def test_changing_a_ballot_after_voting_ended_is_refused(cluj, voting_call, api_for):
    call, (a, _b, c) = voting_call(cluj)
    voter = api_for(cluj)
    assert put_ballot(voter, call, choices=[a]).status_code == 200
    with tenant_context(cluj):
        call_move_phase(call=call, to_phase=Phase.RESULTS, by=None)
    late = put_ballot(voter, call, choices=[c])
    assert late.status_code == 409
    assert "can no longer be changed" in late.json()["detail"]


def test_the_outcome_is_stored_when_voting_ends_and_matches_the_rule(cluj, voting_call,
                                                                     api_for, signed_in):
    call, (a, b, c) = voting_call(cluj, ballot_type="approval", rule="mes_add1_greedy")
    for choices in ([a], [a], [a, b], [b, c], [c], [c], [c]):
        assert put_ballot(api_for(cluj), call, choices=choices).status_code == 200
    with tenant_context(cluj):
        expected = [int(p) for p in selection.select(election_of(call), "mes_add1_greedy")]
        call_move_phase(call=call, to_phase=Phase.RESULTS, by=None)
        outcome = VotingOutcome.objects.get(call=call)
    assert outcome.selected == expected
    results = api_for(cluj).get(f"/api/v1/calls/{call.pk}/voting-results/").json()
    assert results["winners"] == expected
    page = signed_in(cluj).get(f"/voting/{call.pk}/results/")
    assert page.status_code == 200
    assert "What each group of supporters paid for each winner" in page.content.decode()
    assert "<svg" in page.content.decode()


def test_results_stay_hidden_until_published_and_the_preview_is_for_admins(
        cluj, voting_call, api_for, signed_in):
    call, (a, _b, _c) = voting_call(cluj, ballot_type="approval", rule="greedy")
    assert put_ballot(api_for(cluj), call, choices=[a]).status_code == 200
    assert signed_in(cluj).get(f"/voting/{call.pk}/preview/").status_code == 403
    preview = signed_in(cluj, roles=ADMIN).get(f"/voting/{call.pk}/preview/")
    assert preview.status_code == 200 and "Budget line" in preview.content.decode()
    assert api_for(cluj).get(f"/api/v1/calls/{call.pk}/voting-results/").status_code == 404


def test_the_committee_overrides_with_a_reason_in_the_audit_trail(cluj, voting_call, api_for,
                                                                 signed_in):
    call, (a, b, c) = voting_call(cluj, ballot_type="approval", rule="greedy")
    assert put_ballot(api_for(cluj), call, choices=[a]).status_code == 200
    with tenant_context(cluj):
        call_move_phase(call=call, to_phase=Phase.RESULTS, by=None)
    admin = signed_in(cluj, roles=ADMIN)
    without_reason = admin.post(f"/voting/{call.pk}/override/", {"selected": [b, c]})
    assert without_reason.status_code == 303
    answer = admin.post(f"/voting/{call.pk}/override/",
                        {"selected": [b, c], "reason": "The e-signature is funded elsewhere."})
    assert answer.status_code == 302
    results = api_for(cluj).get(f"/api/v1/calls/{call.pk}/voting-results/").json()
    # greedy fills what is left, even with a proposal nobody chose
    assert results["winners"] == [b, c] and results["selected_by_rule"] == [a, c]
    with tenant_context(cluj):
        entry = AuditEntry.objects.get(action="voting.outcome_overridden")
    assert entry.after["reason"] == "The e-signature is funded elsewhere."
    assert signed_in(cluj).post(f"/voting/{call.pk}/override/",
                                {"selected": [a], "reason": "x"}).status_code == 403


def test_the_ballot_page_saves_a_basket_by_form(cluj, voting_call, signed_in):
    call, (a, b, c) = voting_call(cluj)
    employee = signed_in(cluj)
    page = employee.get(f"/voting/{call.pk}/ballot/")
    assert page.status_code == 200 and "voting/ballot.js" in page.content.decode()
    assert employee.post(f"/voting/{call.pk}/ballot/", {"choice": [a, b]}).status_code == 400
    assert employee.post(f"/voting/{call.pk}/ballot/", {"choice": [b, c]}).status_code == 302


def test_a_citys_ballot_cannot_be_reached_from_another_city(cluj, paris, voting_call, api_for):
    call, (a, _b, _c) = voting_call(cluj)
    stranger = api_for(paris)
    assert put_ballot(stranger, call, choices=[a]).status_code in (404, 409)
    with tenant_context(cluj):
        assert not Ballot.objects.filter(call=call).exists()


def test_pabulib_export_and_import_into_a_draft_call(cluj, voting_call, api_for, make_call):
    call, (a, _b, c) = voting_call(cluj)
    assert put_ballot(api_for(cluj), call, choices=[a]).status_code == 200
    assert put_ballot(api_for(cluj), call, choices=[c]).status_code == 200
    exported = call.admin_api.get(f"/api/v1/calls/{call.pk}/pabulib/")
    assert exported.status_code == 200
    text = exported.content.decode()
    assert "VOTES" in text and "budget;100" in text
    draft = make_call(cluj, phase=Phase.DRAFT, voting=True)
    imported = call.admin_api.post(f"/api/v1/calls/{draft.pk}/pabulib/", text,
                                   content_type="text/plain")
    assert imported.status_code == 201, imported.content
    assert imported.json() == {"projects": 3, "ballots": 2}
    bad = call.admin_api.post(f"/api/v1/calls/{draft.pk}/pabulib/", "nonsense",
                              content_type="text/plain")
    assert bad.status_code in (400, 409)


def test_the_setup_refuses_a_rule_that_does_not_fit_the_ballot(cluj, make_call, api_for):
    call = make_call(cluj, phase=Phase.EVALUATION, voting=True, budget=Decimal("100"))
    answer = api_for(cluj, roles=ADMIN).put(
        f"/api/v1/calls/{call.pk}/voting-setup/",
        {"ballot_type": "ranking", "rule": "mes_cost"}, content_type="application/json")
    assert answer.status_code == 400
    assert "does not fit" in str(answer.json())


def test_two_saves_at_once_leave_one_ballot(committed_city, django_db_blocker):
    """The same person saving from two tabs at the same moment still has one ballot."""

    city = committed_city
    with django_db_blocker.unblock(), tenant_context(city):
        now, day = timezone.now(), timedelta(days=1)
        admin = user_create(username="admin", roles=list(ADMIN))
        voter = user_create(username="voter", roles=[Role.EMPLOYEE])
        call = call_create(by=admin, title="Paperless", challenge="Less paper",
                           submission_starts=now - 20 * day, evaluation_starts=now - 10 * day,
                           voting_starts=now - day, results_on=now + 9 * day,
                           implementation_starts=now + 29 * day, closes_on=now + 99 * day,
                           criteria=CRITERIA, budget=Decimal("100"))
        Call.objects.filter(pk=call.pk).update(phase=Phase.EVALUATION)
        call.refresh_from_db()
        proposal = Proposal.objects.create(call=call, author=admin, title="E-signature",
                                           status=Status.SHORTLISTED)
        voting_setup_save(call=call, by=admin, ballot_type="approval", rule="greedy",
                          costs={proposal.pk: Decimal("60")})
        Call.objects.filter(pk=call.pk).update(phase=Phase.VOTING)
    results = run_in_threads(city, [
        lambda: ballot_cast(call=call, voter=voter, choices=[proposal.pk]),
        lambda: ballot_cast(call=call, voter=voter, choices=[]),
    ])
    assert not [r for r in results if isinstance(r, Exception)], results
    with django_db_blocker.unblock(), tenant_context(city):
        assert Ballot.objects.filter(call=call, voter=voter).count() == 1


def test_ballot_and_preview_show_costs_as_money_and_votes_as_people(cluj, voting_call,
                                                                   api_for, signed_in):
    """Cluj counts in lei: costs read as money in the page's language, and the greedy budget
    line counts a proposal's votes as the people who chose it, not votes times its cost."""
    import re

    call, (a, b, c) = voting_call(cluj, ballot_type="approval", rule="greedy")
    for choices in ([a, b], [a], [c]):
        assert put_ballot(api_for(cluj), call, choices=choices).status_code == 200
    ballot = signed_in(cluj, headers={"HTTP_ACCEPT_LANGUAGE": "en"}).get(
        f"/voting/{call.pk}/ballot/").content.decode()
    shown = re.sub(r"<[^>]*>", " ", ballot)  # the text a person reads
    assert "60.00" not in shown and re.search(r"cost RON\s?60\b", shown), shown
    preview = signed_in(cluj, roles=ADMIN).get(f"/voting/{call.pk}/preview/").content.decode()
    winners = preview.split('id="voting-winners"')[1].split("</ol>")[0]
    assert re.search(r"\(RON\s?60\)", winners) and "60.00" not in winners
    line = preview.split("Budget line")[1].split("</table>")[0]
    # The 60 proposal: two people chose it (the rule ranked it by its 2 × 60 = 120).
    assert re.search(r"Shared e-signature</th><td>2</td>", line), line


def test_the_completed_rule_explains_equal_shares_first_then_what_filled_the_rest(
        cluj, voting_call, api_for, signed_in):
    """With completed equal shares, the preview tells the two steps apart, in their order:
    what each group paid under equal shares, then the filling of what was left: a budget
    line of the other proposals only."""
    import re

    call, (a, b, c) = voting_call(cluj, ballot_type="approval", rule="mes_add1_greedy")
    for choices in ([a], [a], [b, c], [c]):
        assert put_ballot(api_for(cluj), call, choices=choices).status_code == 200
    page = signed_in(cluj, roles=ADMIN).get(f"/voting/{call.pk}/preview/").content.decode()
    headings = re.findall(r"<(?:h3|figcaption)[^>]*>([^<]+)<", page)
    paid = headings.index("What each group of supporters paid for each winner")
    filling = headings.index("Filling what equal shares left: the other proposals by votes")
    assert paid < filling
    assert (headings.index("What supporters paid for each winner")
            < headings.index("Votes per remaining proposal, in the order considered"))
    equal_shares = re.findall(r'<th scope="row">([^<]+)</th>',
                              page.split('id="voting-paid-caption"')[1].split("</table>")[0])
    line = page.split('id="voting-line-caption"')[1].split("</table>")[0]
    considered = re.findall(r'<th scope="row">([^<]+)</th>', line)
    assert equal_shares and considered
    assert not set(equal_shares) & set(considered)


def test_a_city_admin_downloads_ballots_and_imports_a_pabulib_file_from_the_setup_page(
        cluj, voting_call, api_for, make_call, signed_in):
    """Without the API: the setup page offers the ballots as a .pb file, and on a draft call
    with a voting phase a form that imports one; a bad file is refused with the reason and
    changes nothing."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    call, (a, _b, c) = voting_call(cluj)
    assert put_ballot(api_for(cluj), call, choices=[a]).status_code == 200
    assert put_ballot(api_for(cluj), call, choices=[c]).status_code == 200
    admin = signed_in(cluj, roles=ADMIN)
    setup = admin.get(f"/voting/{call.pk}/setup/").content.decode()
    download = f'href="/voting/{call.pk}/pabulib/"'
    assert download in setup
    assert 'name="pabulib"' not in setup  # no import once the call has left its draft
    exported = admin.get(f"/voting/{call.pk}/pabulib/")
    assert exported.status_code == 200
    assert exported["Content-Disposition"] == f'attachment; filename="call-{call.pk}.pb"'
    text = exported.content
    assert b"VOTES" in text
    assert signed_in(cluj).get(f"/voting/{call.pk}/pabulib/").status_code == 403

    draft = make_call(cluj, phase=Phase.DRAFT, voting=True)
    page = admin.get(f"/voting/{draft.pk}/setup/").content.decode()
    assert 'name="pabulib"' in page and 'enctype="multipart/form-data"' in page
    refused = admin.post(f"/voting/{draft.pk}/pabulib/",
                         {"pabulib": SimpleUploadedFile("x.pb", b"nonsense")}, follow=True)
    assert "This is not a valid Pabulib file" in refused.content.decode()
    with tenant_context(cluj):
        assert not Proposal.objects.filter(call_id=draft.pk).exists()
    imported = admin.post(f"/voting/{draft.pk}/pabulib/",
                          {"pabulib": SimpleUploadedFile("call.pb", text)}, follow=True)
    shown = imported.content.decode()
    assert imported.redirect_chain[-1][0] == f"/voting/{draft.pk}/setup/"
    assert "Proposals imported: 3. Ballots imported: 2." in shown
    assert shown.count('name="cost-') == 3  # the imported proposals, with their costs
    assert "Shared e-signature" in shown and "Paperless desk" in shown  # and their titles


def test_a_pabulib_file_not_in_utf8_is_refused_saying_so_and_nothing_is_imported(
        cluj, voting_call, api_for, make_call, signed_in):
    """A city admin uploads ballots saved by a spreadsheet in Latin-1 (a "é" as one byte):
    the page and the API both say the file must be UTF-8 text, and the call stays empty."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    call, (a, _b, _c) = voting_call(cluj)
    assert put_ballot(api_for(cluj), call, choices=[a]).status_code == 200
    exported = call.admin_api.get(f"/api/v1/calls/{call.pk}/pabulib/").content.decode()
    latin1 = exported.replace("VOTES", "# Exporté\nVOTES", 1).encode("latin-1")
    draft = make_call(cluj, phase=Phase.DRAFT, voting=True)

    page = signed_in(cluj, roles=ADMIN).post(
        f"/voting/{draft.pk}/pabulib/", {"pabulib": SimpleUploadedFile("call.pb", latin1)},
        follow=True)
    assert "The file must be UTF-8 text." in page.content.decode()
    api = call.admin_api.post(f"/api/v1/calls/{draft.pk}/pabulib/",
                              {"file": SimpleUploadedFile("call.pb", latin1)})
    assert api.status_code == 400
    assert api.json()["errors"]["file"] == ["The file must be UTF-8 text."]
    with tenant_context(cluj):
        assert not Proposal.objects.filter(call_id=draft.pk).exists()
        assert not Ballot.objects.filter(call_id=draft.pk).exists()
