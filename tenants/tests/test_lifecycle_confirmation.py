"""Suspending or archiving a city shuts out every one of its people: a partner admin sees
the consequences first and confirms by typing the city's slug, on the page and in the API."""

import pytest

from shared_apps.accounts.models import Role
from tenants.models import City, CityRecord
from tenants.services import city_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(api_for, hub):
    return api_for(hub, roles=[Role.PARTNER_ADMIN])


@pytest.fixture
def ghent(make_user):
    city = city_create(name="Ghent", slug="ghent", country="BE", default_language="nl",
                       enabled_languages=["nl", "en"])
    for index in range(3):
        make_user(city, username=f"staff{index}")
    return city


def status_of(slug: str) -> str:
    return City.objects.get(slug=slug).status


@pytest.mark.parametrize("action", ["suspend", "archive"])
@pytest.mark.parametrize("confirm", [None, "", "Ghent", "paris", " ghent x"])
def test_the_api_refuses_without_the_typed_slug_and_changes_nothing(partner, ghent, action,
                                                                     confirm):
    body = {"reason": "Contract ended"} | ({} if confirm is None else {"confirm": confirm})
    response = partner.post(f"/api/v1/cities/ghent/{action}/", body,
                            content_type="application/json")
    assert response.status_code == 400
    assert "ghent" in " ".join(response.json()["errors"]["confirm"])
    assert status_of("ghent") == City.Status.ACTIVE
    assert not CityRecord.objects.filter(city=ghent, action=action).exists()


@pytest.mark.parametrize(("action", "status"), [("suspend", "suspended"),
                                                ("archive", "archived")])
def test_the_api_acts_once_the_slug_is_typed(partner, ghent, action, status):
    response = partner.post(f"/api/v1/cities/ghent/{action}/",
                            {"confirm": "ghent", "reason": "Contract ended"},
                            content_type="application/json")
    assert response.status_code == 200, response.content
    assert status_of("ghent") == status


def test_the_confirmation_error_is_in_the_partner_admins_language(partner, ghent):
    response = partner.post("/api/v1/cities/ghent/suspend/", {"confirm": "x"},
                            content_type="application/json", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert "ghent" in response.json()["errors"]["confirm"][0]
    assert "Tapez" in response.json()["errors"]["confirm"][0]


def test_reactivating_needs_no_confirmation(partner, ghent):
    partner.post("/api/v1/cities/ghent/suspend/", {"confirm": "ghent"},
                 content_type="application/json")
    assert partner.post("/api/v1/cities/ghent/reactivate/",
                        content_type="application/json").status_code == 200
    assert status_of("ghent") == City.Status.ACTIVE


@pytest.mark.parametrize(("action", "consequence"), [
    ("suspend", "can sign in or use the API any more"),
    ("archive", "read-only"),
])
def test_the_page_shows_the_consequences_then_asks_for_the_slug(signed_in, hub, ghent,
                                                                 action, consequence):
    browser = signed_in(hub, roles=[Role.PARTNER_ADMIN])
    detail = browser.get("/partners/cities/ghent/")
    assert f'href="/partners/cities/ghent/{action}/"' in detail.text
    page = browser.get(f"/partners/cities/ghent/{action}/")
    assert page.status_code == 200
    assert consequence in page.text
    assert "People with an account in the city: 3." in page.text
    refused = browser.post(f"/partners/cities/ghent/{action}/", {"confirm": "gent"})
    assert refused.status_code == 400
    assert "Type" in refused.text and "ghent" in refused.text
    assert status_of("ghent") == City.Status.ACTIVE
    done = browser.post(f"/partners/cities/ghent/{action}/",
                        {"confirm": "ghent", "reason": "Contract ended"})
    assert done.status_code == 302
    assert status_of("ghent") != City.Status.ACTIVE
    record = CityRecord.objects.get(city=ghent, action=action)
    assert record.note == "Contract ended"
