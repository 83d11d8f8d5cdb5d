"""Fixtures of the hub's tests, shared by its test modules."""

from shared_apps.hub.tests.test_practices import cluj_admin, implemented  # noqa: F401
