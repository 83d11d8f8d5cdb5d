from typing import Any

from django.db import models

from shared_apps.accounts.models import User
from tenant_apps.audit.models import AuditEntry


def audit_record(
    *,
    actor: User | None,
    action: str,
    target: models.Model,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Record a state change; `actor` is None for scheduled jobs."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.pk else None,
        action=action,
        target_type=target._meta.label_lower,
        target_id=target.pk,
        target_repr=str(target)[:255],
        before=before,
        after=after,
    )


# --- Personal data ---------------------------------------------------------------------------

SIGN_IN = "sign_in.succeeded"
# Actions recording that an administrator saw or downloaded people's personal data; the
# data protection officer's page lists them.
PERSONAL_DATA_VIEWED = "personal_data.viewed"
PERSONAL_DATA_EXPORTED = "personal_data.exported"
_ACCESS_REPEAT_SECONDS = 600


def personal_data_access_record(*, by: User, what: str, target: models.Model | None = None,
                                exported: bool = False) -> AuditEntry | None:
    """Record that `by` viewed (or, with `exported`, downloaded) personal data: `what` says
    which page or file (a path, such as "/accounts/users/12/"). A page viewed again by the
    same person within ten minutes is recorded once; every download is recorded. Without
    `target` (a list of people), the page alone is recorded."""
    from django.core.cache import cache

    if not (by and by.is_authenticated):
        return None
    action = PERSONAL_DATA_EXPORTED if exported else PERSONAL_DATA_VIEWED
    if not exported and not cache.add(f"personal-data-seen:{by.pk}:{what}", True,
                                      _ACCESS_REPEAT_SECONDS):
        return None
    if target is None or target.pk is None:  # a list of people, not one object
        return AuditEntry.objects.create(actor=by, action=action, target_type="", target_id=0,
                                         target_repr="", after={"what": what[:300]})
    return audit_record(actor=by, action=action, target=target, after={"what": what[:300]})


def sign_in_record(*, user: User, address: str, agent: str) -> AuditEntry:
    """A successful sign-in, kept as the person's sign-in history (for the city's
    sign-in retention period)."""
    return audit_record(actor=user, action=SIGN_IN, target=user,
                        after={"address": address[:64], "browser": agent[:200]})
