"""Benchmark: the network dashboard at 1,000 cities versus 10 (target: ratio ≤ 1.5).

Run: .venv/bin/python bench/dashboard.py
The hub is one per database, so the two sizes live in two databases: one with 10 cities,
and a copy of it grown to 1,000 (30 days of the statistics read model per city; the
dashboard never opens a city's schema, so the cities are rows only). The coordinator's
page and API requests alternate between the two databases round by round, the connection
switching database between turns (outside the timing).
"""

import os

os.environ.setdefault("TEST_DATABASE_NAME", "innovato_bench_dashboard")

from _compare import alternate, ratio_table
from _setup import BenchDatabase

TARGET = 1.5


def main() -> None:
    from datetime import timedelta
    from decimal import Decimal

    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from shared_apps.accounts.models import Role
    from shared_apps.accounts.services import api_token_issue, user_create
    from shared_apps.hub.boundary import network_statistics_rebuild
    from shared_apps.hub.models import CityStatistics
    from tenants.models import City

    with BenchDatabase():
        coordinator = user_create(username="coordinator", roles=[Role.COORDINATOR])
        token = api_token_issue(user=coordinator)
        api = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Token {token}")
        page = Client(HTTP_HOST="localhost")
        page.force_login(coordinator)
        today = timezone.localdate()

        def grow_to(total: int) -> None:
            have = City.objects.count()
            cities = City.objects.bulk_create(
                City(name=f"City {i:04d}", slug=f"city-{i:04d}", schema_name=f"city_{i:04d}",
                     country="BE", default_language="en", enabled_languages=["en"],
                     currency=("EUR", "RON", "HUF")[i % 3], status="active")
                for i in range(have, total))
            CityStatistics.objects.bulk_create(
                (CityStatistics(city=city, day=today - timedelta(days=d),
                                computed_at=timezone.now(), calls=3, proposals=40 + d,
                                authors=25, employees=400, selected=6, implemented=3,
                                realised_money=Decimal(1000 * (30 - d)), realised_hours=50,
                                currency=city.currency, practices_shared=1,
                                practices_adopted=2, is_latest=d == 0)
                 for city in cities for d in range(30)), batch_size=5000)
            network_statistics_rebuild()
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        small_db = connection.settings_dict["NAME"]
        large_db = f"{small_db}_large"
        grow_to(10)
        # The same hub, users and sessions in a second database, grown to 1,000 cities.
        connection.close()
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{large_db}"')
            cursor.execute(f'CREATE DATABASE "{large_db}" TEMPLATE "{small_db}"')
        databases = {"10 cities": small_db, "1,000 cities": large_db}

        def use(side: str) -> None:
            if connection.settings_dict["NAME"] != databases[side]:
                connection.close()
                connection.settings_dict["NAME"] = databases[side]

        try:
            use("1,000 cities")
            grow_to(1000)

            def get(client, path):
                def request():
                    assert client.get(path).status_code == 200
                return request

            page_rounds = alternate({side: get(page, "/dashboard/") for side in databases},
                                    between=use)
            api_rounds = alternate({side: get(api, "/api/v1/dashboard/") for side in databases},
                                   between=use)
        finally:
            use("10 cities")
            connection.close()
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{large_db}"')

    ratio_table("network dashboard, 10 vs 1,000 cities (30 days of history each): "
                "12 alternated rounds of 7 requests", "10 cities", "1,000 cities",
                [("web page", page_rounds, "1,000 cities", "10 cities"),
                 ("API", api_rounds, "1,000 cities", "10 cities")], TARGET)


if __name__ == "__main__":
    main()
