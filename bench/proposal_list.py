"""Benchmark: the proposal list page and API at 10,000 proposals versus 100.

Run: .venv/bin/python bench/proposal_list.py
Prints the median time of each at both sizes and the ratio; the list is paginated and
its query count does not grow with the rows, so the ratio should stay close to 1.
"""

from _setup import BenchCity, BenchDatabase, median_seconds, print_ratios


def main() -> None:
    from datetime import timedelta

    from django.test import Client
    from django_tenants.utils import tenant_context

    from tenant_apps.proposals.models import Proposal, Status, Support

    with BenchDatabase():
        bench = BenchCity()
        city, admin, viewer, call, token, now = (bench.city, bench.admin, bench.viewer,
                                                 bench.call, bench.token, bench.now)
        with tenant_context(city):
            page = Client(HTTP_HOST="bench.localhost")
            page.force_login(viewer)
        api = Client(HTTP_HOST="bench.localhost", HTTP_AUTHORIZATION=f"Token {token}")

        def grow_to(total: int) -> None:
            with tenant_context(city):
                have = Proposal.objects.count()
                batch = [Proposal(call=call, author=admin, title=f"Proposal {i}",
                                  problem="Paper forms take days.", solution="Digital forms.",
                                  status=Status.SUBMITTED, submitted_at=now - i * timedelta(
                                      minutes=1)) for i in range(have, total)]
                created = Proposal.objects.bulk_create(batch, batch_size=2000)
                Support.objects.bulk_create([Support(proposal=p, user=viewer)
                                             for p in created[::3]], batch_size=2000)
            with tenant_context(city):
                from django.db import connection
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")

        def measure() -> tuple[float, float]:
            def get_page():
                assert page.get("/proposals/").status_code == 200

            def get_api():
                assert api.get("/api/v1/proposals/").status_code == 200

            return median_seconds(get_page), median_seconds(get_api)

        grow_to(100)
        small = measure()
        grow_to(10_000)
        large = measure()

    print_ratios("proposal list, median of 15 requests", "100 rows", "10,000 rows",
                 [("web page", small[0], large[0]), ("API", small[1], large[1])])


if __name__ == "__main__":
    main()
