"""Suspend, reactivate, archive (read-only), export, restore and delete, on the hub's pages
and API; every action is recorded with who and when."""

import io
import json
import zipfile

import pytest
from django_tenants.utils import schema_exists, tenant_context

from conftest import TEST_PASSWORD
from shared_apps.accounts.models import Role, User
from tenant_apps.people.models import Department
from tenants.models import City, CityRecord
from tenants.services import city_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(api_for, hub):
    return api_for(hub, roles=[Role.PARTNER_ADMIN])


@pytest.fixture
def ghent(make_user, make_department):
    city = city_create(name="Ghent", slug="ghent", country="BE", default_language="nl",
                       enabled_languages=["nl", "en"])
    make_user(city, username="anna", roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    make_department(city, name="Digital services", code="digital")
    return city


def sign_in(client_for, city, username="anna"):
    return client_for(city).post("/accounts/login/", {"username": username,
                                                      "password": TEST_PASSWORD})


def test_suspend_refuses_sign_in_and_api_and_keeps_the_data(partner, ghent, client_for,
                                                            api_for):
    city_api = api_for(ghent, roles=[Role.EMPLOYEE])
    response = partner.post("/api/v1/cities/ghent/suspend/",
                            {"reason": "Contract ended", "confirm": "ghent"},
                            content_type="application/json")
    assert response.status_code == 200
    assert response.json()["status"] == "suspended"
    page = client_for(ghent).get("/")
    assert page.status_code == 503
    assert "suspended" in page.text
    assert sign_in(client_for, ghent).status_code == 503
    refused = city_api.get("/api/v1/me/")
    assert refused.status_code == 503
    assert refused.json()["code"] == "city_suspended"
    token = client_for(ghent).post("/api/v1/auth/token/", {"username": "anna",
                                                           "password": TEST_PASSWORD})
    assert token.status_code == 503
    with tenant_context(ghent):
        assert User.objects.filter(username="anna").exists()
    # suspending twice is refused with a reason, and changes nothing
    again = partner.post("/api/v1/cities/ghent/suspend/", {"confirm": "ghent"},
                         content_type="application/json")
    assert again.status_code == 409
    assert "Only an active city" in again.json()["detail"]
    assert partner.post("/api/v1/cities/ghent/reactivate/",
                        content_type="application/json").status_code == 200
    assert sign_in(client_for, ghent).status_code == 302
    record = CityRecord.objects.filter(city=ghent, action="suspend").get()
    assert record.by_id == partner.user.pk
    assert record.note == "Contract ended"
    assert record.at is not None
    assert CityRecord.objects.filter(city=ghent, action="reactivate").exists()


def test_an_archived_city_is_read_only(partner, ghent, client_for, api_for, signed_in):
    admin_api = api_for(ghent, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    browser = signed_in(ghent, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    assert partner.post("/api/v1/cities/ghent/archive/", {"confirm": "ghent"},
                        content_type="application/json").status_code == 200
    assert admin_api.get("/api/v1/departments/").status_code == 200
    assert browser.get("/").status_code == 200
    for method in ("post", "put", "patch", "delete"):
        response = getattr(admin_api, method)("/api/v1/departments/", {"names": {"en": "X"}},
                                              content_type="application/json")
        assert response.status_code == 409, method
        assert response.json()["code"] == "city_archived"
        assert "archived" in response.json()["detail"]
    page = browser.post("/people/", {"name": "X"})
    assert page.status_code == 409
    assert "archived" in page.text
    # signing in still works, to read
    assert sign_in(client_for, ghent).status_code == 302
    with tenant_context(ghent):
        assert Department.objects.count() == 1


def test_web_lifecycle_buttons_and_record(signed_in, hub, ghent, client_for):
    browser = signed_in(hub, roles=[Role.PARTNER_ADMIN])
    page = browser.get("/partners/cities/ghent/")
    assert page.status_code == 200
    assert "Suspend" in page.text
    assert browser.post("/partners/cities/ghent/suspend/",
                        {"reason": "Unpaid", "confirm": "ghent"}).status_code == 302
    assert client_for(ghent).get("/").status_code == 503
    assert browser.post("/partners/cities/ghent/archive/",
                        {"confirm": "ghent"}).status_code == 302
    refused = browser.post("/partners/cities/ghent/suspend/", {"confirm": "ghent"})
    assert refused.status_code == 409
    page = browser.get("/partners/cities/ghent/")
    assert "Suspended" in page.text and "Archived" in page.text
    assert browser.user.display_name in page.text
    assert browser.get("/partners/cities/").status_code == 200


def test_delete_needs_archive_and_the_typed_slug(partner, ghent, signed_in, hub):
    refused = partner.delete("/api/v1/cities/ghent/", {"confirm_slug": "ghent"},
                             content_type="application/json")
    assert refused.status_code == 409
    assert "Archive the city" in refused.json()["detail"]
    partner.post("/api/v1/cities/ghent/archive/", {"confirm": "ghent"},
                 content_type="application/json")
    wrong = partner.delete("/api/v1/cities/ghent/", {"confirm_slug": "Ghent"},
                           content_type="application/json")
    assert wrong.status_code == 409
    assert "exactly" in wrong.json()["detail"]
    assert schema_exists("ghent")
    browser = signed_in(hub, roles=[Role.PARTNER_ADMIN])
    assert browser.get("/partners/cities/ghent/delete/").status_code == 200
    assert browser.post("/partners/cities/ghent/delete/",
                        {"confirm_slug": "gent"}).status_code == 409
    assert partner.delete("/api/v1/cities/ghent/", {"confirm_slug": "ghent"},
                          content_type="application/json").status_code == 204
    assert not City.objects.filter(slug="ghent").exists()
    assert not schema_exists("ghent")
    record = CityRecord.objects.get(city_slug="ghent", action="delete")
    assert record.by_id == partner.user.pk
    assert CityRecord.objects.filter(city_slug="ghent", action="archive").exists()


def _zip(response) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_export_holds_a_schema_dump_and_records_and_restores_into_a_new_city(
        partner, ghent, client_for):
    response = partner.post("/api/v1/cities/ghent/export/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "innovato-ghent.zip" in response["Content-Disposition"]
    archive = _zip(response)
    names = set(archive.namelist())
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["city"]["slug"] == "ghent"
    assert {"data/accounts.user.json", "data/accounts.user.csv",
            "data/people.department.json", "data/people.department.csv"} <= names
    assert "anna" in archive.read("data/accounts.user.csv").decode()
    assert not any("session" in name or "token" in name for name in names)
    # Second factors, the provider's secret and personal-data copies stay out as well.
    assert not any(name.startswith(("data/mfa.", "data/socialaccount.socialapp",
                                    "data/privacy.dataexport")) for name in names)
    # (pg_dump reads committed data only: the schema dump itself is tested below)
    assert CityRecord.objects.filter(city=ghent, action="export").exists()

    upload = io.BytesIO(b"".join(partner.post("/api/v1/cities/ghent/export/")
                                 .streaming_content))
    upload.name = "ghent.zip"
    restored = partner.post("/api/v1/cities/restore/", {"archive": upload, "name": "Ghent 2",
                                                        "slug": "ghent-2"})
    assert restored.status_code == 201, restored.content
    city = City.objects.get(slug="ghent-2")
    assert city.status == City.Status.ACTIVE
    assert city.enabled_languages == ["nl", "en"]
    with tenant_context(city):
        assert User.objects.filter(username="anna").exists()
        assert Department.objects.get().code == "digital"
        Department.objects.create(code="new", name_en="New")  # sequences were reset
    assert sign_in(client_for, city).status_code == 302
    assert CityRecord.objects.filter(city=city, action="restore").exists()


def test_restore_refuses_a_file_that_is_no_export(partner):
    # A real zip, but not an export (files that are no zip at all: test_restore_upload.py).
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "hello")
    upload = io.BytesIO(buffer.getvalue())
    upload.name = "x.zip"
    response = partner.post("/api/v1/cities/restore/", {"archive": upload, "name": "X",
                                                        "slug": "xyz"})
    assert response.status_code == 409
    assert "not an Innovato export" in response.json()["detail"]
    assert not City.objects.filter(slug="xyz").exists()


def test_web_export_downloads_a_zip(signed_in, hub, ghent):
    browser = signed_in(hub, roles=[Role.PARTNER_ADMIN])
    response = browser.post("/partners/cities/ghent/export/")
    assert response.status_code == 200
    assert "manifest.json" in _zip(response).namelist()



def _exports_left_on_disk(slug: str) -> list[str]:
    import tempfile
    from pathlib import Path

    return [p.name for p in Path(tempfile.gettempdir()).glob(f"innovato-{slug}-*")]


def test_an_export_leaves_no_copy_of_the_city_on_the_server(partner, signed_in, hub, ghent,
                                                            monkeypatch):
    before = _exports_left_on_disk("ghent")
    assert _zip(partner.post("/api/v1/cities/ghent/export/")).namelist()
    browser = signed_in(hub, roles=[Role.PARTNER_ADMIN])
    assert _zip(browser.post("/partners/cities/ghent/export/")).namelist()
    assert _exports_left_on_disk("ghent") == before

    # a failure half-way through leaves nothing behind either, and answers cleanly
    from django.core import serializers

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(serializers, "serialize", broken)
    with pytest.raises(OSError):
        partner.post("/api/v1/cities/ghent/export/")
    assert _exports_left_on_disk("ghent") == before
