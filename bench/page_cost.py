"""Benchmark: what each main page costs, against a bare Django view (target: at most 3×).

Run: .venv/bin/python bench/page_cost.py
     .venv/bin/python bench/page_cost.py --pages ranking,"hub practices"  (only those)
A city with a call in evaluation, 40 proposals of a usual length (supports, comments), and
the hub with its good practices and statistics. Each page is requested by a signed-in
person (the city admin, the coordinator on the hub), alternating round by round with a bare
view on the same host and through the same middleware (routing, session, sign-in,
language…): for pages, the site's empty page (its base template around a heading, so the
context processors every page runs); for the API list, an API view with the same token
authentication answering a fixed small JSON. The ratio page / bare view is what the page
adds to what any request costs; prints it per page with its spread, and the verdicts. One
more row, without a target, is the proposals API filtered to no row: what the list costs
before its first row (its query and filters), to tell that fixed part from the part that
grows with the rows.
"""

import os
import sys
import types

os.environ.setdefault("TEST_DATABASE_NAME", "innovato_bench_pages")

from _compare import alternate, ratios, verdict
from _setup import MVP_PLAN, PROBLEM, SOLUTION, BenchCity, BenchDatabase

TARGET = 3.0
ROUNDS = 8
PER_ROUND = 5
BARE_PATH = "/bench/bare/"
BARE_API_PATH = "/bench/bare-api/"
# Informational, no target: the proposals API's list with no row to show.
NO_ROW = "API with no row"


def bare_view(request):
    """The site's empty page: its base template (header, navigation, footer, the context
    processors every page runs) around a heading, with no read of its own."""
    from django.http import HttpResponse
    from django.template import engines

    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block content %}<h1>Bare page</h1>{% endblock %}')
    return HttpResponse(template.render({}, request))


def bare_api_view():
    """The API's empty answer: the same authentication and permission as every API view,
    a fixed small JSON body."""
    from rest_framework.response import Response
    from rest_framework.views import APIView

    class BareApiView(APIView):
        def get(self, request):
            return Response({"count": 0, "results": []})

    return BareApiView.as_view()


def with_bare_view(urlconf: str) -> str:
    """A URL conf: the project's `urlconf` plus the bare view."""
    from django.urls import include, path

    name = f"bench_urls_{urlconf.replace('.', '_')}"
    module = types.ModuleType(name)
    module.urlpatterns = [path(BARE_PATH.strip("/") + "/", bare_view),
                          path(BARE_API_PATH.strip("/") + "/", bare_api_view()),
                          path("", include(urlconf))]
    original = __import__(urlconf, fromlist=["*"])
    for handler in ("handler400", "handler403", "handler404", "handler500"):
        if hasattr(original, handler):
            setattr(module, handler, getattr(original, handler))
    sys.modules[name] = module
    return name


def seed_city():
    from django.db import connection
    from django_tenants.utils import tenant_context

    from shared_apps.accounts.models import Role
    from shared_apps.accounts.services import user_create
    from tenant_apps.calls.models import Call, Phase
    from tenant_apps.proposals.models import Comment, Proposal, Status, Support

    bench = BenchCity(slug="pages")
    with tenant_context(bench.city):
        people = [user_create(username=f"employee{i}", roles=[Role.EMPLOYEE])
                  for i in range(10)]
        proposals = Proposal.objects.bulk_create(
            Proposal(call=bench.call, author=people[i % 10], title=f"Proposal {i}",
                     problem=PROBLEM, solution=SOLUTION,
                     mvp_plan=MVP_PLAN, status=Status.SUBMITTED,
                     submitted_at=bench.now) for i in range(40))
        Support.objects.bulk_create(Support(proposal=p, user=person)
                                    for p in proposals for person in people[:5])
        Comment.objects.bulk_create(Comment(proposal=proposals[0], author=person,
                                            body=f"Good idea, {person.username}.")
                                    for person in people)
        Call.objects.filter(pk=bench.call.pk).update(phase=Phase.EVALUATION)
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return bench, proposals[0]


def seed_hub(city):
    from django.utils import timezone

    from shared_apps.accounts.models import Role
    from shared_apps.accounts.services import user_create
    from shared_apps.hub.boundary.to_hub import network_statistics_rebuild
    from shared_apps.hub.models import GoodPractice
    from tenants.scheduling import run_jobs_for_all_cities

    coordinator = user_create(username="coordinator", roles=[Role.COORDINATOR])
    GoodPractice.objects.bulk_create(
        GoodPractice(source_city=city, source_proposal_id=i, title=f"Practice {i}",
                     summary="Forms signed online.", currency="EUR",
                     status=GoodPractice.Status.PUBLISHED, published_at=timezone.now())
        for i in range(30))
    run_jobs_for_all_cities()
    network_statistics_rebuild()
    return coordinator


def main() -> None:
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django_tenants.utils import tenant_context

    settings.ROOT_URLCONF = with_bare_view(settings.ROOT_URLCONF)
    settings.PUBLIC_SCHEMA_URLCONF = with_bare_view(settings.PUBLIC_SCHEMA_URLCONF)

    with BenchDatabase():
        bench, proposal = seed_city()
        connection.set_schema_to_public()
        coordinator = seed_hub(bench.city)
        connection.set_schema_to_public()
        city = Client(HTTP_HOST="pages.localhost", HTTP_ACCEPT_LANGUAGE="en")
        with tenant_context(bench.city):
            city.force_login(bench.admin)
            from shared_apps.accounts.services import api_token_issue
            token = api_token_issue(user=bench.admin)
        api = Client(HTTP_HOST="pages.localhost", HTTP_AUTHORIZATION=f"Token {token}")
        hub = Client(HTTP_HOST="localhost", HTTP_ACCEPT_LANGUAGE="en")
        hub.force_login(coordinator)
        call = bench.call.pk
        pages = [
            ("city home", city, "/"),
            ("calls", city, "/calls/"),
            ("call", city, f"/calls/{call}/"),
            ("proposal", city, f"/proposals/{proposal.pk}/"),
            ("proposals API", api, "/api/v1/proposals/"),
            (NO_ROW, api, "/api/v1/proposals/?call=0"),
            ("ranking", city, f"/evaluation/calls/{call}/"),
            ("reports", city, "/reports/"),
            ("hub dashboard", hub, "/dashboard/"),
            ("hub practices", hub, "/practices/"),
        ]

        def get(client, path):
            def request():
                response = client.get(path)
                assert response.status_code == 200, (path, response.status_code)
            return request

        only = (sys.argv[sys.argv.index("--pages") + 1].split(",")
                if "--pages" in sys.argv else None)
        results = {}
        for name, client, path in pages:
            if only and name not in only:
                continue
            results[name] = alternate({"page": get(client, path),
                                       "bare": get(client, BARE_API_PATH if client is api
                                                   else BARE_PATH)},
                                      rounds=ROUNDS, per_round=PER_ROUND)

    print(f"page cost against a bare view on the same host and middleware: {ROUNDS} "
          f"alternated rounds of {PER_ROUND} requests")
    print(f"{'':16}{'page':>10}{'bare view':>12}   ratio (IQR over rounds)")
    import statistics
    for name, rounds in results.items():
        print(f"{name:16}{statistics.median(rounds['page']) * 1000:>8.1f}ms"
              f"{statistics.median(rounds['bare']) * 1000:>10.1f}ms   "
              f"{ratios(rounds, 'page', 'bare').ratio()}")
    for name, rounds in results.items():
        if name == NO_ROW:
            continue
        verdict(f"{name} / bare view", ratios(rounds, "page", "bare").median, TARGET)


if __name__ == "__main__":
    main()
