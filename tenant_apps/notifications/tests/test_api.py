"""The notifications API of a city: /api/v1/notifications/."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import User
from tenant_apps.notifications import selectors
from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.registry import ref
from tenant_apps.notifications.services import notify
from tenant_apps.notifications.tests.helpers import notify_one, reload
from tests.queries import assert_same_reads

pytestmark = pytest.mark.django_db


def test_list_is_mine_paginated_and_filtered_by_unread(cluj, api_for, make_user):
    api = api_for(cluj)
    first = notify_one(cluj, api.user, title="First")
    notify_one(cluj, api.user, title="Second", url="/calls/3/")
    notify_one(cluj, make_user(cluj), title="Not mine")
    api.post(f"/api/v1/notifications/{first.pk}/read/")

    body = api.get("/api/v1/notifications/").json()
    assert body["count"] == 2
    assert [n["title"] for n in body["results"]] == ["Second", "First"]
    assert body["results"][0]["url"] == "/calls/3/"
    assert body["results"][0]["is_read"] is False
    unread = api.get("/api/v1/notifications/", {"unread": "true"}).json()
    assert [n["title"] for n in unread["results"]] == ["Second"]
    read = api.get("/api/v1/notifications/", {"unread": "false"}).json()
    assert [n["title"] for n in read["results"]] == ["First"]


def test_detail_read_and_read_all(cluj, api_for):
    api = api_for(cluj)
    one, _two, three = (notify_one(cluj, api.user, title=f"N{i}") for i in range(3))
    detail = api.get(f"/api/v1/notifications/{one.pk}/")
    assert detail.status_code == 200
    assert detail.json()["title"] == "N0"

    read = api.post(f"/api/v1/notifications/{one.pk}/read/")
    assert read.status_code == 200
    assert read.json()["is_read"] is True
    assert reload(cluj, one).read_at is not None

    marked = api.post("/api/v1/notifications/read-all/")
    assert marked.status_code == 200
    assert marked.json() == {"marked": 2}
    assert reload(cluj, three).read_at is not None
    assert api.post("/api/v1/notifications/read-all/").json() == {"marked": 0}


def test_another_persons_or_citys_notification_is_404(cluj, paris, api_for, make_user):
    api = api_for(cluj)
    theirs = notify_one(cluj, make_user(cluj))
    parisian = notify_one(paris, make_user(paris))
    for notification in (theirs, parisian):
        assert api.get(f"/api/v1/notifications/{notification.pk}/").status_code == 404
        response = api.post(f"/api/v1/notifications/{notification.pk}/read/")
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert reload(cluj, theirs).read_at is None
    assert reload(paris, parisian).read_at is None


def test_anonymous_callers_are_refused(cluj, client_for):
    assert client_for(cluj).get("/api/v1/notifications/").status_code == 401
    assert client_for(cluj).get("/api/v1/notifications/preferences/").status_code == 401


def test_preferences_read_and_update(cluj, api_for):
    api = api_for(cluj)
    body = api.get("/api/v1/notifications/preferences/").json()
    assert body["email"] == dict.fromkeys(Kind.values, True)
    assert body["language"] == ""
    assert [lang["code"] for lang in body["available_languages"]] == ["ro", "en", "hu"]
    assert body["available_languages"][0]["name"] == "Română"

    response = api.put("/api/v1/notifications/preferences/",
                       {"email": {"comment": False}, "language": "hu"},
                       content_type="application/json")
    assert response.status_code == 200
    assert response.json()["language"] == "hu"
    assert response.json()["email"]["comment"] is False
    assert response.json()["email"]["results"] is True

    # What is left out keeps its value.
    response = api.put("/api/v1/notifications/preferences/", {"email": {"results": False}},
                       content_type="application/json")
    assert response.json()["language"] == "hu"
    assert response.json()["email"]["comment"] is False
    assert response.json()["email"]["results"] is False


def test_a_language_the_city_did_not_enable_is_a_400_with_a_message(cluj, api_for):
    api = api_for(cluj)
    response = api.put("/api/v1/notifications/preferences/",
                       {"email": {"comment": False}, "language": "fr"},
                       content_type="application/json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert body["errors"]["language"] == [
        "“fr” is not one of the languages this city offers."]
    with tenant_context(cluj):
        # Refused as a whole: the e-mail choice was not saved either.
        assert selectors.email_preferences(user=api.user)["comment"] is True
        assert User.objects.get(pk=api.user.pk).language == ""


def test_an_unknown_kind_of_email_is_a_400(cluj, api_for):
    response = api_for(cluj).put("/api/v1/notifications/preferences/",
                                 {"email": {"gossip": False}},
                                 content_type="application/json")
    assert response.status_code == 400
    assert "email" in response.json()["errors"]


def test_emails_are_written_in_each_recipients_language(
        cluj, make_user, mailoutbox, django_capture_on_commit_callbacks):
    english = make_user(cluj, username="anna")
    romanian = make_user(cluj, username="ioana")
    french = make_user(cluj, username="marie")  # Cluj does not offer French
    with tenant_context(cluj):
        User.objects.filter(pk=english.pk).update(language="en")
        User.objects.filter(pk=french.pk).update(language="fr")
        recipients = list(User.objects.filter(pk__in=[english.pk, romanian.pk, french.pk]))
        with translation.override("hu"), django_capture_on_commit_callbacks(execute=True):
            notify(recipients=recipients, kind=Kind.ASSIGNMENT, params={"count": 2})
    english = ("You have 2 new proposal(s) to evaluate", "Open your evaluation list to score them.")
    with translation.override("ro"):
        romanian = (translation.gettext("You have %(count)d new proposal(s) to evaluate")
                    % {"count": 2}, translation.gettext("Open your evaluation list to score them."))
    assert romanian != english
    mails = {mail.to[0]: (mail.subject, mail.body) for mail in mailoutbox}
    assert mails == {
        "anna@cluj.test": english,
        "ioana@cluj.test": romanian,
        "marie@cluj.test": romanian,
    }


def test_list_costs_the_same_queries_for_5_and_50(cluj, api_for):
    few, many = api_for(cluj), api_for(cluj)
    for number in range(5):
        notify_one(cluj, few.user, title=f"Few {number}")
    for number in range(50):
        notify_one(cluj, many.user, title=f"Many {number}", url=f"/calls/{number}/")
    for api, count in ((few, 1), (many, 20)):
        for number in range(count):  # rendered at read time, each naming its own call and proposal
            notify_one(cluj, api.user, kind=Kind.PHASE_CHANGED, params={
                "call": ref("calls.call", number, f"Call {number}"), "phase": "evaluation"})
            notify_one(cluj, api.user, kind=Kind.COMMENT, params={
                "proposal": ref("proposals.proposal", number, f"Idea {number}"), "name": "Ana",
                "body": "Nice"})
    few.get("/api/v1/notifications/")  # warms host routing, as any earlier request would
    many.get("/api/v1/notifications/")  # and each token's first-use stamp

    captured, counts = {}, {}
    for name, api in (("few", few), ("many", many)):
        with CaptureQueriesContext(connection) as captured[name]:
            response = api.get("/api/v1/notifications/")
        assert response.status_code == 200
        counts[name] = response.json()["count"]
    assert counts == {"few": 7, "many": 90}
    assert_same_reads(captured["few"], captured["many"])
