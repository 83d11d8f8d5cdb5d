"""Create N synthetic cities for benchmarks and tests, cloned from the template schema.

The fast path replays the template's DDL, dumped once with pg_dump, into each new schema
and copies the template's few rows (migration history, content types, permissions): about
a third of the cost of django-tenants' clone_schema(), and it runs in parallel (clone_schema
re-creates its SQL function in every call, which serialises concurrent clones). Without a
pg_dump next to the server (or with --through-provisioning) each city goes through
tenants.services.city_create instead.
"""

import multiprocessing
import shutil
import subprocess
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, transaction

from tenants.migration_executor import ProgressBar, schemas_needing_migrations

BATCH = 20


def synthetic_slug(prefix: str, number: int) -> str:
    return f"{prefix}-{number:05d}"


def _pg_dump() -> str | None:
    try:
        import pgserver

        bundled = Path(pgserver.__file__).parent / "pginstall" / "bin" / "pg_dump"
        if bundled.exists():
            return str(bundled)
    except ImportError:
        pass
    return shutil.which("pg_dump")


def template_blueprint() -> dict | None:
    """The template's DDL (schema name as a placeholder) and its tables that hold rows."""
    pg_dump = _pg_dump()
    db = connection.settings_dict
    if not pg_dump:
        return None
    template = settings.TENANT_BASE_SCHEMA
    command = [pg_dump, "--schema-only", "--no-owner", "--no-privileges", "-n", template,
               "-d", db["NAME"], "-U", db["USER"] or "postgres"]
    if db["HOST"]:
        command += ["-h", db["HOST"]]
    if db["PORT"]:
        command += ["-p", str(db["PORT"])]
    env = {"PGPASSWORD": db["PASSWORD"]} if db["PASSWORD"] else None
    result = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    if result.returncode != 0:
        return None
    lines = [line for line in result.stdout.splitlines()
             if not line.startswith(("SET ", "SELECT pg_catalog.set_config", "\\"))]
    ddl = "\n".join(lines)
    if f"CREATE SCHEMA {template};" not in ddl:
        return None
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.relname, EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid "
            "AND a.attname = 'id' AND NOT a.attisdropped) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relkind = 'r'", [template])
        tables = cursor.fetchall()
        with_rows = []
        for table, has_id in tables:
            cursor.execute(f"SELECT EXISTS (SELECT 1 FROM {quote(template)}.{quote(table)})")  # noqa: S608
            if cursor.fetchone()[0]:
                with_rows.append((table, has_id))
    return {"ddl": ddl, "template": template, "with_rows": with_rows}


def _replay(blueprint: dict, schema: str) -> None:
    quote = connection.ops.quote_name
    template = blueprint["template"]
    with connection.cursor() as cursor:
        cursor.execute(blueprint["ddl"].replace(f"{template}.", f"{schema}.")
                       .replace(f"SCHEMA {template};", f"SCHEMA {schema};"))
        for table, has_id in blueprint["with_rows"]:
            source, target = f"{quote(template)}.{quote(table)}", f"{quote(schema)}.{quote(table)}"
            cursor.execute(f"INSERT INTO {target} SELECT * FROM {source}")  # noqa: S608
            if has_id:
                next_id = f"(SELECT coalesce(max(id), 0) + 1 FROM {target})"  # noqa: S608
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence(%s, 'id'), {next_id}, false)",
                    [target])


def create_synthetic_city(prefix: str, number: int, blueprint: dict | None) -> str:
    from tenants.models import City, Domain
    from tenants.services import city_create

    slug = synthetic_slug(prefix, number)
    fields = {"name": f"Synthetic city {number:05d}", "slug": slug, "country": "BE",
              "default_language": "en", "enabled_languages": ["en"]}
    if blueprint is None:
        return city_create(**fields).schema_name
    connection.set_schema_to_public()
    with transaction.atomic():
        city = City(**fields, schema_name=slug.replace("-", "_"), status=City.Status.ACTIVE)
        city.full_clean(exclude=["timezone"])
        _replay(blueprint, city.schema_name)
        # bulk_create: never the model's save(), whatever it does about schemas.
        City.objects.bulk_create([city])
        Domain.objects.bulk_create([Domain(domain=f"{slug}.{settings.BASE_DOMAIN}",
                                           tenant=city, is_primary=True)])
    return city.schema_name


def _create_batch(prefix: str, numbers: list[int], blueprint: dict | None) -> int:
    try:
        for number in numbers:
            create_synthetic_city(prefix, number, blueprint)
    finally:
        connections.close_all()
    return len(numbers)


class Command(BaseCommand):
    help = ("Create N synthetic cities (slugs <prefix>-00001…) cloned from the template "
            "schema, for benchmarks and tests. Never on a production database.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("count", type=int)
        parser.add_argument("--prefix", default="synthetic")
        parser.add_argument("--parallel", type=int, default=1,
                            help="Worker processes creating cities at once (default 1).")
        parser.add_argument("--through-provisioning", action="store_true",
                            help="Create each city with tenants.services.city_create.")

    def handle(self, *args, count: int, prefix: str, parallel: int, **options) -> None:
        from tenants.models import City
        from tenants.services import template_schema_migrate

        if count < 1:
            raise CommandError("Give a number of cities of at least 1.")
        connection.set_schema_to_public()
        if schemas_needing_migrations([settings.TENANT_BASE_SCHEMA]):
            template_schema_migrate()
        blueprint = None if options["through_provisioning"] else template_blueprint()
        if blueprint is None:
            parallel = 1  # city_create clones one at a time
        taken = set(City.objects.filter(slug__startswith=f"{prefix}-")
                    .values_list("slug", flat=True))
        numbers, number = [], 0
        while len(numbers) < count:
            number += 1
            if synthetic_slug(prefix, number) not in taken:
                numbers.append(number)
        started = time.perf_counter()
        progress = ProgressBar(count) if options["verbosity"] >= 1 and count > 1 else None
        batches = [numbers[i:i + BATCH] for i in range(0, len(numbers), BATCH)]
        if parallel <= 1:
            for batch in batches:
                _create_batch(prefix, batch, blueprint)
                if progress:
                    progress.advance(len(batch))
        else:
            connections.close_all()
            context = multiprocessing.get_context("fork")
            with ProcessPoolExecutor(max_workers=parallel, mp_context=context) as pool:
                for made in pool.map(_create_batch, [prefix] * len(batches), batches,
                                     [blueprint] * len(batches)):
                    if progress:
                        progress.advance(made)
        elapsed = time.perf_counter() - started
        how = "replaying the template's DDL" if blueprint else "through city_create"
        self.stdout.write(f"Created {count} synthetic cities {how} in {elapsed:.1f}s "
                          f"({elapsed / count * 1000:.0f} ms per city).")
