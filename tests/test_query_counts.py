"""Every list, page or API, costs the same number of queries for 10 rows and for 1,000."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role, User
from tenant_apps.audit.models import AuditEntry
from tenant_apps.calls.models import Call, Phase, Theme
from tenant_apps.evaluation.models import Assignment, Scorecard
from tenant_apps.notifications.models import Notification
from tenant_apps.people.models import Department, Profile
from tenant_apps.proposals.models import Proposal, Status
from tenants.models import City
from tests.queries import assert_same_reads

pytestmark = pytest.mark.django_db


def _calls(count, viewer, base):
    now = timezone.now()
    day = timedelta(days=1)
    calls = Call.objects.bulk_create(
        Call(title=f"Call {base + i}", challenge="c", phase=Phase.SUBMISSION,
             submission_starts=now - day, evaluation_starts=now + day,
             results_on=now + 2 * day, implementation_starts=now + 3 * day,
             closes_on=now + 4 * day) for i in range(count))
    theme = Theme.objects.get_or_create(code="optimisation", defaults={"name": "Opt"})[0]
    Call.themes.through.objects.bulk_create(
        Call.themes.through(call=call, theme=theme) for call in calls)


def _audit(count, viewer, base):
    AuditEntry.objects.bulk_create(
        AuditEntry(actor=viewer, action="call.updated", target_type="calls.call",
                   target_id=base + i, target_repr=f"Call {i}") for i in range(count))


def _users(count, viewer, base):
    department = Department.objects.get_or_create(code="finance", defaults={"name": "F"})[0]
    users = User.objects.bulk_create(
        User(username=f"user{base + i}", roles=[Role.EMPLOYEE]) for i in range(count))
    Profile.objects.bulk_create(Profile(user=u, department=department) for u in users)


def _departments(count, viewer, base):
    Department.objects.bulk_create(
        Department(name=f"Department {base + i}", code=f"d{base + i}") for i in range(count))


def _themes(count, viewer, base):
    Theme.objects.bulk_create(Theme(name=f"Theme {base + i}", code=f"t{base + i}")
                              for i in range(count))


def _assignments(count, viewer, base):
    now = timezone.now()
    call = Call.objects.first() or Call.objects.create(
        title="Scored", challenge="c", phase=Phase.EVALUATION, submission_starts=now,
        evaluation_starts=now + timedelta(days=1), results_on=now + timedelta(days=2),
        implementation_starts=now + timedelta(days=3), closes_on=now + timedelta(days=4))
    author = User.objects.get_or_create(username="author")[0]
    proposals = Proposal.objects.bulk_create(
        Proposal(call=call, author=author, title=f"P{base + i}", status=Status.ELIGIBLE)
        for i in range(count))
    assignments = Assignment.objects.bulk_create(
        Assignment(proposal=p, evaluator=viewer) for p in proposals)
    Scorecard.objects.bulk_create(Scorecard(assignment=a) for a in assignments[::2])


def _notifications(count, viewer, base):
    Notification.objects.bulk_create(
        Notification(recipient=viewer, kind="comment", title=f"N{base + i}", url="/")
        for i in range(count))


def _implementations(count, viewer, base):
    from datetime import date

    from tenant_apps.implementation.models import Implementation, Milestone, SavingsEntry, Update

    _assignments(0, viewer, base)
    call = Call.objects.first()
    author = User.objects.get_or_create(username="author")[0]
    proposals = Proposal.objects.bulk_create(
        Proposal(call=call, author=author, title=f"I{base + i}", status=Status.IMPLEMENTING)
        for i in range(count))
    implementations = Implementation.objects.bulk_create(
        Implementation(proposal=p, lead=viewer) for p in proposals)
    Milestone.objects.bulk_create(Milestone(implementation=i, title="Pilot",
                                            due_on=date(2026, 12, 1)) for i in implementations)
    Update.objects.bulk_create(Update(implementation=i, author=viewer, body="Done")
                               for i in implementations)
    SavingsEntry.objects.bulk_create(
        SavingsEntry(implementation=i, period=date(2026, 1, 1), projected_money=10,
                     realised_money=8) for i in implementations)


def _practices(count, viewer, base):
    from shared_apps.hub.models import GoodPractice
    from tenants.models import City

    source = City.objects.get(slug="paris")
    GoodPractice.objects.bulk_create(
        GoodPractice(source_city=source, source_proposal_id=base + i, title=f"Practice {i}",
                     summary="-", currency="EUR", status=GoodPractice.Status.PUBLISHED)
        for i in range(count))


def _collections(count, viewer, base):
    from shared_apps.hub.models import Collection, GoodPractice

    _practices(2, viewer, base)
    practices = list(GoodPractice.objects.filter(source_proposal_id__gte=base))
    collections = Collection.objects.bulk_create(
        Collection(name=f"Collection {base + i}") for i in range(count))
    Collection.practices.through.objects.bulk_create(
        Collection.practices.through(collection=c, goodpractice=p)
        for c in collections for p in practices)


def _events(count, viewer, base):
    from shared_apps.hub.models import NetworkEvent

    NetworkEvent.objects.bulk_create(
        NetworkEvent(title=f"Webinar {base + i}", language="en",
                     starts_at=timezone.now() + timedelta(days=1 + i)) for i in range(count))


CASES = [
    ("/calls/", _calls), ("/api/v1/calls/", _calls),
    ("/audit/", _audit), ("/api/v1/audit/", _audit),
    ("/accounts/users/", _users), ("/api/v1/users/", _users),
    ("/people/departments/", _departments), ("/api/v1/departments/", _departments),
    ("/api/v1/themes/", _themes),
    ("/evaluation/", _assignments), ("/api/v1/assignments/", _assignments),
    ("/notifications/", _notifications), ("/api/v1/notifications/", _notifications),
    ("/implementation/", _implementations), ("/api/v1/implementations/", _implementations),
    ("/api/v1/milestones/", _implementations), ("/api/v1/savings/", _implementations),
    ("/api/v1/implementation-updates/", _implementations),
    ("/practices/", _practices), ("/api/v1/practices/", _practices),
    ("/events/", _events), ("/api/v1/events/", _events),
    ("/practices/collections/", _collections), ("/api/v1/collections/", _collections),
]


@pytest.mark.parametrize(("path", "add_rows"), CASES, ids=[path for path, _f in CASES])
def test_list_queries_do_not_grow_with_rows(cluj, make_user, client_for, path, add_rows):
    viewer = make_user(cluj, username="viewer",
                       roles=[Role.CITY_ADMIN, Role.EMPLOYEE, Role.EVALUATOR])
    client = client_for(cluj)
    with tenant_context(cluj):
        if path.startswith("/api/"):
            from shared_apps.accounts.services import api_token_issue
            client.defaults["HTTP_AUTHORIZATION"] = f"Token {api_token_issue(user=viewer)}"
        else:
            client.force_login(viewer)
        add_rows(10, viewer, 0)
    assert client.get(path).status_code == 200  # warm caches and the session
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    with tenant_context(cluj):
        add_rows(990, viewer, 10)
    with CaptureQueriesContext(connection) as many:
        response = client.get(path)
        assert response.status_code == 200
    assert_same_reads(few, many)


def test_paging_keeps_the_filters(cluj, make_call, make_proposal, signed_in):
    call = make_call(cluj)
    for number in range(30):
        make_proposal(cluj, call, title=f"Idea {number}")
    page = signed_in(cluj).get("/proposals/", {"status": "submitted", "call": call.pk})
    assert f"?status=submitted&amp;call={call.pk}&amp;page=2" in page.text


# --- A kept connection: no `SET search_path` when it holds the right one already ----------


def _search_path_sets(queries) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SET search_path")]


def test_a_kept_connection_sets_the_city_schema_once_then_not_again(cluj, paris, make_user,
                                                                    client_for):
    from django.conf import settings

    assert settings.DATABASES["default"]["CONN_MAX_AGE"] > 0  # as in production
    cluj_client, paris_client = client_for(cluj), client_for(paris)
    for city, client in ((cluj, cluj_client), (paris, paris_client)):
        with tenant_context(city):
            client.force_login(make_user(city))
    # Warm the routing cache and the sessions of both cities.
    assert paris_client.get("/calls/").status_code == 200
    assert cluj_client.get("/calls/").status_code == 200
    with CaptureQueriesContext(connection) as first:
        assert cluj_client.get("/calls/").status_code == 200
    with CaptureQueriesContext(connection) as second:
        assert cluj_client.get("/calls/").status_code == 200
    # Same city, same connection: the path the server holds is kept.
    assert _search_path_sets(first) == _search_path_sets(second) == []
    assert len(first) == len(second)
    # Another city on the same connection: its path is set, once.
    with CaptureQueriesContext(connection) as other:
        assert paris_client.get("/calls/").status_code == 200
    assert _search_path_sets(other) == ['SET search_path = "paris","public"']
    assert len(other) == len(second) + 1
    with CaptureQueriesContext(connection) as hub:
        assert client_for(City.hub()).get("/").status_code == 200
    assert _search_path_sets(hub)[:1] == ['SET search_path = "public"']


def test_a_kept_connection_never_shows_one_city_the_data_of_another(cluj, paris, make_user,
                                                                    make_call, client_for):
    """Requests to two cities and the hub alternate on one connection; each page shows its
    own city's call only, and the server's search_path is the request's every time."""
    make_call(cluj, title="Cluj call for ideas")
    make_call(paris, title="Appel a idees de Paris")
    clients = {}
    for city in (cluj, paris):
        clients[city.slug] = client_for(city)
        with tenant_context(city):
            clients[city.slug].force_login(make_user(city))
    hub_client = client_for(City.hub())
    backend_pid = None
    for slug in ("cluj", "cluj", "paris", "cluj", "paris", "paris", "hub", "cluj"):
        if slug == "hub":
            assert hub_client.get("/").status_code == 200
        else:
            page = clients[slug].get("/calls/")
            assert page.status_code == 200
            own, other = (("Cluj call for ideas", "Appel a idees de Paris") if slug == "cluj"
                          else ("Appel a idees de Paris", "Cluj call for ideas"))
            assert own in page.text
            assert other not in page.text
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid(), current_setting('search_path')")
            pid, search_path = cursor.fetchone()
        backend_pid = backend_pid or pid
        assert pid == backend_pid  # one connection throughout
        assert search_path.split(", ")[0].strip('"') == ("public" if slug == "hub" else slug)


