"""`migrate_schemas` for many cities: skip the up-to-date ones, migrate the rest in parallel.

A no-op `migrate` still costs a fraction of a second per schema (loading the migration
graph, checking the recorder table, emitting post_migrate), which across a thousand cities
adds up to minutes. Before spawning any work this executor compares every city schema's
`django_migrations` with the migration graph in one query per 500 schemas, and migrates
only the schemas that miss something; those run in a pool of forked worker processes
(`TENANT_MIGRATION_PARALLEL`, or `--parallel`), with a progress bar when there are many.

Selected by `GET_EXECUTOR_FUNCTION = "tenants.migration_executor.get_executor"`; the
standard django-tenants executors stay available with `--executor standard|multiprocessing`.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
import traceback
from collections.abc import Iterable, Sequence
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connections
from django.db.migrations.loader import MigrationLoader
from django_tenants.migration_executors import get_executor as tenants_get_executor
from django_tenants.migration_executors.base import MigrationExecutor, run_migrations

# Schemas compared per query; keeps the generated UNION ALL at a sane size.
SCHEMAS_PER_QUERY = 500


def expected_migrations() -> set[tuple[str, str]]:
    """Every migration of the graph, as `(app, name)`: what an up-to-date schema records.

    Django records every migration in every schema, also those whose operations the
    tenant router skips there, so a tenant schema's table holds the whole graph."""
    return set(MigrationLoader(None, ignore_no_migrations=True).graph.nodes)


def schemas_needing_migrations(schema_names: Iterable[str], *, using: str = "default",
                               expected: set[tuple[str, str]] | None = None) -> list[str]:
    """The schemas, in the given order, whose `django_migrations` lacks part of the graph.

    A schema with no recorder table at all needs migrating. A squashed migration counts as
    missing until its own row is recorded (migrate records it): when in doubt, migrate."""
    names = list(dict.fromkeys(schema_names))
    if not names:
        return []
    expected = expected_migrations() if expected is None else expected
    keys = sorted(f"{app}.{name}" for app, name in expected)
    connection = connections[using]
    quote = connection.ops.quote_name
    up_to_date: set[str] = set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.nspname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE c.relname = 'django_migrations' AND c.relkind IN ('r', 'p') "
            "AND n.nspname = ANY(%s)",
            [names],
        )
        recorded = sorted(row[0] for row in cursor.fetchall())
        for start in range(0, len(recorded), SCHEMAS_PER_QUERY):
            chunk = recorded[start:start + SCHEMAS_PER_QUERY]
            union = " UNION ALL ".join(
                f"SELECT %s AS schema_name, app, name FROM {quote(schema)}.django_migrations"  # noqa: S608
                for schema in chunk
            )
            cursor.execute(
                f"SELECT schema_name FROM ({union}) AS recorded "  # noqa: S608 (quoted names)
                "WHERE app || '.' || name = ANY(%s) GROUP BY schema_name "
                "HAVING count(DISTINCT (app, name)) = %s",
                [*chunk, keys, len(keys)],
            )
            up_to_date.update(row[0] for row in cursor.fetchall())
    return [name for name in names if name not in up_to_date]


class ProgressBar:
    """A one-line progress bar on stderr (a line per 10 % when stderr is not a terminal)."""

    def __init__(self, total: int, *, label: str = "cities", stream=None, width: int = 30):
        self.total, self.label, self.width = total, label, width
        self.stream = stream or sys.stderr
        self.done = 0
        self.started = time.perf_counter()
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self._last_decile = -1

    def advance(self, count: int = 1) -> None:
        self.done += count
        fraction = self.done / self.total if self.total else 1.0
        elapsed = time.perf_counter() - self.started
        filled = int(self.width * fraction)
        line = (f"[{'#' * filled}{'.' * (self.width - filled)}] {self.done}/{self.total} "
                f"{self.label} ({fraction:.0%}, {elapsed:.1f}s)")
        if self.tty:
            self.stream.write("\r" + line + ("\n" if self.done >= self.total else ""))
            self.stream.flush()
        elif int(fraction * 10) != self._last_decile:
            self._last_decile = int(fraction * 10)
            self.stream.write(line + "\n")
            self.stream.flush()


def _child_init() -> None:
    # The parent closed its connections before forking; start from clean handles anyway.
    for conn in connections.all(initialized_only=True):
        conn.connection = None


