"""Reads on personal data: the schema's settings (a city's, or the hub's), a person's own
requests, the data protection officer's overview."""

from django.db.models import QuerySet
from django.utils import timezone

from innovato.personal_data import HUB, PersonalDataSource, personal_data_sources, schema_kind
from tenant_apps.audit.models import AuditEntry
from tenant_apps.audit.services import PERSONAL_DATA_EXPORTED, PERSONAL_DATA_VIEWED
from tenant_apps.privacy.models import DataExport, ErasureRequest, PrivacySettings, RetentionRun


def retention_fields() -> list[str]:
    """The settings an admin chooses here: a retention period for each kind of data the
    schema's people have that names one, and in a city the delay of automatic erasure (on
    the hub a partner admin confirms each erasure)."""
    used = {source.retention_setting for source in personal_data_sources()
            if source.retention_setting}
    fields = [name for name in ("draft_days", "notification_days", "sign_in_days",
                                "audit_days") if name in used]
    return fields if schema_kind() == HUB else [*fields, "erasure_after_days"]


def privacy_settings() -> PrivacySettings:
    """The city's settings, or the defaults (unsaved) until an admin saves theirs."""
    return PrivacySettings.objects.order_by("pk").first() or PrivacySettings()


def data_exports_of(user) -> QuerySet[DataExport]:
    return DataExport.objects.filter(user=user).order_by("-requested_at", "-id")


def data_export_downloadable(*, user, pk) -> DataExport | None:
    """`user`'s own ready copy `pk`, while it has not expired; None for anyone else's."""
    return (DataExport.objects.filter(pk=pk, user=user, state=DataExport.State.READY,
                                      expires_at__gt=timezone.now()).exclude(file="")
            .first())


def erasure_request_open_of(user) -> ErasureRequest | None:
    return ErasureRequest.objects.filter(user=user,
                                         state=ErasureRequest.State.REQUESTED).first()


def erasure_requests() -> QuerySet[ErasureRequest]:
    return ErasureRequest.objects.select_related("user", "decided_by").order_by(
        "-requested_at", "-id")


def data_exports() -> QuerySet[DataExport]:
    return DataExport.objects.select_related("user").order_by("-requested_at", "-id")


def retention_runs() -> QuerySet[RetentionRun]:
    return RetentionRun.objects.order_by("-ran_at", "-id")


def personal_data_accesses() -> QuerySet[AuditEntry]:
    """Administrators viewing or downloading people's personal data, newest first."""
    return AuditEntry.objects.filter(
        action__in=[PERSONAL_DATA_VIEWED, PERSONAL_DATA_EXPORTED]).select_related(
        "actor").order_by("-at", "-id")


def personal_data_held(settings_row: PrivacySettings | None = None
                       ) -> list[tuple[PersonalDataSource, int | None]]:
    """Every kind of personal data registered, app by app, with the days the city keeps it
    when a retention setting governs it."""
    settings_row = settings_row or privacy_settings()
    return [(source, getattr(settings_row, source.retention_setting)
             if source.retention_setting else None)
            for source in sorted(personal_data_sources(), key=lambda source: source.key)]
