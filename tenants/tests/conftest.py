import pytest


@pytest.fixture(autouse=True)
def _no_spare_schemas(settings):
    """Tests do not keep spare schemas cloned after each provisioning (tested on its own)."""
    settings.CITY_SCHEMA_POOL_SIZE = 0


@pytest.fixture
def make_demo_city(db):
    """A new city filled by the demo builder as seed_demo fills one of the network's (its
    own language and English); returns the city and what the builder counted."""
    from django.test import override_settings

    from tenants.demo import demo_city_fill
    from tenants.services import city_create

    def make(*, name: str, slug: str, country: str, language: str, timezone: str,
             currency: str, variant: int):
        city = city_create(name=name, slug=slug, country=country, default_language=language,
                           enabled_languages=[language, "en"], timezone=timezone,
                           currency=currency)
        with override_settings(DEBUG=True):
            counts = demo_city_fill(city, variant=variant)
        return city, counts

    return make
