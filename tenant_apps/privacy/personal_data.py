"""The personal data of the privacy app itself (see innovato.personal_data): a person's
requests for copies and for erasure. Found at start-up with the others."""

from django.utils.translation import gettext_lazy as _

from innovato.personal_data import BOTH, Erasure, PersonalDataSource, personal_data_source_add
from tenant_apps.privacy.models import DataExport, ErasureRequest


def _when(value) -> str | None:
    return value.isoformat() if value else None


def requests_export(user) -> dict:
    return {
        "copies": [{"requested": _when(export.requested_at), "state": export.state,
                    "expires": _when(export.expires_at)}
                   for export in DataExport.objects.filter(user=user)],
        "erasure_requests": [{"requested": _when(request.requested_at),
                              "state": request.state, "decided": _when(request.decided_at)}
                             for request in ErasureRequest.objects.filter(user=user)],
    }


def copies_erase(erasure: Erasure) -> int:
    """Copies already made hold everything about the person: their files go too."""
    exports = list(DataExport.objects.filter(user=erasure.user))
    for export in exports:
        if export.file:
            export.file.delete(save=False)
        export.delete()
    return len(exports)


personal_data_source_add(PersonalDataSource(
    key="privacy.requests", label=_("Requests about personal data"),
    purpose=_("To answer people's requests for a copy of their data or for erasure."),
    retention=_("Copies are deleted after a few days; requests are kept as a record."),
    fields=("date and state of each request",),
    export=requests_export, erase=copies_erase, order=950, where=BOTH))
