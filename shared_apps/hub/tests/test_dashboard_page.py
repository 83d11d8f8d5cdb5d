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
    assert captions == ["Realised savings per city (EUR)", "Proposals per city"]
    rows = dict(re.findall(r'<th scope="row">([^<]+)</th>(.*?)</tr>', page, re.S))
    assert "<details" in rows["Cluj-Napoca"] and "RON\xa0801" in rows["Cluj-Napoca"]
    assert "In RON" in rows["Cluj-Napoca"]
    assert "<details" not in rows["Paris"]
