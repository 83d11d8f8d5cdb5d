"""Reads of the network's cities."""

from django.conf import settings
from django.core.cache import caches
from django.db.models import Prefetch, QuerySet

from tenants.models import City, Domain

ROUTING_CACHE_SECONDS = 300
_NO_CITY = "-"


def routing_cache_key(hostname: str) -> str:
    return f"city-for-host:{hostname}"


def city_for_hostname(hostname: str) -> City | None:
    """The city (or the hub) that answers at `hostname`, or None for an unknown host.

    Warm lookups come from the routing cache and cost no database round trip; cities
    still being provisioned are not reachable.
    """
    if hostname == settings.BASE_DOMAIN:
        return City.hub()
    cache = caches["routing"]
    key = routing_cache_key(hostname)
    cached = cache.get(key)
    if cached is not None:
        return None if cached == _NO_CITY else cached
    domain = (
        Domain.objects.select_related("tenant")
        .filter(domain=hostname)
        .exclude(tenant__status=City.Status.PROVISIONING)
        .first()
    )
    city = domain.tenant if domain else None
    cache.set(key, city or _NO_CITY, ROUTING_CACHE_SECONDS)
    return city


def cities_listed() -> QuerySet[City]:
    """Cities shown on the hub: every reachable city with its domains, by name."""
    return (
        City.objects.exclude(status=City.Status.PROVISIONING)
        .prefetch_related(Prefetch("domains", queryset=Domain.objects.filter(is_primary=True)))
        .order_by("name")
    )


def city_primary_hostname(city: City) -> str:
    """The host a city is linked at; uses prefetched domains when present."""
    for domain in city.domains.all():
        if domain.is_primary:
            return domain.domain
    return f"{city.slug}.{settings.BASE_DOMAIN}"


def cities_for_partner_admins() -> QuerySet[City]:
    """Every city whatever its status, with its provisioning job, newest first."""
    return City.objects.select_related("provisioning").order_by("-created_at")


def city_records(city: City):
    from tenants.models import CityRecord

    return CityRecord.objects.filter(city=city).select_related("by").order_by("-at", "-id")


def provisioning_progress(city: City) -> dict:
    """Where a city's provisioning stands, step by step, for the wizard and the API."""
    from tenants.models import ProvisioningJob
    from tenants.services import provisioning_step_labels

    job = ProvisioningJob.objects.filter(city=city).first()
    done = set(job.steps_done) if job else set()
    steps = []
    for code, label in provisioning_step_labels():
        if code in done or (job is None and city.status != City.Status.PROVISIONING):
            state = "done"
        elif job and code == job.current_step and job.state == ProvisioningJob.State.FAILED:
            state = "failed"
        elif job and code == job.current_step and job.state == ProvisioningJob.State.RUNNING:
            state = "running"
        else:
            state = "pending"
        steps.append({"code": code, "label": label, "state": state})
    finished = sum(step["state"] == "done" for step in steps)
    return {
        "city": city.slug,
        "status": city.status,
        "state": job.state if job else "done",
        "error": job.error if job else "",
        "attempts": job.attempts if job else 0,
        "steps": steps,
        "percent": round(100 * finished / len(steps)),
        "finished": city.status != City.Status.PROVISIONING,
    }
