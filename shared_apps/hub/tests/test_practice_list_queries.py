"""The practices page reads as many times for a hundred practices as for a few, in the
coordinators' review mode as in the cities' published mode."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shared_apps.accounts.models import Role
from shared_apps.hub.models import Adoption, GoodPractice

pytestmark = pytest.mark.django_db


def _add_practices(source, adopter, first: int, count: int) -> None:
    statuses = [GoodPractice.Status.PUBLISHED, GoodPractice.Status.SUBMITTED,
                GoodPractice.Status.CHANGES_REQUESTED]
    practices = GoodPractice.objects.bulk_create(
        GoodPractice(source_city=source, source_proposal_id=first + i,
                     title_ro=f"Practica {i}", summary_ro="Formulare online.",
                     theme_fr="Mobilité", currency=("RON", "EUR", "HUF")[i % 3],
                     realised_savings_money=1000 + i, status=statuses[i % 3],
                     featured=i % 4 == 0) for i in range(count))
    Adoption.objects.bulk_create(Adoption(practice=practice, city=adopter, target_kind="call",
                                          target_id=1) for practice in practices[::2])


@pytest.mark.parametrize("query", ["", "?ordering=-savings&min_adoptions=0&page=2"])
def test_the_coordinators_practices_page_reads_no_more_with_more_cards(
        hub, cluj, paris, signed_in, query):
    coordinator = signed_in(hub, roles=[Role.COORDINATOR])
    _add_practices(cluj, paris, 0, 30)
    assert coordinator.get("/practices/" + query).status_code == 200  # warm the caches
    with CaptureQueriesContext(connection) as few:
        page = coordinator.get("/practices/" + query)
    assert page.status_code == 200
    assert page.content.decode().count('<li class="card">') == (25 if not query else 5)
    _add_practices(cluj, paris, 30, 70)
    coordinator.get("/practices/" + query)  # the filter choices are read again once
    with CaptureQueriesContext(connection) as many:
        page = coordinator.get("/practices/" + query)
    assert page.content.decode().count('<li class="card">') == 25
    assert len(many) == len(few), [q["sql"][:150] for q in many.captured_queries]


@pytest.mark.parametrize(("query", "cards", "shown"), [
    ("", 25, "Page 1 of 3"), ("?page=2", 25, "Page 2 of 3"), ("?page=3", 20, "Page 3 of 3"),
    ("?page=99", 20, "Page 3 of 3"), ("?page=two", 25, "Page 1 of 3"),
    ("?ordering=-savings&page=3", 20, "Page 3 of 3")])
def test_the_practices_pager_counts_in_the_query_of_its_cards(
        hub, cluj, paris, signed_in, query, cards, shown):
    """The total comes with the page's rows: no COUNT query before them, except for a page
    past the end, which shows the last page as before."""
    coordinator = signed_in(hub, roles=[Role.COORDINATOR])
    _add_practices(cluj, paris, 0, 70)
    coordinator.get("/practices/")  # warm the caches
    with CaptureQueriesContext(connection) as queries:
        page = coordinator.get("/practices/" + query).content.decode()
    assert page.count('<li class="card">') == cards
    assert shown in page
    counts = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT COUNT")]
    assert len(counts) == (1 if "99" in query else 0), counts
