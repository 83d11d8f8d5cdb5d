"""Jobs every city runs on a schedule: phase changes on their dates, overdue milestones, the
statistics each city pushes to the hub's dashboard and the daily digest of new practices;
and the network's own jobs in the hub's schema. The apps that own the jobs register them
from their AppConfig.ready (calls and implementation in CITY_JOBS, the hub's boundary its
two, billing the end of grace periods in NETWORK_JOBS), so this module imports none of them.

Celery beat runs them every minute when a broker is configured (tenants.tasks); without one,
CityClockMiddleware runs a city's jobs on the first request it gets in each minute, and
`manage.py run_city_jobs` runs them for every city from cron. The network's jobs run in
the same places: on the first request of each minute anywhere on the network, and first in
`run_city_jobs`.
"""

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache, caches
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django_tenants.utils import schema_context, tenant_context

from tenants.models import City

logger = logging.getLogger(__name__)

# Jobs of the whole network, run in the hub's schema; apps append theirs in AppConfig.ready.
NETWORK_JOBS: list[Callable[[], object]] = []

# Jobs every city runs in its own schema and time zone, as (rank, job) in the order they run:
# the cycle's own jobs first, then what the city reports to the network (CITY_REPORTS), so
# the figures pushed are those of after the day's phase changes.
CITY_CYCLE, CITY_REPORTS = 10, 90
CITY_JOBS: list[tuple[int, Callable[[], object]]] = []


def city_job_add(job: Callable[[], object], *, rank: int) -> None:
    """Run `job` (called with no arguments) in every city on each tick, ordered by `rank`;
    adding it again changes nothing."""
    if all(known is not job for _rank, known in CITY_JOBS):
        CITY_JOBS.append((rank, job))
        CITY_JOBS.sort(key=lambda entry: entry[0])


def run_city_jobs(city: City) -> None:
    """Run every scheduled job inside `city`'s schema; one failing job does not stop the
    others."""
    with tenant_context(city), timezone.override(city.timezone):
        for _rank, job in CITY_JOBS:
            try:
                job()
            except Exception:
                logger.exception("Scheduled job failed in %s", city.schema_name)


def run_network_jobs() -> None:
    """Run the network's jobs in the hub's schema; one failing job does not stop the others."""
    with schema_context(settings.PUBLIC_SCHEMA_NAME):
        for job in NETWORK_JOBS:
            try:
                job()
            except Exception:
                logger.exception("Network job %s failed", getattr(job, "__name__", job))


def run_jobs_for_all_cities() -> int:
    run_network_jobs()
    cities = City.objects.filter(status=City.Status.ACTIVE)
    for city in cities:
        run_city_jobs(city)
    return len(cities)


class CityClockMiddleware:
    """In-process scheduler for machines without a broker (see module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        city = getattr(request, "tenant", None)
        # The routing cache is shared by all hosts: the network's jobs run once a minute.
        if (settings.RUN_CITY_JOBS_IN_PROCESS and city is not None
                and caches["routing"].add("network-jobs-ran-this-minute", True, 60)):
            run_network_jobs()
        if (settings.RUN_CITY_JOBS_IN_PROCESS and city is not None and not city.is_hub
                and city.status == City.Status.ACTIVE
                and cache.add("city-jobs-ran-this-minute", True, 60)):
            run_city_jobs(city)
        return self.get_response(request)
