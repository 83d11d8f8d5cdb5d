"""The network dashboard shows exactly what the cities' own schemas hold, read from the
statistics read model that each city keeps current."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Sum
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role, User
from shared_apps.hub.boundary import city_statistics_push
from shared_apps.hub.models import CityStatistics
from tenant_apps.calls.models import Call, Phase
from tenant_apps.implementation.models import Implementation, SavingsEntry
from tenant_apps.proposals.models import PUBLIC_STATUSES, Proposal, Status
from tenants.scheduling import run_jobs_for_all_cities

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_busy_cities(cluj, paris, make_user, make_call, make_proposal):
    for city, statuses in ((cluj, [Status.SUBMITTED, Status.SELECTED, Status.IMPLEMENTED,
                                   Status.IMPLEMENTED, Status.DRAFT]),
                           (paris, [Status.ELIGIBLE, Status.IMPLEMENTING, Status.WITHDRAWN])):
        call = make_call(city, phase=Phase.EVALUATION)
        make_call(city, phase=Phase.DRAFT)  # unpublished: not counted
        for index, status in enumerate(statuses):
            author = make_user(city, username=f"author{index}")
            proposal = make_proposal(city, call, author=author, status=status)
            if status in (Status.IMPLEMENTED, Status.IMPLEMENTING):
                with tenant_context(city):
                    implementation = Implementation.objects.create(proposal=proposal)
                    SavingsEntry.objects.create(implementation=implementation,
                                                period=date(2026, 5, 1), projected_money=500,
                                                realised_money=Decimal("400.50"),
                                                projected_hours=5, realised_hours=4)
    return cluj, paris


def truth(city) -> dict:
    """The figures computed straight from the city's schema."""
    with tenant_context(city):
        visible = Proposal.objects.filter(status__in=PUBLIC_STATUSES)
        return {
            "calls": Call.objects.exclude(phase=Phase.DRAFT).count(),
            "proposals": visible.count(),
            "implemented": visible.filter(status=Status.IMPLEMENTED).count(),
            "selected": visible.filter(status__in=[Status.SELECTED, Status.IMPLEMENTING,
                                                   Status.IMPLEMENTED]).count(),
            "authors": visible.values("author").distinct().count(),
            "employees": User.objects.filter(is_active=True).count(),
            "realised_money": SavingsEntry.objects.aggregate(s=Sum("realised_money"))["s"],
        }


def test_dashboard_figures_equal_the_truth_in_the_city_schemas(two_busy_cities, hub, api_for,
                                                               signed_in):
    assert run_jobs_for_all_cities() == 4  # what Celery beat does every minute
    body = api_for(hub, roles=[Role.COORDINATOR]).get("/api/v1/dashboard/").json()
    by_city = {row["city"]: row for row in body["cities"]}
    for city in two_busy_cities:
        expected = truth(city)
        row = by_city[city.slug]
        for field in ("calls", "proposals", "implemented", "selected"):
            assert row[field] == expected[field], (city.slug, field)
        assert Decimal(row["realised_money"]) == expected["realised_money"]
        assert row["participation_rate"] == round(
            expected["authors"] / expected["employees"] * 100, 1)
    assert body["totals"]["proposals"] == sum(truth(c)["proposals"] for c in two_busy_cities)
    # RON at 0.2 and EUR at 1: 2 × 400.50 × 0.2 + 400.50
    assert body["totals"]["realised_money_eur"] == "561"

    page = signed_in(hub, roles=[Role.COORDINATOR]).get("/dashboard/")
    assert page.status_code == 200
    assert "Cluj-Napoca" in page.text and "Paris" in page.text
    csv = signed_in(hub, roles=[Role.PARTNER_ADMIN]).get("/dashboard.csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Cluj-Napoca" in csv.content.decode()


def test_pushing_twice_a_day_keeps_one_row(cluj):
    with tenant_context(cluj):
        city_statistics_push(today=date(2026, 11, 1))
        city_statistics_push(today=date(2026, 11, 1))
        city_statistics_push(today=date(2026, 11, 2))
    assert CityStatistics.objects.filter(city=cluj).count() == 2


def test_dashboard_is_for_network_staff_only(hub, cluj, api_for, signed_in):
    assert api_for(hub, roles=[Role.COORDINATOR]).get("/api/v1/dashboard/").status_code == 200
    assert signed_in(cluj, roles=[Role.CITY_ADMIN]).get("/dashboard/").status_code == 404
    assert api_for(cluj, roles=[Role.CITY_ADMIN]).get("/api/v1/dashboard/").status_code == 404


def test_dashboard_reads_only_the_read_model(two_busy_cities, hub, api_for,
                                             django_assert_max_num_queries):
    run_jobs_for_all_cities()
    api = api_for(hub, roles=[Role.COORDINATOR])
    api.get("/api/v1/dashboard/")
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        api.get("/api/v1/dashboard/")
    schemas = {"cluj", "paris"}
    assert not [q for q in queries.captured_queries
                if any(f'"{schema}".' in q["sql"] or f"SET search_path = \"{schema}\""
                       in q["sql"] for schema in schemas)]


def test_each_citys_last_report_is_shown_and_stale_ones_stand_out(cluj, paris, hub, api_for,
                                                                 signed_in, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.CITY_REPORT_STALE_AFTER_MINUTES = 180
    for city in (cluj, paris):
        with tenant_context(city):
            city_statistics_push(today=date(2026, 11, 1))
    long_ago = timezone.now() - timedelta(days=3)
    CityStatistics.objects.filter(city=paris).update(computed_at=long_ago)

    body = api_for(hub, roles=[Role.COORDINATOR]).get("/api/v1/dashboard/").json()
    by_city = {row["city"]: row for row in body["cities"]}
    assert by_city["paris"]["stale"] is True
    assert by_city["cluj"]["stale"] is False
    assert by_city["paris"]["last_reported_at"].startswith(long_ago.date().isoformat())

    page = signed_in(hub, roles=[Role.COORDINATOR]).get("/dashboard/").text
    assert page.count(">Stale<") == 1
    paris_row = page[page.index('<th scope="row">Paris<'):]  # the charts name cities too
    paris_row = paris_row[:paris_row.index("</tr>")]
    assert "Stale" in paris_row
    assert timezone.localtime(long_ago).strftime("%Y") in paris_row
    cluj_row = page[page.index('<th scope="row">Cluj'):]
    assert "Stale" not in cluj_row[:cluj_row.index("</tr>")]

    csv = signed_in(hub, roles=[Role.COORDINATOR]).get("/dashboard.csv").content.decode()
    assert "last_reported_at" in csv.splitlines()[0]


def test_late_in_the_evening_the_network_trend_has_one_day_for_every_city(
        two_busy_cities, hub, api_for):
    """At 22:30 UTC it is already tomorrow in Cluj (UTC+2) and still today in Paris and the
    other cities: the coordinator's trend shows one day on which every city reports, with the
    network's whole total, not two days each holding part of the network."""
    from datetime import UTC, datetime

    import time_machine

    with time_machine.travel(datetime(2026, 12, 1, 22, 30, tzinfo=UTC)):
        cities = run_jobs_for_all_cities()
        body = api_for(hub, roles=[Role.COORDINATOR]).get("/api/v1/dashboard/").json()
    assert [(row["day"], row["cities"]) for row in body["trend"]] == [("2026-12-01", cities)]
    assert body["trend"][0]["proposals"] == body["totals"]["proposals"]
