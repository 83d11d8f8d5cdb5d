"""Writes on the network's cities: the template schema and city provisioning."""

from collections.abc import Iterable

from django.conf import settings
from django.core.management import call_command
from django.db import connection, transaction
from django_tenants.utils import schema_exists

from tenants.models import City, Domain


def template_schema_migrate(*, verbosity: int = 0) -> None:
    """Create the template schema new cities are cloned from, and bring it up to date."""
    name = settings.TENANT_BASE_SCHEMA
    if not schema_exists(name):
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{name}"')
    call_command("migrate_schemas", schema_name=name, interactive=False, verbosity=verbosity)
    connection.set_schema_to_public()


@transaction.atomic
def city_create(
    *,
    name: str,
    slug: str,
    country: str,
    default_language: str,
    enabled_languages: Iterable[str],
    timezone: str = "Europe/Brussels",
    currency: str = "EUR",
    extra_domains: Iterable[str] = (),
) -> City:
    """Create a city: its row, its schema (cloned from the template) and its domains.

    Everything happens in one transaction, so a failure leaves no half-made city.
    """
    city = City(
        name=name,
        slug=slug,
        schema_name=slug.replace("-", "_"),
        country=country.upper(),
        default_language=default_language,
        enabled_languages=list(dict.fromkeys(enabled_languages)),
        timezone=timezone,
        currency=currency.upper(),
        status=City.Status.PROVISIONING,
    )
    city.full_clean()
    city.save(verbosity=0)
    Domain.objects.create(domain=f"{slug}.{settings.BASE_DOMAIN}", tenant=city, is_primary=True)
    for extra in extra_domains:
        domain = Domain(domain=extra, tenant=city, is_primary=False)
        domain.full_clean()
        domain.save()
    city.status = City.Status.ACTIVE
    city.save(update_fields=["status"])
    return city
