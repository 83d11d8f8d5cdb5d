"""Accessibility, checked by axe-core in Chromium: every page a role reaches from a filled
city's (and the hub's) navigation and lists, in the city's language and in English, at
desktop width, and each role's main pages at phone width, have no serious or critical
violation of WCAG 2.1 A/AA. The screenshots command writes its PNGs at both widths.

One demo-filled city, the hub's two roles and one browser serve the whole module: seeding
takes longer than the checks."""

import re
import threading
from collections import deque
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connection
from django.test import override_settings
from django.test.testcases import LiveServerThread
from django.utils import timezone
from django_tenants.utils import tenant_context

from innovato import chromium as chromium_install
from shared_apps.accounts.models import Role, User
from shared_apps.accounts.services import user_create
from tenants.demo import DEMO_PASSWORD
from tenants.management.commands import screenshots
from tenants.services import city_create
from tests.browser import hub_users_delete, needs_chromium, running_chromium

pytestmark = needs_chromium

AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
FAILING = {"serious", "critical"}
RUN_AXE = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags},
                                          resultTypes: ["violations"]});
  return result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map((n) => n.target.join(" ")),
  }));
}"""
LINKS = """() => [...document.querySelectorAll("a[href]")]
  .filter((a) => !a.hasAttribute("download")).map((a) => a.href)"""

# Not pages: files, the API and the Django admin, signing out, switching language.
SKIPPED = re.compile(r"^/(api|admin|static|media|i18n)/|/logout/|\.(csv|xlsx|pdf|json|png)$"
                     r"|/attachments/\d+/|/evidence/$|/open/$")
CITY_SLUG = "axe"
CITY_LANGUAGE = "ro"
PAGES_PER_ROLE = 47  # 45, plus the ballot and the outcome preview of the call in voting
HUB_USERS = [("coordinator", [Role.COORDINATOR]), ("partneradmin", [Role.PARTNER_ADMIN])]


def shape(path: str) -> str:
    """The path with its ids replaced: pages of one shape are one template."""
    path = re.sub(r"^/partners/cities/(?!new/|restore/)[^/?]+/", "/partners/cities/S/", path)
    return re.sub(r"\d+", "N", path)


@pytest.fixture(scope="module")
def network(django_db_setup, django_db_blocker):
    """A demo-filled city and the hub's coordinator and partner admin (with a published
    practice of the city and an event), committed and served over HTTP. Yields the hub's
    and the city's addresses."""
    from shared_apps.hub import boundary, services
    from shared_apps.hub.models import NetworkEvent
    from tenant_apps.proposals.models import Proposal, Status
    from tenants.demo import demo_city_fill
    from tenants.models import Domain

    with django_db_blocker.unblock():
        hub_users = [user_create(username=name, password=DEMO_PASSWORD, roles=roles,
                                 first_name=name.title()) for name, roles in HUB_USERS]
        city = city_create(name="Axe City", slug=CITY_SLUG, country="RO",
                           default_language=CITY_LANGUAGE, enabled_languages=["ro", "en"],
                           timezone="Europe/Bucharest", currency="RON")
        server = None
        try:
            with override_settings(
                    DEBUG=True, EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
                demo_city_fill(city, variant=0)
                with tenant_context(city):
                    proposal = Proposal.objects.filter(status=Status.IMPLEMENTED).first()
                    admin = User.objects.get(username="cityadmin")
                    practice = boundary.practice_share(proposal=proposal, by=admin,
                                                       summary="Shared.", language="en")
                connection.set_schema_to_public()
                services.practice_publish(practice=practice, by=hub_users[0])
                services.event_save(by=hub_users[0], title="Webinar", language="en",
                                    starts_at=timezone.now() + timedelta(days=3))
            server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
            server.daemon = True
            server.start()
            server.is_ready.wait()
            if server.error:
                raise server.error
            hub = f"http://localhost:{server.port}"
            yield {"hub": hub, "city": screenshots.city_base(hub, CITY_SLUG)}
        finally:
            if server is not None:
                server.terminate()
            connection.set_schema_to_public()
            NetworkEvent.objects.filter(created_by__in=hub_users).delete()
            Domain.objects.filter(tenant=city).delete()
            city.delete(force_drop=True)  # its practices go with it
            hub_users_delete([user.pk for user in hub_users])


@pytest.fixture(scope="module")
def chromium():
    with running_chromium() as browser:
        yield browser


def signed_in(chromium, base: str, username: str, *, language: str, viewport=None):
    """A page signed in as `username`, asking for `language` by the switcher's cookie.
    Only this module's contexts bypass the Content-Security-Policy: it would refuse the
    injected axe script (the policy itself is tested in test_csp_browser.py)."""
    context = chromium.new_context(bypass_csp=True,
                                   viewport=viewport or screenshots.WIDTHS["desktop"])
    context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": language,
                          "url": base}])
    return screenshots._sign_in(context, base, username, DEMO_PASSWORD)