def _migrate_one(args: Sequence, options: dict, codename: str, schema_name: str
                 ) -> tuple[str, str | None]:
    try:
        run_migrations(args, options, codename, schema_name, allow_atomic=False)
    except BaseException:  # reported by the parent, which stops the run
        return schema_name, traceback.format_exc()
    finally:
        connections.close_all()
    return schema_name, None


class ParallelSkippingExecutor(MigrationExecutor):
    """Migrate the public schema in-process, then only the cities that need it, in parallel."""

    codename = "parallel"

    def _can_skip(self) -> bool:
        """Whether "nothing recorded is missing" means "nothing to do" for these options."""
        if not getattr(settings, "TENANT_MIGRATION_SKIP_UP_TO_DATE", True):
            return False
        return not (self.options.get("app_label") or self.options.get("migration_name")
                    or self.options.get("prune") or self.options.get("run_syncdb"))

    def _workers(self, pending: int) -> int:
        wanted = self.options.get("parallel") or getattr(
            settings, "TENANT_MIGRATION_PARALLEL", min(4, os.cpu_count() or 1))
        return max(1, min(int(wanted), pending))

    def _say(self, message: str) -> None:
        if int(self.options.get("verbosity", 1)) >= 1:
            sys.stdout.write(message + "\n")
            sys.stdout.flush()

    def run_migrations(self, tenants=None) -> None:
        tenants = list(tenants or [])
        if self.PUBLIC_SCHEMA_NAME in tenants:
            run_migrations(self.args, self.options, self.codename, self.PUBLIC_SCHEMA_NAME)
            tenants.remove(self.PUBLIC_SCHEMA_NAME)
        if not tenants:
            return
        started = time.perf_counter()
        pending = (schemas_needing_migrations(tenants, using=self.TENANT_DB_ALIAS)
                   if self._can_skip() else tenants)
        skipped = len(tenants) - len(pending)
        if pending:
            self._run(pending)
        if len(tenants) > 1 or skipped:
            self._say(f"{len(pending)} schema(s) migrated, {skipped} already up to date, "
                      f"in {time.perf_counter() - started:.1f}s.")

    def _run(self, schemas: list[str]) -> None:
        connection = connections[self.TENANT_DB_ALIAS]
        verbosity = int(self.options.get("verbosity", 1))
        workers = self._workers(len(schemas))
        show_progress = len(schemas) > 1 and verbosity == 1
        child_options = {**self.options, "verbosity": 0} if show_progress else self.options
        progress = ProgressBar(len(schemas)) if show_progress else None
        if workers == 1 or connection.in_atomic_block:
            # Inside a transaction (a city being created) forked workers could not see the
            # caller's uncommitted rows, so work in-process.
            for index, schema in enumerate(schemas):
                run_migrations(self.args, child_options, self.codename, schema,
                               idx=index, count=len(schemas))
                if progress:
                    progress.advance()
            return
        connections.close_all()  # never share a socket with the forked workers
        failures: list[tuple[str, str]] = []
        context = multiprocessing.get_context("fork")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=_child_init) as pool:
            futures = {pool.submit(_migrate_one, self.args, child_options, self.codename, s)
                       for s in schemas}
            while futures:
                done, futures = wait(futures, return_when=FIRST_COMPLETED, timeout=0.5)
                for future in done:
                    schema, error = future.result()
                    if error:
                        failures.append((schema, error))
                    if progress:
                        progress.advance()
                if failures:
                    for future in futures:  # stop scheduling; in-flight ones finish
                        future.cancel()
                    break
        if failures:
            schema, error = failures[0]
            raise CommandError(
                f"Migrating {len(failures)} schema(s) failed; the first, {schema}:\n{error}"
            )

    def run_multi_type_migrations(self, tenants) -> None:
        tenants_get_executor("standard")(self.args, self.options).run_multi_type_migrations(
            tenants)


def get_executor(codename: str | None = None) -> type[MigrationExecutor]:
    """GET_EXECUTOR_FUNCTION: ours by default, django-tenants' ones by their codename."""
    codename = codename or os.environ.get("EXECUTOR") or ParallelSkippingExecutor.codename
    if codename == ParallelSkippingExecutor.codename:
        return ParallelSkippingExecutor
    return tenants_get_executor(codename)
