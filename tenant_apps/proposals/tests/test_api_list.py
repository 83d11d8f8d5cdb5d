"""The proposals list of the API, as an API client reads it: every field of every row,
the published schema, and its pages."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role, User
from tenant_apps.calls.models import Phase
from tenant_apps.proposals.models import CoAuthor, Comment, Proposal, Status, Support

pytestmark = pytest.mark.django_db


def _schema_of(client, name: str) -> dict:
    schema = client.get("/api/v1/schema/", HTTP_ACCEPT="application/json").json()
    return {**schema["components"]["schemas"][name], "components": schema["components"]}


def test_a_listed_proposal_carries_every_field_as_the_schema_says(
        cluj, api_for, make_call, make_user, make_department):
    """A client reads each proposal of the list with its texts in every language, its money
    and hours as exact decimals, its team, department and counts."""
    from openapi_schema_validator import OAS30Validator, validate

    call = make_call(cluj, phase=Phase.SUBMISSION)
    department = make_department(cluj, name="Digital services")
    author = make_user(cluj)
    colleague = make_user(cluj)
    reader = api_for(cluj)
    with tenant_context(cluj):
        for person, first, last in ((author, "Ana", "Pop"), (colleague, "Ion", "Rus")):
            User.objects.filter(pk=person.pk).update(first_name=first, last_name=last)
        proposal = Proposal.objects.create(
            call=call, author=author, title="Online room booking", title_ro="Rezervări online",
            problem="Rooms are booked on paper.", solution="A shared calendar.",
            mvp_plan="One floor for a month.", expected_savings_money=Decimal("1200.5"),
            expected_savings_hours=Decimal("40"), other_benefits="Fewer calls.",
            resources_needed="A tablet per floor.", department=department,
            status=Status.SUBMITTED, submitted_at=call.submission_starts)
        CoAuthor.objects.create(proposal=proposal, user=colleague, invited_by=author,
                                state=CoAuthor.State.ACCEPTED)
        Support.objects.create(proposal=proposal, user=colleague)
        Comment.objects.create(proposal=proposal, author=colleague, body="Yes.")
        Comment.objects.create(proposal=proposal, author=colleague, body="Spam.",
                               hidden_at=call.submission_starts, hidden_reason="spam")
        proposal.refresh_from_db()

    listed = reader.get("/api/v1/proposals/").json()
    assert listed["count"] == 1 and listed["next"] is None
    row = listed["results"][0]
    assert row == {
        "id": proposal.pk, "call": call.pk, "title": "Online room booking",
        "problem": "Rooms are booked on paper.", "solution": "A shared calendar.",
        "mvp_plan": "One floor for a month.", "expected_savings_money": "1200.50",
        "expected_savings_hours": "40.0", "other_benefits": "Fewer calls.",
        "resources_needed": "A tablet per floor.",
        "department": {"id": department.pk, "name": "Digital services"},
        "theme": None, "status": "submitted", "status_reason": "",
        "submitted_at": row["submitted_at"], "created_at": row["created_at"],
        "updated_at": row["updated_at"],
        "author": {"id": author.pk, "username": author.username, "name": "Ana Pop"},
        "coauthors": [{"user": {"id": colleague.pk, "username": colleague.username,
                                "name": "Ion Rus"}, "state": "accepted"}],
        "support_count": 1, "comment_count": 1, "vote_count": 0,
        "translations": {"title": {"en": "Online room booking", "ro": "Rezervări online"},
                         "problem": {"en": "Rooms are booked on paper."},
                         "solution": {"en": "A shared calendar."},
                         "mvp_plan": {"en": "One floor for a month."}},
    }
    # The same day as the call's start, read as one instant: the answer is in the city's
    # time zone, the call's start in UTC (between 22:00 and midnight UTC their dates differ).
    assert (datetime.fromisoformat(row["submitted_at"]).astimezone(UTC).date()
            == call.submission_starts.astimezone(UTC).date())
    assert row == reader.get(f"/api/v1/proposals/{proposal.pk}/").json()
    validate(row, _schema_of(reader, "Proposal"), cls=OAS30Validator,
             format_checker=OAS30Validator.FORMAT_CHECKER)


def test_an_anonymous_jury_lists_proposals_without_their_authors(
        cluj, api_for, make_call, make_user, make_department):
    """Where evaluation is anonymous, a committee member's list names neither author,
    co-authors nor department; the author's own list names them."""
    from tenant_apps.evaluation.models import CommitteeMember

    call = make_call(cluj, phase=Phase.EVALUATION, anonymous=True)
    author = api_for(cluj)
    juror = api_for(cluj, roles=[Role.EMPLOYEE, Role.EVALUATOR])
    with tenant_context(cluj):
        CommitteeMember.objects.create(call=call, user=juror.user)
        proposal = Proposal.objects.create(
            call=call, author=author.user, title="Paperless archive",
            department=make_department(cluj, name="Archive"), status=Status.SUBMITTED,
            submitted_at=call.submission_starts)
    seen = juror.get("/api/v1/proposals/").json()["results"]
    assert [(r["id"], r["author"], r["coauthors"], r["department"]) for r in seen] == [
        (proposal.pk, None, None, None)]
    own = author.get("/api/v1/proposals/").json()["results"][0]
    assert own["author"]["id"] == author.user.pk and own["department"]["name"] == "Archive"


