"""Each city speaks its default language and offers only the languages it enabled."""

import pytest

pytestmark = pytest.mark.django_db


def test_city_home_uses_the_default_language(cluj, paris, client_for):
    assert '<html lang="ro"' in client_for(cluj, HTTP_ACCEPT_LANGUAGE="").get("/").text
    assert '<html lang="fr"' in client_for(paris, HTTP_ACCEPT_LANGUAGE="").get("/").text


def test_browser_language_is_used_when_the_city_enabled_it(cluj, client_for):
    response = client_for(cluj, HTTP_ACCEPT_LANGUAGE="hu-HU,hu;q=0.9").get("/")
    assert '<html lang="hu"' in response.text
    assert response.headers["Content-Language"] == "hu"


def test_a_language_the_city_did_not_enable_is_never_shown(paris, client_for):
    response = client_for(paris, HTTP_ACCEPT_LANGUAGE="ro").get("/")
    assert '<html lang="fr"' in response.text
    asked_for_ro = client_for(paris, HTTP_ACCEPT_LANGUAGE="").get("/?lang=ro")
    assert asked_for_ro.headers["Content-Language"] == "fr"


def test_switcher_offers_only_enabled_languages(paris, client_for):
    page = client_for(paris, HTTP_ACCEPT_LANGUAGE="").get("/").text
    assert 'value="fr"' in page
    assert 'value="en"' in page
    assert 'value="ro"' not in page


def test_switching_language_persists(cluj, client_for):
    browser = client_for(cluj, HTTP_ACCEPT_LANGUAGE="")
    response = browser.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    assert '<html lang="en"' in browser.get("/").text
    assert '<html lang="en"' in browser.get("/accounts/login/").text
