"""An evaluator of a call that is anonymous for the jury never learns who wrote a proposal:
not from its discussion, its notifications and e-mails, its attachments or the exports."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role, User
from tenant_apps.calls.models import Phase
from tenant_apps.evaluation.models import Assignment, CommitteeMember
from tenant_apps.proposals.models import CoAuthor, Status

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def _name(city, user, first, last):
    with tenant_context(city):
        User.objects.filter(pk=user.pk).update(first_name=first, last_name=last)


@pytest.fixture
def anonymous_case(cluj, api_for, make_call, make_proposal, make_user):
    """An anonymous call in evaluation; a proposal by Ana Popescu with co-author Radu
    Ionescu; an evaluator assigned to it who follows it; a colleague who comments."""
    call = make_call(cluj, phase=Phase.EVALUATION, anonymous=True)
    author = api_for(cluj, username="ana.popescu")
    coauthor = api_for(cluj, username="radu.ionescu")
    colleague = api_for(cluj, username="mihai.pop")
    evaluator = api_for(cluj, username="juror", roles=[Role.EMPLOYEE, Role.EVALUATOR],
                        email="juror@cluj.test")
    _name(cluj, author.user, "Ana", "Popescu")
    _name(cluj, coauthor.user, "Radu", "Ionescu")
    _name(cluj, colleague.user, "Mihai", "Pop")
    proposal = make_proposal(cluj, call, author=author.user, status=Status.ELIGIBLE)
    with tenant_context(cluj):
        CoAuthor.objects.create(proposal=proposal, user=coauthor.user,
                                state=CoAuthor.State.ACCEPTED)
        CommitteeMember.objects.create(call=call, user=evaluator.user)
        Assignment.objects.create(proposal=proposal, evaluator=evaluator.user)
    return {"call": call, "proposal": proposal, "author": author, "coauthor": coauthor,
            "colleague": colleague, "evaluator": evaluator}


def _discussion(case, django_capture_on_commit_callbacks):
    """The evaluator asks, the author and the co-author answer, a colleague chimes in."""
    url = f"/api/v1/proposals/{case['proposal'].pk}/comments/"
    with django_capture_on_commit_callbacks(execute=True):
        question = case["evaluator"].post(url, {"body": "How long would the pilot take?"},
                                          content_type="application/json")
    assert question.status_code == 201
    parent = question.json()["id"]
    for who, body in (("author", "About a month."), ("coauthor", "Two weeks per team."),
                      ("colleague", "We tried this in 2019.")):
        with django_capture_on_commit_callbacks(execute=True):
            response = case[who].post(url, {"body": body, "parent": parent},
                                      content_type="application/json")
        assert response.status_code == 201, response.content
    return url


IDENTITIES = ("ana.popescu", "Ana", "Popescu", "radu.ionescu", "Radu", "Ionescu")


def _leaks(text: str) -> list[str]:
    return [word for word in IDENTITIES if word in text]


def test_comments_api_shows_authors_as_author_to_the_jury(anonymous_case,
                                                         django_capture_on_commit_callbacks):
    case = anonymous_case
    url = _discussion(case, django_capture_on_commit_callbacks)

    seen = case["evaluator"].get(url)
    assert seen.status_code == 200
    assert _leaks(seen.text) == []
    by_body = {c["body"]: c for c in seen.json()}
    assert by_body["About a month."]["author"] == {"id": None, "username": None,
                                                   "name": "Author"}
    assert by_body["Two weeks per team."]["author"]["name"] == "Author"
    assert by_body["We tried this in 2019."]["author"]["username"] == "mihai.pop"
    assert by_body["How long would the pilot take?"]["author"]["username"] == "juror"

    # In the reader's language.
    case["evaluator"].defaults["HTTP_ACCEPT_LANGUAGE"] = "ro"
    assert {c["author"]["name"] for c in case["evaluator"].get(url).json()
            if c["author"]["id"] is None} == {"Autor"}

    # Everyone else still sees the names.
    names = {c["author"]["username"] for c in case["colleague"].get(url).json()}
    assert {"ana.popescu", "radu.ionescu"} <= names


def test_proposal_page_shows_authors_as_author_to_the_jury(cluj, anonymous_case, client_for,
                                                          django_capture_on_commit_callbacks):
    case = anonymous_case
    _discussion(case, django_capture_on_commit_callbacks)
    page_url = f"/proposals/{case['proposal'].pk}/"

    juror = client_for(cluj)
    with tenant_context(cluj):
        juror.force_login(case["evaluator"].user)
    page = juror.get(page_url)
    assert page.status_code == 200
    assert "About a month." in page.text
    assert _leaks(page.text) == []
    assert "Mihai Pop" in page.text

    colleague = client_for(cluj)
    with tenant_context(cluj):
        colleague.force_login(case["colleague"].user)
    assert "Ana Popescu" in colleague.get(page_url).text


def test_notifications_and_emails_to_the_jury_do_not_name_authors(
        cluj, anonymous_case, django_capture_on_commit_callbacks):
    case = anonymous_case
    mail.outbox.clear()
    _discussion(case, django_capture_on_commit_callbacks)
    def comments_read_by(client) -> list[dict]:
        answer = client.get("/api/v1/notifications/", HTTP_ACCEPT_LANGUAGE="ro").json()
        return [n for n in answer["results"] if n["kind"] == "comment"]

    to_juror = comments_read_by(case["evaluator"])
    to_author = comments_read_by(case["author"])
    assert len(to_juror) == 3
    assert all(_leaks(n["title"] + n["body"]) == [] for n in to_juror)
    assert any(n["body"].startswith("Autor ") for n in to_juror)  # in Romanian, as asked
    assert any("Mihai Pop" in n["body"] for n in to_juror)  # not an author: named
    assert any("Radu Ionescu" in n["body"] for n in to_author)  # authors see each other

    juror_mails = [m for m in mail.outbox if m.to == ["juror@cluj.test"]]
    assert len(juror_mails) == 3
    assert all(_leaks(m.subject + m.body) == [] for m in juror_mails)


def test_jury_attachments_and_export_carry_no_author(cluj, anonymous_case, client_for):
    case = anonymous_case
    proposal = case["proposal"]
    with tenant_context(cluj):
        from tenant_apps.proposals.models import Attachment
        attachment = Attachment(proposal=proposal, name="plan.pdf",
                                content_type="application/pdf", size=len(PDF),
                                uploaded_by=case["author"].user)
        attachment.file.save("plan.pdf", SimpleUploadedFile("plan.pdf", PDF), save=False)
        attachment.save()

    listing = case["evaluator"].get(f"/api/v1/proposals/{proposal.pk}/attachments/")
    assert listing.status_code == 200
    assert _leaks(listing.text) == []
    assert str(case["author"].user.pk) not in {str(v) for a in listing.json()
                                               for k, v in a.items() if k != "id"}

    assert _leaks(case["evaluator"].get(f"/api/v1/proposals/{proposal.pk}/").text) == []
    assert _leaks(case["evaluator"].get("/api/v1/assignments/").text) == []

    juror = client_for(cluj)
    with tenant_context(cluj):
        juror.force_login(case["evaluator"].user)
    export = juror.get("/evaluation/assignments.csv")
    assert export.status_code == 200
    assert proposal.title in export.content.decode()
    assert _leaks(export.content.decode()) == []


def test_jury_cannot_filter_anonymous_proposals_by_department(cluj, anonymous_case,
                                                              make_department):
    case = anonymous_case
    department = make_department(cluj, name="Urban planning")
    with tenant_context(cluj):
        from tenant_apps.proposals.models import Proposal
        Proposal.objects.filter(pk=case["proposal"].pk).update(department=department)
    url = f"/api/v1/proposals/?department={department.pk}"
    assert case["evaluator"].get(url).json()["count"] == 0
    assert case["colleague"].get(url).json()["count"] == 1