def test_the_list_pages_count_and_link_as_before(cluj, api_for, make_call, make_user):
    """Fifty proposals a page, newest first: the count, the links and the rows of every page
    agree, and a list that fits on one page is answered without a separate count of its
    rows."""
    call = make_call(cluj, phase=Phase.SUBMISSION)
    author = make_user(cluj)
    reader = api_for(cluj)

    def add(count):
        with tenant_context(cluj):
            Proposal.objects.bulk_create(
                Proposal(call=call, author=author, title=f"Idea {i}", status=Status.SUBMITTED,
                         submitted_at=call.submission_starts) for i in range(count))

    add(3)
    reader.get("/api/v1/proposals/")
    with CaptureQueriesContext(connection) as queries:
        short = reader.get("/api/v1/proposals/").json()
    assert (short["count"], short["next"], short["previous"], len(short["results"])) == (
        3, None, None, 3)
    assert not [q for q in queries if q["sql"].startswith('SELECT COUNT(*)')]
    add(48)
    first = reader.get("/api/v1/proposals/").json()
    assert (first["count"], len(first["results"]), first["previous"]) == (51, 50, None)
    assert first["next"].endswith("/api/v1/proposals/?page=2")
    second = reader.get("/api/v1/proposals/", {"page": 2}).json()
    assert (second["count"], len(second["results"]), second["next"]) == (51, 1, None)
    assert {r["id"] for r in first["results"]}.isdisjoint(r["id"] for r in second["results"])
    # Newest first, across the pages (all submitted at once: the last created first).
    listed = [r["id"] for r in first["results"] + second["results"]]
    assert listed == sorted(listed, reverse=True)
    assert reader.get("/api/v1/proposals/", {"page": 3}).status_code == 404
    empty = reader.get("/api/v1/proposals/", {"call": 0}).json()
    assert (empty["count"], empty["results"]) == (0, [])


