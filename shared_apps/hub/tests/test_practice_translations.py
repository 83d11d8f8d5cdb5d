"""Coordinators and any city's admins add or fix a practice's translation in any language of
the network; each change is recorded and attributed, and search finds the practice in that
language."""

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.hub.models import GoodPractice, PracticeTranslation
from tenant_apps.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluj_practice(cluj):
    practice = GoodPractice.objects.create(
        source_city=cluj, source_proposal_id=77, currency="RON",
        title_ro="Dematerializarea facturilor", title_en="Paperless supplier invoices",
        summary_ro="Facturile furnizorilor sunt aprobate online.",
        summary_en="Supplier invoices are approved online.",
        status=GoodPractice.Status.PUBLISHED, published_at=timezone.now())
    return practice


def test_a_coordinator_adds_french_and_a_french_query_finds_it(cluj, paris, hub, cluj_practice,
                                                               api_for):
    paris_reader = api_for(paris)
    search = {"q": "factures fournisseurs"}
    assert paris_reader.get("/api/v1/practices/", search).json()["count"] == 0

    coordinator = api_for(hub, roles=[Role.COORDINATOR], username="claire.coord")
    added = coordinator.post(f"/api/v1/practices/{cluj_practice.pk}/translate/", {
        "language": "fr", "title": "Dématérialisation des factures",
        "summary": "Les factures des fournisseurs sont approuvées en ligne."},
        content_type="application/json")
    assert added.status_code == 200, added.content

    found = paris_reader.get("/api/v1/practices/", search).json()
    assert [p["id"] for p in found["results"]] == [cluj_practice.pk]
    french = api_for(paris).get(f"/api/v1/practices/{cluj_practice.pk}/?lang=fr").json()
    assert french["title"] == "Dématérialisation des factures"
    record = PracticeTranslation.objects.get()
    assert (record.language, record.city, record.by_name) == ("fr", None, "claire.coord")
    assert set(record.fields) == {"title", "summary"}
    history = french["translation_history"]
    assert [(h["language"], h["city"], h["by_name"]) for h in history] == [
        ("fr", None, "claire.coord")]

    # Fixing the translation is recorded too; blank fields keep their text.
    coordinator.post(f"/api/v1/practices/{cluj_practice.pk}/translate/", {
        "language": "fr", "title": "Factures fournisseurs sans papier"},
        content_type="application/json")
    cluj_practice.refresh_from_db()
    assert cluj_practice.title_fr == "Factures fournisseurs sans papier"
    assert cluj_practice.summary_fr == "Les factures des fournisseurs sont approuvées en ligne."
    assert PracticeTranslation.objects.count() == 2


def test_an_admin_of_any_city_translates_from_their_own_site(cluj, paris, hub, cluj_practice,
                                                             signed_in, api_for):
    admin = signed_in(paris, roles=[Role.CITY_ADMIN, Role.EMPLOYEE], username="amelie")
    form = admin.get(f"/practices/{cluj_practice.pk}/translate/?language=es")
    assert form.status_code == 200
    saved = admin.post(f"/practices/{cluj_practice.pk}/translate/", {
        "language": "es", "title": "Facturas de proveedores sin papel",
        "summary": "Las facturas de los proveedores se aprueban en línea."})
    assert saved.status_code == 302, saved.content
    cluj_practice.refresh_from_db()
    assert cluj_practice.title_es == "Facturas de proveedores sin papel"
    record = PracticeTranslation.objects.get()
    assert (record.language, record.city, record.by_name) == ("es", paris, "amelie")
    with tenant_context(paris):
        assert AuditEntry.objects.filter(action="practice.translated").count() == 1
    with tenant_context(cluj):
        assert not AuditEntry.objects.filter(action="practice.translated").exists()
    found = api_for(hub, roles=[Role.COORDINATOR]).get("/api/v1/practices/",
                                                       {"q": "facturas proveedor"})
    assert [p["id"] for p in found.json()["results"]] == [cluj_practice.pk]
    page = admin.get(f"/practices/{cluj_practice.pk}/")
    assert "amelie" in page.text and "Paris" in page.text


def test_translation_refusals(cluj, paris, hub, cluj_practice, api_for):
    employee = api_for(paris, roles=[Role.EMPLOYEE])
    url = f"/api/v1/practices/{cluj_practice.pk}/translate/"
    assert employee.post(url, {"language": "fr", "title": "X"},
                         content_type="application/json").status_code == 403
    admin = api_for(paris, roles=[Role.CITY_ADMIN])
    unknown = admin.post(url, {"language": "de", "title": "Papierlose Rechnungen"},
                         content_type="application/json")
    assert unknown.status_code == 400
    assert unknown.json()["code"] == "invalid"
    empty = admin.post(url, {"language": "fr"}, content_type="application/json")
    assert empty.status_code == 400
    # A practice still in review elsewhere is not Paris's to read, nor to translate.
    in_review = GoodPractice.objects.create(source_city=cluj, source_proposal_id=78,
                                            currency="RON", title="Draft", summary="-")
    assert admin.post(f"/api/v1/practices/{in_review.pk}/translate/",
                      {"language": "fr", "title": "Brouillon"},
                      content_type="application/json").status_code == 404
    assert not PracticeTranslation.objects.exists()
    cluj_practice.refresh_from_db()
    assert not cluj_practice.title_fr


def test_a_coordinator_fixes_a_translation_on_the_hub_page(hub, cluj_practice, signed_in):
    coordinator = signed_in(hub, roles=[Role.COORDINATOR], username="hugo.coord")
    form = coordinator.get(f"/practices/{cluj_practice.pk}/translate/?language=ro")
    assert form.status_code == 200
    assert "Dematerializarea facturilor" in form.text  # the text to fix, not a fallback
    saved = coordinator.post(f"/practices/{cluj_practice.pk}/translate/", {
        "language": "ro", "title": "Dematerializarea facturilor furnizorilor"})
    assert saved.status_code == 302
    cluj_practice.refresh_from_db()
    assert cluj_practice.title_ro == "Dematerializarea facturilor furnizorilor"
    assert cluj_practice.summary_ro == "Facturile furnizorilor sunt aprobate online."
    refused = coordinator.post(f"/practices/{cluj_practice.pk}/translate/",
                               {"language": "ro"})
    assert refused.status_code == 400
    detail = coordinator.get(f"/practices/{cluj_practice.pk}/").text
    assert "hugo.coord" in detail and "network coordinator" in detail
    reader = signed_in(hub, roles=[Role.PARTNER_ADMIN])
    assert reader.get(f"/practices/{cluj_practice.pk}/translate/").status_code == 403
