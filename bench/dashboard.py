"""Benchmark: the network dashboard at 1,000 cities versus 10 (target: ratio ≤ 1.5).

Run: .venv/bin/python bench/dashboard.py
The dashboard reads only the hub's statistics read model (30 days of history per city
here); totals are summed in the database and the per-city table is paginated.
"""

from _setup import BenchDatabase, median_seconds, print_ratios


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
            # Rows only: the dashboard never touches a city's schema, so none is created.
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

        def measure() -> tuple[float, float]:
            def get_api():
                assert api.get("/api/v1/dashboard/").status_code == 200

            def get_page():
                assert page.get("/dashboard/").status_code == 200

            return median_seconds(get_page), median_seconds(get_api)

        grow_to(10)
        small = measure()
        grow_to(1000)
        large = measure()

    print_ratios("network dashboard, median of 15 requests (30 days of history per city)",
                 "10 cities", "1,000 cities",
                 [("web page", small[0], large[0]), ("API", small[1], large[1])],
                 target="ratio ≤ 1.5")


if __name__ == "__main__":
    main()