def test_each_listed_row_reads_as_the_proposal_does_alone(
        cluj, api_for, make_call, make_user, make_department):
    """In Hungarian, on Cluj (whose language is Romanian): texts missing in Hungarian show
    in Romanian, then English; a co-author who left the city hall is "Volt munkatárs"; the
    city admin lists withdrawn proposals, an invited co-author the draft they were invited
    to. Every row of each list is what the proposal's own address answers."""
    from tenant_apps.people.services import department_create

    call = make_call(cluj, phase=Phase.SUBMISSION)
    author = make_user(cluj)
    gone = make_user(cluj)
    admin = api_for(cluj, roles=[Role.EMPLOYEE, Role.CITY_ADMIN])
    invited = api_for(cluj)
    with tenant_context(cluj):
        User.objects.filter(pk=author.pk).update(first_name="Ana", last_name="Pop")
        department = department_create(names={"ro": "Servicii digitale",
                                              "en": "Digital services"})

        def proposal(**fields):
            return Proposal.objects.create(call=call, author=author, department=department,
                                           submitted_at=call.submission_starts, **fields)

        romanian = proposal(title="", title_ro="Arhivă fără hârtie", problem="Paper files.",
                            problem_ro="Dosare pe hârtie.", solution="Scan them.",
                            status=Status.SUBMITTED, expected_savings_money=Decimal("7"))
        withdrawn = proposal(title="Withdrawn idea", status=Status.WITHDRAWN)
        draft = proposal(title="Shared draft", status=Status.DRAFT)
        CoAuthor.objects.create(proposal=romanian, user=gone, invited_by=author,
                                state=CoAuthor.State.ACCEPTED)
        CoAuthor.objects.create(proposal=draft, user=invited.user, invited_by=author,
                                state=CoAuthor.State.INVITED)
        User.objects.filter(pk=gone.pk).update(is_active=False)
        Support.objects.create(proposal=romanian, user=invited.user)

    for reader, expected in ((admin, {romanian.pk, withdrawn.pk}),
                             (invited, {romanian.pk, draft.pk})):
        listed = reader.get("/api/v1/proposals/", HTTP_ACCEPT_LANGUAGE="hu").json()["results"]
        assert {row["id"] for row in listed} == expected
        for row in listed:
            assert row == reader.get(f"/api/v1/proposals/{row['id']}/",
                                     HTTP_ACCEPT_LANGUAGE="hu").json()
    row = next(r for r in listed if r["id"] == romanian.pk)
    assert (row["title"], row["problem"], row["solution"]) == (
        "Arhivă fără hârtie", "Dosare pe hârtie.", "Scan them.")
    assert row["department"] == {"id": department.pk, "name": "Servicii digitale"}
    assert row["author"]["name"] == "Ana Pop"
    assert row["coauthors"] == [{"user": {"id": gone.pk, "username": gone.username,
                                          "name": "Volt munkatárs"}, "state": "accepted"}]
    assert (row["support_count"], row["expected_savings_money"]) == (1, "7.00")


def test_a_client_finds_proposals_by_words_status_and_authorship(
        cluj, api_for, make_call, make_user):
    """On Cluj, searching "parcare" lists the proposals with the word in their title before
    the one with it only in its problem, and none without it; the status and "mine" filters
    narrow the list and combine with the search; an unknown status is refused, saying so."""
    call = make_call(cluj, phase=Phase.SUBMISSION)
    reader = api_for(cluj)
    other = make_user(cluj)
    with tenant_context(cluj):
        def add(title, problem, *, author=other, status=Status.SUBMITTED):
            return Proposal.objects.create(call=call, author=author, title=title,
                                           problem=problem, status=status,
                                           submitted_at=call.submission_starts)

        in_title = add("Parcare digitală", "Tichete pe hârtie.")
        in_problem = add("Aplicație pentru cetățeni", "Locurile de parcare se găsesc greu.")
        add("Arhivă online", "Dosare pe hârtie.")
        mine = add("Parcare pentru biciclete", "Nu sunt rasteluri.", author=reader.user,
                   status=Status.ELIGIBLE)

    def ids(**query):
        answer = reader.get("/api/v1/proposals/", query)
        assert answer.status_code == 200, answer.content
        return [row["id"] for row in answer.json()["results"]]

    found = ids(q="parcare")
    assert len(found) == 3 and set(found[:2]) == {in_title.pk, mine.pk}
    assert found[2] == in_problem.pk
    assert ids(status="eligible") == [mine.pk]
    assert set(ids(status=["eligible", "submitted"], q="parcare")) == {
        in_title.pk, in_problem.pk, mine.pk}
    assert ids(q="parcare", mine="true") == [mine.pk]
    assert ids(q="hârtie", status="eligible") == []
    refused = reader.get("/api/v1/proposals/", {"status": "approved"})
    assert refused.status_code == 400 and "approved" in str(refused.json())
