"""htmx is served from the project itself (no CDN), with its licence, and every page that
uses hx-* attributes loads it; drafts autosave, also a new proposal's first save."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django_tenants.utils import tenant_context

from tenant_apps.calls.models import Phase
from tenant_apps.proposals.models import Proposal

ROOT = Path(settings.BASE_DIR)
HTMX_TAG = re.compile(r'<script src="/static/vendor/htmx/htmx\.min\.js" defer></script>')


def test_every_template_using_htmx_is_a_page_that_loads_it_or_a_fragment_of_one():
    templates = [path for path in ROOT.glob("**/templates/**/*.html")
                 if ".venv" not in path.parts and "var" not in path.parts]
    using = [path for path in templates if "hx-" in path.read_text()]
    assert {path.name for path in using} >= {"proposal_form.html", "_progress.html"}
    for path in using:
        if path.name == "base.html":
            continue
        text = path.read_text()
        assert path.name.startswith("_") or '{% extends "base.html" %}' in text, path
        assert "cdn" not in text.lower() and "unpkg" not in text.lower(), path
    base = (ROOT / "platform/innovato/templates/base.html").read_text()
    assert "vendor/htmx/htmx.min.js" in base
    assert "htmx_script" not in "".join(p.read_text() for p in templates)  # loaded once


@pytest.mark.django_db
def test_pages_load_htmx_from_the_project_with_its_licence(cluj, hub, signed_in, client_for,
                                                           make_call):
    call = make_call(cluj, phase=Phase.SUBMISSION)
    page = signed_in(cluj).get(f"/proposals/new/?call={call.pk}")
    assert page.status_code == 200
    assert len(HTMX_TAG.findall(page.text)) == 1
    # htmx posts carry the CSRF token in a header, wherever they come from.
    assert re.search(r'<body hx-headers=\'\{"X-CSRFToken": "[\w-]+"\}\'', page.text)
    script = client_for(cluj).get("/static/vendor/htmx/htmx.min.js")
    assert script.status_code == 200
    assert b"htmx" in b"".join(script.streaming_content)
    licence = client_for(cluj).get("/static/vendor/htmx/LICENSE")
    assert licence.status_code == 200
    assert b"Zero-Clause BSD" in b"".join(licence.streaming_content)
    assert len(HTMX_TAG.findall(client_for(hub).get("/").text)) == 1


@pytest.mark.django_db
def test_a_new_proposal_autosaves_then_continues_as_its_draft(cluj, paris, signed_in,
                                                              make_call):
    call = make_call(cluj, phase=Phase.SUBMISSION)
    author = signed_in(cluj)
    form = author.get(f"/proposals/new/?call={call.pk}")
    assert 'hx-post="/proposals/autosave/"' in form.text

    first = author.post("/proposals/autosave/", {"call": call.pk, "draft": "",
                                                 "title": "Shared calendar"},
                        HTTP_HX_REQUEST="true")
    assert first.status_code == 200, first.content
    with tenant_context(cluj):
        draft = Proposal.objects.get(title="Shared calendar")
    assert first["HX-Replace-Url"] == f"/proposals/{draft.pk}/edit/"
    assert re.search(rf'name="draft"[^>]*value="{draft.pk}"', first.text)  # the form goes on
    assert 'hx-swap-oob="true"' in first.text
    assert "Draft saved at" in first.text

    again = author.post("/proposals/autosave/", {"call": call.pk, "draft": draft.pk,
                                                 "title": "Shared calendar for rooms",
                                                 "problem": "Double bookings."},
                        HTTP_HX_REQUEST="true")
    assert again.status_code == 200
    assert "HX-Replace-Url" not in again
    with tenant_context(cluj):
        assert Proposal.objects.filter(author=author.user).count() == 1
        assert Proposal.objects.get(pk=draft.pk).problem == "Double bookings."
    reloaded = author.get(f"/proposals/{draft.pk}/edit/")
    assert "Shared calendar for rooms" in reloaded.text and "Double bookings." in reloaded.text

    # Someone else's draft cannot be written through its id; an empty title is not saved.
    stranger = signed_in(cluj).post("/proposals/autosave/", {
        "call": call.pk, "draft": draft.pk, "title": "Mine now"}, HTTP_HX_REQUEST="true")
    assert stranger.status_code in (403, 404)
    empty = author.post("/proposals/autosave/", {"call": call.pk, "draft": "", "title": ""},
                        HTTP_HX_REQUEST="true")
    assert empty.status_code == 400
    assert "Not saved" in empty.text
    with tenant_context(cluj):
        assert Proposal.objects.get(pk=draft.pk).title == "Shared calendar for rooms"
        assert Proposal.objects.filter(author=author.user).count() == 1
    # Another city knows nothing of this draft.
    elsewhere = signed_in(paris).post("/proposals/autosave/", {
        "call": call.pk, "draft": draft.pk, "title": "x"}, HTTP_HX_REQUEST="true")
    assert elsewhere.status_code == 404
