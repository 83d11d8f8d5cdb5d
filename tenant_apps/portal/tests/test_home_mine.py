"""A signed-in employee's home: open calls with their deadline and progress, their drafts
and what waits for them, each with a next step when empty."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from tenant_apps.calls.models import Phase
from tenant_apps.evaluation.models import Assignment
from tenant_apps.implementation.models import Implementation, Milestone
from tenant_apps.proposals.models import CoAuthor, Status

pytestmark = pytest.mark.django_db


def test_an_open_call_shows_how_far_submission_is(cluj, make_call, make_proposal, signed_in):
    call = make_call(cluj, title="Less paper")  # opened a day ago, evaluation in nine days
    make_proposal(cluj, call)
    page = signed_in(cluj).get("/").content.decode()
    assert re.search(rf'<progress id="call-progress-{call.pk}" class="progress" value="10" '
                     r'max="100">', page)
    assert "10% of the submission time has passed" in page
    assert "1 proposal so far" in page
    assert "Submissions close on" in page


def test_empty_sections_say_what_to_do_next(cluj, signed_in):
    page = signed_in(cluj).get("/").content.decode()
    assert "You have no draft." in page
    assert "Nothing waits for you" in page
    assert "There is no open call right now." in page
    assert page.count('<div class="empty">') == 3


def test_my_drafts_and_tasks_are_listed(cluj, make_call, make_proposal, make_user, signed_in):
    me = signed_in(cluj, roles=[Role.EMPLOYEE, Role.EVALUATOR])
    call = make_call(cluj)
    draft = make_proposal(cluj, call, author=me.user, status=Status.DRAFT, title="My half idea")
    colleague = make_proposal(cluj, call, title="Shared bikes")
    judged = make_call(cluj, phase=Phase.EVALUATION, title="Open data")
    to_score = make_proposal(cluj, judged, status=Status.ELIGIBLE, title="Data portal")
    built = make_proposal(cluj, call, status=Status.IMPLEMENTING, title="Paperless payroll")
    make_proposal(cluj, call, author=make_user(cluj), status=Status.DRAFT, title="Not mine")
    with tenant_context(cluj):
        CoAuthor.objects.create(proposal=colleague, user=me.user, invited_by=colleague.author)
        Assignment.objects.create(proposal=to_score, evaluator=me.user)
        work = Implementation.objects.create(proposal=built, lead=me.user)
        today = timezone.localdate()
        Milestone.objects.create(implementation=work, title="Pilot in HR",
                                 due_on=today - timedelta(days=2))
        Milestone.objects.create(implementation=work, title="Far away",
                                 due_on=today + timedelta(days=90))
    page = me.get("/").content.decode()
    assert f'href="/proposals/{draft.pk}/edit/">My half idea</a>' in page
    assert "Not mine" not in page
    assert "Score “Data portal”" in page
    assert "Answer the invitation to co-author “Shared bikes”" in page
    assert "Pilot in HR" in page and "Overdue" in page
    assert "Far away" not in page
    assert "Nothing waits for you" not in page


def test_a_call_the_admin_opens_or_closes_shows_on_the_home_page_at_once(cluj, make_call,
                                                                          api_for, signed_in):
    """The open calls are kept briefly for every visitor's home page, yet an admin who opens
    a call, or moves one out of submission, sees the home page follow on the next visit."""
    employee = signed_in(cluj)
    draft = make_call(cluj, title="Cleaner offices", phase=Phase.DRAFT)
    shown = make_call(cluj, title="Less paper")
    page = employee.get("/").content.decode()
    assert "Less paper" in page and "Cleaner offices" not in page
    admin = api_for(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    for call, phase in ((draft, Phase.SUBMISSION), (shown, Phase.EVALUATION)):
        moved = admin.post(f"/api/v1/calls/{call.pk}/phase/", {"phase": phase},
                           content_type="application/json")
        assert moved.status_code == 200, moved.content
    page = employee.get("/").content.decode()
    assert "Cleaner offices" in page and "Less paper" not in page
