"""The notifications list filters by unread/all and by kind, and says when nothing
matches."""

import pytest

from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.services import notification_mark_read
from tenant_apps.notifications.tests.helpers import notify_one

pytestmark = pytest.mark.django_db


def _titles(page):
    import re

    return re.findall(r'<h2 class="card-title notification-title">\s*(?:<strong[^>]*>[^<]*'
                      r'</strong>\s*)?([^<]+?)\s*</h2>', page)


def test_unread_only_and_one_kind(cluj, signed_in):
    from django_tenants.utils import tenant_context

    me = signed_in(cluj)
    read = notify_one(cluj, me.user, title="Old decision", kind=Kind.DECISION)
    notify_one(cluj, me.user, title="New decision", kind=Kind.DECISION)
    notify_one(cluj, me.user, title="Phase moved", kind=Kind.PHASE_CHANGED)
    with tenant_context(cluj):
        notification_mark_read(notification=read)
    assert sorted(_titles(me.get("/notifications/").text)) == [
        "New decision", "Old decision", "Phase moved"]
    assert sorted(_titles(me.get("/notifications/?show=unread").text)) == [
        "New decision", "Phase moved"]
    assert _titles(me.get("/notifications/?show=unread&kind=decision").text) == [
        "New decision"]
    page = me.get("/notifications/?kind=phase_changed").text
    assert _titles(page) == ["Phase moved"]
    assert '<option value="phase_changed" selected>' in page
    assert "Call phase changes" in page  # the kind is named on each notification


def test_nothing_matching_and_a_wrong_kind(cluj, signed_in):
    me = signed_in(cluj)
    notify_one(cluj, me.user, title="Phase moved", kind=Kind.PHASE_CHANGED)
    none = me.get("/notifications/?kind=results")
    assert "No notification matches these filters." in none.text
    wrong = me.get("/notifications/?kind=gossip")
    assert wrong.status_code == 400
    assert "There is no such kind of notification." in wrong.text
