"""The personal data of the audit trail (see innovato.personal_data): a person's sign-in
history and what they did. Found at start-up by the privacy app."""

from datetime import datetime

from django.utils.translation import gettext_lazy as _

from innovato.personal_data import BOTH, Erasure, PersonalDataSource, personal_data_source_add
from tenant_apps.audit.models import AuditEntry
from tenant_apps.audit.services import SIGN_IN

_USER = "accounts.user"


def sign_ins_export(user) -> list[dict]:
    return [{"at": entry.at.isoformat(), **(entry.after or {})}
            for entry in AuditEntry.objects.filter(action=SIGN_IN, target_type=_USER,
                                                   target_id=user.pk)]


def sign_ins_erase(erasure: Erasure) -> int:
    deleted, _detail = AuditEntry.objects.filter(
        action=SIGN_IN, target_type=_USER, target_id=erasure.user.pk).delete()
    return deleted


def sign_ins_expire(before: datetime) -> int:
    deleted, _detail = AuditEntry.objects.filter(action__startswith="sign_in.",
                                                 at__lt=before).delete()
    return deleted


def actions_export(user) -> list[dict]:
    return [{"at": entry.at.isoformat(), "action": entry.action,
             "object_type": entry.target_type, "object_id": entry.target_id}
            for entry in AuditEntry.objects.filter(actor=user).exclude(action=SIGN_IN)]


def actions_erase(erasure: Erasure) -> int:
    """Entries about the person's account name them no more (the sweep of the city's texts
    then scrubs names and addresses kept inside other entries)."""
    return AuditEntry.objects.filter(target_type=_USER, target_id=erasure.user.pk).update(
        target_repr=erasure.pseudonym[:255])


def actions_expire(before: datetime) -> int:
    deleted, _detail = AuditEntry.objects.filter(at__lt=before).exclude(
        action__startswith="sign_in.").delete()
    return deleted


personal_data_source_add(PersonalDataSource(
    key="audit.sign_ins", label=_("Sign-in history"),
    purpose=_("To let people and administrators spot sign-ins that were not theirs."),
    retention=_("Deleted after the sign-in retention period."), retention_setting="sign_in_days",
    fields=("time", "network address", "browser"),
    export=sign_ins_export, erase=sign_ins_erase, expire=sign_ins_expire, order=20, where=BOTH))
personal_data_source_add(PersonalDataSource(
    key="audit.actions", label=_("Audit trail"),
    purpose=_("To show who changed what and when, as public administration requires."),
    retention=_("Deleted after the audit retention period."), retention_setting="audit_days",
    fields=("who", "action", "object", "before and after"),
    export=actions_export, erase=actions_erase, expire=actions_expire, order=20, where=BOTH))
