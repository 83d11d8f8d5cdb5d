import pytest


@pytest.fixture(autouse=True)
def _no_spare_schemas(settings):
    """Tests do not keep spare schemas cloned after each provisioning (tested on its own)."""
    settings.CITY_SCHEMA_POOL_SIZE = 0
