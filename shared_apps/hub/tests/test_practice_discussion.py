"""Each practice has a discussion between city admins and the network's coordinators."""

import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.hub.models import GoodPractice, PracticeMessage
from shared_apps.hub.tests import test_practices
from tenants.models import City

pytestmark = pytest.mark.django_db

cluj_admin, implemented = test_practices.cluj_admin, test_practices.implemented  # fixtures


@pytest.fixture
def practice(cluj, cluj_admin, implemented):
    shared = test_practices.share(cluj, cluj_admin, implemented)
    GoodPractice.objects.filter(pk=shared.pk).update(status=GoodPractice.Status.PUBLISHED)
    return shared


def test_cities_and_coordinators_discuss_a_practice(
        cluj, paris, hub, practice, signed_in, api_for, make_user, mailoutbox,
        django_capture_on_commit_callbacks):
    coordinator = signed_in(hub, roles=[Role.COORDINATOR])
    source_admin = signed_in(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    asker = signed_in(paris, roles=[Role.CITY_ADMIN, Role.EMPLOYEE], username="claire")
    with tenant_context(paris):
        asker.user.first_name, asker.user.last_name = "Claire", "Martin"
        asker.user.save()

    # A Paris admin asks, on the practice's page in Paris.
    with django_capture_on_commit_callbacks(execute=True):
        asked = asker.post(f"/practices/{practice.pk}/discussion/",
                           {"body": "How long did the pilot take?"})
    assert asked.status_code == 302
    question = PracticeMessage.objects.get()
    assert (question.author_name, question.author_city, question.author_role) == (
        "Claire Martin", paris, "city_admin")
    # The source city's admins are told in the app, the coordinators by e-mail.
    assert ("Claire Martin (Paris) asks about “Digital signatures for internal approvals”"
            in source_admin.get("/notifications/").text)
    assert coordinator.user.email in [m.to[0] for m in mailoutbox]

    # Cluj answers through its API; the asker is told.
    answerer = api_for(cluj, roles=[Role.CITY_ADMIN])
    with django_capture_on_commit_callbacks(execute=True):
        answered = answerer.post(f"/api/v1/practices/{practice.pk}/discussion/",
                                 {"body": "Six weeks.", "reply_to": question.pk},
                                 content_type="application/json")
    assert answered.status_code == 201, answered.content
    assert answered.json()["reply_to"] == question.pk
    assert "answered you about “Digital signatures for internal approvals”" in asker.get(
        "/notifications/").text

    # A coordinator writes on the hub.
    with django_capture_on_commit_callbacks(execute=True):
        assert coordinator.post(f"/practices/{practice.pk}/discussion/",
                                {"body": "Great practice."}).status_code == 302

    # Every signed-in person of the network reads it, on the hub and in any city.
    rotterdam = City.objects.get(slug="rotterdam")
    reader = signed_in(rotterdam)
    page = reader.get(f"/practices/{practice.pk}/").text
    for text in ("How long did the pilot take?", "Six weeks.", "Great practice.",
                 "Claire Martin", "Paris"):
        assert text in page
    assert "Great practice." in coordinator.get(f"/practices/{practice.pk}/").text
    listed = api_for(rotterdam).get(f"/api/v1/practices/{practice.pk}/discussion/").json()
    assert listed["count"] == 3
    assert [m["body"] for m in listed["results"]] == [
        "How long did the pilot take?", "Six weeks.", "Great practice."]
    assert listed["results"][0]["author_city"] == "paris"
    # Nothing personal beyond the display name leaves the author's city.
    stored = str(list(PracticeMessage.objects.values()))
    assert "claire@" not in stored and "claire" not in stored.replace("Claire", "")


def test_bad_input_is_refused_and_changes_nothing(cluj, paris, hub, practice, api_for,
                                                  signed_in):
    admin = api_for(paris, roles=[Role.CITY_ADMIN])
    url = f"/api/v1/practices/{practice.pk}/discussion/"
    empty = admin.post(url, {"body": "  "}, content_type="application/json")
    assert empty.status_code == 400 and empty.json()["detail"]
    other = GoodPractice.objects.create(source_city=paris, source_proposal_id=999,
                                        title="Other", summary="x", currency="EUR",
                                        status=GoodPractice.Status.PUBLISHED)
    elsewhere = admin.post(f"/api/v1/practices/{other.pk}/discussion/", {"body": "Hi"},
                           content_type="application/json").json()["id"]
    wrong_reply = admin.post(url, {"body": "Hi", "reply_to": elsewhere},
                             content_type="application/json")
    assert wrong_reply.status_code == 400
    assert "reply_to" in wrong_reply.json()["errors"]
    assert admin.post("/api/v1/practices/999999/discussion/", {"body": "Hi"},
                      content_type="application/json").status_code == 404
    assert admin.get("/api/v1/practices/999999/discussion/").status_code == 404
    employee = api_for(paris)
    assert employee.post(url, {"body": "Hi"}, content_type="application/json"
                         ).status_code == 403
    assert signed_in(paris).post(f"/practices/{practice.pk}/discussion/",
                                 {"body": "Hi"}).status_code == 403
    assert PracticeMessage.objects.filter(practice=practice).count() == 0
    # A practice still under review is not open to other cities.
    GoodPractice.objects.filter(pk=practice.pk).update(status=GoodPractice.Status.SUBMITTED)
    assert admin.get(url).status_code == 404
    assert admin.post(url, {"body": "Hi"}, content_type="application/json").status_code == 404


def test_the_discussion_costs_the_same_queries_for_3_and_30_messages(
        cluj, paris, hub, practice, api_for, cluj_admin):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    other = GoodPractice.objects.create(source_city=cluj, source_proposal_id=998, title="Few",
                                        summary="x", currency="RON",
                                        status=GoodPractice.Status.PUBLISHED)
    for target, count in ((other, 3), (practice, 30)):
        for number in range(count):
            PracticeMessage.objects.create(practice=target, body=f"Message {number}",
                                           author_city=paris if number % 2 else None,
                                           author_user_id=1, author_name="Claire Martin",
                                           author_role="city_admin")
    reader = api_for(cluj)
    reader.get(f"/api/v1/practices/{other.pk}/discussion/")  # warms host routing
    queries = {}
    for target in (other, practice):
        with CaptureQueriesContext(connection) as captured:
            response = reader.get(f"/api/v1/practices/{target.pk}/discussion/")
        assert response.status_code == 200
        queries[target.title] = len(captured)
    assert queries["Few"] == queries[practice.title]
