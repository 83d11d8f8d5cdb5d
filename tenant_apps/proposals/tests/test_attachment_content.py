"""An attachment is what its name says: a page, an SVG or a program under a document's name
is refused, on the page and in the API, in the author's language, and nothing is kept;
real documents come back byte for byte, as downloads of a safe type."""

from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context

from tenant_apps.proposals.models import Attachment
from tests import upload_samples as samples

pytestmark = pytest.mark.django_db

MISNAMED = "porte le nom d'un fichier de type %s mais contient un fichier de type %s"
# (file name, content, what the French message says after the quoted name)
DISGUISED = [
    ("facture.pdf", samples.HTML, "contient du code HTML, SVG, XML ou un script"),
    ("schema.pdf", samples.SVG, "contient du code HTML, SVG, XML ou un script"),
    ("logo.png", samples.SVG_XML, "contient du code HTML, SVG, XML ou un script"),
    ("carte.pdf", b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n",
     "contient du code HTML, SVG, XML ou un script"),
    ("logo.jpg", samples.SVG, "contient du code HTML, SVG, XML ou un script"),
    ("notes.txt", samples.TEXT_WITH_SCRIPT, "contient du code HTML, SVG, XML ou un script"),
    ("budget.csv", samples.HTML, "contient du code HTML, SVG, XML ou un script"),
    ("plan.docx", samples.EXE, MISNAMED % ("DOCX", "EXE")),
    ("plan.docx", samples.ZIP, "n'est pas un fichier de type DOCX valide"),
    ("plan.docx", samples.PDF, MISNAMED % ("DOCX", "PDF")),
    ("plan.docx", samples.XLSX, MISNAMED % ("DOCX", "XLSX")),
    ("plan.odt", samples.DOCX, MISNAMED % ("ODT", "DOCX")),
    ("photo.png", samples.PDF, MISNAMED % ("PNG", "PDF")),
    ("rapport.pdf", samples.PDF[:-7], "n'est pas un fichier de type PDF valide"),
    ("schema.png", samples.PNG[:-12], "n'est pas un fichier de type PNG valide"),
    ("photo.jpeg", samples.JPEG[:6], "n'est pas un fichier de type JPEG valide"),
    ("notes.txt", samples.LATIN1_TEXT, "n'est pas du texte brut en UTF-8"),
    ("notes.txt", b"", "est vide"),
    ("page.html", samples.HTML, "n'est pas accepté"),
    ("image.svg", samples.SVG, "n'est pas accepté"),
]

