"""A person's copy of their data: asked for on their page or in the API, built in the
background, announced, downloadable by them alone, and deleted when it expires."""

import io
import json
import zipfile
from datetime import timedelta

from django.core import mail
from django.core.files.storage import default_storage
from django.utils import timezone
from django_tenants.utils import tenant_context

from tenant_apps.notifications.models import Kind, Notification
from tenant_apps.privacy.models import DataExport
from tenant_apps.privacy.services import data_exports_expire
from tenant_apps.privacy.tests.conftest import ANA, BOGDAN


def _ask_for_copy(client, capture):
    with capture(execute=True):
        response = client.post("/privacy/copies/")
    assert response.status_code == 302
    return response


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def test_copy_holds_everything_of_hers_and_nothing_of_his(
        cluj, seeded, sign_in_as, django_capture_on_commit_callbacks):
    ana = sign_in_as(cluj, seeded.ana)
    _ask_for_copy(ana, django_capture_on_commit_callbacks)

    with tenant_context(cluj):
        export = DataExport.objects.get(user=seeded.ana)
        told = Notification.objects.filter(recipient=seeded.ana, kind=Kind.PERSONAL_DATA)
        assert told.count() == 1
    assert export.state == DataExport.State.READY
    assert [message.to for message in mail.outbox] == [[ANA["email"]]]

    page = ana.get("/privacy/?lang=en")
    assert f"/privacy/copies/{export.pk}/download/".encode() in page.content
    archive = _zip(ana.get(f"/privacy/copies/{export.pk}/download/"))
    assert sorted(archive.namelist()) == ["personal-data.html", "personal-data.json"]
    raw = archive.read("personal-data.json").decode()
    document = json.loads(raw)
    sections = {key: section["data"] for key, section in document["sections"].items()}

    assert sections["accounts.account"]["email"] == ANA["email"]
    assert sections["accounts.account"]["username"] == ANA["username"]
    proposals = {row["title"]: row for row in sections["proposals.proposals"]}
    assert set(proposals) == {"Ana's digital archive", "Ana's unfinished idea"}
    assert proposals["Ana's digital archive"]["versions"][0]["content"] == {
        "title_en": "Ana's digital archive v1"}
    assert [c["body"] for c in sections["proposals.comments"]] == [
        "Ana asks: what about night buses?"]
    for key in ("proposals.supports", "proposals.votes", "proposals.follows"):
        assert [row["title"] for row in sections[key]] == ["Bogdan's bus passes"]
    assert [row["title"] for row in sections["proposals.consents"]] == [
        "Ana's digital archive"]
    scorecards = sections["evaluation.scorecards"]
    assert [row["scorecard"]["comment"] for row in scorecards] == ["Ana's scorecard remark"]
    assert [n["title"] for n in sections["notifications.notifications"]
            if n["kind"] == Kind.RESULTS] == ["Results for Ana"]
    assert sections["audit.sign_ins"] and "address" in sections["audit.sign_ins"][0]
    assert sections["implementation.updates"]["leads"] == [{"proposal":
                                                           seeded.ana_proposal.pk}]
    assert [m["body"] for m in sections["hub.copies"]["practice_messages"]] == [
        "Ana here: ask me anything"]

    html = archive.read("personal-data.html").decode()
    for text in (raw, html):
        for theirs in (BOGDAN["username"], BOGDAN["email"], "Bogdan says",
                       "Bogdan's scorecard remark", "Results for Bogdan",
                       "Bogdan's bus passes v1"):
            assert theirs not in text
    # The readable page is in her language (Hungarian).
    assert "<html lang=\"hu\">" in html
    assert "Személyes adatai" in html
    assert "Ana asks: what about night buses?" in html


def test_only_the_owner_downloads_and_the_copy_expires(
        cluj, seeded, sign_in_as, api_for, client_for, django_capture_on_commit_callbacks):
    ana = sign_in_as(cluj, seeded.ana)
    _ask_for_copy(ana, django_capture_on_commit_callbacks)
    with tenant_context(cluj):
        export = DataExport.objects.get(user=seeded.ana)
    path = f"/privacy/copies/{export.pk}/download/"

    bogdan = sign_in_as(cluj, seeded.bogdan)
    assert bogdan.get(path).status_code == 404
    admin = sign_in_as(cluj, seeded.admin)
    assert admin.get(path).status_code == 404
    assert client_for(cluj).get(path).status_code == 302  # to the sign-in page
    other_api = api_for(cluj)
    assert other_api.get(f"/api/v1/privacy/copies/{export.pk}/download/").status_code == 404

    with tenant_context(cluj):
        stored = export.file.name
        assert default_storage.exists(stored)
        assert data_exports_expire(now=timezone.now() + timedelta(days=8)) == 1
        assert not default_storage.exists(stored)
        assert DataExport.objects.get(pk=export.pk).state == DataExport.State.EXPIRED
    assert ana.get(path).status_code == 404


def test_copy_through_the_api(cluj, api_for, django_capture_on_commit_callbacks):
    api = api_for(cluj)
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post("/api/v1/privacy/copies/")
    assert response.status_code == 202
    assert response.json()["state"] == "pending"
    listed = api.get("/api/v1/privacy/copies/").json()["results"]
    assert [row["state"] for row in listed] == ["ready"]
    archive = _zip(api.get(f"/api/v1/privacy/copies/{listed[0]['id']}/download/"))
    document = json.loads(archive.read("personal-data.json"))
    assert document["person"] == api.user.username


def test_one_copy_at_a_time(cluj, api_for):
    api = api_for(cluj)
    assert api.post("/api/v1/privacy/copies/").status_code == 202
    # Without the commit, the first copy is still being prepared.
    refused = api.post("/api/v1/privacy/copies/", HTTP_ACCEPT_LANGUAGE="ro")
    assert refused.status_code == 409
    assert refused.json()["detail"] == "O copie a datelor dumneavoastră se pregătește deja."
