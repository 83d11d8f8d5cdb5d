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
