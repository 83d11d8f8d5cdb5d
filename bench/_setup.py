"""Shared set-up for the benchmarks: Django on a throwaway database with one city."""

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "platform")]
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "innovato.settings")
os.environ.setdefault("TEST_DATABASE_NAME", "innovato_bench")

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.conf import settings  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

settings.RUN_CITY_JOBS_IN_PROCESS = False
settings.ALLOWED_HOSTS = ["*"]
settings.STORAGES = {**settings.STORAGES, "staticfiles": {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


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


def median_seconds(function: Callable[[], object], *, repeat: int = 15, warmup: int = 3) -> float:
    for _ in range(warmup):
        function()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        timings.append(time.perf_counter() - start)
    return statistics.median(timings)
