"""Writes on personal data: a person's copy of their data, their erasure, and the
retention of what the schema keeps. What each app keeps comes from the registry
(innovato.personal_data), which this module reads and never bypasses.

The same code serves a city's people (city admins answer their requests) and the hub's
staff, coordinators and partner admins, in the public schema (partner admins answer)."""

import io
import json
import logging
import re
import zipfile
from datetime import datetime, timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import Max
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext as gettext_dynamic  # words known elsewhere

from innovato import formatting
from innovato.errors import ActionRefused, NotAllowed
from innovato.personal_data import (
    HUB,
    Erasure,
    personal_data_sources,
    schema_kind,
    text_columns_scrub,
)
from shared_apps.accounts.models import Role, User
from shared_apps.accounts.selectors import user_language
from tenant_apps.audit.services import audit_record
from tenant_apps.privacy.messages import people_tell
from tenant_apps.privacy.models import DataExport, ErasureRequest, PrivacySettings, RetentionRun

logger = logging.getLogger(__name__)
FORMAT = 1
PEOPLE_TABLES = frozenset({"accounts_user", "accounts_invitation"})
RETENTION_FIELDS = ("draft_days", "notification_days", "sign_in_days", "audit_days",
                    "erasure_after_days")


def answering_role() -> str:
    """Who answers people's requests here: city admins in a city, partner admins on the
    hub."""
    return Role.PARTNER_ADMIN if schema_kind() == HUB else Role.CITY_ADMIN


def _require_answering_admin(by: User) -> None:
    if not by.has_role(answering_role()):
        raise NotAllowed(_("Only a partner admin can do this.") if schema_kind() == HUB
                         else _("Only a city admin can do this."))


def _city_name() -> str:
    return getattr(connection.tenant, "name", "") or "Innovato"


# --- Settings --------------------------------------------------------------------------------


@transaction.atomic
def privacy_settings_update(*, by: User, values: dict) -> PrivacySettings:
    """Save the retention periods and, in a city, the automatic erasure delay (the admins
    who answer requests here); `values` holds the fields the form offered."""
    _require_answering_admin(by)
    current = (PrivacySettings.objects.select_for_update().order_by("pk").first()
               or PrivacySettings())
    before = {name: getattr(current, name) for name in RETENTION_FIELDS}
    for name in RETENTION_FIELDS:
        if name in values:
            setattr(current, name, values[name])
    current.full_clean()
    current.save()
    after = {name: getattr(current, name) for name in RETENTION_FIELDS}
    if after != before:
        audit_record(actor=by, action="privacy_settings.changed", target=current,
                     before=before, after=after)
    return current


def _settings_locked() -> PrivacySettings:
    current = PrivacySettings.objects.select_for_update().order_by("pk").first()
    if current is None:
        current = PrivacySettings.objects.create()
    return current


# --- A person's copy of their data -----------------------------------------------------------


def data_export_request(*, user: User) -> DataExport:
    """Ask for a copy of `user`'s data (the caller sends `tasks.data_export_build_later`,
    which builds it in the background and tells them when it is ready). One copy is
    prepared at a time."""
    if not user.is_active:
        raise NotAllowed(_("Only active accounts can ask for a copy of their data."))
    if DataExport.objects.filter(user=user, state=DataExport.State.PENDING).exists():
        raise ActionRefused(_("A copy of your data is already being prepared."),
                            code="export_pending")
    export = DataExport.objects.create(user=user, language=user_language(user))
    audit_record(actor=user, action="personal_data.copy_requested", target=export)
    return export


def _collect(user: User) -> dict:
    sections = {}
    for source in personal_data_sources():
        if source.export is not None:
            sections[source.key] = {"label": str(source.label), "purpose": str(source.purpose),
                                    "data": source.export(user)}
    return sections


_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _label(key: str) -> str:
    """A JSON key as a column heading; in the reader's language when the catalogs know the
    words ("Title", "Status"), else as written."""
    return gettext_dynamic(key.replace("_", " ").capitalize())


