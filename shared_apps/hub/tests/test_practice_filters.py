"""The practices page filters by choices built from the practices present, and the old
query strings keep working."""

import re

import pytest

from shared_apps.accounts.models import Role
from shared_apps.hub.models import Collection, GoodPractice

pytestmark = pytest.mark.django_db


def _options(page, name):
    select = re.search(rf'<select name="{name}"[^>]*>(.*?)</select>', page, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


@pytest.fixture
def practices(cluj, paris):
    published = GoodPractice.Status.PUBLISHED
    bikes = GoodPractice.objects.create(
        source_city=cluj, source_proposal_id=1, currency="RON", title="Shared bikes",
        summary="-", theme="Mobility", tags=["bikes", "staff"], status=published)
    GoodPractice.objects.create(
        source_city=paris, source_proposal_id=2, currency="EUR", title="Paperless payroll",
        summary="-", theme="Digital", tags=["paper"], status=published)
    GoodPractice.objects.create(
        source_city=paris, source_proposal_id=3, currency="EUR", title="Hidden draft",
        summary="-", theme="Secret", tags=["nope"], status=GoodPractice.Status.SUBMITTED)
    Collection.objects.create(name="Green ideas").practices.add(bikes)


def test_filters_offer_only_what_is_there(practices, cluj, signed_in):
    reader = signed_in(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    page = reader.get("/practices/").content.decode()
    assert _options(page, "theme") == ["", "Digital", "Mobility"]
    assert _options(page, "city") == ["", "cluj", "paris"]
    assert _options(page, "tag") == ["", "bikes", "paper", "staff"]
    assert "Secret" not in page and "nope" not in page
    assert re.search(r'<select id="f-collection" name="collection">.*Green ideas', page, re.S)


def test_choosing_filters_with_the_same_query_parameters(practices, cluj, signed_in):
    reader = signed_in(cluj)
    page = reader.get("/practices/", {"theme": "Mobility", "city": "cluj"}).content.decode()
    assert "Shared bikes" in page and "Paperless payroll" not in page
    assert re.search(r'<option value="Mobility" selected>', page)
    by_tag = reader.get("/practices/", {"tag": "paper"}).content.decode()
    assert "Paperless payroll" in by_tag and "Shared bikes" not in by_tag
    unknown = reader.get("/practices/", {"theme": "Parking"}).content.decode()
    assert "No good practice matches." in unknown
    assert '<option value="Parking" selected>' in unknown


def test_a_practice_published_or_withdrawn_changes_the_choices_at_once(practices, cluj, hub,
                                                                       api_for, signed_in):
    """The choices are kept between visits, yet a practice the coordinators publish (or
    withdraw) shows in (or leaves) them on the very next visit, in the cities and on the
    hub alike."""
    reader = signed_in(cluj)
    assert _options(reader.get("/practices/").content.decode(), "theme") == [
        "", "Digital", "Mobility"]
    hidden = GoodPractice.objects.get(title="Hidden draft")
    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    published = coordinator.post(f"/api/v1/practices/{hidden.pk}/review/",
                                 {"action": "publish"}, content_type="application/json")
    assert published.status_code == 200, published.content
    page = reader.get("/practices/").content.decode()
    assert _options(page, "theme") == ["", "Digital", "Mobility", "Secret"]
    assert "nope" in _options(page, "tag")
    GoodPractice.objects.filter(pk=hidden.pk).get().delete()
    assert "Secret" not in _options(reader.get("/practices/").content.decode(), "theme")


def test_a_collection_made_renamed_or_deleted_changes_the_choices_at_once(practices, hub,
                                                                        signed_in):
    """The collections are kept with the other choices, and follow their changes too."""
    coordinator = signed_in(hub, roles=[Role.COORDINATOR])

    def collections():
        page = coordinator.get("/practices/").content.decode()
        select = re.search(r'<select id="f-collection" name="collection">(.*?)</select>',
                           page, re.S)
        return re.findall(r'<option value="\d+">([^<]*)</option>', select.group(1))

    assert collections() == ["Green ideas"]
    made = Collection.objects.create(name="Any city")
    assert collections() == ["Any city", "Green ideas"]
    made.name = "Zero paper"
    made.save()
    assert collections() == ["Green ideas", "Zero paper"]
    Collection.objects.get(name="Green ideas").delete()
    assert collections() == ["Zero paper"]
