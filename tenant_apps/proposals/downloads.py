"""Serving an attachment: the same safe response for the page and the API."""

import re
import unicodedata

from django.http import FileResponse

from tenant_apps.proposals.models import Attachment

# Characters that split or end a header, separate paths, or that Windows refuses in names.
_UNSAFE = re.compile(r'["\\/:;*?<>|]')


def safe_filename(name: str) -> str:
    """`name` fit for a Content-Disposition header and a download folder: no control
    characters, quotes, separators or path parts; never empty."""
    cleaned = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in name)
    cleaned = " ".join(_UNSAFE.sub(" ", cleaned).split()).strip(" .")
    return cleaned[-150:] or "attachment"


def attachment_response(attachment: Attachment) -> FileResponse:
    """The file as a download, never rendered by the browser as a page of this site."""
    response = FileResponse(attachment.file.open("rb"), as_attachment=True,
                            filename=safe_filename(attachment.name),
                            content_type=attachment.content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
