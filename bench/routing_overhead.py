"""Benchmark: the cost of tenant routing, the same page with routing and with it bypassed.

Run: .venv/bin/python bench/routing_overhead.py
Two WSGI handlers serve a signed-in employee the city's home page and the proposals API:
one with the project's middleware (CityRoutingMiddleware: host → city through the routing
cache, schema switch, URL conf), one with that middleware replaced by a stub that pins the
same city without looking at the host. Requests alternate between the two in rounds, so
both see the same machine state; prints the medians and the overhead (target: at most 5 %).
"""

import os
import statistics
import time

os.environ.setdefault("TEST_DATABASE_NAME", "innovato_bench_routing")

from _setup import BenchCity, BenchDatabase

TARGET = 0.05
ROUNDS = 15
PER_ROUND = 40


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
            timings = {"routed": [], "pinned": []}
            for pair in (routed, pinned):
                for _ in range(10):  # warm-up
                    assert pair[index].get(path).status_code == 200
            for _ in range(ROUNDS):
                for kind, pair in (("routed", routed), ("pinned", pinned)):
                    client = pair[index]
                    started = time.perf_counter()
                    for _ in range(PER_ROUND):
                        client.get(path)
                    timings[kind].append((time.perf_counter() - started) / PER_ROUND)
            results[name] = (statistics.median(timings["routed"]),
                             statistics.median(timings["pinned"]))

    print(f"tenant routing overhead, median of {ROUNDS} rounds of {PER_ROUND} requests")
    print(f"{'':16}{'routed':>10}{'bypassed':>11}{'overhead':>10}")
    worst = 0.0
    for name, (routed_s, pinned_s) in results.items():
        overhead = routed_s / pinned_s - 1
        worst = max(worst, overhead)
        print(f"{name:16}{routed_s * 1000:>8.2f}ms{pinned_s * 1000:>9.2f}ms{overhead:>+10.1%}")
    print(f"target <= {TARGET:.0%}: {'met' if worst <= TARGET else 'MISSED'}")


if __name__ == "__main__":
    main()
