"""Event cards name the event's language in the reader's language."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone

from shared_apps.accounts.models import Role
from tenants.models import City

pytestmark = pytest.mark.django_db


def _language_line(page: str) -> str:
    """The line under the event's date: "In <language>" in the page's language."""
    card = page[page.index("Webinar: paperless approvals"):]
    return re.findall(r"<p>([^<]*)</p>", card)[0]


def test_event_language_is_named_in_the_readers_language(cluj, paris, hub, api_for,
                                                         client_for, signed_in):
    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    created = coordinator.post("/api/v1/events/", {
        "title": "Webinar: paperless approvals", "kind": "webinar",
        "starts_at": (timezone.now() + timedelta(days=7)).isoformat(), "language": "en"},
        content_type="application/json")
    assert created.status_code == 201, created.content
    rotterdam = City.objects.get(slug="rotterdam")
    veszprem = City.objects.get(slug="veszprem")
    expected = [(cluj, "ro", "Limba: engleză"), (paris, "fr", "En anglais"),
                (rotterdam, "nl", "Taal: Engels"), (veszprem, "hu", "angol"),
                (cluj, "en", "In English")]
    for city, language, words in expected:
        page = client_for(city, HTTP_ACCEPT_LANGUAGE=language).get("/").text
        assert words in _language_line(page), (city.slug, language)
    hub_page = client_for(hub, HTTP_ACCEPT_LANGUAGE="fr").get("/").text
    assert "En anglais" in _language_line(hub_page)
    # The list of events, on the hub and on a city's site.
    on_hub = signed_in(hub, roles=[Role.COORDINATOR], headers={"HTTP_ACCEPT_LANGUAGE": "fr"})
    assert "<p>Anglais</p>" in on_hub.get("/events/").text
    in_cluj = signed_in(cluj, headers={"HTTP_ACCEPT_LANGUAGE": "ro"})
    assert "<p>Engleză</p>" in in_cluj.get("/events/").text


def test_an_event_shows_its_time_in_the_readers_time_zone_and_names_the_zone(
        cluj, hub, api_for, client_for):
    """Coordinators on the hub and employees of every city read an online event's start in
    their own zone's clock, named, so nobody joins an hour early."""
    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    created = coordinator.post("/api/v1/events/", {
        "title": "Webinar: paperless approvals", "kind": "webinar",
        "starts_at": "2030-12-10T13:00:00+00:00", "language": "en"},
        content_type="application/json")
    assert created.status_code == 201, created.content
    for site, shown in (
            (hub, "10 December 2030, 14:00 (Central European Standard Time)"),
            (cluj, "10 December 2030, 15:00 (Eastern European Standard Time)")):
        page = client_for(site, HTTP_ACCEPT_LANGUAGE="en").get("/").text
        assert shown in page, site.slug


def test_an_event_in_an_impossible_year_is_refused_with_the_reason(hub, api_for):
    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    refused = coordinator.post("/api/v1/events/", {
        "title": "Webinar", "kind": "webinar", "starts_at": "0279-10-07T11:29:00+00:00",
        "language": "en"}, content_type="application/json", HTTP_ACCEPT_LANGUAGE="fr")
    assert refused.status_code == 400
    assert refused.json()["errors"]["starts_at"] == ["Choisissez une date entre 2000 et 2100."]
    assert coordinator.get("/api/v1/events/").json()["count"] == 0
