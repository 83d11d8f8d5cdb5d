"""In Chromium, keyboard only: the similar-proposal hint appears while a title is typed and
a new proposal's text survives a reload (drafts save as you type)."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from conftest import CRITERIA
from shared_apps.accounts.models import Role
from shared_apps.accounts.services import user_create
from tenant_apps.calls.models import Call, Phase
from tenant_apps.calls.services import call_create
from tenant_apps.proposals.models import Proposal, Status
from tests.browser import PASSWORD, browser, live_city, needs_chromium, sign_in  # noqa: F401

pytestmark = needs_chromium


@pytest.fixture
def call_with_a_proposal(live_city):
    city, base = live_city
    now, day = timezone.now(), timedelta(days=1)
    with tenant_context(city):
        admin = user_create(username="admin", password=PASSWORD,
                            roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
        user_create(username="ana", password=PASSWORD, roles=[Role.EMPLOYEE])
        call = call_create(by=admin, title="Less paper", challenge="Cut paper in approvals.",
                           submission_starts=now - day, evaluation_starts=now + 10 * day,
                           results_on=now + 20 * day, implementation_starts=now + 30 * day,
                           closes_on=now + 365 * day, criteria=CRITERIA)
        Call.objects.filter(pk=call.pk).update(phase=Phase.SUBMISSION)
        Proposal.objects.create(call=call, author=admin, status=Status.SUBMITTED,
                                title="Digital signatures for approvals",
                                problem="Paper approvals.", submitted_at=now)
    return base, call.pk


def tab_to(page, element_id: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == element_id:
            return
    raise AssertionError(f"#{element_id} cannot be reached with Tab")


def test_hint_and_autosave_with_the_keyboard_only(call_with_a_proposal, browser):
    base, call_pk = call_with_a_proposal
    page = sign_in(browser, base, "ana")
    page.goto(f"{base}/proposals/new/?call={call_pk}")

    tab_to(page, "id_title")
    page.keyboard.type("Digital signature for approval", delay=20)
    hint = page.locator("#similar")
    assert hint.get_attribute("aria-live") == "polite"
    suggestion = hint.get_by_role("link", name="Digital signatures for approvals")
    page.wait_for_timeout(2000)
    suggestion.wait_for(timeout=10_000)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == (
        "Digital signatures for approvals")

    status = page.get_by_role("status").filter(has_text="Draft saved at")
    status.wait_for(timeout=10_000)
    page.wait_for_url(re.compile(r"/proposals/\d+/edit/$"))
    page.reload()
    assert page.get_by_label("Title").input_value() == "Digital signature for approval"

    # The page goes on as the draft's form: more text saves into the same draft.
    tab_to(page, "id_problem")
    page.keyboard.type("Approvals wait a week.", delay=10)
    page.keyboard.press("Tab")  # leaving the field saves at once
    page.get_by_role("status").filter(has_text="Draft saved at").wait_for(timeout=10_000)
    page.reload()
    assert page.get_by_label("Problem").input_value() == "Approvals wait a week."
    # Its own draft is never suggested to its author.
    tab_to(page, "id_title")
    page.keyboard.press("End")  # Tab selects the field's text
    page.keyboard.type(" flows", delay=10)
    suggestion.wait_for(timeout=10_000)
    assert hint.get_by_role("link").count() == 1