ACCEPTED = [
    ("plan.pdf", samples.PDF, "application/pdf"),
    ("plan.docx", samples.DOCX,
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    ("budget.xlsx", samples.XLSX,
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("plan.odt", samples.ODT, "application/vnd.oasis.opendocument.text"),
    ("schema.png", samples.PNG, "image/png"),
    ("photo.jpg", samples.JPEG, "image/jpeg"),
    ("savings.xlsx", samples.xlsx_from_openpyxl(),
     "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ("budget.csv", samples.CSV, "text/csv; charset=utf-8"),
    ("fleet.csv", samples.CSV_BM, "text/csv; charset=utf-8"),
    ("notes.txt", samples.TEXT, "text/plain; charset=utf-8"),
]


@pytest.fixture
def paris_proposal(paris, make_user, make_call, make_proposal):
    author = make_user(paris, username="amelie")
    return make_proposal(paris, make_call(paris), author=author)


@pytest.fixture
def french_api(paris, client_for):
    from shared_apps.accounts.services import api_token_issue

    def make(user):
        with tenant_context(paris):
            token = api_token_issue(user=user)
        return client_for(paris, HTTP_AUTHORIZATION=f"Token {token}",
                          HTTP_ACCEPT_LANGUAGE="fr")

    return make


@pytest.fixture
def french_browser(paris, client_for):
    def make(user):
        client = client_for(paris, HTTP_ACCEPT_LANGUAGE="fr")
        with tenant_context(paris):
            client.force_login(user)
        return client

    return make



def _download(client, response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


@pytest.mark.parametrize(("name", "content", "reason"), DISGUISED)
def test_api_refuses_a_disguised_file_in_french_and_keeps_nothing(
        paris, paris_proposal, french_api, name, content, reason):
    before = samples.stored_files(paris)
    api = french_api(paris_proposal.author)
    response = api.post(f"/api/v1/proposals/{paris_proposal.pk}/attachments/",
                        {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400, response.content
    body = response.json()
    assert body["code"] == "invalid"
    [message] = body["errors"]["file"]
    assert message.startswith(f"« {name} » "), message
    assert reason in message.replace("’", "'")
    with tenant_context(paris):
        assert not Attachment.objects.exists()
    assert samples.stored_files(paris) == before


@pytest.mark.parametrize(("name", "content", "reason"), DISGUISED)
def test_page_shows_the_form_again_with_the_reason_in_french(
        paris, paris_proposal, french_browser, name, content, reason):
    before = samples.stored_files(paris)
    browser = french_browser(paris_proposal.author)
    response = browser.post(f"/proposals/{paris_proposal.pk}/attachments/",
                            {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    page = response.text.replace("&#x27;", "'").replace("’", "'")
    assert f"« {name} » {reason}" in page
    # The proposal's page again, with its upload form to try another file.
    assert paris_proposal.title in page
    assert 'name="file"' in page and 'aria-invalid="true"' in page
    with tenant_context(paris):
        assert not Attachment.objects.exists()
    assert samples.stored_files(paris) == before


def test_a_hostile_file_name_is_shown_as_text(paris, paris_proposal, french_browser):
    name = "<img src=x onerror=alert(1)>.pdf"
    response = french_browser(paris_proposal.author).post(
        f"/proposals/{paris_proposal.pk}/attachments/",
        {"file": SimpleUploadedFile(name, samples.HTML)})
    assert response.status_code == 400
    assert "<img src=x" not in response.text
    assert "&lt;img src=x onerror=alert(1)&gt;.pdf" in response.text


@pytest.mark.parametrize(("name", "content", "content_type"), ACCEPTED)
def test_real_documents_are_accepted_and_come_back_identical(
        paris, paris_proposal, french_api, french_browser, name, content, content_type):
    api = french_api(paris_proposal.author)
    created = api.post(f"/api/v1/proposals/{paris_proposal.pk}/attachments/",
                       {"file": SimpleUploadedFile(name, content)})
    assert created.status_code == 201, created.content
    assert created.json()["name"] == name
    response = api.get(urlsplit(created.json()["download_url"]).path)
    assert _download(api, response) == content
    assert response["Content-Type"] == content_type
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Disposition"].startswith("attachment;")

    # The same file through the page.
    browser = french_browser(paris_proposal.author)
    page = browser.post(f"/proposals/{paris_proposal.pk}/attachments/",
                        {"file": SimpleUploadedFile(name, content)})
    assert page.status_code == 302
    with tenant_context(paris):
        second = Attachment.objects.order_by("-pk").first()
    download = browser.get(f"/proposals/{paris_proposal.pk}/attachments/{second.pk}/")
    assert _download(browser, download) == content
    assert download["Content-Type"] == content_type
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download["Content-Disposition"].startswith("attachment;")
    with tenant_context(paris):
        for attachment in Attachment.objects.all():
            attachment.file.delete(save=False)


def test_utf16_text_with_its_mark_is_served_with_its_charset(paris, paris_proposal,
                                                             french_api):
    content = "\ufeffposte;montant\nÉnergie;3,5\n".encode("utf-16-le")
    api = french_api(paris_proposal.author)
    created = api.post(f"/api/v1/proposals/{paris_proposal.pk}/attachments/",
                       {"file": SimpleUploadedFile("budget.csv", content)})
    assert created.status_code == 201, created.content
    response = api.get(urlsplit(created.json()["download_url"]).path)
    assert _download(api, response) == content
    assert response["Content-Type"] == "text/csv; charset=utf-16"
    with tenant_context(paris):
        Attachment.objects.get().file.delete(save=False)


def test_a_stored_type_that_is_not_on_the_list_is_served_as_bytes(paris, paris_proposal,
                                                                  french_api):
    """Rows written before content was checked keep a safe download."""
    with tenant_context(paris):
        attachment = Attachment(proposal=paris_proposal, name="old.html",
                                content_type="text/html", size=len(samples.HTML),
                                uploaded_by=paris_proposal.author)
        attachment.file.save("old.html", SimpleUploadedFile("old.html", samples.HTML),
                             save=False)
        attachment.save()
    api = french_api(paris_proposal.author)
    response = api.get(f"/api/v1/proposals/{paris_proposal.pk}/attachments/"
                       f"{attachment.pk}/download/")
    assert _download(api, response) == samples.HTML
    assert response["Content-Type"] == "application/octet-stream"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    with tenant_context(paris):
        attachment.file.delete(save=False)
