"""Benchmark: provisioning a city versus creating it by running every migration.

Run: .venv/bin/python bench/provisioning.py
Provisioning is the real path partner admins use (tenants.services.city_onboard, then
provisioning_run: schema, domains, first admin's invitation, billing step, open). Three ways
take turns round by round: with a spare schema in the pool (refilled between runs, outside
the timing), with the pool empty (a clone of the template on the spot), and migrate-based
creation (CREATE SCHEMA plus every migration, what a tenant costs without a template).
Then three cities are onboarded in a row through the onboarding's own dispatch
(tasks.provisioning_start), starting from an empty pool: each must take a spare.
Targets: median provisioning ≤ 1 s, ≥ 20× faster than migrate-based creation, and every
city of the run onboarded from a spare.
"""

import os
import statistics

os.environ.setdefault("TEST_DATABASE_NAME", "innovato_bench_provisioning")

from _compare import Spread, alternate, verdict
from _setup import BenchDatabase

ROUNDS = 5
IN_A_ROW = 3


def main() -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tenants import tasks
    from tenants.pool import pool_fill, pool_schemas
    from tenants.services import city_onboard, provisioning_run

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    counter = iter(range(10_000))

    def onboard():
        number = next(counter)
        return city_onboard(name=f"Bench {number}", slug=f"bench-{number}", country="BE",
                            default_language="en", enabled_languages=["en", "fr"],
                            extra_domains=[f"innovation.bench-{number}.example"],
                            admin_email=f"admin{number}@bench.example")

    def provision() -> None:
        provisioning_run(job=onboard())

    def migrate_based() -> None:
        name = f"migrated_{next(counter)}"
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{name}"')
        call_command("migrate_schemas", tenant=True, schema_name=name, interactive=False,
                     verbosity=0)
        connection.set_schema_to_public()

    def pool_empty() -> None:
        connection.set_schema_to_public()
        with connection.cursor() as cursor:
            for name in pool_schemas():
                cursor.execute(f'DROP SCHEMA "{name}" CASCADE')

    def prepare(side: str) -> None:  # outside the timing
        if side == "warm pool":
            pool_fill(size=1)
        elif side == "empty pool":
            pool_empty()

    with BenchDatabase():
        settings.CITY_SCHEMA_POOL_SIZE = 1
        rounds = alternate({"warm pool": provision, "empty pool": provision,
                            "migrate-based": migrate_based},
                           rounds=ROUNDS, per_round=1, warmup=1, between=prepare)
        # Onboarding several cities in a row, from an empty pool, as partner admins do.
        pool_empty()
        from_spare = 0
        for _ in range(IN_A_ROW):
            job = onboard()
            with CaptureQueriesContext(connection) as queries:
                tasks.provisioning_start(job.pk)
            from_spare += any(q["sql"].startswith("ALTER SCHEMA")
                              and f'RENAME TO "{job.city.schema_name}"' in q["sql"]
                              for q in queries.captured_queries)

    warm, cold, migrated = (Spread.of(rounds[k])
                            for k in ("warm pool", "empty pool", "migrate-based"))
    speedup = Spread.of(m / w for m, w in zip(rounds["migrate-based"], rounds["warm pool"],
                                              strict=True))
    print(f"city provisioning: {ROUNDS} alternated rounds")
    print(f"{'provisioning (spare schema from the pool)':46}{warm.ms()}")
    print(f"{'provisioning (empty pool: clone on the spot)':46}{cold.ms()}")
    print(f"{'migrate-based creation (every migration)':46}{migrated.ms()}")
    print(f"migrate-based / provisioning, per round: {speedup.ratio()} "
          f"(with an empty pool: {statistics.median(rounds['migrate-based']) / cold.median:.1f}×)")
    print(f"{IN_A_ROW} cities onboarded in a row from an empty pool: {from_spare} took a spare")
    verdict("provisioning from the pool", warm.median, 1.0, unit=" s")
    verdict("migrate-based / provisioning", speedup.median, 20, at_most=False, unit="×")
    verdict("cities onboarded in a row that found a spare", from_spare, IN_A_ROW, at_most=False)


if __name__ == "__main__":
    main()
