"""Benchmark: the proposal list page and API at 10,000 proposals versus 100 (target ≤ 1.2).

Run: .venv/bin/python bench/proposal_list.py
Two cities in one database, one with 100 proposals and one with 10,000 (a third of them
supported), their texts of a usual length; the same employee's page and API list are
requested in both, the two cities taking turns round by round. The list is paginated, its
query count does not grow with the rows, and its count reads an index, so the ratio should
stay close to 1.
"""

import os

os.environ.setdefault("TEST_DATABASE_NAME", "innovato_bench_list")

from _compare import alternate, ratio_table
from _setup import MVP_PLAN, PROBLEM, SOLUTION, BenchCity, BenchDatabase

TARGET = 1.2


def main() -> None:
    from datetime import timedelta

    from django.db import connection
    from django.test import Client
    from django_tenants.utils import tenant_context

    from tenant_apps.proposals.models import Proposal, Status, Support

    with BenchDatabase():
        clients = {}
        for slug, total in (("small", 100), ("large", 10_000)):
            bench = BenchCity(slug=slug)
            with tenant_context(bench.city):
                page = Client(HTTP_HOST=f"{slug}.localhost")
                page.force_login(bench.viewer)
                created = Proposal.objects.bulk_create(
                    [Proposal(call=bench.call, author=bench.admin, title=f"Proposal {i}",
                              problem=PROBLEM, solution=SOLUTION, mvp_plan=MVP_PLAN,
                              status=Status.SUBMITTED,
                              submitted_at=bench.now - i * timedelta(minutes=1))
                     for i in range(total)], batch_size=2000)
                Support.objects.bulk_create([Support(proposal=p, user=bench.viewer)
                                             for p in created[::3]], batch_size=2000)
                with connection.cursor() as cursor:
                    # As autovacuum leaves a table some time after rows are added: its
                    # statistics known, and its pages marked all-visible, so an index
                    # holding every column a query needs answers it alone.
                    cursor.execute("VACUUM ANALYZE")
            api = Client(HTTP_HOST=f"{slug}.localhost",
                         HTTP_AUTHORIZATION=f"Token {bench.token}")
            clients[slug] = (page, api)

        def get(client, path):
            def request():
                assert client.get(path).status_code == 200
            return request

        page_rounds = alternate({size: get(clients[size][0], "/proposals/")
                                 for size in ("small", "large")})
        api_rounds = alternate({size: get(clients[size][1], "/api/v1/proposals/")
                                for size in ("small", "large")})

    ratio_table("proposal list, 100 vs 10,000 proposals: 12 alternated rounds of 7 requests",
                "100 rows", "10,000 rows",
                [("web page", page_rounds, "large", "small"),
                 ("API", api_rounds, "large", "small")], TARGET)


if __name__ == "__main__":
    main()
