"""Debian's Chromium, launched headless: for the screenshots command and the browser tests.

Test tools may not download a browser here, so Playwright drives the system's Chromium."""

import os

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]


def chromium_available() -> bool:
    return os.path.exists(CHROMIUM)


def launch_chromium(playwright):
    """A headless Chromium browser of a running `sync_playwright()`."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True,
                                      args=CHROMIUM_ARGS)
