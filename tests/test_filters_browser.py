"""Lists people narrow down, and the committee's decisions, driven in Chromium as people do:
the practice filters and the notification filters by pointer in English and by keyboard in
French; the committee page at phone width, from an empty decision to a recorded one with its
reason in full."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import tenant_context

from conftest import CRITERIA
from shared_apps.accounts.models import Role
from shared_apps.accounts.services import user_create
from shared_apps.hub.models import Collection, GoodPractice
from tenant_apps.calls.models import Call, Phase
from tenant_apps.calls.services import call_create
from tenant_apps.notifications.models import Kind, Notification
from tenant_apps.proposals.models import Proposal, Status
from tenants.models import City
from tests.browser import PASSWORD, browser, live_city, needs_chromium  # noqa: F401

pytestmark = needs_chromium

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}
REASON = ("Selected for its savings in staff hours, which the pilot in the permits office "
          "measured over three months; the committee asks the team to publish the "
          "templates so that other departments can reuse them without a new procurement.")


@pytest.fixture
def site(live_city, django_db_blocker):
    """The live city in English and French: an admin, an employee with three notifications,
    a call in evaluation with one eligible proposal, and two published practices of the
    network (one in a collection)."""
    city, base = live_city
    now, day = timezone.now(), timedelta(days=1)
    with django_db_blocker.unblock():
        City.objects.filter(pk=city.pk).update(enabled_languages=["en", "fr"])
        with tenant_context(city):
            admin = user_create(username="admin", password=PASSWORD,
                                roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
            ana = user_create(username="ana", password=PASSWORD, roles=[Role.EMPLOYEE])
            for kind, title, read in (
                    (Kind.DECISION, "Your proposal was selected", False),
                    (Kind.COMMENT, "New comment on “Less paper”", True),
                    (Kind.PHASE_CHANGED, "“Less paper” is in evaluation", False)):
                Notification.objects.create(recipient=ana, kind=kind, title=title,
                                            read_at=now if read else None)
            call = call_create(by=admin, title="Faster permits", challenge="Cut waiting.",
                               submission_starts=now - 10 * day, evaluation_starts=now - day,
                               results_on=now + 20 * day, implementation_starts=now + 30 * day,
                               closes_on=now + 365 * day, criteria=CRITERIA)
            Call.objects.filter(pk=call.pk).update(phase=Phase.EVALUATION)
            Proposal.objects.create(call=call, author=ana, status=Status.ELIGIBLE,
                                    title="Online permit tracker", problem="Paper.",
                                    submitted_at=now - 2 * day)
        connection.set_schema_to_public()
        paris = City.objects.get(slug="paris")
        published = GoodPractice.Status.PUBLISHED
        bikes = GoodPractice.objects.create(
            source_city=city, source_proposal_id=1, currency="EUR", title="Shared bikes",
            summary="Bikes for staff trips.", theme="Mobility", tags=["bikes"],
            status=published)
        payroll = GoodPractice.objects.create(
            source_city=paris, source_proposal_id=2, currency="EUR", title="Paperless payroll",
            summary="Payslips online.", theme="Digital", tags=["paper"], status=published)
        green = Collection.objects.create(name="Green ideas")
        green.practices.add(bikes)
    yield base, call.pk
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        green.delete()
        GoodPractice.objects.filter(pk__in=[bikes.pk, payroll.pk]).delete()


def open_page(browser, base: str, username: str, *, language: str, viewport: dict):
    context = browser.new_context(locale="en-GB" if language == "en" else "fr-FR",
                                  viewport=viewport, is_mobile=viewport == PHONE,
                                  has_touch=viewport == PHONE)
    context.add_cookies([{"name": "django_language", "value": language, "url": base}])
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("#id_password").press("Enter")
    return page


def card_titles(page) -> list[str]:
    return [title.strip() for title in page.locator(".cards .card-title").all_inner_texts()]


def test_practice_filters_by_pointer_in_english(site, browser):
    base, _call = site
    page = open_page(browser, base, "ana", language="en", viewport=DESKTOP)
    page.goto(f"{base}/practices/")
    assert sorted(card_titles(page)) == ["Paperless payroll", "Shared bikes"]
    filters = page.get_by_role("search", name="Filter the practices")
    filters.get_by_label("Theme").select_option("Digital")
    filters.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"theme=Digital"))
    assert card_titles(page) == ["Paperless payroll"]
    # The choice stays shown, and one click clears it.
    assert filters.get_by_label("Theme").input_value() == "Digital"
    filters.get_by_role("link", name="Clear the filters").click()
    page.wait_for_url(f"{base}/practices/")
    filters.get_by_label("Collection").select_option(label="Green ideas")
    filters.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"collection="))
    assert card_titles(page) == ["Shared bikes"]


def test_practice_filters_by_keyboard_in_french(site, browser):
    base, _call = site
    page = open_page(browser, base, "ana", language="fr", viewport=PHONE)
    page.goto(f"{base}/practices/")
    filters = page.get_by_role("search", name="Filtrer les bonnes pratiques")
    filters.get_by_label("Mot-clé").focus()
    page.keyboard.type("bikes")  # a closed select picks the option whose name is typed
    assert filters.get_by_label("Mot-clé").input_value() == "bikes"
    filters.get_by_role("button", name="Filtrer").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert card_titles(page) == ["Shared bikes (Anglais)"]  # a text not in French says so
    # Nothing matches: the empty state says so and offers the way back.
    filters.get_by_label("Thème").focus()
    page.keyboard.type("Digital")
    filters.get_by_role("button", name="Filtrer").focus()
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Aucune bonne pratique ne correspond.").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def notification_titles(page) -> list[str]:
    return [re.sub(r"^(Unread:|Non lue :)\s*", "", text.strip())
            for text in page.locator(".notification-title").all_inner_texts()]


def test_notification_filters_by_pointer_and_keyboard(site, browser):
    base, _call = site
    page = open_page(browser, base, "ana", language="en", viewport=DESKTOP)
    page.goto(f"{base}/notifications/")
    assert len(notification_titles(page)) == 3
    filters = page.get_by_role("search", name="Filter the notifications")
    filters.get_by_label("Show").select_option(label="Unread only")
    filters.get_by_role("button", name="Filter").click()
    page.wait_for_url(re.compile(r"show=unread"))
    assert sorted(notification_titles(page)) == ["Your proposal was selected",
                                                 "“Less paper” is in evaluation"]

    french = open_page(browser, base, "ana", language="fr", viewport=PHONE)
    french.goto(f"{base}/notifications/")
    filters = french.get_by_role("search", name=re.compile("Filtrer"))
    filters.get_by_label("Type").focus()
    french.keyboard.type("Commentaires")
    filters.get_by_role("button", name="Filtrer").focus()
    with french.expect_navigation():
        french.keyboard.press("Enter")
    assert notification_titles(french) == ["New comment on “Less paper”"]
    # Titles wrap inside their card on a phone instead of running off it.
    card = french.locator(".notification").first
    assert card.evaluate("card => card.scrollWidth <= card.clientWidth + 1")


def test_committee_decision_at_phone_width(site, browser):
    base, call = site
    page = open_page(browser, base, "admin", language="en", viewport=PHONE)
    page.goto(f"{base}/evaluation/calls/{call}/")
    decision = page.get_by_label("Decision", exact=True)
    assert decision.input_value() == ""  # nothing is preset
    # Recording without a choice is refused by the form itself: nothing is sent.
    page.get_by_role("button", name="Record decision").click()
    assert page.locator("dialog.confirm-dialog").is_hidden()
    assert decision.evaluate("select => select.validity.valueMissing")

    decision.focus()
    page.keyboard.type("Selected")
    assert decision.input_value() == "selected"
    page.get_by_label("Reason the authors will read").fill(REASON)
    button = page.get_by_role("button", name="Record decision")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box["height"] >= 32 and box["x"] >= 0
    button.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("dialog.confirm-dialog")
    dialog.wait_for(state="visible")
    assert dialog.bounding_box()["width"] <= PHONE["width"]
    assert "Online permit tracker" in dialog.inner_text()
    # Escape changes nothing; confirming records.
    page.keyboard.press("Escape")
    dialog.wait_for(state="hidden")
    assert page.locator(".decision-now").count() == 0
    button.focus()
    page.keyboard.press("Enter")
    dialog.wait_for(state="visible")
    with page.expect_navigation():
        dialog.get_by_role("button", name="Record decision", exact=True).click()
    recorded = page.locator(".decision-now")
    assert recorded.locator(".badge").inner_text() == "Selected"
    reason = recorded.locator(".decision-reason")
    assert reason.inner_text() == REASON
    # The whole reason is on the page, wrapped, not cut off.
    assert reason.evaluate("p => p.scrollWidth <= p.clientWidth + 1 "
                           "&& p.scrollHeight <= p.clientHeight + 1")
    assert page.get_by_label("Decision", exact=True).input_value() == "selected"
