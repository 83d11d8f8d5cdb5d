"""Serving an attachment: the same safe response for the page and the API."""

from django.http import FileResponse

from innovato.uploads import file_download, served_type
from tenant_apps.proposals.models import Attachment


def attachment_response(attachment: Attachment) -> FileResponse:
    """The file as a download of its checked type, never shown by the browser as a page of
    this site."""
    return file_download(attachment.file.open("rb"), name=attachment.name,
                         content_type=served_type(attachment.content_type))
