"""The notification pages of a city site, through real HTTP."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import User
from tenant_apps.notifications import selectors
from tenant_apps.notifications.context_processors import unread
from tenant_apps.notifications.models import Notification
from tenant_apps.notifications.tests.helpers import notify_one, reload

pytestmark = pytest.mark.django_db


def test_list_shows_only_my_notifications(cluj, signed_in, make_user):
    me = signed_in(cluj)
    notify_one(cluj, me.user, title="Mine to read")
    notify_one(cluj, make_user(cluj), title="Somebody else's")
    page = me.get("/notifications/")
    assert page.status_code == 200
    assert "Mine to read" in page.text
    assert "Somebody else&#x27;s" not in page.text
    assert "Somebody else" not in page.text


def test_unread_ones_are_marked_visibly_and_in_words(cluj, signed_in):
    me = signed_in(cluj)
    notify_one(cluj, me.user, title="Oldest news")
    notify_one(cluj, me.user, title="Older news")
    read = notify_one(cluj, me.user, title="Latest news")
    with tenant_context(cluj):
        Notification.objects.filter(pk=read.pk).update(read_at=read.created_at)
    page = me.get("/notifications/", HTTP_ACCEPT_LANGUAGE="en").text
    assert page.count('class="card notification unread"') == 2
    assert page.count("Unread:") == 2
    assert "You have 2 unread notifications." in page
    # Unread first, newest first among them, whatever their age.
    assert page.index("Older news") < page.index("Oldest news") < page.index("Latest news")


def test_list_is_paginated(cluj, signed_in):
    me = signed_in(cluj)
    for number in range(30):
        notify_one(cluj, me.user, title=f"Note {number:02d}")
    first = me.get("/notifications/").text
    assert first.count('class="card notification') == 25
    assert 'rel="next"' in first
    assert me.get("/notifications/?page=2").text.count('class="card notification') == 5


def test_anonymous_visitors_are_sent_to_sign_in(cluj, client_for):
    for path in ("/notifications/", "/notifications/preferences/"):
        response = client_for(cluj).get(path)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert client_for(cluj).post("/notifications/read-all/").status_code == 302


def test_opening_marks_read_and_redirects(cluj, signed_in):
    me = signed_in(cluj)
    notification = notify_one(cluj, me.user, url="/proposals/7/")
    response = me.post(f"/notifications/{notification.pk}/open/")
    assert response.status_code == 302
    assert response["Location"] == "/proposals/7/"
    assert reload(cluj, notification).read_at is not None


def test_opening_needs_a_post(cluj, signed_in):
    me = signed_in(cluj)
    notification = notify_one(cluj, me.user, url="/proposals/7/")
    assert me.get(f"/notifications/{notification.pk}/open/").status_code == 405
    assert reload(cluj, notification).read_at is None


@pytest.mark.parametrize("url", [
    "https://evil.example/login", "//evil.example/", "/\\evil.example", "/\t/evil.example",
    "javascript:alert(1)", "proposals/7/", "",
])
def test_opening_never_leaves_the_site(url, cluj, signed_in):
    me = signed_in(cluj)
    notification = notify_one(cluj, me.user, url=url)
    response = me.post(f"/notifications/{notification.pk}/open/")
    assert response.status_code == 302
    assert response["Location"] == "/notifications/"
    assert reload(cluj, notification).read_at is not None


def test_mark_all_read_touches_only_mine(cluj, signed_in, make_user):
    me = signed_in(cluj)
    other = make_user(cluj)
    mine = [notify_one(cluj, me.user), notify_one(cluj, me.user)]
    theirs = notify_one(cluj, other)
    response = me.post("/notifications/read-all/", follow=True, HTTP_ACCEPT_LANGUAGE="en")
    assert response.redirect_chain == [("/notifications/", 302)]
    assert "2 notifications marked as read." in response.text
    assert all(reload(cluj, n).read_at is not None for n in mine)
    assert reload(cluj, theirs).read_at is None


def test_another_persons_notification_is_404(cluj, signed_in, make_user):
    me = signed_in(cluj)
    theirs = notify_one(cluj, make_user(cluj), url="/proposals/1/")
    assert me.post(f"/notifications/{theirs.pk}/open/").status_code == 404
    assert reload(cluj, theirs).read_at is None


def test_another_citys_notification_is_404(cluj, paris, signed_in, make_user):
    me = signed_in(cluj)
    parisian = notify_one(paris, make_user(paris), url="/calls/1/")
    assert me.post(f"/notifications/{parisian.pk}/open/").status_code == 404
    assert reload(paris, parisian).read_at is None


def test_preferences_offer_the_citys_languages_by_local_name(cluj, signed_in):
    page = signed_in(cluj).get("/notifications/preferences/").text
    assert 'type="checkbox" name="email" value="comment"' in page
    assert 'value="ro" lang="ro"' in page
    assert "Română" in page
    assert "Magyar" in page
    assert 'value="fr"' not in page


def test_preferences_are_saved_and_a_muted_kind_sends_no_email(
        cluj, signed_in, mailoutbox, django_capture_on_commit_callbacks):
    me = signed_in(cluj)
    response = me.post("/notifications/preferences/",
                       {"email": ["decision", "results"], "language": "en"})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == "en"
    with tenant_context(cluj):
        user = User.objects.get(pk=me.user.pk)
        assert user.language == "en"
        preferences = selectors.email_preferences(user=user)
    assert preferences["decision"] is True
    assert preferences["comment"] is False
    # The page now speaks the chosen language and shows what was saved.
    page = me.get("/notifications/preferences/").text
    assert '<html lang="en"' in page
    assert 'value="comment" id="id_email_5">' in page
    assert 'value="decision" id="id_email_3" checked' in page

    with django_capture_on_commit_callbacks(execute=True):
        notify_one(cluj, user, kind="comment", params={
            "proposal": "Bike racks", "name": "Ana", "body": "Yes"})
        notify_one(cluj, user, kind="decision", params={
            "proposal": "Bike racks", "outcome": "selected", "reason": "Cheap"})
    assert [mail.subject for mail in mailoutbox] == ["Decision on “Bike racks”: selected"]
    with tenant_context(cluj):
        assert set(Notification.objects.filter(recipient=user).values_list(
            "kind", flat=True)) == {"comment", "decision"}


def test_city_default_language_can_be_chosen_again(cluj, signed_in):
    me = signed_in(cluj)
    me.post("/notifications/preferences/", {"language": "hu"})
    response = me.post("/notifications/preferences/", {"language": ""})
    assert response.status_code == 302
    assert response.cookies["django_language"].value == ""
    with tenant_context(cluj):
        assert User.objects.get(pk=me.user.pk).language == ""


def test_a_language_the_city_did_not_enable_is_refused(cluj, signed_in):
    me = signed_in(cluj)
    response = me.post("/notifications/preferences/", {"email": [], "language": "fr"})
    assert response.status_code == 400
    assert 'class="error" role="alert"' in response.text
    with tenant_context(cluj):
        assert User.objects.get(pk=me.user.pk).language == ""
        # Nothing else was saved either.
        assert all(selectors.email_preferences(user=me.user).values())


def test_unread_count_for_the_navigation_costs_one_query(
        cluj, hub, make_user, django_assert_num_queries):
    user = make_user(cluj)
    for _number in range(3):
        notify_one(cluj, user)
    request = RequestFactory().get("/")
    request.user = user
    request.tenant = cluj
    with tenant_context(cluj):
        Notification.objects.exists()  # selects the schema, which is not the count's cost
        with django_assert_num_queries(1):
            context = unread(request)
        assert context == {"unread_notifications": 3}
        html = render_to_string("notifications/nav_item.html",
                                {**context, "user": user, "is_hub": False})
    assert html.startswith("<li>")
    assert 'href="/notifications/"' in html
    assert "Notifications (3 unread)" in html

    request.tenant = hub
    assert unread(request) == {}
    request.tenant = cluj
    request.user = type("Anonymous", (), {"is_authenticated": False})()
    assert unread(request) == {}
