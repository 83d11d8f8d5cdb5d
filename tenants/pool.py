"""A small pool of spare schemas, each a fresh clone of the migrated city template.

Copying the template's tables, indexes and constraints costs about half a second of
PostgreSQL DDL, whichever way it is done (django-tenants' `clone_schema` or replaying a dump).
Provisioning takes a spare schema and renames it, which costs milliseconds. The pool is
filled by `migrate_network` (so a deploy leaves it full) and topped up in a background job
as soon as an onboarding is accepted, counting the onboardings still waiting for a schema,
then again after each provisioning: several cities onboarded in a row each find a spare.
A spare whose migrations differ from the template's (the template was migrated since) is
never used: it is dropped and cloned again.
"""

import secrets

from django.conf import settings
from django.db import connection, transaction
from django_tenants.clone import CloneSchema
from django_tenants.utils import schema_exists

POOL_PREFIX = "city_pool_"
_TAKE_LOCK = 7_345_112  # pg_advisory_xact_lock key: one taker of a spare at a time


def pool_size() -> int:
    return int(getattr(settings, "CITY_SCHEMA_POOL_SIZE", 2))


def pool_wanted() -> int:
    """Spares to keep: the pool's size, plus one for each accepted onboarding still waiting
    for its schema, so a run of onboardings takes spares cloned ahead of it."""
    from tenants.models import ProvisioningJob

    waiting = (ProvisioningJob.objects
               .filter(state__in=[ProvisioningJob.State.PENDING, ProvisioningJob.State.RUNNING])
               .exclude(steps_done__contains=["schema"]).count())
    return pool_size() + waiting


def _quote(name: str) -> str:
    return connection.ops.quote_name(name)


def _migrations_signature(cursor, schema: str) -> str | None:
    cursor.execute(
        f"SELECT md5(string_agg(app || '.' || name, ',' ORDER BY app, name)) "  # noqa: S608
        f"FROM {_quote(schema)}.django_migrations"
    )
    row = cursor.fetchone()
    return row[0] if row else None


def pool_schemas() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nspname FROM pg_namespace WHERE nspname LIKE %s ORDER BY nspname",
            [POOL_PREFIX.replace("_", r"\_") + "%"],
        )
        return [row[0] for row in cursor.fetchall()]


def schema_clone_template(target: str) -> None:
    """Clone the migrated template into `target` (structure and its few rows, such as the
    migration history and content types), so no migration needs to run for it."""
    CloneSchema().clone_schema(settings.TENANT_BASE_SCHEMA, target, "DATA")


def pool_discard_stale() -> int:
    """Drop spares that do not match the template's migrations; returns how many."""
    dropped = 0
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        if not schema_exists(settings.TENANT_BASE_SCHEMA):
            return 0
        current = _migrations_signature(cursor, settings.TENANT_BASE_SCHEMA)
        for name in pool_schemas():
            if _migrations_signature(cursor, name) != current:
                cursor.execute(f"DROP SCHEMA {_quote(name)} CASCADE")
                dropped += 1
    return dropped


def pool_fill(*, size: int | None = None) -> int:
    """Clone the template until the pool holds `size` spares (by default `pool_wanted()`);
    returns how many were made."""
    connection.set_schema_to_public()
    size = pool_wanted() if size is None else size
    if not schema_exists(settings.TENANT_BASE_SCHEMA):
        return 0
    pool_discard_stale()
    made = 0
    while len(pool_schemas()) < size:
        with transaction.atomic():
            schema_clone_template(f"{POOL_PREFIX}{secrets.token_hex(6)}")
        made += 1
    connection.set_schema_to_public()
    return made


def pool_take(target: str) -> bool:
    """Rename a current spare to `target`. False when none is available.

    Must run inside a transaction: the rename is undone with it if a later statement fails.
    """
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_TAKE_LOCK])
        current = _migrations_signature(cursor, settings.TENANT_BASE_SCHEMA)
        for name in pool_schemas():
            if _migrations_signature(cursor, name) == current:
                cursor.execute(f"ALTER SCHEMA {_quote(name)} RENAME TO {_quote(target)}")
                return True
    return False
