"""migrate_schemas skips the cities with nothing to apply and migrates the rest in parallel;
create_synthetic_cities makes cities by cloning the template."""

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from tenants.migration_executor import (
    ParallelSkippingExecutor,
    ProgressBar,
    expected_migrations,
    get_executor,
    schemas_needing_migrations,
)
from tenants.models import City


def _forget(schema: str, app: str, name: str | None = None) -> None:
    with connection.cursor() as cursor:
        if name:
            cursor.execute(f'DELETE FROM "{schema}".django_migrations '  # noqa: S608
                           "WHERE app = %s AND name = %s", [app, name])
        else:
            cursor.execute(f'DELETE FROM "{schema}".django_migrations '  # noqa: S608
                           "WHERE app = %s", [app])


def _last_migration(app: str) -> str:
    """Forgetting the latest one keeps the history consistent, whatever the app holds."""
    return max(name for label, name in expected_migrations() if label == app)


def _remove(cities) -> None:
    from tenants.models import Domain

    connection.set_schema_to_public()
    for city in cities:
        Domain.objects.filter(tenant=city).delete()
        city.delete(force_drop=True)


def test_migrate_schemas_uses_the_parallel_skipping_executor():
    assert get_executor() is ParallelSkippingExecutor
    assert get_executor("standard").codename == "standard"


def test_up_to_date_cities_need_nothing(cluj, paris):
    assert schemas_needing_migrations(["cluj", "paris", "city_template"]) == []


def test_a_city_missing_a_migration_or_its_table_needs_migrating(cluj, paris):
    _forget("cluj", "portal")
    with connection.cursor() as cursor:
        cursor.execute("CREATE SCHEMA bare")
    assert schemas_needing_migrations(["paris", "cluj", "bare"]) == ["cluj", "bare"]


def test_noop_migrate_skips_every_city(cluj, paris, capsys):
    call_command("migrate_schemas", tenant=True, interactive=False)
    out = capsys.readouterr().out
    assert "0 schema(s) migrated, " in out
    assert "Starting migration" not in out  # no city was even looked at one by one


def test_only_the_city_that_misses_a_migration_is_migrated(cluj, paris, capsys):
    name = _last_migration("portal")
    _forget("cluj", "portal", name)
    # --fake records it again without running it (its tables are there).
    call_command("migrate_schemas", tenant=True, interactive=False, fake=True)
    out = capsys.readouterr().out
    assert "1 schema(s) migrated" in out
    assert "parallel:cluj]" in out and "parallel:paris]" not in out
    assert schemas_needing_migrations(["cluj", "paris"]) == []


def test_targeted_migrations_are_never_skipped(cluj, capsys):
    call_command("migrate_schemas", "portal", schema_name="cluj", interactive=False)
    out = capsys.readouterr().out
    assert "parallel:cluj] Running migrations" in out and "No migrations to apply" in out


def test_progress_bar_reports_each_tenth_when_not_on_a_terminal():
    stream = io.StringIO()
    bar = ProgressBar(20, stream=stream)
    for _ in range(20):
        bar.advance()
    lines = stream.getvalue().splitlines()
    assert len(lines) == 11  # the first step (5 %), then each 10 % up to 100 %
    assert lines[-1].startswith("[" + "#" * 30 + "] 20/20 cities (100%")


def test_parallel_migration_of_many_cities_and_synthetic_cities(django_db_setup,
                                                                 django_db_blocker, capsys):
    """Committed cities (the worker processes cannot see into a test's transaction)."""
    with django_db_blocker.unblock():
        call_command("create_synthetic_cities", 6, prefix="migr", parallel=2, verbosity=0)
        cities = list(City.objects.filter(slug__startswith="migr-").order_by("slug"))
        try:
            assert [c.slug for c in cities] == [f"migr-{n:05d}" for n in range(1, 7)]
            assert all(c.status == City.Status.ACTIVE for c in cities)
            schemas = [c.schema_name for c in cities]
            assert schemas_needing_migrations(schemas) == []
            capsys.readouterr()

            # Two cities miss a migration: only they are migrated, by worker processes.
            name = _last_migration("portal")
            _forget(schemas[1], "portal", name)
            _forget(schemas[4], "portal", name)
            call_command("migrate_network", parallel=2, verbosity=1)
            # Not faked, so re-running the migration fails on its existing tables; the
            # failure names the city.
        except CommandError as error:
            assert schemas[1] in str(error) or schemas[4] in str(error)
            assert "already exists" in str(error)
        else:
            pytest.fail("re-running a migration over existing tables should have failed")
        try:
            call_command("migrate_schemas", tenant=True, interactive=False, fake=True,
                         parallel=2)
            out = capsys.readouterr().out
            assert "2 schema(s) migrated" in out
            assert schemas_needing_migrations(schemas) == []

            call_command("migrate_network", parallel=2)
            out = capsys.readouterr().out
            assert "0 schema(s) migrated" in out
        finally:
            _remove(cities)


def test_synthetic_cities_answer_on_their_host(django_db_setup, django_db_blocker):
    from django.test import Client

    with django_db_blocker.unblock():
        out = io.StringIO()
        call_command("create_synthetic_cities", 1, prefix="synth", stdout=out, verbosity=0)
        call_command("create_synthetic_cities", 1, prefix="synth", stdout=out, verbosity=0,
                     through_provisioning=True)
        cities = list(City.objects.filter(slug__startswith="synth-"))
        try:
            assert "Created 1 synthetic cities replaying the template's DDL" in out.getvalue()
            assert "Created 1 synthetic cities through city_create" in out.getvalue()
            assert schemas_needing_migrations([c.schema_name for c in cities]) == []
            response = Client().get("/healthz", headers={"host": "synth-00002.localhost"})
            assert response.status_code == 200
            response = Client().get("/", headers={"host": "synth-00001.localhost"})
            assert response.status_code in (200, 302)
        finally:
            _remove(cities)


def test_migrate_schemas_across_fifty_cities_shows_a_progress_bar(django_db_setup,
                                                                   django_db_blocker, capsys):
    """Fifty cities that each miss a migration are migrated in parallel, with progress."""
    with django_db_blocker.unblock():
        call_command("create_synthetic_cities", 50, prefix="fifty", parallel=2, verbosity=0)
        cities = list(City.objects.filter(slug__startswith="fifty-"))
        try:
            assert len(cities) == 50
            name = _last_migration("portal")
            for city in cities:
                _forget(city.schema_name, "portal", name)
            capsys.readouterr()
            call_command("migrate_schemas", tenant=True, interactive=False, fake=True,
                         parallel=2)
            captured = capsys.readouterr()
            assert "] 50/50 cities (100%" in captured.err  # the bar goes to stderr
            assert "50 schema(s) migrated" in captured.out
            assert schemas_needing_migrations([c.schema_name for c in cities]) == []
        finally:
            _remove(cities)