def axe_problems(page, where: str) -> list[str]:
    """The serious and critical violations on the page, one readable line each."""
    page.add_script_tag(path=str(AXE))
    return [f"{where}: {violation['impact']} {violation['id']} ({violation['help']}) at "
            + " | ".join(violation["targets"])
            for violation in page.evaluate(RUN_AXE, TAGS) if violation["impact"] in FAILING]


def crawl(page, base: str, *, seen_shapes: set[str], label: str) -> tuple[list[str], int]:
    """Follow same-origin links from the role's home page, GET only, one page per shape
    not in `seen_shapes` (which it adds to), and run axe on each. Returns the problems and
    the number of pages checked."""
    host = urlsplit(base).netloc
    queue, queued, problems, checked = deque(["/"]), {"/"}, [], 0
    while queue and checked < PAGES_PER_ROLE:
        path = queue.popleft()
        response = page.goto(base + path)
        if response is None or response.status >= 400 or urlsplit(page.url).netloc != host:
            continue
        if "text/html" not in (response.headers.get("content-type") or ""):
            continue
        problems += axe_problems(page, f"{label} {urlsplit(page.url).path}")
        checked += 1
        for href in page.evaluate(LINKS):
            url = urlsplit(href)
            if url.netloc != host or url.scheme != "http" or SKIPPED.search(url.path):
                continue
            query = "&".join(part for part in url.query.split("&")
                             if part and not part.startswith(("lang=", "next=")))
            link = url.path + (f"?{query}" if query else "")
            if link in queued or shape(link) in seen_shapes:
                continue
            queued.add(link)
            seen_shapes.add(shape(link))
            queue.append(link)
    return problems, checked


ROLES = [("city", "cityadmin"), ("city", "evaluator"), ("city", "employee"),
         ("hub", "partneradmin"), ("hub", "coordinator")]


@pytest.mark.parametrize("language", [CITY_LANGUAGE, "en"])
def test_pages_have_no_serious_accessibility_violation(language, network, chromium):
    """In the city's language each role walks its own pages; in English a page shape one
    role has checked is not checked again for the next, which keeps the run short."""
    problems, checked = [], {}
    shared = {"city": set(), "hub": set()}
    for site, username in ROLES:
        page = signed_in(chromium, network[site], username, language=language)
        found, checked[username] = crawl(page, network[site],
                                         seen_shapes=set() if language == CITY_LANGUAGE
                                         else shared[site],
                                         label=f"[{language}] {username}")
        problems += found
        page.context.close()
    # The walk really went through the site (it breaks silently when signing in does).
    assert checked["cityadmin"] >= 20 and checked["partneradmin"] >= 5, checked
    assert problems == [], "\n" + "\n".join(problems)


def test_main_pages_at_phone_width_have_no_serious_accessibility_violation(network, chromium):
    problems = []
    for username, (site, shots) in screenshots.ROLES.items():
        base = network[site]
        page = signed_in(chromium, base, username, language=CITY_LANGUAGE,
                         viewport=screenshots.WIDTHS["phone"])
        for shot in shots:
            path = screenshots._resolve(page, base, shot)
            assert path, f"{username}: no link to a {shot.name} on {shot.list_path}"
            response = page.goto(base + path)
            assert response.status == 200, f"{username} {path}: {response.status}"
            problems += axe_problems(page, f"[phone] {username} {path}")
        page.context.close()
    assert problems == [], "\n" + "\n".join(problems)


def test_axe_reports_what_it_finds(chromium):
    """The check itself works: an image without a text alternative is reported."""
    page = chromium.new_context(bypass_csp=True).new_page()
    page.set_content('<html lang="en"><head><title>T</title></head><body><main>'
                     '<img src="/photo.png"></main></body></html>')
    problems = axe_problems(page, "sample")
    page.context.close()
    assert len(problems) == 1 and "critical image-alt" in problems[0], problems


def test_screenshots_command_writes_both_widths(network, tmp_path):
    roles = {"employee": ("city", [screenshots.Shot("home", "/"),
                                   screenshots.Shot("call", list_path="/calls/",
                                                    detail=r"^/calls/\d+/$")])}
    result: dict = {}

    def take():  # Playwright's sync API runs one event loop per thread; the module's is busy
        try:
            result["files"] = screenshots.screenshots_take(
                out=tmp_path, base=network["hub"], city=CITY_SLUG, roles=roles,
                report=lambda line: None)
        except Exception as error:
            result["error"] = error

    thread = threading.Thread(target=take)
    thread.start()
    thread.join()
    assert "error" not in result, result.get("error")
    names = sorted(path.name for path in tmp_path.iterdir())
    assert names == ["employee-call-desktop.png", "employee-call-phone.png",
                     "employee-home-desktop.png", "employee-home-phone.png"]
    for path in tmp_path.iterdir():
        assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert path.stat().st_size > 5000


def test_screenshots_command_says_when_chromium_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(chromium_install, "CHROMIUM", str(tmp_path / "no-chromium"))
    with pytest.raises(screenshots.ScreenshotError, match="Chromium is needed"):
        screenshots.screenshots_take(out=tmp_path / "out")
