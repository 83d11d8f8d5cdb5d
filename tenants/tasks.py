"""Background jobs. Every task knows its city: a task sent while a city's schema is active
carries that schema (tenant-schemas-celery puts it in the message headers), and the worker
runs it inside the same schema."""

from celery import shared_task
from django.db import connection
from django_tenants.utils import tenant_context

from tenants.models import City
from tenants.scheduling import run_city_jobs

# A city's jobs must finish well inside the minute between two beats.
CITY_JOBS_SOFT_TIME_LIMIT = 50
CITY_JOBS_TIME_LIMIT = 55


@shared_task(name="tenants.tasks.run_jobs_for_all_cities", ignore_result=True)
def run_jobs_for_all_cities() -> int:
    """Celery beat, every minute: send one task per active city, from inside that city's
    schema, so the cities' jobs run in parallel across the workers and a slow or failing
    city holds up no other."""
    count = 0
    for city in City.objects.filter(status=City.Status.ACTIVE).order_by("pk"):
        with tenant_context(city):
            run_jobs_for_city.apply_async(expires=CITY_JOBS_TIME_LIMIT)
        count += 1
    return count


@shared_task(name="tenants.tasks.run_jobs_for_city", ignore_result=True,
             soft_time_limit=CITY_JOBS_SOFT_TIME_LIMIT, time_limit=CITY_JOBS_TIME_LIMIT)
def run_jobs_for_city() -> str:
    """The scheduled jobs of the city whose schema this task was sent from."""
    city = connection.tenant
    if not isinstance(city, City) or city.is_hub:
        raise RuntimeError("run_jobs_for_city was sent without a city's schema")
    run_city_jobs(city)
    return city.schema_name


@shared_task(name="tenants.tasks.provision_city")
def provision_city(job_id: int) -> str:
    """Run (or resume) a city's provisioning, then top up the pool of spare schemas."""
    from tenants.models import ProvisioningJob
    from tenants.services import ProvisioningFailed, provisioning_run

    job = ProvisioningJob.objects.filter(pk=job_id).first()
    if job is None:
        return "missing"
    try:
        job = provisioning_run(job=job)
    except ProvisioningFailed as failure:
        return f"failed at {failure.step}"
    schema_pool_fill.delay()
    return job.state


def provisioning_start(job_id: int) -> None:
    """Provision an accepted onboarding in the background. The pool of spare schemas is
    topped up first (for this job and any other waiting), so the job, and the next
    onboarding after it, each take a spare instead of cloning the template on the spot."""
    schema_pool_fill.delay()
    provision_city.delay(job_id)


@shared_task(name="tenants.tasks.schema_pool_fill")
def schema_pool_fill() -> int:
    """Clone the template into spare schemas until the pool is full again."""
    from tenants.pool import pool_fill

    return pool_fill()
