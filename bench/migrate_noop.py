"""Benchmark: a no-op `migrate_schemas` over 1,000 cities (target: at most 30 s).

Run: .venv/bin/python bench/migrate_noop.py [--cities 1000] [--parallel 2]
Creates the cities (create_synthetic_cities, a clone of the template each) in a throwaway
database, then times a no-op migrate of every city with the skipping parallel executor
(tenants.migration_executor) and `migrate_network` as the deploy hook runs it. For
comparison it times django-tenants' standard executor on a sample of cities, side by side
in the same run, and extrapolates it to all of them.
"""

import argparse
import io
import os
import time

os.environ.setdefault("TEST_DATABASE_NAME", "innovato_bench_migrate")

from _setup import BenchDatabase

TARGET_SECONDS = 30.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cities", type=int, default=1000)
    parser.add_argument("--parallel", type=int, default=2)
    parser.add_argument("--sample", type=int, default=20,
                        help="cities migrated with the standard executor, for comparison")
    options = parser.parse_args()

    from django.core.management import call_command

    from tenants.models import City

    with BenchDatabase():
        started = time.perf_counter()
        call_command("create_synthetic_cities", options.cities, parallel=options.parallel,
                     verbosity=1, stdout=io.StringIO())
        created = time.perf_counter() - started
        schemas = list(City.objects.values_list("schema_name", flat=True))

        started = time.perf_counter()
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=0)
        skipping = time.perf_counter() - started

        started = time.perf_counter()
        call_command("migrate_network", verbosity=0)
        network = time.perf_counter() - started

        sample = schemas[:options.sample]
        started = time.perf_counter()
        for schema in sample:
            call_command("migrate_schemas", schema_name=schema, executor="standard",
                         interactive=False, verbosity=0)
        standard_per_city = (time.perf_counter() - started) / len(sample)

    count = len(schemas)
    standard = standard_per_city * count
    print(f"no-op migrate over {count:,} cities "
          f"(made in {created:.0f}s, {created / count * 1000:.0f} ms per city)")
    print(f"{'':34}{'total':>10}{'per city':>12}")
    print(f"{'skipping executor (migrate_schemas)':34}{skipping:>9.2f}s"
          f"{skipping / count * 1000:>10.2f}ms")
    print(f"{'migrate_network (hub+template+all)':34}{network:>9.2f}s"
          f"{network / count * 1000:>10.2f}ms")
    print(f"{'standard executor (extrapolated)':34}{standard:>9.1f}s"
          f"{standard_per_city * 1000:>10.2f}ms   measured on {len(sample)} cities")
    print(f"standard / skipping: {standard / skipping:.0f}x; "
          f"target <= {TARGET_SECONDS:.0f}s: {'met' if network <= TARGET_SECONDS else 'MISSED'}")


if __name__ == "__main__":
    main()
