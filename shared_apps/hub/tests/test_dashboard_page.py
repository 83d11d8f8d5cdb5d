"""The network dashboard page: charts over time and per city, money in euros with each
city's own currency one click away."""

import re

import pytest

from shared_apps.accounts.models import Role
from shared_apps.hub.tests.test_dashboard import two_busy_cities  # noqa: F401 (fixture)
from tenants.scheduling import run_jobs_for_all_cities

pytestmark = pytest.mark.django_db


def test_per_city_bars_and_euros_with_the_original_on_demand(two_busy_cities, hub,
                                                              signed_in):
    run_jobs_for_all_cities()
    page = signed_in(hub, roles=[Role.COORDINATOR]).get("/dashboard/").content.decode()
    savings = re.search(r'<svg[^>]*aria-labelledby="city-savings-title.*?</svg>', page,
                        re.S).group(0)
    assert "Realised savings per city (EUR)" in savings
    assert "Cluj-Napoca: €160" in savings  # 801 RON at 0.2
    assert "Paris: €401" in savings or "Paris: €400" in savings
    assert 'aria-labelledby="city-proposals-title' in page
    # Each chart's title is written above it for everyone, not only inside the image.
    captions = re.findall(r'<figure class="chart"><figcaption>([^<]+)</figcaption>', page)
    # One day of figures so far, whatever the time of day: no trend yet.
    assert captions == ["Realised savings per city (EUR)", "Proposals per city"]
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', page, re.S))
    assert "<details" in rows["Cluj-Napoca"] and "RON\xa0801" in rows["Cluj-Napoca"]
    assert "In RON" in rows["Cluj-Napoca"]
    assert "<details" not in rows["Paris"]


def test_per_city_charts_show_the_cities_of_the_tables_page(hub, signed_in):
    """With more cities than a page of the table holds, each chart has a bar for each city of
    the page being read (the same cities, in the same order), not one for every city."""
    from django.utils import timezone

    from shared_apps.hub.models import CityStatistics
    from tenants.models import City

    cities = City.objects.bulk_create(
        City(name=f"Town {number:02d}", slug=f"town-{number:02d}",
             schema_name=f"town_{number:02d}", country="BE", default_language="en",
             enabled_languages=["en"], currency="EUR", status="active")
        for number in range(25))  # rows only: the dashboard reads the read model
    CityStatistics.objects.bulk_create(
        CityStatistics(city=city, day=timezone.localdate(), computed_at=timezone.now(),
                       proposals=number, realised_money=100 * number, currency="EUR",
                       is_latest=True) for number, city in enumerate(cities))
    client = signed_in(hub, roles=[Role.COORDINATOR])
    for page_number, first, last in ((1, 0, 19), (2, 20, 24)):
        page = client.get("/dashboard/", {"page": page_number}).content.decode()
        proposals = re.search(r'<svg[^>]*aria-labelledby="city-proposals-title.*?</svg>',
                              page, re.S).group(0)
        shown = re.findall(r"Town (\d\d)", proposals)
        assert sorted(set(shown)) == [f"{n:02d}" for n in range(first, last + 1)]
        assert f"Page {page_number} of 2" in page  # 25 cities, 20 a page
        assert "Figures as the cities last reported them (" in page
