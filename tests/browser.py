"""Shared pieces of the browser tests (Playwright driving Debian's Chromium): a committed
city served over real HTTP, the browser, and signing in.

Test modules import the fixtures they use (`from tests.browser import browser, live_city`)
and mark themselves with `pytestmark = needs_chromium`. Data is made before the browser
starts: Playwright runs an event loop, inside which Django refuses database calls."""

from contextlib import contextmanager

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connection
from django.test.testcases import LiveServerThread
from psycopg import sql

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


def sign_in(browser, base: str, username: str, password: str = PASSWORD, **context):
    """A new page of a new browser context (English; `context`: Playwright's options, a
    phone's viewport say), signed in on `base` as `username`."""
    page = browser.new_context(locale="en-GB", **context).new_page()
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{base}/")
    return page


def hub_users_delete(user_ids: list[int]) -> None:
    """Delete hub users made for a browser test, with the hub's rows that point to them
    (their sign-ins in the audit trail, their notices…). By SQL: the ORM's delete would also
    look for their rows in city-only tables, which the public schema does not have."""
    with connection.cursor() as cursor:
        cursor.execute("""
            SELECT referring.relname, column_name.attname
            FROM pg_constraint fk
            JOIN pg_class referring ON referring.oid = fk.conrelid
            JOIN pg_namespace ns ON ns.oid = referring.relnamespace
            JOIN pg_attribute column_name ON column_name.attrelid = fk.conrelid
                 AND column_name.attnum = ANY(fk.conkey)
            WHERE fk.contype = 'f' AND ns.nspname = 'public'
                  AND fk.confrelid = 'public.accounts_user'::regclass""")
        for table, column in cursor.fetchall():
            cursor.execute(sql.SQL("DELETE FROM public.{} WHERE {} = ANY(%s)").format(
                sql.Identifier(table), sql.Identifier(column)), [user_ids])
        cursor.execute("DELETE FROM public.accounts_user WHERE id = ANY(%s)", [user_ids])
        assert cursor.rowcount == len(user_ids)