def _home_rows(count, viewer, base):
    """Of each thing a person's home page lists: open calls, a call in its vote, drafts,
    scorecards to fill, invitations to co-author, milestones due, featured practices and
    network events."""
    from shared_apps.hub.models import GoodPractice
    from tenant_apps.proposals.models import CoAuthor
    from tenant_apps.voting.models import VotingSetup

    _assignments(count, viewer, base)  # first: they take the first call, in evaluation
    _implementations(count, viewer, base)
    _calls(count, viewer, base)
    _events(count, viewer, base)
    now = timezone.now()
    for i in range(count):
        voting = Call.objects.create(
            title=f"Vote {base + i}", challenge="c", phase=Phase.VOTING,
            submission_starts=now - timedelta(days=9), evaluation_starts=now - timedelta(days=5),
            results_on=now + timedelta(days=5), implementation_starts=now + timedelta(days=9),
            closes_on=now + timedelta(days=99))
        VotingSetup.objects.create(call=voting, ballot_type="approval", rule="greedy")
    call = Call.objects.filter(phase=Phase.SUBMISSION).first()
    author = User.objects.get_or_create(username="author", defaults={"first_name": "Ana"})[0]
    Proposal.objects.bulk_create(Proposal(call=call, author=viewer, title=f"Draft {base + i}",
                                          status=Status.DRAFT) for i in range(count))
    invited = Proposal.objects.bulk_create(
        Proposal(call=call, author=author, title=f"Team {base + i}", status=Status.DRAFT)
        for i in range(count))
    CoAuthor.objects.bulk_create(CoAuthor(proposal=p, user=viewer, invited_by=author)
                                 for p in invited)
    source = City.objects.get(slug="paris")
    GoodPractice.objects.bulk_create(
        GoodPractice(source_city=source, source_proposal_id=base + i, title=f"Practice {i}",
                     summary="-", currency="EUR", status=GoodPractice.Status.PUBLISHED,
                     featured=True) for i in range(count))


def test_the_home_page_costs_the_same_queries_for_one_task_of_each_kind_as_for_three(
        cluj, make_user, client_for):
    viewer = make_user(cluj, username="viewer",
                       roles=[Role.CITY_ADMIN, Role.EMPLOYEE, Role.EVALUATOR])
    client = client_for(cluj)
    with tenant_context(cluj):
        client.force_login(viewer)
        _home_rows(1, viewer, 0)
    home = client.get("/")
    assert home.status_code == 200  # warm caches and the session
    for shown in ("Call 0", "Vote 0", "Draft 0", "P0", "Team 0", "Pilot", "Practice 0",
                  "Webinar 0"):
        assert shown in home.content.decode(), shown
    caches["default"].clear()  # the city-wide lists kept briefly are read again, each time
    with CaptureQueriesContext(connection) as one:
        assert client.get("/").status_code == 200
    with tenant_context(cluj):
        _home_rows(2, viewer, 10)
    caches["default"].clear()
    with CaptureQueriesContext(connection) as three:
        assert client.get("/").status_code == 200
    assert len(three) == len(one), "\n".join(q["sql"][:300] for q in three.captured_queries)
