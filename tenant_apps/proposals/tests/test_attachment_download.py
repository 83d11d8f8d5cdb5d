"""Attachments carry a download link that works with an API token or a session, and only
for people who can see the proposal, on its own city's host."""

from urllib.parse import urlsplit

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_tenants.utils import tenant_context

from tenant_apps.proposals.models import Attachment, Status

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"


def _upload(client, proposal, name="plan.pdf", content=PDF) -> dict:
    response = client.post(f"/api/v1/proposals/{proposal.pk}/attachments/",
                           {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 201, response.content
    return response.json()


def test_download_url_with_a_token_and_with_a_session(cluj, api_for, signed_in, make_call,
                                                      make_proposal):
    call = make_call(cluj)
    author = api_for(cluj)
    proposal = make_proposal(cluj, call, author=author.user)
    created = _upload(author, proposal)
    assert created["download_url"].startswith("http://cluj.localhost/api/v1/proposals/")

    reader = api_for(cluj)
    listed = reader.get(f"/api/v1/proposals/{proposal.pk}/attachments/").json()
    url = listed[0]["download_url"]
    assert url == created["download_url"]
    assert urlsplit(url).netloc == "cluj.localhost"

    response = reader.get(urlsplit(url).path, HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="plan.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"

    browser = signed_in(cluj)
    by_session = browser.get(urlsplit(url).path)
    assert by_session.status_code == 200
    assert b"".join(by_session.streaming_content) == PDF


def test_download_filename_is_sanitised(cluj, api_for, make_call, make_proposal):
    call = make_call(cluj)
    author = api_for(cluj)
    proposal = make_proposal(cluj, call, author=author.user)
    with tenant_context(cluj):
        attachment = Attachment(proposal=proposal, name='Budget "final";\r\nX-Evil: 1\\ş.txt',
                                content_type="text/plain", size=5, uploaded_by=author.user)
        attachment.file.save("budget.txt", SimpleUploadedFile("budget.txt", b"hello"),
                             save=False)
        attachment.save()
    url = author.get(f"/api/v1/proposals/{proposal.pk}/attachments/").json()[0][
        "download_url"]
    response = author.get(urlsplit(url).path)
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; ")
    assert "\r" not in disposition and "\n" not in disposition
    assert "X-Evil" not in response.headers
    assert disposition.count('"') in (0, 2)
    assert "filename*=utf-8''Budget%20final%20X-Evil%201%20%C5%9F.txt" in disposition
    assert response["X-Content-Type-Options"] == "nosniff"


def test_download_refused_to_who_cannot_see_the_proposal(cluj, paris, api_for, client_for,
                                                         make_call, make_proposal):
    call = make_call(cluj)
    author = api_for(cluj)
    draft = make_proposal(cluj, call, author=author.user, status=Status.DRAFT)
    submitted = make_proposal(cluj, call, author=author.user, title="Another idea")
    draft_url = urlsplit(_upload(author, draft)["download_url"]).path
    other_url = urlsplit(_upload(author, submitted)["download_url"]).path
    assert author.get(draft_url).status_code == 200

    colleague = api_for(cluj)
    refused = colleague.get(draft_url)  # someone else's draft
    assert refused.status_code == 404
    assert refused.json()["code"] == "not_found"
    # An attachment asked for through another proposal's address.
    attachment_id = other_url.rstrip("/").split("/")[-2]
    mixed = f"/api/v1/proposals/{draft.pk}/attachments/{attachment_id}/download/"
    assert author.get(mixed).status_code == 404
    assert colleague.get(f"/api/v1/proposals/{submitted.pk}/attachments/{attachment_id}0/"
                         "download/").status_code == 404
    assert client_for(cluj).get(other_url).status_code in (401, 403)  # not signed in

    # Another city's host: its people do not see Cluj's proposals, Cluj's tokens do not
    # work there.
    assert api_for(paris).get(other_url).status_code == 404
    stolen = client_for(paris, HTTP_AUTHORIZATION=f"Token {author.token}")
    assert stolen.get(other_url).status_code in (401, 404)
