"""A submitted proposal stays editable until the submission phase ends, but every change is
kept as a version and audited; authors and admins read the history, evaluators never do."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from tenant_apps.audit.models import AuditEntry
from tenant_apps.calls.models import Call, Phase
from tenant_apps.evaluation.models import CommitteeMember
from tenant_apps.proposals.models import CoAuthor, Proposal, ProposalVersion, Status
from tests.queries import assert_same_reads

pytestmark = pytest.mark.django_db


def _patch(client, proposal_id, **fields):
    response = client.patch(f"/api/v1/proposals/{proposal_id}/", fields,
                            content_type="application/json")
    assert response.status_code == 200, response.content
    return response


def _draft(author, call) -> int:
    created = author.post("/api/v1/proposals/", {
        "call": call.pk, "title": "Shared calendar for meeting rooms",
        "problem": "Rooms are double booked.", "solution": "One shared calendar.",
        "mvp_plan": "Try it on one floor."}, content_type="application/json")
    assert created.status_code == 201, created.content
    return created.json()["id"]


def test_edits_after_submission_are_versioned_and_audited(cluj, api_for, make_call):
    call = make_call(cluj)
    author = api_for(cluj)
    proposal_id = _draft(author, call)
    _patch(author, proposal_id, solution="One shared calendar, synced with Outlook.")
    with tenant_context(cluj):
        assert not ProposalVersion.objects.exists()  # drafts have no history

    assert author.post(f"/api/v1/proposals/{proposal_id}/submit/").status_code == 200
    _patch(author, proposal_id, title="Shared calendar for all meeting rooms",
           solution="One shared calendar for every floor.", expected_savings_hours="120.0")
    _patch(author, proposal_id, title="Shared calendar for all meeting rooms")  # no change

    versions = author.get(f"/api/v1/proposals/{proposal_id}/versions/")
    assert versions.status_code == 200
    body = versions.json()
    assert body["count"] == 2
    first, second = body["results"]
    assert first["number"] == 1 and first["changed_fields"] == []
    assert first["content"]["title"] == "Shared calendar for meeting rooms"
    assert first["content"]["solution"] == "One shared calendar, synced with Outlook."
    assert first["content"]["expected_savings_hours"] is None
    assert second["number"] == 2
    assert second["changed_fields"] == ["title", "solution", "expected_savings_hours"]
    assert second["content"]["title"] == "Shared calendar for all meeting rooms"
    assert second["content"]["expected_savings_hours"] == "120.0"
    assert second["by"]["username"] == author.user.username

    with tenant_context(cluj):
        edits = list(AuditEntry.objects.filter(action="proposal.edited", target_id=proposal_id))
    assert len(edits) == 1
    assert edits[0].actor_id == author.user.pk
    assert edits[0].after == {"version": 2,
                              "fields": ["title", "solution", "expected_savings_hours"]}


def test_translations_are_kept_in_versions(cluj, api_for, make_call):
    call = make_call(cluj)
    author = api_for(cluj)
    proposal_id = _draft(author, call)
    author.post(f"/api/v1/proposals/{proposal_id}/submit/")
    author.defaults["HTTP_ACCEPT_LANGUAGE"] = "ro"
    _patch(author, proposal_id, title="Calendar comun pentru sălile de ședință")

    latest = author.get(f"/api/v1/proposals/{proposal_id}/versions/").json()["results"][-1]
    assert latest["changed_fields"] == ["title"]
    assert latest["translations"]["title"] == {
        "en": "Shared calendar for meeting rooms",
        "ro": "Calendar comun pentru sălile de ședință"}
    assert latest["content"]["title"] == "Calendar comun pentru sălile de ședință"


def test_proposals_submitted_before_versions_get_their_first_version_on_edit(
        cluj, api_for, make_call, make_proposal):
    call = make_call(cluj)
    author = api_for(cluj)
    proposal = make_proposal(cluj, call, author=author.user)  # submitted, no version yet
    _patch(author, proposal.pk, mvp_plan="Pilot in two departments.")
    results = author.get(f"/api/v1/proposals/{proposal.pk}/versions/").json()["results"]
    assert [v["number"] for v in results] == [1, 2]
    assert results[0]["content"]["mvp_plan"] == "Pilot in one department for a month."
    assert results[1]["changed_fields"] == ["mvp_plan"]


def test_history_is_for_authors_and_admins_only(cluj, paris, api_for, make_call,
                                                 make_proposal):
    call = make_call(cluj)
    author = api_for(cluj)
    proposal = make_proposal(cluj, call, author=author.user)
    coauthor = api_for(cluj)
    invited = api_for(cluj)
    evaluator = api_for(cluj, roles=[Role.EMPLOYEE, Role.EVALUATOR])
    with tenant_context(cluj):
        CoAuthor.objects.create(proposal=proposal, user=coauthor.user,
                                state=CoAuthor.State.ACCEPTED)
        CoAuthor.objects.create(proposal=proposal, user=invited.user)
        CommitteeMember.objects.create(call=call, user=evaluator.user)
    _patch(author, proposal.pk, title="Digital signatures everywhere")
    url = f"/api/v1/proposals/{proposal.pk}/versions/"

    assert coauthor.get(url).json()["count"] == 2
    assert api_for(cluj, roles=[Role.CITY_ADMIN]).get(url).json()["count"] == 2
    for outsider in (api_for(cluj), invited, evaluator):
        refused = outsider.get(url)
        assert refused.status_code == 403
        assert refused.json()["code"] == "permission_denied"
    # The evaluator reads the proposal as it stands now.
    assert evaluator.get(f"/api/v1/proposals/{proposal.pk}/").json()[
        "title"] == "Digital signatures everywhere"

    # Drafts stay hidden, and so does everything of Cluj from Paris.
    draft = make_proposal(cluj, call, author=author.user, status=Status.DRAFT)
    assert api_for(cluj).get(f"/api/v1/proposals/{draft.pk}/versions/").status_code == 404
    assert api_for(paris).get(url).status_code == 404
    assert api_for(paris, roles=[Role.CITY_ADMIN]).get(url).status_code == 404


def test_no_history_for_the_jury_of_an_anonymous_call(cluj, api_for, make_call, make_proposal):
    call = make_call(cluj, anonymous=True)
    author = api_for(cluj)
    proposal = make_proposal(cluj, call, author=author.user)
    _patch(author, proposal.pk, title="Digital signatures everywhere")
    admin_in_jury = api_for(cluj, roles=[Role.CITY_ADMIN, Role.EVALUATOR])
    with tenant_context(cluj):
        CommitteeMember.objects.create(call=call, user=admin_in_jury.user)
        Call.objects.filter(pk=call.pk).update(phase=Phase.EVALUATION)
    response = admin_in_jury.get(f"/api/v1/proposals/{proposal.pk}/versions/")
    assert response.status_code == 403
    assert author.user.username not in response.text


def test_history_on_the_page(cluj, signed_in, make_call, make_proposal):
    call = make_call(cluj)
    browser = signed_in(cluj)
    proposal = make_proposal(cluj, call, author=browser.user, status=Status.DRAFT,
                             solution="Sign approvals in the intranet.")
    form = {"title": "Digital signatures for internal approvals",
            "problem": "Approvals circulate on paper for days.",
            "solution": "Sign approvals in the intranet.",
            "mvp_plan": "Pilot in one department for a month."}
    for solution in ("Sign approvals digitally.", "Sign approvals digitally in the intranet."):
        autosave = browser.post(f"/proposals/{proposal.pk}/edit/",
                                {**form, "solution": solution}, HTTP_HX_REQUEST="true")
        assert autosave.status_code == 200
    with tenant_context(cluj):
        assert not ProposalVersion.objects.filter(proposal=proposal).exists()

    assert browser.post(f"/proposals/{proposal.pk}/submit/").status_code == 302
    edit_page = browser.get(f"/proposals/{proposal.pk}/edit/")
    assert 'hx-post="' not in edit_page.text  # changes to a submitted proposal are saved
    saved = browser.post(f"/proposals/{proposal.pk}/edit/", {   # on purpose, not as typed
        **form, "solution": "Sign approvals digitally with the national e-ID."})
    assert saved.status_code == 302

    page = browser.get(f"/proposals/{proposal.pk}/")
    assert 'id="history"' in page.text
    assert "Version 2" in page.text
    assert re.search(r"<del>[^<]*intranet\.</del>", page.text)
    assert re.search(r"<ins>[^<]*e-ID\.</ins>", page.text)

    admin = signed_in(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    assert "Version 2" in admin.get(f"/proposals/{proposal.pk}/").text
    evaluator = signed_in(cluj, roles=[Role.EMPLOYEE, Role.EVALUATOR])
    with tenant_context(cluj):
        CommitteeMember.objects.create(call=call, user=evaluator.user)
    for reader in (evaluator, signed_in(cluj)):
        seen = reader.get(f"/proposals/{proposal.pk}/")
        assert seen.status_code == 200
        assert "with the national e-ID." in seen.text
        assert 'id="history"' not in seen.text
        assert "in the intranet." not in seen.text


def test_versions_list_costs_the_same_queries_for_5_and_50(cluj, api_for, make_call,
                                                           make_proposal):
    call = make_call(cluj)
    author = api_for(cluj)
    proposal = make_proposal(cluj, call, author=author.user)
    url = f"/api/v1/proposals/{proposal.pk}/versions/"

    def add(count):
        with tenant_context(cluj):
            start = ProposalVersion.objects.filter(proposal=proposal).count()
            ProposalVersion.objects.bulk_create(
                ProposalVersion(proposal=proposal, number=start + i + 1, by=author.user,
                                content={"title_en": f"Idea {i}"}, changed_fields=["title"])
                for i in range(count))

    add(5)
    author.get(url)
    with CaptureQueriesContext(connection) as few:
        assert author.get(url).json()["count"] == 5
    add(45)
    with CaptureQueriesContext(connection) as many:
        assert author.get(url).json()["count"] == 50
    assert_same_reads(few, many)
    with tenant_context(cluj):
        assert Proposal.objects.filter(pk=proposal.pk).exists()
