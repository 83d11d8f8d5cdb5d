"""An employee fills a basket ballot in Chromium with the keyboard only: the budget bar
follows each choice in the city's currency, and a basket over the budget is refused with
the reason, in the same money."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from conftest import CRITERIA
from shared_apps.accounts.models import Role
from shared_apps.accounts.services import user_create
from tenant_apps.calls.models import Call, Phase
from tenant_apps.calls.services import call_create
from tenant_apps.proposals.models import Proposal, Status
from tenant_apps.voting.services import voting_setup_save
from tests.browser import PASSWORD, browser, live_city, needs_chromium, sign_in  # noqa: F401

pytestmark = needs_chromium


@pytest.fixture
def call_in_voting(live_city, django_db_blocker):
    city, base = live_city
    now = timezone.now()
    day = timedelta(days=1)
    with django_db_blocker.unblock(), tenant_context(city):
        admin = user_create(username="admin", password=PASSWORD,
                            roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
        user_create(username="voter", password=PASSWORD, roles=[Role.EMPLOYEE])
        call = call_create(by=admin, title="Paperless city hall", challenge="Less paper",
                           submission_starts=now - 20 * day, evaluation_starts=now - 10 * day,
                           voting_starts=now - day, results_on=now + 9 * day,
                           implementation_starts=now + 29 * day, closes_on=now + 99 * day,
                           criteria=CRITERIA, budget=Decimal("100"))
        Call.objects.filter(pk=call.pk).update(phase=Phase.EVALUATION)
        call.refresh_from_db()
        costs = {}
        for title, cost in (("Shared e-signature", 60), ("Open data portal", 50),
                            ("Paperless desk", 40)):
            proposal = Proposal.objects.create(call=call, author=admin, title=title,
                                               status=Status.SHORTLISTED)
            costs[proposal.pk] = Decimal(cost)
        voting_setup_save(call=call, by=admin, ballot_type="knapsack", rule="mes_cost",
                          costs=costs)
        Call.objects.filter(pk=call.pk).update(phase=Phase.VOTING)
    return base, call


def test_the_budget_bar_follows_the_keyboard_and_an_overfull_basket_is_refused(
        call_in_voting, browser):
    base, call = call_in_voting
    page = browser.new_context(locale="en-GB",
                               extra_http_headers={"Accept-Language": "en"}).new_page()
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill("voter")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").press("Enter")
    page.wait_for_url(f"{base}/")
    page.goto(f"{base}/voting/{call.pk}/ballot/")
    used = page.locator("#ballot-used-text")
    assert used.inner_text() == "€0 / €100"

    page.get_by_label("Shared e-signature").focus()
    page.keyboard.press("Space")
    assert used.inner_text() == "€60 / €100"
    assert page.locator("#ballot-over").is_hidden()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert used.inner_text() == "€110 / €100"
    assert page.locator("#ballot-over").is_visible()

    page.get_by_role("button", name="Save my ballot").press("Enter")
    page.wait_for_load_state()
    assert ("Your choice costs €110, more than the budget of €100."
            in page.locator("[role=alert]").inner_text())

    page.get_by_label("Open data portal").focus()
    page.keyboard.press("Space")  # untick the 50 again
    page.get_by_label("Paperless desk").focus()
    page.keyboard.press("Space")
    assert used.inner_text() == "€100 / €100"
    assert page.locator("#ballot-over").is_hidden()
    page.get_by_role("button", name="Save my ballot").press("Enter")
    page.wait_for_load_state()
    assert "Your ballot is saved" in page.content()
    assert page.get_by_label("Shared e-signature").is_checked()
    assert page.get_by_label("Paperless desk").is_checked()
    assert not page.get_by_label("Open data portal").is_checked()


def test_the_outcome_preview_reads_on_a_phone_without_scrolling_the_page_sideways(
        call_in_voting, browser):
    """A city admin opens the preview on a phone (360 px): the page does not scroll
    sideways; the wide explanation table scrolls inside its own region, which is named and
    which the keyboard reaches."""
    base, call = call_in_voting
    voter = sign_in(browser, base, "voter")
    voter.goto(f"{base}/voting/{call.pk}/ballot/")
    voter.get_by_label("Shared e-signature").check()
    voter.get_by_label("Paperless desk").check()
    voter.get_by_role("button", name="Save my ballot").click()
    voter.wait_for_load_state()
    assert "Your ballot is saved" in voter.content()

    admin = sign_in(browser, base, "admin", viewport={"width": 360, "height": 740})
    admin.goto(f"{base}/voting/{call.pk}/preview/")
    assert admin.get_by_role("heading", name="Preview of the voting outcome").is_visible()
    paid = admin.get_by_role("region",
                             name="What each group of supporters paid for each winner")
    assert paid.get_by_role("table").is_visible()
    assert admin.evaluate("document.documentElement.scrollWidth") <= 360
    assert paid.evaluate("region => region.scrollWidth > region.clientWidth")
    paid.focus()
    assert paid.evaluate("region => document.activeElement === region")


def test_once_voting_started_the_setup_reads_as_fixed_with_its_budget_as_money(
        call_in_voting, browser):
    """The city admin opens the voting setup while people vote: every control is disabled
    (nothing suggests a change could still be made), and the budget reads as money."""
    base, call = call_in_voting
    admin = sign_in(browser, base, "admin")
    admin.goto(f"{base}/voting/{call.pk}/setup/")
    assert admin.get_by_text("Voting has started: the setup can no longer change.").is_visible()
    assert admin.get_by_text("Budget of the call: €100", exact=True).is_visible()
    for control in (admin.get_by_label("Ballot type"), admin.get_by_label("Selection rule"),
                    admin.get_by_label("Shared e-signature")):
        assert control.is_disabled()
    assert admin.get_by_label("Shared e-signature").input_value() == "60.00"
    assert admin.get_by_role("button", name="Save the voting setup").count() == 0
