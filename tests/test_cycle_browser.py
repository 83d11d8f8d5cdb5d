"""The whole innovation cycle as people do it in a browser (Playwright driving Debian's
Chromium): an employee proposes, the city admin runs the committee, an evaluator scores,
the admin decides and publishes, the winner is implemented and its savings recorded."""

import os
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
from tests.browser import PASSWORD, browser, live_city, needs_chromium, sign_in  # noqa: F401

pytestmark = needs_chromium


@pytest.fixture
def open_call(live_city):
    """An admin, an employee, an evaluator and an open call. Made before the browser starts:
    Playwright runs an event loop, inside which Django refuses database calls."""
    city, base = live_city
    now = timezone.now()
    day = timedelta(days=1)
    with tenant_context(city):
        admin = user_create(username="admin", password=PASSWORD,
                            roles=[Role.CITY_ADMIN, Role.EMPLOYEE], first_name="Carla")
        user_create(username="ana", password=PASSWORD, roles=[Role.EMPLOYEE], first_name="Ana")
        user_create(username="eva", password=PASSWORD, roles=[Role.EMPLOYEE, Role.EVALUATOR],
                    first_name="Eva")
        call = call_create(by=admin, title="Less paper", challenge="Cut paper in approvals.",
                           submission_starts=now - day, evaluation_starts=now + 10 * day,
                           results_on=now + 20 * day, implementation_starts=now + 30 * day,
                           closes_on=now + 365 * day, criteria=CRITERIA, publish_scores=True)
        Call.objects.filter(pk=call.pk).update(phase=Phase.SUBMISSION)
    return base, call.pk


def test_whole_cycle_in_a_browser(open_call, browser):
    base, call_pk = open_call

    # An employee finds the open call on the home page and writes a proposal.
    ana = sign_in(browser, base, "ana")
    ana.get_by_role("link", name="Less paper").click()
    ana.get_by_role("link", name="Write a proposal").click()
    ana.get_by_label("Title").fill("Digital signatures for approvals")
    ana.get_by_label("Problem").fill("Approvals wait a week on paper.")
    ana.get_by_label("Proposed solution").fill("Sign approvals in the intranet.")
    ana.get_by_label("MVP plan").fill("One department, one month.")
    ana.get_by_label("Expected savings per year").fill("12000")
    ana.get_by_role("button", name="Save draft").click()
    ana.get_by_role("link", name="Back to the proposal").click()
    ana.get_by_role("button", name="Submit proposal").click()
    assert ana.get_by_text("Your proposal is submitted.").is_visible()
    proposal_url = ana.url

    # The city admin closes submissions, checks eligibility and builds the committee.
    carla = sign_in(browser, base, "admin")
    carla.goto(f"{base}/calls/{call_pk}/")
    carla.get_by_label("Move the call to").select_option("evaluation")
    carla.get_by_role("button", name="Move").click()
    confirm(carla, "Move")
    assert carla.get_by_text("The call is now in the evaluation phase.").is_visible()
    carla.get_by_role("link", name="Committee and evaluation").click()
    carla.get_by_role("button", name="Eligible", exact=True).click()
    # The question names the proposal the admin is about to decide on.
    assert carla.locator("dialog.confirm-dialog").inner_text().count(
        "Record the eligibility of “Digital signatures for approvals”?") == 1
    confirm(carla, "Record")
    carla.get_by_label("Add an evaluator").select_option(label="Eva")
    carla.get_by_role("button", name="Add", exact=True).click()
    carla.get_by_label("Evaluators per proposal").fill("1")
    carla.get_by_role("button", name=re.compile("Assign automatically")).click()
    assert carla.get_by_text("Evaluators assigned.").is_visible()

    # The evaluator scores the proposal; the scorecard locks.
    eva = sign_in(browser, base, "eva")
    eva.get_by_role("link", name="My evaluations").click()
    eva.get_by_role("link", name="Digital signatures for approvals").click()
    for label, value in (("Innovation", "9"), ("Feasibility", "8"), ("Sustainability", "7")):
        eva.get_by_role("group", name=re.compile(label)).get_by_label(
            "Score from 0 to 10").select_option(value)
    eva.get_by_role("button", name="Submit scorecard").click()
    assert eva.get_by_text("Scorecard submitted. Thank you.").is_visible()
    assert eva.get_by_text("weighted score 8.15 / 10").is_visible()

    # The admin records the decision with its reason and publishes the results.
    carla.goto(f"{base}/evaluation/calls/{call_pk}/")
    carla.get_by_label("Decision").select_option("selected")
    carla.get_by_label("Reason the authors will read").fill("Big savings, simple to test.")
    carla.get_by_role("button", name="Record decision").click()
    confirm(carla, "Record decision")
    carla.goto(f"{base}/calls/{call_pk}/")
    carla.get_by_label("Move the call to").select_option("results")
    carla.get_by_role("button", name="Move").click()
    confirm(carla, "Move")

    # Everyone can read the results, with the committee's reason.
    ana.goto(f"{base}/calls/{call_pk}/results/")
    assert ana.get_by_text("Big savings, simple to test.").is_visible()
    assert ana.get_by_text("Score 8.15 / 10").is_visible()

    # Implementation starts and realised savings are recorded.
    carla.goto(proposal_url)
    carla.get_by_role("link", name="Start implementation").click()
    carla.get_by_label("Lead").select_option(label="Ana (ana)")
    carla.get_by_role("button", name="Start").click()
    savings_form = carla.get_by_role("form", name="Record a month's savings")
    savings_form.get_by_label("Month", exact=False).first.fill("2026-10")
    savings_form.get_by_label("Projected savings").fill("1000")
    savings_form.get_by_label("Realised savings").fill("1250")
    savings_form.get_by_role("button", name="Record savings").click()
    savings = carla.locator("#savings")
    assert "1,250" in savings.inner_text() or "1 250" in savings.inner_text()

    ana.goto(proposal_url)
    assert ana.get_by_text("Being implemented").first.is_visible()
    if os.environ.get("BROWSER_SCREENSHOT"):  # a picture of the end state, for people
        carla.screenshot(path=os.environ["BROWSER_SCREENSHOT"], full_page=True)


def confirm(page, verb: str) -> None:
    """Answer the confirmation dialog that irreversible actions open, and wait for the page
    the action leads to."""
    dialog = page.locator("dialog.confirm-dialog")
    assert dialog.is_visible()
    with page.expect_navigation():
        dialog.get_by_role("button", name=verb, exact=True).click()
