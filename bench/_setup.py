"""Shared set-up for the benchmarks: Django on a throwaway database with one city."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innovato.settings")
os.environ.setdefault("TEST_DATABASE_NAME", "innovato_bench")

import logging  # noqa: E402
import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")
# Background jobs run eagerly here; their "Task … succeeded" lines would drown the figures.
logging.getLogger("celery").setLevel(logging.WARNING)

django.setup()

from django.conf import settings  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

settings.RUN_CITY_JOBS_IN_PROCESS = False
settings.ALLOWED_HOSTS = ["*"]
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}

# Texts of a proposal's usual length (a few hundred characters each), so the table is as
# wide on disk as a real city's and PostgreSQL plans its reads as it would there.
PROBLEM = ("Requests for leave, equipment and training are printed, signed by hand and "
           "carried from office to office; a request waits days for each signature, "
           "copies get lost, and nobody can tell where a request is or why it stalled. ") * 2
SOLUTION = ("An online form in the intranet routes each request to its approvers, who sign "
            "it with their city hall account; the requester follows every step, and the "
            "archive keeps the signed request as a PDF. ") * 2
MVP_PLAN = ("Pilot with the human resources office for six weeks: forty requests, two "
            "approvers, weekly feedback, then decide whether to extend to every department.")


class BenchDatabase:
    """A fresh database with the template schema, dropped on exit."""

    def __enter__(self):
        from tenants.services import template_schema_migrate

        self.config = setup_databases(verbosity=0, interactive=False, aliases={"default"})
        template_schema_migrate()
        return self

    def __exit__(self, *exc):
        from django.db import connection

        connection.set_schema_to_public()
        teardown_databases(self.config, verbosity=0)


class BenchCity:
    """A city with an admin, an employee (`viewer`, with an API token) and a call open for
    proposals until `closes_in` from now."""

    def __init__(self, *, slug: str = "bench", closes_in=None) -> None:
        from datetime import timedelta

        from django.db import connection
        from django.utils import timezone
        from django_tenants.utils import tenant_context

        from shared_apps.accounts.models import Role
        from shared_apps.accounts.services import api_token_issue, user_create
        from tenant_apps.calls.models import Call, Phase
        from tenant_apps.calls.services import call_create
        from tenants.services import city_create

        connection.set_schema_to_public()  # a request may have left a city's schema selected
        self.now = timezone.now()
        day = timedelta(days=1)
        closes_in = closes_in or 9 * day
        self.city = city_create(name=slug.title(), slug=slug, country="BE",
                                default_language="en", enabled_languages=["en"])
        with tenant_context(self.city):
            self.admin = user_create(username="admin", roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
            self.viewer = user_create(username="viewer", roles=[Role.EMPLOYEE])
            self.call = call_create(
                by=self.admin, title="Paperless city hall", challenge="c",
                submission_starts=self.now - 10 * day,
                evaluation_starts=self.now + closes_in,
                results_on=self.now + closes_in + 10 * day,
                implementation_starts=self.now + closes_in + 20 * day,
                closes_on=self.now + closes_in + 99 * day,
                criteria=[{"name": "Impact", "weight": 100}])
            Call.objects.filter(pk=self.call.pk).update(phase=Phase.SUBMISSION)
            self.token = api_token_issue(user=self.viewer)
