"""Savings in RON, EUR and HUF are compared in euros at the configured rates, in the
database, and shown both as shared and in euros."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shared_apps.accounts.models import Role
from shared_apps.hub.models import GoodPractice

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_currencies(cluj, paris, db):
    from tenants.models import City

    veszprem = City.objects.get(slug="veszprem")
    for city, money, currency, title in ((cluj, "12000", "RON", "Saving-RON"),
                                         (paris, "3000", "EUR", "Saving-EUR"),
                                         (veszprem, "400000", "HUF", "Saving-HUF")):
        GoodPractice.objects.create(source_city=city, source_proposal_id=1, currency=currency,
                                    title=title, summary="-",
                                    realised_savings_money=Decimal(money),
                                    status=GoodPractice.Status.PUBLISHED)


def test_filter_and_sort_on_euros(three_currencies, hub, api_for, settings):
    settings.EXCHANGE_RATES_TO_EUR = {**settings.EXCHANGE_RATES_TO_EUR,
                                      "RON": 0.2, "HUF": 0.0025}
    api = api_for(hub, roles=[Role.COORDINATOR])

    def titles(**params):
        return [p["title"] for p in api.get("/api/v1/practices/", params).json()["results"]]

    assert sorted(titles(min_savings=2000)) == ["Saving-EUR", "Saving-RON"]  # 2 400 and 3 000 EUR
    assert titles(max_savings=2000) == ["Saving-HUF"]  # 1 000 EUR
    assert titles(ordering="-savings") == ["Saving-EUR", "Saving-RON", "Saving-HUF"]
    assert titles(ordering="savings") == ["Saving-HUF", "Saving-RON", "Saving-EUR"]
    cluj = api.get("/api/v1/practices/", {"city": "cluj"}).json()["results"][0]
    assert (cluj["realised_savings_money"], cluj["currency"]) == ("12000.00", "RON")
    assert Decimal(cluj["realised_savings_eur"]) == Decimal("2400")


def test_pages_show_both_amounts_in_the_readers_format(three_currencies, paris, signed_in):
    reader = signed_in(paris, headers={"HTTP_ACCEPT_LANGUAGE": "fr"})
    page = reader.get("/practices/", {"ordering": "-savings", "min_savings": "2000"})
    assert page.status_code == 200
    text = page.text
    assert "12\u202f000\u00a0RON (≈\u00a02\u202f400\u00a0€)" in text
    assert text.index("Saving-EUR") < text.index("Saving-RON")
    assert "Saving-HUF" not in text
    english = signed_in(paris, headers={"HTTP_ACCEPT_LANGUAGE": "en"})
    detail_id = GoodPractice.objects.get(currency="HUF").pk
    assert "HUF\u00a0400,000 (≈\u00a0€1,000)" in english.get(
        f"/practices/{detail_id}/").text


@pytest.mark.parametrize("path", ["/api/v1/practices/", "/practices/"])
def test_sorting_on_euros_costs_a_fixed_number_of_queries(cluj, paris, hub, signed_in, path):
    client = signed_in(hub, roles=[Role.COORDINATOR])
    client.get(path)  # warms the caches a signed-in request reads (such as the idle timeout)

    def queries(count, base):
        GoodPractice.objects.bulk_create(
            GoodPractice(source_city=cluj if i % 2 else paris, source_proposal_id=base + i,
                         title=f"P{i}", summary="-", currency="RON" if i % 2 else "EUR",
                         realised_savings_money=i, status=GoodPractice.Status.PUBLISHED)
            for i in range(count))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path, {"ordering": "-savings",
                                     "min_savings": "1"}).status_code == 200
        return len(captured)

    assert queries(3, 0) == queries(30, 100)
