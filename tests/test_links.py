"""Links to the rows of lists (innovato.links): the same addresses Django's reverse() gives,
on a city's site and on the hub, under a script prefix too, and ids that cannot be forged."""

import pytest
from django.urls import clear_script_prefix, reverse, set_script_prefix, set_urlconf

from innovato.links import url_with_id

ROWS = [("proposals:detail", ()), ("calls:detail", ()), ("implementation:detail", ()),
        ("evaluation:eligibility", (7,)), ("evaluation:decide", (12,))]


@pytest.fixture
def urlconf():
    yield
    set_urlconf(None)
    clear_script_prefix()


@pytest.mark.parametrize("prefix", ["/", "/innovato/"])
@pytest.mark.parametrize(("viewname", "leading"), ROWS)
def test_a_row_links_where_reverse_does(urlconf, settings, viewname, leading, prefix):
    set_urlconf(settings.ROOT_URLCONF)
    set_script_prefix(prefix)
    for object_id in (1, 42, 10**12):
        assert url_with_id(viewname, object_id, *leading) == reverse(
            viewname, args=[*leading, object_id])
    assert url_with_id(viewname, 5, *leading).startswith(prefix)


def test_the_hub_and_a_city_each_get_their_own_address(urlconf, settings):
    """The practices' page lives at a different address on the hub than on a city's site
    whenever their URL confs differ; each gets its own."""
    for conf in (settings.PUBLIC_SCHEMA_URLCONF, settings.ROOT_URLCONF):
        set_urlconf(conf)
        assert url_with_id("practices:detail", 3) == reverse("practices:detail", args=[3])


def test_only_an_integer_id_makes_an_address(urlconf, settings):
    set_urlconf(settings.ROOT_URLCONF)
    with pytest.raises(ValueError):
        url_with_id("proposals:detail", "1/../../admin")
