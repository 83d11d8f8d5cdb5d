"""In Chromium, under the real Content-Security-Policy: key pages of a city and of the hub,
and the API docs, report no violation (no `securitypolicyviolation` event, no CSP error in
the console), while what runs in them still works: htmx's similar-proposal hint and
autosave, the committee's forms, Swagger UI."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from django_tenants.utils import tenant_context

from conftest import CRITERIA
from shared_apps.accounts.models import Role, User
from shared_apps.accounts.services import user_create
from tenant_apps.calls.models import Call, Phase
from tenant_apps.calls.services import call_create
from tenant_apps.proposals.models import Proposal, Status
from tests.browser import (  # noqa: F401
    PASSWORD,
    browser,
    hub_users_delete,
    live_city,
    needs_chromium,
    sign_in,
)

pytestmark = needs_chromium

LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.reportViolation(`${event.violatedDirective} blocked ${event.blockedURI || "inline"}`
                         + ` at ${event.sourceFile}:${event.lineNumber}`);
});
"""


@pytest.fixture
def network(live_city, django_db_blocker):
    """A city with a call open for proposals and one in evaluation, its people, and a
    coordinator on the hub; all committed, as the live server's threads must see them."""
    city, base = live_city
    now, day = timezone.now(), timedelta(days=1)
    with tenant_context(city):
        admin = user_create(username="admin", password=PASSWORD,
                            roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
        ana = user_create(username="ana", password=PASSWORD, roles=[Role.EMPLOYEE])
        # The city's IT operator, who uses Django's admin site.
        User.objects.create_superuser(username="operator", password=PASSWORD,
                                      email="operator@city.test")
        user_create(username="eva", password=PASSWORD, roles=[Role.EMPLOYEE, Role.EVALUATOR],
                    first_name="Eva")
        calls = [call_create(by=admin, title=title, challenge="Cut paper in approvals.",
                             submission_starts=now - day, evaluation_starts=now + 10 * day,
                             results_on=now + 20 * day, implementation_starts=now + 30 * day,
                             closes_on=now + 365 * day, criteria=CRITERIA)
                 for title in ("Less paper", "Faster permits")]
        Call.objects.filter(pk=calls[0].pk).update(phase=Phase.SUBMISSION)
        Call.objects.filter(pk=calls[1].pk).update(phase=Phase.EVALUATION)
        for call, title in ((calls[0], "Digital signatures for approvals"),
                            (calls[1], "Online permit tracker")):
            Proposal.objects.create(call=call, author=ana, status=Status.SUBMITTED,
                                    title=title, problem="Paper.", submitted_at=now)
    connection.set_schema_to_public()
    with django_db_blocker.unblock():
        coordinator = user_create(username="csp-coordinator", password=PASSWORD,
                                  roles=[Role.COORDINATOR])
    hub = re.sub(r"//[^.]+\.", "//", base)
    yield {"city": base, "hub": hub, "open": calls[0].pk, "evaluating": calls[1].pk}
    with django_db_blocker.unblock():
        connection.set_schema_to_public()
        hub_users_delete([coordinator.pk])


def watch(page) -> list[str]:
    """Every CSP violation the page (and the pages it goes on to) reports."""
    violations: list[str] = []
    page.expose_function("reportViolation", lambda text: violations.append(text))
    page.add_init_script(LISTENER)
    page.on("console", lambda message: violations.append(message.text)
            if "Content Security Policy" in message.text else None)
    return violations


def test_city_pages_run_under_the_policy(network, browser):
    base = network["city"]
    ana = sign_in(browser, base, "ana")
    violations = watch(ana)
    ana.goto(f"{base}/")
    assert ana.get_by_role("link", name="Less paper").is_visible()

    # htmx still works: the similar-title hint appears while typing, the draft autosaves.
    ana.goto(f"{base}/proposals/new/?call={network['open']}")
    ana.get_by_label("Title").press_sequentially("Digital signature for approval", delay=20)
    ana.locator("#similar").get_by_role(
        "link", name="Digital signatures for approvals").wait_for(timeout=10_000)
    ana.get_by_role("status").filter(has_text="Draft saved at").wait_for(timeout=10_000)
    ana.wait_for_url(re.compile(r"/proposals/\d+/edit/$"))
    assert violations == []

    # The committee page and its forms, as the city admin.
    admin = sign_in(browser, base, "admin")
    violations = watch(admin)
    admin.goto(f"{base}/evaluation/calls/{network['evaluating']}/")
    admin.get_by_label("Add an evaluator").select_option(label="Eva")
    admin.get_by_role("button", name="Add", exact=True).click()
    admin.get_by_role("button", name="Remove").wait_for()
    admin.goto(f"{base}/reports/")
    assert admin.locator("svg.chart").count() > 0
    width = admin.locator("svg.chart").first.evaluate("chart => chart.clientWidth")
    assert 0 < width <= 640  # site.css, not a style attribute, caps the chart's width
    assert violations == []


def test_hub_dashboard_runs_under_the_policy(network, browser):
    hub = network["hub"]
    page = sign_in(browser, hub, "csp-coordinator")
    violations = watch(page)
    page.goto(f"{hub}/dashboard/")
    assert page.get_by_role("heading", level=1).is_visible()
    assert violations == []


@pytest.mark.parametrize("site", ["city", "hub"])
def test_api_docs_run_under_the_policy(site, network, browser):
    base = network[site]
    page = browser.new_context(locale="en-GB").new_page()
    violations = watch(page)
    page.goto(f"{base}/api/v1/docs/")
    # Swagger UI started (its start-up code is a file) and read this host's schema.
    page.get_by_text("Innovato API").first.wait_for(timeout=15_000)
    page.locator(".opblock").first.wait_for(timeout=15_000)
    page.locator(".opblock-summary").first.click()
    page.get_by_role("button", name="Try it out").first.wait_for(timeout=5_000)
    assert violations == []


def test_browsable_api_runs_under_the_policy(network, browser):
    base = network["city"]
    ana = sign_in(browser, base, "ana")
    violations = watch(ana)
    ana.goto(f"{base}/api/v1/proposals/")
    ana.get_by_role("button", name="Filters").click()
    ana.locator("#filtersModal").wait_for(state="visible")
    # DRF's own layout is kept: the button stays on the right.
    assert ana.get_by_role("button", name="Filters").evaluate(
        "button => getComputedStyle(button).float") == "right"
    assert violations == []


def test_django_admin_keeps_its_look_and_scripts_under_the_policy(network, browser):
    """The city's IT operator signs in to Django's admin site: its stylesheets, sidebar and
    filters work, and the policy blocks nothing."""
    base = network["city"]
    page = browser.new_context(locale="en-GB").new_page()
    violations = watch(page)
    page.goto(f"{base}/admin/")  # the admin's sign-in is the site's (two-factor included)
    page.get_by_label("Username").fill("operator")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Site administration").wait_for()
    header = page.locator("#header")
    assert header.evaluate("el => getComputedStyle(el).display") == "flex"
    page.goto(f"{base}/admin/accounts/user/")
    page.get_by_role("link", name="ana").first.wait_for()
    # The sidebar toggles (a script file), and the search form is styled.
    toggle = page.locator("#toggle-nav-sidebar")
    if toggle.count():
        before = page.locator("#nav-sidebar").is_visible()
        toggle.click()
        assert page.locator("#nav-sidebar").is_visible() != before
    # django-tenants' app list in the sidebar keeps its full width from a stylesheet.
    assert page.locator("#nav-sidebar table").first.evaluate(
        "table => table.getBoundingClientRect().width") > 150
    page.get_by_role("link", name="ana").first.click()
    page.get_by_role("heading", name="Change user").wait_for()
    assert violations == []
