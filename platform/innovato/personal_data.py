"""The registry of personal data: what each app keeps about a person, why, and how that
person's copy and erasure reach it.

Apps of every layer register a `PersonalDataSource` from their AppConfig.ready with
`personal_data_source_add`; the privacy app (tenant_apps.privacy, installed in the hub's
schema and in every city's) reads the registry to build a person's download, to erase a
person, and to write the data protection officer's page, each time for the people of the
schema it runs in: a source says `where` its data lives (a city's schema, the hub's, both).
This module imports no app, so the lowest layer (accounts, audit) can register here as well
as the city apps, the voting app's ballots, the hub's own data on its staff
(shared_apps.hub) and the hub's copies of city people's names (shared_apps.hub.boundary).

An export function returns plain JSON-able data (lists of dicts) of `user` alone, run inside
the person's schema (their city's, or the hub's for network staff); an erase function
removes or replaces what identifies `user` and returns how many rows it changed. `Erasure`
carries what the erase functions need: the person, the pseudonym to put in place of their
name ("Former employee 3"), and the identifiers (name, e-mail, username) as they were
before, to scrub copies of them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Erasure:
    user: Any  # accounts.User, still holding its old values until accounts' own erase runs
    pseudonym: str  # "Former employee 3" ("Former staff member 3" on the hub)
    number: int  # the 3 of the pseudonym, stable per schema
    identifiers: tuple[str, ...]  # full name, e-mail, username as they were (non-empty)


@dataclass(frozen=True)
class PersonalDataSource:
    """One kind of personal data an app keeps.

    key: unique and stable, such as "proposals.comments" (the section's name in the JSON).
    label, purpose, retention: lazy translated texts for the data protection officer's page;
    retention names a retention setting (`retention_setting`, a field of the city's privacy
    settings) when the city chooses it, or says in words how long it is kept.
    export(user) -> list | dict: the person's own rows, plain data.
    erase(erasure) -> int: rows changed; None when the data is kept as it is (its link to the
    person goes with their name, e.g. supports and votes that only count).
    expire(before) -> int: rows older than `before` deleted, by the retention job.
    order: erase functions run by increasing order; accounts' own (the user row) runs last.
    where: whose data it is: CITY (the people of a city's schema), HUB (network staff, in
    the public schema) or BOTH (what accounts, the audit trail and privacy keep anywhere).
    """

    key: str
    label: Any
    purpose: Any
    retention: Any
    export: Callable[[Any], Any] | None = None
    erase: Callable[[Erasure], int] | None = None
    # Deletes what is older than the given moment; run daily with the city's retention
    # period named by `retention_setting`.
    expire: Callable[[Any], int] | None = None
    retention_setting: str = ""
    order: int = 50
    where: str = "city"
    fields: tuple[str, ...] = field(default_factory=tuple)  # what it holds, for the DPO page


CITY, HUB, BOTH = "city", "hub", "both"
PERSONAL_DATA_SOURCES: dict[str, PersonalDataSource] = {}


def schema_kind() -> str:
    """HUB in the public schema, CITY in a city's: whose people the current schema holds."""
    from django.conf import settings
    from django.db import connection

    return HUB if connection.schema_name == settings.PUBLIC_SCHEMA_NAME else CITY


def personal_data_source_add(source: PersonalDataSource) -> None:
    """Register `source` (from an AppConfig.ready); registering a key again replaces it."""
    PERSONAL_DATA_SOURCES[source.key] = source


def personal_data_sources(where: str | None = None) -> list[PersonalDataSource]:
    """The sources of the people of `where` (CITY or HUB; the current schema's when None),
    in erasure order then by key."""
    where = where or schema_kind()
    return sorted((source for source in PERSONAL_DATA_SOURCES.values()
                   if source.where in (where, BOTH)),
                  key=lambda source: (source.order, source.key))


# --- Scrubbing copies of a name --------------------------------------------------------------

# Tables whose text is no person's: Django's bookkeeping, and the live credentials that an
# erasure deletes anyway.
SCRUB_SKIPPED_TABLES = frozenset({"django_migrations", "django_content_type", "auth_permission",
                                  "django_session", "accounts_usersession"})
_TEXT_TYPES = ("text", "character varying", "json", "jsonb")


def _postgres_pattern(identifier: str) -> str:
    """`identifier` as a case-insensitive PostgreSQL regular expression matching it as a
    whole word (not "ana" inside "banana")."""
    escaped = "".join(ch if ch.isalnum() else "\\" + ch for ch in identifier)
    start = "\\m" if identifier[0].isalnum() else ""
    end = "\\M" if identifier[-1].isalnum() else ""
    return f"{start}{escaped}{end}"


def text_columns_scrub(*, identifiers: tuple[str, ...], replacement: str,
                       tables: dict[str, str] | None = None,
                       skip_tables: frozenset[str] = frozenset()) -> int:
    """Replace every whole-word occurrence of `identifiers` (case-insensitive) in the text,
    varchar and JSON columns of the current schema's tables by `replacement`; returns how
    many cells changed. `tables` limits the sweep to those tables, each with an SQL
    condition on its rows ("" for all rows); `skip_tables` leaves those out. Text longer
    than its column after the replacement is cut to fit."""
    from django.db import connection

    patterns = [_postgres_pattern(value) for value in identifiers if value]
    if not patterns:
        return 0
    pattern = "(" + "|".join(patterns) + ")"
    changed = 0
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name, data_type, character_maximum_length "
            "FROM information_schema.columns c JOIN information_schema.tables t "
            "USING (table_schema, table_name) WHERE table_schema = current_schema() "
            "AND t.table_type = 'BASE TABLE' AND data_type = ANY(%s) "
            "ORDER BY table_name, column_name", [list(_TEXT_TYPES)])
        columns = cursor.fetchall()
        for table, column, data_type, max_length in columns:
            if table in SCRUB_SKIPPED_TABLES or table in skip_tables:
                continue
            if tables is not None and table not in tables:
                continue
            condition = (tables or {}).get(table) or "TRUE"
            value = f'"{column}"::text' if data_type in ("json", "jsonb") else f'"{column}"'
            new = f"regexp_replace({value}, %s, %s, 'gi')"
            if max_length:
                new = f"left({new}, {int(max_length)})"
            if data_type in ("json", "jsonb"):
                new = f"({new})::{data_type}"
            cursor.execute(
                f'UPDATE "{table}" SET "{column}" = {new} '  # noqa: S608 (names from the catalog)
                f"WHERE {value} ~* %s AND ({condition})",
                [pattern, replacement.replace("\\", "\\\\"), pattern])
            changed += cursor.rowcount
    return changed
