"""Shared pieces of the browser tests (Playwright driving Debian's Chromium): a committed
city served over real HTTP, the browser, and signing in.

Test modules import the fixtures they use (`from tests.browser import browser, live_city`)
and mark themselves with `pytestmark = needs_chromium`. Data is made before the browser
starts: Playwright runs an event loop, inside which Django refuses database calls."""

from contextlib import contextmanager

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.test.testcases import LiveServerThread

from innovato.chromium import chromium_available, launch_chromium

PASSWORD = "Browser-Test-42"

needs_chromium = pytest.mark.skipif(
    not chromium_available(), reason="Debian's chromium is not installed (.ci/run installs it)")


@pytest.fixture
def live_city(committed_city):
    """The committed city served over real HTTP on a free loopback port."""
    server = LiveServerThread("127.0.0.1", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    yield committed_city, f"http://{committed_city.slug}.localhost:{server.port}"
    server.terminate()


@contextmanager
def running_chromium():
    """Debian's Chromium, headless, closed on leaving."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def browser():
    with running_chromium() as chromium:
        yield chromium


def sign_in(browser, base: str, username: str, password: str = PASSWORD):
    """A new page of a new browser context, signed in on `base` as `username`."""
    page = browser.new_context(locale="en-GB").new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")
    return page
