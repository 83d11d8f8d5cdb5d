"""The call page's phase control: the picker, the confirmation and the timeline."""

import re

import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role, User
from tenant_apps.calls.models import Call, Phase


def _as_admin(client_for, city):
    client = client_for(city)
    with tenant_context(city):
        client.force_login(User.objects.filter(roles__contains=[Role.CITY_ADMIN]).first())
    return client


def _steps(page):
    timeline = re.search(r'<ol class="timeline">.*?</ol>', page, re.S).group(0)
    step = r'<li class="timeline-step is-(\w+)"[^>]*>\s*<span class="badge badge--(\w+)"'
    return re.findall(step, timeline)


@pytest.mark.django_db
def test_the_picker_offers_the_next_phase_and_asks_before_moving(cluj, make_call, client_for):
    call = make_call(cluj, phase=Phase.SUBMISSION, title="Less paper")
    admin = _as_admin(client_for, cluj)
    page = admin.get(f"/calls/{call.pk}/").content.decode()
    picker = re.search(r'<select name="phase".*?</select>', page, re.S).group(0)
    assert re.findall(r'<option value="(\w*)" selected>', picker) == ["evaluation"]
    form = re.search(r'<form[^>]*/phase/"[^>]*>', page, re.S).group(0)
    assert 'data-confirm="Move “Less paper” to the chosen phase?' in form

    nothing = admin.post(f"/calls/{call.pk}/phase/", {"phase": ""}, follow=True)
    assert "Choose one of the call&#x27;s phases." in nothing.content.decode()
    with tenant_context(cluj):
        assert Call.objects.get(pk=call.pk).phase == Phase.SUBMISSION


@pytest.mark.django_db
def test_the_timeline_follows_a_manual_move_before_its_date(cluj, make_call, client_for):
    call = make_call(cluj, phase=Phase.SUBMISSION)  # evaluation is planned nine days ahead
    admin = _as_admin(client_for, cluj)
    assert _steps(admin.get(f"/calls/{call.pk}/").content.decode())[:2] == [
        ("current", "submission"), ("upcoming", "evaluation")]
    moved = admin.post(f"/calls/{call.pk}/phase/", {"phase": "evaluation"}, follow=True)
    steps = _steps(moved.content.decode())
    assert steps == [("done", "submission"), ("current", "evaluation"),
                     ("upcoming", "results"), ("upcoming", "implementation"),
                     ("upcoming", "closed")]
    assert 'aria-current="step"' in moved.content.decode()
