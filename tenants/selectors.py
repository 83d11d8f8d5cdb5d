"""Reads of the network's cities."""

from django.conf import settings
from django.core.cache import caches
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest

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


def site_url(city: City, request: HttpRequest | None = None) -> str:
    """Root URL (no trailing slash) of the hub or of a city's primary domain: on the scheme
    and port of `request` when there is one, else on the configured ones (HTTPS_ONLY,
    SITE_PORT) — for links in e-mails and background jobs."""
    # FakeTenant (a bare public schema) has no is_hub: it is the hub.
    host = (settings.BASE_DOMAIN if getattr(city, "is_hub", True)
            else city_primary_hostname(city))
    if request is not None:
        scheme, port = request.scheme, request.get_port()
    else:
        scheme, port = ("https" if settings.HTTPS_ONLY else "http"), settings.SITE_PORT
    suffix = "" if port in ("", "80", "443") else f":{port}"
    return f"{scheme}://{host}{suffix}"


def city_url(request: HttpRequest, city: City) -> str:
    """Absolute URL of a city's site, on the scheme and port this request came in on."""
    return site_url(city, request) + "/"


def city_primary_hostname(city: City) -> str:
    """The host a city is linked at; uses prefetched domains when present."""
    if city.pk is None:  # not saved yet: only its standard subdomain exists
        return f"{city.slug}.{settings.BASE_DOMAIN}"
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
    from tenants.provisioning import provisioning_step_labels

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


def city_people_count(city: City) -> int:
    """How many people can sign in to `city`: those a suspension or archive affects."""
    from django_tenants.utils import tenant_context

    from shared_apps.accounts.models import User

    with tenant_context(city):
        return User.objects.filter(is_active=True).count()
