"""A shared practice stays true to its city: consent withdrawn takes a name off at once, text
is stored only under the language it is written in, a refreshed practice starts its review
afresh, and collections can be browsed from every city."""

import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.hub import services
from shared_apps.hub.models import Collection, GoodPractice
from shared_apps.hub.tests.test_practices import share
from tenant_apps.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def _as(client_for, city, user):
    client = client_for(city)
    with tenant_context(city):
        client.force_login(user)
    return client


def test_withdrawn_consent_takes_the_name_off_the_hub_at_once(cluj, hub, cluj_admin,
                                                                implemented, client_for,
                                                                api_for):
    author = _as(client_for, cluj, implemented.author_user)
    assert author.post(f"/proposals/{implemented.pk}/consent/",
                       {"consent": "1"}).status_code == 302
    coauthor = _as(client_for, cluj, implemented.coauthor_user)
    coauthor.post(f"/proposals/{implemented.pk}/consent/", {"consent": "1"})
    practice = share(cluj, cluj_admin, implemented)
    services.practice_publish(practice=practice, by=api_for(hub, roles=[Role.COORDINATOR]).user)
    assert practice.author_names == ["Ioana Pop", "Mihai Ionescu"]

    assert author.post(f"/proposals/{implemented.pk}/consent/", {}).status_code == 302

    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    assert coordinator.get(f"/api/v1/practices/{practice.pk}/").json()["author_names"] == [
        "Mihai Ionescu"]
    page = client_for(hub)
    with tenant_context(hub):
        page.force_login(coordinator.user)
    assert "Ioana Pop" not in page.get(f"/practices/{practice.pk}/").text
    # Giving consent again does not put the name back behind the city admin's back.
    author.post(f"/proposals/{implemented.pk}/consent/", {"consent": "1"})
    assert GoodPractice.objects.get(pk=practice.pk).author_names == ["Mihai Ionescu"]


def test_text_is_never_stored_under_a_language_it_is_not_in(cluj, cluj_admin, implemented,
                                                             api_for, signed_in):
    admin = api_for(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    first = admin.post("/api/v1/practices/share/?lang=ro", {
        "proposal": implemented.pk, "summary": "Aprobări semnate online."},
        content_type="application/json")
    assert first.status_code == 201, first.content
    practice = GoodPractice.objects.get()
    assert practice.summary_ro == "Aprobări semnate online."

    refused = admin.post("/api/v1/practices/share/?lang=fr", {
        "proposal": implemented.pk, "summary": "Approbations signées en ligne."},
        content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["code"] == "invalid"
    assert "French" in refused.json()["errors"]["language"][0]
    practice.refresh_from_db()
    assert practice.summary_ro == "Aprobări semnate online."
    assert not practice.summary_fr and not practice.summary_en

    # The language may also be named in the body; it must be one the city offers.
    body = admin.post("/api/v1/practices/share/", {
        "proposal": implemented.pk, "summary": "Online aláírt jóváhagyások.",
        "language": "hu"}, content_type="application/json")
    assert body.status_code == 201, body.content
    assert admin.post("/api/v1/practices/share/", {
        "proposal": implemented.pk, "summary": "x", "language": "fr"},
        content_type="application/json").status_code == 400
    practice.refresh_from_db()
    assert practice.summary_hu == "Online aláírt jóváhagyások."
    assert practice.summary_ro == "Aprobări semnate online."

    page = signed_in(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    response = page.post(f"/practices/share/{implemented.pk}/?lang=fr",
                         {"summary": "Approbations signées en ligne."})
    assert response.status_code == 400
    assert "French" in response.text
    practice.refresh_from_db()
    assert practice.summary_ro == "Aprobări semnate online."
    assert not practice.summary_fr


def test_a_refreshed_practice_starts_its_review_afresh(cluj, hub, cluj_admin, implemented,
                                                       api_for, signed_in):
    practice = share(cluj, cluj_admin, implemented)
    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    coordinator.post(f"/api/v1/practices/{practice.pk}/review/",
                     {"action": "changes", "comment": "Add the cost of licences."},
                     content_type="application/json")
    admin = signed_in(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    assert admin.post(f"/practices/share/{implemented.pk}/", {
        "summary": "Now with the cost of licences."}).status_code == 302

    body = coordinator.get(f"/api/v1/practices/{practice.pk}/").json()
    assert body["status"] == "submitted"
    assert body["review_comment"] == ""
    own = api_for(cluj, roles=[Role.CITY_ADMIN]).get(f"/api/v1/practices/{practice.pk}/")
    assert own.json()["review_comment"] == ""
    assert "Add the cost of licences." not in admin.get(f"/practices/{practice.pk}/").text


def test_collections_can_be_browsed_from_a_city(cluj, paris, hub, cluj_admin, implemented,
                                                api_for, signed_in):
    published = share(cluj, cluj_admin, implemented)
    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    services.practice_publish(practice=published, by=coordinator.user)
    hidden = GoodPractice.objects.create(source_city=cluj, source_proposal_id=4242,
                                         currency="RON", title="Still in review", summary="-")
    created = coordinator.post("/api/v1/collections/", {
        "name": "Paperless administration", "practices": [published.pk, hidden.pk]},
        content_type="application/json")
    assert created.status_code == 201, created.content

    paris_employee = api_for(paris)
    listed = paris_employee.get("/api/v1/collections/")
    assert listed.status_code == 200
    assert [(c["name"], c["practices"]) for c in listed.json()["results"]] == [
        ("Paperless administration", [published.pk])]
    one = paris_employee.get(f"/api/v1/collections/{created.json()['id']}/")
    assert one.json()["practices"] == [published.pk]
    assert paris_employee.post("/api/v1/collections/", {"name": "Mine"},
                               content_type="application/json").status_code in (403, 405)
    assert paris_employee.patch(f"/api/v1/collections/{created.json()['id']}/",
                                {"name": "Mine"},
                                content_type="application/json").status_code in (403, 405)
    assert Collection.objects.get().name == "Paperless administration"

    page = signed_in(paris).get("/practices/collections/")
    assert page.status_code == 200
    assert "Paperless administration" in page.text
    assert f"/practices/?collection={created.json()['id']}" in page.text
    hub_page = signed_in(hub, roles=[Role.COORDINATOR]).get("/practices/collections/")
    assert "Paperless administration" in hub_page.text


def test_refusals_change_nothing_and_are_not_audited_as_shares(cluj, cluj_admin, implemented,
                                                                api_for):
    admin = api_for(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    admin.post("/api/v1/practices/share/?lang=fr", {
        "proposal": implemented.pk, "summary": "Approbations."},
        content_type="application/json")
    assert not GoodPractice.objects.exists()
    with tenant_context(cluj):
        assert not AuditEntry.objects.filter(action="practice.shared").exists()
