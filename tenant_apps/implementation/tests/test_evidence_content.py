"""Evidence files are checked like proposal attachments: a page, an SVG or a program under a
document's name is refused in the poster's language, on the page and in the API, and nothing
is kept; real documents come back byte for byte, as downloads of a safe type."""


import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context

from shared_apps.accounts.services import api_token_issue
from tenant_apps.audit.models import AuditEntry
from tenant_apps.implementation.models import Update
from tests import upload_samples as samples

pytestmark = pytest.mark.django_db

MISNAMED = "are numele unui fișier de tip %s, dar conține un fișier de tip %s"
# (file name, content, what the Romanian message says after the quoted name)
DISGUISED = [
    ("raport.pdf", samples.HTML, "conține cod HTML, SVG, XML sau script"),
    ("schema.png", samples.SVG, "conține cod HTML, SVG, XML sau script"),
    ("note.txt", samples.TEXT_WITH_SCRIPT, "conține cod HTML, SVG, XML sau script"),
    ("plan.docx", samples.EXE, MISNAMED % ("DOCX", "EXE")),
    ("plan.docx", samples.ZIP, "nu este un fișier de tip DOCX valid"),
    ("plan.docx", samples.PDF, MISNAMED % ("DOCX", "PDF")),
    ("note.txt", b"", "este gol"),
]

ACCEPTED = [
    ("raport.pdf", samples.PDF, "application/pdf"),
    ("plan.docx", samples.DOCX,
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("schema.png", samples.PNG, "image/png"),
    ("buget.csv", samples.CSV, "text/csv; charset=utf-8"),
]


@pytest.fixture
def romanian_api(client_for):
    def make(city, user):
        with tenant_context(city):
            token = api_token_issue(user=user)
        return client_for(city, HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_LANGUAGE="ro")

    return make


@pytest.fixture
def romanian_browser(client_for):
    def make(city, user):
        client = client_for(city, HTTP_ACCEPT_LANGUAGE="ro")
        with tenant_context(city):
            client.force_login(user)
        return client

    return make



def _nothing_posted(city, before):
    with tenant_context(city):
        assert not Update.objects.exists()
        assert not AuditEntry.objects.filter(action="implementation.update_posted").exists()
    assert samples.stored_files(city) == before


@pytest.mark.parametrize(("name", "content", "reason"), DISGUISED)
def test_api_refuses_disguised_evidence_in_romanian(started, team, romanian_api, name,
                                                    content, reason):
    before = samples.stored_files(team.city)
    response = romanian_api(team.city, team.author).post("/api/v1/implementation-updates/", {
        "implementation": started.pk, "body": "Raportul pilotului",
        "evidence": SimpleUploadedFile(name, content)})
    assert response.status_code == 400, response.content
    [message] = response.json()["errors"]["evidence"]
    assert message == message.strip() and message.startswith(f"„{name}” {reason}"), message
    _nothing_posted(team.city, before)


@pytest.mark.parametrize(("name", "content", "reason"), DISGUISED)
def test_page_refuses_disguised_evidence_in_romanian(started, team, romanian_browser, name,
                                                     content, reason):
    before = samples.stored_files(team.city)
    response = romanian_browser(team.city, team.author).post(
        f"/implementation/{started.pk}/updates/",
        {"body": "Raportul pilotului", "evidence": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert f"„{name}” {reason}" in response.text
    assert "Raportul pilotului" in response.text  # what was typed is kept
    _nothing_posted(team.city, before)


@pytest.mark.parametrize(("name", "content", "content_type"), ACCEPTED)
def test_real_evidence_comes_back_identical_as_a_download(started, team, romanian_api,
                                                          romanian_browser, evidence_cleanup,
                                                          name, content, content_type):
    api = romanian_api(team.city, team.author)
    created = api.post("/api/v1/implementation-updates/", {
        "implementation": started.pk, "body": "Raportul pilotului",
        "evidence": SimpleUploadedFile(name, content)})
    assert created.status_code == 201, created.content
    for client, path in (
            (api, created.json()["evidence_download"].removeprefix("http://cluj.localhost")),
            (romanian_browser(team.city, team.employee),
             f"/implementation/updates/{created.json()['id']}/evidence/")):
        response = client.get(path)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == content
        assert response["Content-Type"] == content_type
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"].startswith("attachment;")
