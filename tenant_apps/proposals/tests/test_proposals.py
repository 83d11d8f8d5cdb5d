"""Proposals: drafting, submission in the right phase, co-authors, attachments,
discussion, supports, similar titles."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from tenant_apps.calls.models import Phase
from tenant_apps.notifications.models import Notification
from tenant_apps.proposals import services
from tenant_apps.proposals.models import Attachment, Comment, Proposal, Status, Support
from tests.queries import assert_same_reads

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489")


def draft_payload(call, **extra) -> dict:
    return {"call": call.pk, "title": "Shared calendar for meeting rooms",
            "problem": "Rooms are double booked.", "solution": "One shared calendar.",
            "mvp_plan": "Try it on one floor for two weeks.",
            "expected_savings_money": "1200.00", "expected_savings_hours": "150.0", **extra}


def test_draft_then_submit(cluj, api_for, make_call):
    call = make_call(cluj, phase=Phase.SUBMISSION)
    author = api_for(cluj)
    created = author.post("/api/v1/proposals/", {"call": call.pk, "title": "Shared calendar"},
                          content_type="application/json")
    assert created.status_code == 201, created.content
    proposal_id = created.json()["id"]
    assert created.json()["status"] == "draft"

    incomplete = author.post(f"/api/v1/proposals/{proposal_id}/submit/")
    assert incomplete.status_code == 400
    assert set(incomplete.json()["errors"]) == {"problem", "solution", "mvp_plan"}

    saved = author.patch(f"/api/v1/proposals/{proposal_id}/", draft_payload(call),
                         content_type="application/json")
    assert saved.status_code == 200
    submitted = author.post(f"/api/v1/proposals/{proposal_id}/submit/")
    assert submitted.status_code == 200
    assert submitted.json()["status"] == "submitted"
    assert submitted.json()["submitted_at"]


@pytest.mark.parametrize("phase", [Phase.EVALUATION, Phase.RESULTS, Phase.CLOSED])
def test_no_new_proposal_outside_submission(cluj, api_for, make_call, phase):
    call = make_call(cluj, phase=phase)
    response = api_for(cluj).post("/api/v1/proposals/", draft_payload(call),
                                  content_type="application/json")
    assert response.status_code == 409
    assert "phase" in response.json()["detail"]
    with tenant_context(cluj):
        assert not Proposal.objects.exists()


def test_submitting_after_the_deadline_is_refused_and_changes_nothing(cluj, api_for, make_call,
                                                                     make_proposal):
    call = make_call(cluj, phase=Phase.EVALUATION)
    author = api_for(cluj)
    proposal = make_proposal(cluj, call, author=author.user, status=Status.DRAFT)
    response = author.post(f"/api/v1/proposals/{proposal.pk}/submit/")
    assert response.status_code == 409
    with tenant_context(cluj):
        assert Proposal.objects.get(pk=proposal.pk).status == Status.DRAFT


def test_withdraw_only_before_evaluation(cluj, api_for, make_call, make_proposal):
    call = make_call(cluj, phase=Phase.SUBMISSION)
    author = api_for(cluj)
    proposal = make_proposal(cluj, call, author=author.user)
    assert author.post(f"/api/v1/proposals/{proposal.pk}/withdraw/").json()[
        "status"] == "withdrawn"

    late = make_proposal(cluj, make_call(cluj, phase=Phase.EVALUATION), author=author.user)
    response = author.post(f"/api/v1/proposals/{late.pk}/withdraw/")
    assert response.status_code == 409
    with tenant_context(cluj):
        assert Proposal.objects.get(pk=late.pk).status == Status.SUBMITTED


def test_drafts_stay_private_to_their_authors(cluj, api_for, make_call, make_proposal):
    call = make_call(cluj)
    author = api_for(cluj)
    draft = make_proposal(cluj, call, author=author.user, status=Status.DRAFT,
                          title="Secret draft idea")
    colleague = api_for(cluj)
    assert colleague.get(f"/api/v1/proposals/{draft.pk}/").status_code == 404
    assert "Secret draft idea" not in colleague.get("/api/v1/proposals/").text
    assert author.get(f"/api/v1/proposals/{draft.pk}/").status_code == 200


def test_only_authors_edit(cluj, api_for, make_call, make_proposal):
    call = make_call(cluj)
    proposal = make_proposal(cluj, call)
    response = api_for(cluj).patch(f"/api/v1/proposals/{proposal.pk}/", {"title": "Mine now"},
                                   content_type="application/json")
    assert response.status_code == 403
    with tenant_context(cluj):
        assert Proposal.objects.get(pk=proposal.pk).title != "Mine now"


def test_coauthor_invitation_accepted_then_coauthor_edits(cluj, api_for, make_call,
                                                          make_proposal):
    call = make_call(cluj)
    author = api_for(cluj)
    colleague = api_for(cluj, username="colleague")
    proposal = make_proposal(cluj, call, author=author.user, status=Status.DRAFT)
    invited = author.post(f"/api/v1/proposals/{proposal.pk}/coauthors/",
                          {"username": "colleague"}, content_type="application/json")
    assert invited.status_code == 201
    with tenant_context(cluj):
        assert Notification.objects.filter(recipient=colleague.user,
                                           kind="coauthor_invitation").exists()
    assert colleague.post(f"/api/v1/proposals/{proposal.pk}/coauthors/answer/",
                          {"accept": True}, content_type="application/json").json() == {
        "state": "accepted"}
    edited = colleague.patch(f"/api/v1/proposals/{proposal.pk}/", {"title": "Better title"},
                             content_type="application/json")
    assert edited.status_code == 200
    assert [c["user"]["username"] for c in edited.json()["coauthors"]] == ["colleague"]


def test_attachments_are_checked_and_served_only_to_readers(cluj, paris, api_for, make_call,
                                                            make_proposal, client_for):
    call = make_call(cluj)
    author = api_for(cluj)
    proposal = make_proposal(cluj, call, author=author.user)
    url = f"/api/v1/proposals/{proposal.pk}/attachments/"

    good = author.post(url, {"file": SimpleUploadedFile("plan.pdf", PDF)})
    assert good.status_code == 201, good.content
    refused_type = author.post(url, {"file": SimpleUploadedFile("tool.exe", b"MZ\x90\x00")})
    assert refused_type.status_code == 400
    assert "file" in refused_type.json()["errors"]
    disguised = author.post(url, {"file": SimpleUploadedFile("image.pdf", PNG)})
    assert disguised.status_code == 400
    with tenant_context(cluj):
        assert Attachment.objects.count() == 1
        attachment = Attachment.objects.get()

    download = f"/proposals/{proposal.pk}/attachments/{attachment.pk}/"
    reader = api_for(cluj)
    response = reader.get(download)
    assert response.status_code == 302  # token auth does not sign in web pages
    from django.test import Client
    browser = Client(HTTP_HOST="cluj.localhost")
    with tenant_context(cluj):
        browser.force_login(reader.user)
    assert b"".join(browser.get(download).streaming_content) == PDF
    assert client_for(paris).get(download).status_code in (302, 404)


def test_attachment_size_limit(cluj, api_for, make_call, make_proposal, monkeypatch):
    monkeypatch.setattr(services, "ATTACHMENT_MAX_BYTES", 100)
    call = make_call(cluj)
    author = api_for(cluj)
    proposal = make_proposal(cluj, call, author=author.user)
    response = author.post(f"/api/v1/proposals/{proposal.pk}/attachments/",
                           {"file": SimpleUploadedFile("big.txt", b"x" * 101)})
    assert response.status_code == 400
    assert "too large" in str(response.json()["errors"]["file"]) or response.json()["errors"]


def test_comments_replies_followers_and_hiding(cluj, api_for, make_call, make_proposal,
                                               client_for):
    call = make_call(cluj)
    author = api_for(cluj)
    proposal = make_proposal(cluj, call, author=author.user)
    with tenant_context(cluj):
        services.follow_set(proposal=proposal, user=author.user, following=True)
    commenter = api_for(cluj)
    first = commenter.post(f"/api/v1/proposals/{proposal.pk}/comments/",
                           {"body": "Could this work for the archive too?"},
                           content_type="application/json")
    assert first.status_code == 201
    reply = author.post(f"/api/v1/proposals/{proposal.pk}/comments/",
                        {"body": "Yes, in phase two.", "parent": first.json()["id"]},
                        content_type="application/json")
    assert reply.json()["parent"] == first.json()["id"]
    with tenant_context(cluj):
        assert Notification.objects.filter(recipient=author.user, kind="comment").count() == 1
        assert Notification.objects.filter(recipient=commenter.user, kind="comment").count() == 1

    admin = api_for(cluj, roles=[Role.CITY_ADMIN])
    hide_url = f"/api/v1/proposals/{proposal.pk}/comments/{first.json()['id']}/hide/"
    assert admin.post(hide_url, {"reason": ""}, content_type="application/json"
                      ).status_code == 400
    assert commenter.post(hide_url, {"reason": "x"}, content_type="application/json"
                          ).status_code == 403
    hidden = admin.post(hide_url, {"reason": "Personal data"}, content_type="application/json")
    assert hidden.status_code == 200
    listing = commenter.get(f"/api/v1/proposals/{proposal.pk}/comments/").json()
    assert listing[0]["body"] is None
    assert listing[0]["hidden_reason"] == "Personal data"
    with tenant_context(cluj):
        assert Comment.objects.get(pk=first.json()["id"]).body  # kept, only hidden


def test_one_support_per_employee(cluj, api_for, make_call, make_proposal):
    call = make_call(cluj)
    proposal = make_proposal(cluj, call)
    fan = api_for(cluj)
    assert fan.post(f"/api/v1/proposals/{proposal.pk}/support/").json() == {
        "counted": True, "support_count": 1}
    assert fan.post(f"/api/v1/proposals/{proposal.pk}/support/").json() == {
        "counted": False, "support_count": 1}
    assert api_for(cluj).get(f"/api/v1/proposals/{proposal.pk}/").json()["support_count"] == 1


def test_votes_only_during_voting(cluj, api_for, make_call, make_proposal):
    call = make_call(cluj, phase=Phase.EVALUATION, voting=True)
    proposal = make_proposal(cluj, call, status=Status.SHORTLISTED)
    voter = api_for(cluj)
    assert voter.post(f"/api/v1/proposals/{proposal.pk}/vote/").status_code == 409
    with tenant_context(cluj):
        call.phase = Phase.VOTING
        call.save()
    assert voter.post(f"/api/v1/proposals/{proposal.pk}/vote/").json()["vote_count"] == 1
    assert voter.post(f"/api/v1/proposals/{proposal.pk}/vote/").json()["counted"] is False


def test_similar_titles_are_suggested_in_the_citys_language(cluj, paris, api_for, make_call,
                                                            make_proposal, signed_in):
    cluj_call = make_call(cluj)
    make_proposal(cluj, cluj_call, title="Digitalizarea semnăturilor pentru aprobări")
    make_proposal(cluj, cluj_call, title="Reciclarea hârtiei în birouri")
    found = api_for(cluj).get("/api/v1/proposals/similar/",
                              {"title": "semnături digitale"}).json()
    assert [p["title"] for p in found] == ["Digitalizarea semnăturilor pentru aprobări"]

    paris_call = make_call(paris)
    make_proposal(paris, paris_call, title="Dématérialisation des factures fournisseurs")
    found = api_for(paris).get("/api/v1/proposals/similar/",
                               {"title": "factures dématérialisées"}).json()
    assert [p["title"] for p in found] == ["Dématérialisation des factures fournisseurs"]

    fragment = signed_in(cluj).get("/proposals/similar/", {"title": "semnatura digitala"})
    assert "Digitalizarea semnăturilor" in fragment.text  # typos too, through trigrams


def test_proposal_pages(cluj, signed_in, make_call, make_proposal):
    call = make_call(cluj)
    browser = signed_in(cluj)
    form = browser.get(f"/proposals/new/?call={call.pk}")
    assert form.status_code == 200
    assert 'for="id_title"' in form.text
    created = browser.post(f"/proposals/new/?call={call.pk}", {
        "call": call.pk, "title": "Online room booking", "problem": "Double bookings."})
    assert created.status_code == 302
    with tenant_context(cluj):
        proposal = Proposal.objects.get(title="Online room booking")
    autosave = browser.post(f"/proposals/{proposal.pk}/edit/", {
        "title": "Online room booking", "problem": "Double bookings.",
        "solution": "A booking page.", "mvp_plan": "One floor."}, HTTP_HX_REQUEST="true")
    assert autosave.status_code == 200
    assert "saved" in autosave.text.lower() or autosave.text
    with tenant_context(cluj):
        assert Proposal.objects.get(pk=proposal.pk).solution == "A booking page."
    submitted = browser.post(f"/proposals/{proposal.pk}/submit/")
    assert submitted.status_code == 302
    detail = browser.get(f"/proposals/{proposal.pk}/")
    assert "Online room booking" in detail.text
    late = signed_in(cluj).post(f"/proposals/{proposal.pk}/withdraw/")
    assert late.status_code == 403  # not an author


@pytest.mark.parametrize("path", ["/proposals/", "/api/v1/proposals/"])
def test_proposal_lists_cost_the_same_queries_for_10_and_1000(cluj, make_call, make_user,
                                                              signed_in, path,
                                                              django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    call = make_call(cluj)
    author = make_user(cluj)
    viewer = signed_in(cluj, roles=[Role.EMPLOYEE, Role.EVALUATOR])
    if path.startswith("/api/"):
        from shared_apps.accounts.services import api_token_issue
        with tenant_context(cluj):
            token = api_token_issue(user=viewer.user)
        viewer.defaults["HTTP_AUTHORIZATION"] = f"Token {token}"

    def add(count):
        with tenant_context(cluj):
            Proposal.objects.bulk_create(
                Proposal(call=call, author=author, title=f"Idea {i}", status=Status.SUBMITTED,
                         submitted_at=call.submission_starts) for i in range(count))
            rows = Proposal.objects.all()[:count]
            Support.objects.bulk_create(Support(proposal=p, user=author) for p in rows)

    add(10)
    viewer.get(path)  # warm the routing cache and the session
    with CaptureQueriesContext(connection) as few:
        assert viewer.get(path).status_code == 200
    add(990)
    with CaptureQueriesContext(connection) as many:
        assert viewer.get(path).status_code == 200
    assert_same_reads(few, many)


def test_an_edit_answers_the_proposal_with_its_counts(cluj, api_for, make_call,
                                                      make_proposal):
    """A client that edits a draft reads the same proposal back as a GET gives it."""
    call = make_call(cluj, phase=Phase.SUBMISSION)
    author = api_for(cluj)
    draft = make_proposal(cluj, call, author=author.user, status=Status.DRAFT)
    with tenant_context(cluj):
        Comment.objects.create(proposal=draft, author=author.user, body="A first thought.")
    saved = author.patch(f"/api/v1/proposals/{draft.pk}/", {"title": "Shared calendar"},
                         content_type="application/json")
    assert saved.status_code == 200, saved.content
    read = author.get(f"/api/v1/proposals/{draft.pk}/").json()
    assert saved.json()["comment_count"] == read["comment_count"] == 1
    assert saved.json() == read


def test_a_proposal_page_asks_the_same_few_questions_whatever_its_team_and_discussion(
        cluj, make_call, make_proposal, make_user, signed_in):
    """A co-author who supports and follows a proposal sees it as such, and the page costs
    the same queries with one co-author and one comment as with four of each."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tenant_apps.proposals.models import CoAuthor, Follow

    call = make_call(cluj, phase=Phase.SUBMISSION)
    author = make_user(cluj)
    reader = signed_in(cluj)
    proposal = make_proposal(cluj, call, author=author, status=Status.SUBMITTED)

    def grow(count, base):
        with tenant_context(cluj):
            people = [make_user(cluj) for _ in range(count)]
            CoAuthor.objects.bulk_create(CoAuthor(proposal=proposal, user=p, invited_by=author,
                                                  state=CoAuthor.State.ACCEPTED) for p in people)
            Comment.objects.bulk_create(Comment(proposal=proposal, author=p, body=f"Yes {base}")
                                        for p in people)

    with tenant_context(cluj):
        CoAuthor.objects.create(proposal=proposal, user=reader.user, invited_by=author,
                                state=CoAuthor.State.ACCEPTED)
        Support.objects.create(proposal=proposal, user=reader.user)
        Follow.objects.create(proposal=proposal, user=reader.user)
    page = reader.get(f"/proposals/{proposal.pk}/").content.decode()
    assert 'aria-pressed="true">Supported' in page and 'aria-pressed="true">Following' in page
    assert "Edit" in page  # an accepted co-author edits it while submissions are open
    grow(1, 0)
    with CaptureQueriesContext(connection) as one:
        assert reader.get(f"/proposals/{proposal.pk}/").status_code == 200
    grow(3, 1)
    with CaptureQueriesContext(connection) as four:
        assert reader.get(f"/proposals/{proposal.pk}/").status_code == 200
    assert len(four) == len(one), "\n".join(q["sql"][:200] for q in four.captured_queries)
