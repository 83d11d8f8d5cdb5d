"""Screenshots of each demo role's main pages, at phone and desktop widths, for review.

Runs against a demo network that is already being served (`python3 run.py serve`); writes
`<role>-<page>-<width>.png` files and touches no data."""

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from innovato import chromium
from innovato.chromium import launch_chromium
from tenants.demo import DEMO_PASSWORD

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 800}}


@dataclass(frozen=True)
class Shot:
    """A page to photograph: `path`, or else the first link of `list_path` that matches
    `detail` (a call, a proposal: their ids differ from one seed to the next), looking
    also in the pages it links to that match `via`."""

    name: str
    path: str = ""
    list_path: str = ""
    detail: str = ""
    via: str = ""


CITY = "city"
HUB = "hub"
# role (the demo username) -> (where it signs in, its main pages)
ROLES: dict[str, tuple[str, list[Shot]]] = {
    "employee": (CITY, [
        Shot("home", "/"), Shot("calls", "/calls/"),
        Shot("call", list_path="/calls/", detail=r"^/calls/\d+/$"),
        Shot("proposals", "/proposals/"),
        Shot("proposal", list_path="/proposals/", detail=r"^/proposals/\d+/$"),
        Shot("notifications", "/notifications/"),
    ]),
    "evaluator": (CITY, [
        Shot("home", "/"), Shot("evaluation", "/evaluation/"),
        Shot("assignment", list_path="/evaluation/", detail=r"^/evaluation/assignments/\d+/$"),
    ]),
    "cityadmin": (CITY, [
        Shot("home", "/"), Shot("calls", "/calls/"),
        Shot("committee", list_path="/calls/", via=r"^/calls/\d+/$",
             detail=r"^/evaluation/calls/\d+/$"),
        Shot("implementation", "/implementation/"), Shot("reports", "/reports/"),
        Shot("departments", "/people/departments/"),
    ]),
    "coordinator": (HUB, [
        Shot("home", "/"), Shot("practices", "/practices/"), Shot("events", "/events/"),
        Shot("dashboard", "/dashboard/"),
    ]),
    "partneradmin": (HUB, [
        Shot("home", "/"), Shot("cities", "/partners/cities/"),
        Shot("practices", "/practices/"),
    ]),
}


class ScreenshotError(Exception):
    """Chromium is missing, or the network is not being served."""


def city_base(hub_base: str, city: str) -> str:
    """`http://localhost:8000` and `cluj` -> `http://cluj.localhost:8000`."""
    url = urlsplit(hub_base)
    return f"{url.scheme}://{city}.{url.netloc}"


def _sign_in(context, base: str, username: str, password: str):
    page = context.new_page()
    page.goto(f"{base}/accounts/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill(password)
    page.locator("form:has(input[name=password]) [type=submit]").click()
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        raise ScreenshotError(f"{username} could not sign in at {base}; is the demo seeded?")
    return page


def _links(page, path_pattern: str) -> list[str]:
    paths = []
    for href in page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)"):
        path = urlsplit(urljoin(page.url, href)).path
        if re.search(path_pattern, path) and path not in paths:
            paths.append(path)
    return paths


def _resolve(page, base: str, shot: Shot) -> str | None:
    if shot.path:
        return shot.path
    page.goto(base + shot.list_path)
    found = _links(page, shot.detail)
    for via in _links(page, shot.via)[:6] if shot.via and not found else []:
        page.goto(base + via)
        found = _links(page, shot.detail)
        if found:
            break
    return found[0] if found else None


def screenshots_take(*, out: Path, base: str = "http://localhost:8000", city: str = "cluj",
                     roles: dict[str, tuple[str, list[Shot]]] | None = None,
                     password: str = DEMO_PASSWORD, language: str = "en",
                     report=print) -> list[Path]:
    """Sign in as each role, open its main pages at both widths and write
    `<role>-<page>-<width>.png` into `out`. Returns the files written."""
    if not chromium.chromium_available():
        raise ScreenshotError(
            f"Chromium is needed and was not found at {chromium.CHROMIUM} "
            "(apt-get install chromium, or set CHROMIUM_PATH).")
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    bases = {HUB: base.rstrip("/"), CITY: city_base(base.rstrip("/"), city)}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        try:
            for role, (where, shots) in (roles or ROLES).items():
                site = bases[where]
                for width, viewport in WIDTHS.items():
                    context = browser.new_context(
                        viewport=viewport, is_mobile=width == "phone",
                        has_touch=width == "phone")
                    if language:  # the switcher's cookie, which outranks the user's choice
                        context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME,
                                              "value": language, "url": site}])
                    try:
                        page = _sign_in(context, site, role, password)
                        for shot in shots:
                            path = _resolve(page, site, shot)
                            if path is None:
                                report(f"skipped {role} {shot.name}: no link on "
                                       f"{shot.list_path}")
                                continue
                            response = page.goto(site + path)
                            if response is None or response.status >= 400:
                                status = response.status if response else "no answer"
                                report(f"skipped {role} {shot.name}: {path} answered {status}")
                                continue
                            file = out / f"{role}-{shot.name}-{width}.png"
                            page.screenshot(path=str(file), full_page=True)
                            written.append(file)
                    except PlaywrightError as error:
                        raise ScreenshotError(
                            f"{site} did not answer as expected ({error.message.splitlines()[0]})"
                            "; is the demo network being served?") from None
                    finally:
                        context.close()
        finally:
            browser.close()
    return written


class Command(BaseCommand):
    help = (
        "Write screenshots of each demo role's main pages, at phone (390x844) and desktop "
        "(1280x800) widths, into a folder for review. Needs the demo network served "
        "(python3 run.py serve) and Chromium."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--out", default="screenshots", help="Folder for the PNG files.")
        parser.add_argument("--base", default="http://localhost:8000",
                            help="The hub's address; cities are <slug>.<its host>.")
        parser.add_argument("--city", default="cluj", help="The demo city of the city roles.")
        parser.add_argument("--language", default="en",
                            help="The language to show the pages in (a code such as ro).")

    def handle(self, *args, **options) -> None:
        try:
            files = screenshots_take(out=Path(options["out"]), base=options["base"],
                                     city=options["city"], language=options["language"],
                                     report=self.stdout.write)
        except ScreenshotError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(self.style.SUCCESS(
            f"{len(files)} screenshots written to {options['out']}/."))