def _readable(value: str) -> str:
    """A moment of the JSON (ISO 8601) as the reader writes dates, in the city's zone."""
    if _ISO_MOMENT.match(value):
        try:
            return formatting.datetime(datetime.fromisoformat(value), "medium")
        except ValueError:
            return value
    return value


def _html_of(value) -> str:
    """Plain data as readable HTML: tables for lists of records, definition lists for
    records, text for the rest (all escaped)."""
    if isinstance(value, dict):
        if not value:
            return format_html("<p>{}</p>", _("Nothing."))
        return format_html("<dl>{}</dl>", format_html_join(
            "", "<dt>{}</dt><dd>{}</dd>",
            ((_label(key), _html_of(item)) for key, item in value.items())))
    if isinstance(value, list):
        if not value:
            return format_html("<p>{}</p>", _("Nothing."))
        if all(isinstance(item, dict) for item in value):
            keys = list(dict.fromkeys(key for item in value for key in item))
            head = format_html_join("", "<th scope=\"col\">{}</th>",
                                    ((_label(key),) for key in keys))
            rows = format_html_join("", "<tr>{}</tr>", ((format_html_join(
                "", "<td>{}</td>", ((_html_of(item.get(key)),) for key in keys)),)
                for item in value))
            return format_html("<table><thead><tr>{}</tr></thead><tbody>{}</tbody></table>",
                               head, rows)
        return format_html("<ul>{}</ul>", format_html_join(
            "", "<li>{}</li>", ((_html_of(item),) for item in value)))
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    return format_html("{}", _readable(value) if isinstance(value, str) else value)


def data_export_build(*, export: DataExport) -> DataExport:
    """Write the zip of the person's data (JSON for programs, an HTML page in their
    language for people), keep it PERSONAL_DATA_EXPORT_DAYS and tell them."""
    user = export.user
    now = timezone.now()
    zone = getattr(connection.tenant, "timezone", None) or timezone.get_current_timezone()
    try:
        with (translation.override(export.language or settings.LANGUAGE_CODE),
              timezone.override(zone)):
            sections = _collect(user)
            document = {"format": FORMAT, "city": _city_name(), "generated_at": now,
                        "person": user.username, "sections": sections}
            page = render_to_string("privacy/export.html", {
                "city_name": _city_name(), "person": user, "generated_at": now,
                "language": export.language,
                "sections": [{"label": section["label"], "purpose": section["purpose"],
                              "html": _html_of(section["data"])}
                             for section in sections.values()]})
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("personal-data.json", json.dumps(
                document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2))
            archive.writestr("personal-data.html", page)
    except Exception:
        logger.exception("The copy of personal data %s could not be built", export.pk)
        export.state = DataExport.State.FAILED
        export.save(update_fields=["state"])
        return export
    content = buffer.getvalue()
    export.file.save("personal-data.zip", ContentFile(content), save=False)
    export.size = len(content)
    export.state = DataExport.State.READY
    export.ready_at = now
    export.expires_at = now + timedelta(days=settings.PERSONAL_DATA_EXPORT_DAYS)
    export.save()
    people_tell(recipients=[user],
                params={"event": "copy_ready", "days": settings.PERSONAL_DATA_EXPORT_DAYS},
                url=reverse("privacy:mine"))
    return export


def _file_delete(export: DataExport) -> None:
    if export.file:
        try:
            export.file.delete(save=False)
        except OSError:
            logger.warning("The file of copy %s was already gone", export.pk)


def data_exports_expire(*, now=None) -> int:
    """Delete the files of copies past their expiry; the row stays, marked expired."""
    now = now or timezone.now()
    expired = list(DataExport.objects.filter(state=DataExport.State.READY,
                                             expires_at__lte=now))
    for export in expired:
        _file_delete(export)
        export.file = ""
        export.state = DataExport.State.EXPIRED
        export.save(update_fields=["file", "state"])
    return len(expired)


