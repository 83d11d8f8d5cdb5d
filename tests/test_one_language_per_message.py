"""A message reads in one language from start to end: no English tail on a Hungarian or
Romanian answer (DRF's throttling suffix, DRF's own messages its catalogs lack)."""

import pytest
from django.utils import translation

from shared_apps.accounts.models import Role

pytestmark = pytest.mark.django_db

THROTTLED = {
    "hu": "Túl sok sikertelen bejelentkezési kísérlet. Kérjük, próbálja újra 15 perc múlva.",
    "ro": "Prea multe încercări de autentificare eșuate. Încercați din nou peste 15 minute.",
}


@pytest.mark.parametrize("language", ["hu", "ro"])
def test_a_throttled_sign_in_reads_entirely_in_the_persons_language(
        cluj, make_user, client_for, settings, language):
    settings.LOGIN_FAILURE_LIMIT = 1
    make_user(cluj, username="ana")
    browser = client_for(cluj, HTTP_ACCEPT_LANGUAGE=language)
    browser.post("/api/v1/auth/token/", {"username": "ana", "password": "guess"})

    api = browser.post("/api/v1/auth/token/", {"username": "ana",
                                               "password": "Correct-Horse-42"})
    assert api.status_code == 429
    assert api.json() == {"detail": THROTTLED[language], "code": "throttled"}
    assert api.headers["Retry-After"] == "900"

    page = browser.post("/accounts/login/", {"username": "ana", "password": "Correct-Horse-42"})
    assert page.status_code == 429
    assert f'<html lang="{language}"' in page.text
    assert THROTTLED[language] in page.text
    assert not any(word in page.text for word in ("Expected available", "seconds"))


@pytest.mark.parametrize(("language", "expected"), [
    ("hu", "Túl sok kérés. Próbálja újra 15 perc múlva."),
    ("ro", "Prea multe cereri. Încercați din nou peste 15 minute."),
])
def test_drf_throttling_reads_entirely_in_the_requests_language(language, expected):
    """Any API view that DRF throttles: its 'Expected available in N seconds.' tail is
    English whatever the language (DRF formats the text before looking it up)."""
    from rest_framework.exceptions import Throttled

    from innovato.api import exception_handler

    with translation.override(language):
        response = exception_handler(Throttled(wait=900), {})
        detail = response.data["detail"]
    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert detail == expected


@pytest.mark.parametrize(("language", "expected"), [
    ("hu", "Érvényes logikai értéknek kell lennie."),
    ("ro", "Trebuie să fie o valoare booleană validă."),
])
def test_drf_messages_missing_from_its_own_catalogs_are_translated(cluj, api_for, language,
                                                                   expected):
    admin = api_for(cluj, roles=[Role.CITY_ADMIN])
    response = admin.patch("/api/v1/portal-settings/", {"public_teaser": "perhaps"},
                           content_type="application/json", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 400
    assert response.json()["errors"]["public_teaser"] == [expected]
