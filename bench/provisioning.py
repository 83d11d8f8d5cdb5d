"""Benchmark: provisioning a city versus creating it by running every migration.

Run: .venv/bin/python bench/provisioning.py
Provisioning is the real path partner admins use (tenants.services.city_onboard, then
provisioning_run: schema, domains, first admin's invitation, billing step, open), with the
pool of spare schemas warm, as the background refill keeps it; the pool is refilled between
runs, outside the timing. For comparison, in the same run: the same path with an empty pool
(a clone of the template on the spot), and migrate-based creation (CREATE SCHEMA plus every
migration, what creating a tenant costs without a template). Targets: median provisioning
<= 1 s and >= 20x faster than migrate-based creation.
"""

import statistics
import time

from _setup import BenchDatabase

RUNS = 7


def main() -> None:
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from tenants.pool import pool_fill
    from tenants.services import city_onboard, provisioning_run

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    counter = iter(range(10_000))

    def provision() -> float:
        number = next(counter)
        start = time.perf_counter()
        job = city_onboard(name=f"Bench {number}", slug=f"bench-{number}", country="BE",
                           default_language="en", enabled_languages=["en", "fr"],
                           extra_domains=[f"innovation.bench-{number}.example"],
                           admin_email=f"admin{number}@bench.example")
        provisioning_run(job=job)
        return time.perf_counter() - start

    def migrate_based() -> float:
        name = f"migrated_{next(counter)}"
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{name}"')
        call_command("migrate_schemas", tenant=True, schema_name=name, interactive=False,
                     verbosity=0)
        connection.set_schema_to_public()
        return time.perf_counter() - start

    with BenchDatabase():
        settings.CITY_SCHEMA_POOL_SIZE = 1
        provision()  # warm-up: imports, first clone_schema() function
        warm, cold, migrated = [], [], []
        for _ in range(RUNS):
            pool_fill(size=1)
            warm.append(provision())
            cold.append(provision())  # the pool is empty now: clone on the spot
            migrated.append(migrate_based())

    w, c, m = (statistics.median(x) for x in (warm, cold, migrated))
    print(f"city provisioning, median of {RUNS} runs each")
    print(f"{'provisioning (spare schema from the pool)':46}{w * 1000:>9.0f} ms")
    print(f"{'provisioning (empty pool: clone on the spot)':46}{c * 1000:>9.0f} ms")
    print(f"{'migrate-based creation (every migration)':46}{m * 1000:>9.0f} ms")
    print(f"ratio migrate-based / provisioning: {m / w:.1f}x "
          f"(with an empty pool: {m / c:.1f}x)")
    print(f"targets: <= 1000 ms -> {'met' if w <= 1 else 'MISSED'}, "
          f">= 20x -> {'met' if m / w >= 20 else 'MISSED'}")


if __name__ == "__main__":
    main()