# --- Erasure ---------------------------------------------------------------------------------


def erasure_request(*, user: User) -> ErasureRequest:
    """`user` asks for their account to be erased; city admins (partner admins on the hub)
    are told. One of them confirms it, or in a city it happens by itself after the city's
    delay when one is set."""
    if not user.is_active:
        raise NotAllowed(_("Only active accounts can ask to be erased."))
    if ErasureRequest.objects.filter(user=user, state=ErasureRequest.State.REQUESTED).exists():
        raise ActionRefused(_("You have already asked for your account to be erased."),
                            code="erasure_pending")
    request = ErasureRequest.objects.create(user=user)
    audit_record(actor=user, action="personal_data.erasure_requested", target=request)
    admins = User.objects.filter(roles__contains=[answering_role()], is_active=True).exclude(
        pk=user.pk)
    people_tell(recipients=admins, params={"event": "erasure_requested"},
                url=reverse("privacy:officer"))
    return request


def _open(request: ErasureRequest) -> ErasureRequest:
    request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != ErasureRequest.State.REQUESTED:
        raise ActionRefused(_("This request has already been dealt with."),
                            code="erasure_closed")
    return request


@transaction.atomic
def erasure_cancel(*, request: ErasureRequest, by: User) -> ErasureRequest:
    """The person withdraws their own request."""
    if request.user_id != by.pk:
        raise NotAllowed(_("Only the person who asked can withdraw the request."))
    request = _open(request)
    request.state = ErasureRequest.State.CANCELLED
    request.decided_at = timezone.now()
    request.save(update_fields=["state", "decided_at"])
    audit_record(actor=by, action="personal_data.erasure_withdrawn", target=request)
    return request


@transaction.atomic
def erasure_refuse(*, request: ErasureRequest, by: User, reason: str) -> ErasureRequest:
    """An admin refuses, with the reason the person reads (e.g. a legal hold)."""
    _require_answering_admin(by)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the request is refused.")},
                              code="required")
    request = _open(request)
    request.state = ErasureRequest.State.REFUSED
    request.refusal_reason = reason[:2000]
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(update_fields=["state", "refusal_reason", "decided_by", "decided_at"])
    audit_record(actor=by, action="personal_data.erasure_refused", target=request)
    people_tell(recipients=[request.user],
                params={"event": "erasure_refused", "reason": request.refusal_reason},
                url=reverse("privacy:mine"))
    return request


def _identifiers(user: User) -> tuple[str, ...]:
    """What names the person, to scrub wherever it was copied. A username that is a plain
    short word ("maria") is replaced only where the platform stored it as the username,
    never inside colleagues' texts."""
    values = [user.get_full_name().strip(), user.email.strip()]
    if not user.username.isalpha() or len(user.username) >= 12:
        values.append(user.username)
    return tuple(dict.fromkeys(value for value in values if len(value) >= 3))


