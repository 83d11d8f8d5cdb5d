from celery import shared_task

from tenants.scheduling import run_jobs_for_all_cities as run_all


@shared_task(name="tenants.tasks.run_jobs_for_all_cities")
def run_jobs_for_all_cities() -> int:
    """Celery beat, every minute: each active city's scheduled jobs."""
    return run_all()
