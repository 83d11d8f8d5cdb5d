"""Benchmark: a no-op `migrate_schemas` over 1,000 cities (target: at most 30 s).

Run: .venv/bin/python bench/migrate_noop.py [--cities 1000] [--parallel 2]
Creates the cities (create_synthetic_cities, a clone of the template each) in a throwaway
database, then times a no-op migrate of every city with the skipping parallel executor
(tenants.migration_executor) and `migrate_network` as the deploy hook runs it. For
comparison it times django-tenants' standard executor on a few cities, extrapolated to all
of them. The three take turns round by round, so a change of machine load lands on all.
"""

import argparse
import io
import os
import time

os.environ.setdefault("TEST_DATABASE_NAME", "innovato_bench_migrate")

from _compare import Spread, alternate, verdict
from _setup import BenchDatabase

TARGET_SECONDS = 30.0


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cities", type=int, default=1000)
    parser.add_argument("--parallel", type=int, default=2)
    parser.add_argument("--sample", type=int, default=3,
                        help="cities migrated with the standard executor in each round")
    parser.add_argument("--rounds", type=int, default=5)
    options = parser.parse_args()

    from django.core.management import call_command

    from tenants.models import City

    with BenchDatabase():
        started = time.perf_counter()
        call_command("create_synthetic_cities", options.cities, parallel=options.parallel,
                     verbosity=1, stdout=io.StringIO())
        created = time.perf_counter() - started
        schemas = list(City.objects.values_list("schema_name", flat=True))
        sample = iter(schemas * 2)

        def skipping() -> None:
            call_command("migrate_schemas", tenant=True, interactive=False, verbosity=0)

        def network() -> None:
            call_command("migrate_network", verbosity=0)

        def standard() -> None:  # a few cities, new ones each round
            for _ in range(options.sample):
                call_command("migrate_schemas", schema_name=next(sample), executor="standard",
                             interactive=False, verbosity=0)

        rounds = alternate({"skipping": skipping, "network": network, "standard": standard},
                           rounds=options.rounds, per_round=1, warmup=1)

    count = len(schemas)
    skip, net = Spread.of(rounds["skipping"]), Spread.of(rounds["network"])
    per_city = Spread.of(t / options.sample for t in rounds["standard"])
    speedup = Spread.of(s / options.sample * count / k
                        for s, k in zip(rounds["standard"], rounds["skipping"], strict=True))
    print(f"no-op migrate over {count:,} cities (made in {created:.0f}s, "
          f"{created / count * 1000:.0f} ms per city); {options.rounds} alternated rounds")
    print(f"{'skipping executor (migrate_schemas)':38}{skip.median:>8.2f} s  "
          f"(IQR {skip.low:.2f}–{skip.high:.2f})")
    print(f"{'migrate_network (hub+template+all)':38}{net.median:>8.2f} s  "
          f"(IQR {net.low:.2f}–{net.high:.2f})")
    print(f"{'standard executor, per city':38}{per_city.median * 1000:>8.0f} ms "
          f"(IQR {per_city.low * 1000:.0f}–{per_city.high * 1000:.0f}), {options.sample} "
          f"cities a round; for all: {per_city.median * count:.0f} s")
    print(f"standard (extrapolated) / skipping, per round: {speedup.ratio()}")
    verdict("migrate_network over all cities", net.median, TARGET_SECONDS, unit=" s")


if __name__ == "__main__":
    main()