@transaction.atomic
def erasure_confirm(*, request: ErasureRequest, by: User | None) -> ErasureRequest:
    """Carry out an erasure request: `by` a city admin (a partner admin on the hub), not the
    person themselves, or None when the city's delay has passed (the scheduled job).

    Every registered source of the schema's people erases or replaces what identifies the
    person; then each text of the schema naming them (by full name, e-mail or distinctive
    username) gets their pseudonym, "Former employee N" ("Former staff member N" on the
    hub). What must be kept (a city's proposals, scores, decisions, savings; the hub's
    practices, events and records) stays, under the pseudonym. The audit trail records
    the erasure with the pseudonym only. The last active admin is never erased."""
    if by is not None:
        _require_answering_admin(by)
    request = _open(request)
    on_hub = schema_kind() == HUB
    if by is not None and request.user_id == by.pk:
        raise ActionRefused(_("Another partner admin must confirm your own erasure.") if on_hub
                            else _("Another city admin must confirm your own erasure."),
                            code="own_erasure")
    user = User.objects.select_for_update().get(pk=request.user_id)
    role = answering_role()
    # Locked, so that two admins erasing each other at once cannot leave none.
    others = User.objects.select_for_update().filter(roles__contains=[role], is_active=True)
    if user.has_role(role) and not others.exclude(pk=user.pk).exists():
        raise ActionRefused(_("The network must keep at least one active partner admin.")
                            if on_hub else
                            _("The city must keep at least one active city admin."),
                            code="last_admin")
    _settings_locked()  # one erasure at a time takes the next number
    number = (ErasureRequest.objects.aggregate(highest=Max("number"))["highest"] or 0) + 1
    city = connection.tenant
    with translation.override(getattr(city, "default_language", None)
                              or settings.LANGUAGE_CODE):
        pseudonym = (_("Former staff member %(number)d") if on_hub
                     else _("Former employee %(number)d")) % {"number": number}
    identifiers = _identifiers(user)
    erasure = Erasure(user=user, pseudonym=pseudonym, number=number,
                      identifiers=identifiers)
    changed = {}
    for source in personal_data_sources():
        if source.erase is not None:
            changed[source.key] = source.erase(erasure) or 0
    # Other people's accounts are left alone, even a namesake's. On the hub this sweeps the
    # public schema: its practices, events and city records keep their rows, not her name.
    changed["texts"] = text_columns_scrub(identifiers=identifiers, replacement=pseudonym,
                                          skip_tables=PEOPLE_TABLES)
    request.state = ErasureRequest.State.DONE
    request.number = number
    request.decided_by = by
    request.decided_at = timezone.now()
    request.automatic = by is None
    request.save(update_fields=["state", "number", "decided_by", "decided_at", "automatic"])
    audit_record(actor=by, action="personal_data.erased", target=request,
                 after={"pseudonym": pseudonym, "automatic": by is None, "changed": changed})
    return request


def erasures_due_carry_out(*, now=None) -> int:
    """Carry out the requests older than the city's automatic delay, when it set one (the
    hub sets none: a partner admin confirms each)."""
    delay = PrivacySettings.objects.order_by("pk").values_list(
        "erasure_after_days", flat=True).first()
    if not delay:
        return 0
    now = now or timezone.now()
    done = 0
    for request in ErasureRequest.objects.filter(
            state=ErasureRequest.State.REQUESTED,
            requested_at__lte=now - timedelta(days=delay)).order_by("pk"):
        try:
            erasure_confirm(request=request, by=None)
            done += 1
        except ActionRefused:
            logger.info("Erasure request %s waits for an administrator", request.pk)
    return done


# --- Retention -------------------------------------------------------------------------------


@transaction.atomic
def retention_apply(*, now=None, force: bool = False) -> RetentionRun | None:
    """Delete what is older than the schema's retention periods (a city's, or the hub's for
    its staff), once a day (or now, with `force`), and report what was removed (a
    RetentionRun and an audit entry)."""
    now = now or timezone.now()
    current = _settings_locked()
    today = timezone.localdate(now)
    if current.retention_applied_on == today and not force:
        return None
    removed = {}
    for source in personal_data_sources():
        if source.expire is not None and source.retention_setting:
            days = getattr(current, source.retention_setting)
            removed[source.key] = source.expire(now - timedelta(days=days))
    current.retention_applied_on = today
    current.save(update_fields=["retention_applied_on"])
    run = RetentionRun.objects.create(removed=removed)
    audit_record(actor=None, action="retention.applied", target=run, after=removed)
    return run


def privacy_jobs_run() -> None:
    """The scheduled work on personal data: in every city (tenants.scheduling.CITY_JOBS)
    and on the hub (NETWORK_JOBS)."""
    data_exports_expire()
    erasures_due_carry_out()
    retention_apply()
