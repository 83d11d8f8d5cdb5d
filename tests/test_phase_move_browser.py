"""A city admin moves a call to its next phase in Chromium, by pointer and by keyboard, in
English and French, at phone and desktop widths: the picker proposes the next phase, a
confirmation dialog comes first, and the timeline follows the move at once."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from conftest import CRITERIA
from shared_apps.accounts.models import Role
from shared_apps.accounts.services import user_create
from tenant_apps.calls.models import Call, Phase
from tenant_apps.calls.services import call_create
from tenants.models import City
from tests.browser import PASSWORD, browser, live_city, needs_chromium  # noqa: F401

pytestmark = needs_chromium

TEXTS = {
    "en": {"picker": "Move the call to", "move": "Move", "cancel": "Cancel",
           "now": "Submission", "next": "Evaluation"},
    "fr": {"picker": "Faire passer l'appel à la phase", "move": "Valider", "cancel": "Annuler",
           "now": "Dépôt des propositions", "next": "Évaluation"},
}


@pytest.fixture
def call_in_submission(live_city, django_db_blocker):
    city, base = live_city
    now = timezone.now()
    day = timedelta(days=1)
    with django_db_blocker.unblock():
        City.objects.filter(pk=city.pk).update(enabled_languages=["en", "fr"])
        with tenant_context(city):
            admin = user_create(username="admin", password=PASSWORD,
                                roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
            call = call_create(by=admin, title="Paperless city hall", challenge="Less paper",
                               submission_starts=now - day, evaluation_starts=now + 9 * day,
                               results_on=now + 19 * day, implementation_starts=now + 29 * day,
                               closes_on=now + 99 * day, criteria=CRITERIA)
            Call.objects.filter(pk=call.pk).update(phase=Phase.SUBMISSION)
    return city, base, call


def _signed_in_page(browser, base, language, viewport):
    context = browser.new_context(locale=language, viewport=viewport,
                                  extra_http_headers={"Accept-Language": language})
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill("admin")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"{base}/")
    return page


@pytest.mark.parametrize(("language", "viewport"), [
    ("en", {"width": 1280, "height": 800}), ("fr", {"width": 390, "height": 844})])
def test_moving_a_call_asks_first_and_the_timeline_follows(language, viewport,
                                                           call_in_submission, browser):
    _city, base, call = call_in_submission
    words = TEXTS[language]
    page = _signed_in_page(browser, base, language, viewport)
    page.goto(f"{base}/calls/{call.pk}/")
    picker = page.get_by_label(words["picker"])
    assert picker.locator("option:checked").inner_text().strip() == words["next"]
    assert words["now"] in page.locator(".timeline [aria-current=step]").inner_text()

    # By pointer: the dialog asks first; Cancel leaves the call where it was.
    page.get_by_role("button", name=words["move"], exact=True).click()
    dialog = page.locator("dialog.confirm-dialog")
    assert dialog.is_visible()
    assert "Paperless city hall" in dialog.inner_text()
    dialog.get_by_role("button", name=words["cancel"]).click()
    assert dialog.is_hidden()
    page.reload()
    assert words["now"] in page.locator(".timeline [aria-current=step]").inner_text()

    # By keyboard: Enter on the button, then the dialog's own button.
    page.get_by_role("button", name=words["move"], exact=True).focus()
    page.keyboard.press("Enter")
    assert dialog.is_visible()
    with page.expect_navigation():
        dialog.get_by_role("button", name=words["move"], exact=True).click()
    current = page.locator(".timeline [aria-current=step]")
    assert words["next"] in current.inner_text()
    page.reload()  # and it stays so
    assert words["next"] in page.locator(".timeline [aria-current=step]").inner_text()
