"""Every report costs the same number of queries for 10 proposals as for 200."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from tenant_apps.reports import selectors

pytestmark = pytest.mark.django_db


def queries_of(client, path: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(captured)


def test_pages_downloads_and_api_cost_a_fixed_number_of_queries(cluj, grow_city, signed_in,
                                                                 api_for):
    browser = signed_in(cluj, roles=[Role.CITY_ADMIN])
    api = api_for(cluj, roles=[Role.CITY_ADMIN])
    call = grow_city(cluj, 10)
    paths = [
        (browser, "/reports/"),
        (browser, f"/reports/calls/{call.pk}/"),
        *[(browser, f"/reports/{report}.{extension}")
          for report in ("funnel", "participation", "themes", "savings")
          for extension in ("csv", "xlsx")],
        (browser, f"/reports/savings.xlsx?call={call.pk}"),
        (api, "/api/v1/reports/"),
        (api, f"/api/v1/reports/funnel/?call={call.pk}"),
        (api, "/api/v1/reports/participation/"),
        (api, "/api/v1/reports/themes/"),
        (api, "/api/v1/reports/savings/"),
    ]
    for client, path in paths:  # the first request of a client warms its routing cache
        client.get(path)
    with_10 = {path: queries_of(client, path) for client, path in paths}
    grow_city(cluj, 190)
    with_200 = {path: queries_of(client, path) for client, path in paths}
    assert with_200 == with_10


@pytest.mark.parametrize(("selector", "queries"), [
    (selectors.funnel, 1), (selectors.participation_by_department, 2),
    (selectors.proposals_by_theme, 2), (selectors.savings_over_time, 1),
])
def test_each_report_is_one_or_two_queries(cluj, cluj_data, django_assert_num_queries,
                                           selector, queries):
    with tenant_context(cluj):
        selector()  # the first query also sets the schema search path
        for call in (None, cluj_data.paperless):
            with django_assert_num_queries(queries):
                selector(call=call)
