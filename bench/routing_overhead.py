"""Benchmark: the cost of tenant routing, the same page with routing and with it bypassed.

Run: .venv/bin/python bench/routing_overhead.py
Two WSGI handlers serve a signed-in employee the city's home page and the proposals API:
one with the project's middleware (CityRoutingMiddleware: host → city through the routing
cache, schema switch, URL conf), one with that middleware replaced by a stub that pins the
same city without looking at the host. Requests alternate between the two in rounds, so
both see the same machine state; prints the medians, the per-round overhead with its spread
and the verdict (target: at most 5 %).
"""

import os
import statistics

os.environ.setdefault("TEST_DATABASE_NAME", "innovato_bench_routing")

from _compare import alternate, ratios, verdict
from _setup import BenchCity, BenchDatabase

TARGET = 0.05
ROUNDS = 15
PER_ROUND = 20


class PinnedCityMiddleware:
    """Routing bypassed: always the same city, whatever the host."""

    city = None

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from django.conf import settings
        from django.db import connection
        from django.urls import set_urlconf

        request.tenant = self.city
        connection.set_tenant(self.city)
        request.urlconf = settings.ROOT_URLCONF
        set_urlconf(request.urlconf)
        return self.get_response(request)


def main() -> None:
    from django.conf import settings
    from django.test import Client, override_settings
    from django_tenants.utils import tenant_context

    from tenant_apps.proposals.models import Proposal, Status

    with BenchDatabase():
        bench = BenchCity()
        city, admin, viewer, call, token, now = (bench.city, bench.admin, bench.viewer,
                                                 bench.call, bench.token, bench.now)
        with tenant_context(city):
            Proposal.objects.bulk_create([
                Proposal(call=call, author=admin, title=f"Proposal {i}", problem="p",
                         solution="s", status=Status.SUBMITTED, submitted_at=now)
                for i in range(30)])

        def clients() -> tuple[Client, Client]:
            page = Client(HTTP_HOST="bench.localhost")
            with tenant_context(city):
                page.force_login(viewer)
            api = Client(HTTP_HOST="bench.localhost", HTTP_AUTHORIZATION=f"Token {token}")
            return page, api

        routed = clients()
        PinnedCityMiddleware.city = city
        middleware = [
            f"{__name__}.PinnedCityMiddleware"
            if name == "tenants.routing.CityRoutingMiddleware" else name
            for name in settings.MIDDLEWARE
        ]
        assert middleware != settings.MIDDLEWARE
        pinned = clients()
        # A handler builds its middleware chain on its first request: build the pinned
        # clients' chains under the stub, then they keep it.
        with override_settings(MIDDLEWARE=middleware):
            for client in pinned:
                client.get("/healthz")

        targets = [("city home page", "/", 0), ("proposals API", "/api/v1/proposals/", 1)]
        results = {}
        for name, path, index in targets:
            def get(client, path=path):
                def request():
                    assert client.get(path).status_code == 200
                return request

            results[name] = alternate({"routed": get(routed[index]),
                                       "pinned": get(pinned[index])},
                                      rounds=ROUNDS, per_round=PER_ROUND, warmup=10)

    print(f"tenant routing overhead: {ROUNDS} alternated rounds of {PER_ROUND} requests "
          "(median per round)")
    print(f"{'':16}{'routed':>10}{'bypassed':>11}   overhead (IQR over rounds)")
    overheads = {}
    for name, rounds in results.items():
        spread = ratios(rounds, "routed", "pinned")
        overheads[name] = spread.median - 1
        print(f"{name:16}{statistics.median(rounds['routed']) * 1000:>8.2f}ms"
              f"{statistics.median(rounds['pinned']) * 1000:>9.2f}ms   "
              f"{spread.median - 1:+.1%} (IQR {spread.low - 1:+.1%} to {spread.high - 1:+.1%})")
    for name, overhead in overheads.items():
        verdict(f"{name} routing overhead", overhead * 100, TARGET * 100, unit=" %")


if __name__ == "__main__":
    main()
