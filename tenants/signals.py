"""The city lifecycle events other apps listen to, and keeping the host-to-city routing
cache in step with City and Domain rows."""

from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal, receiver

from tenants.models import City, Domain
from tenants.selectors import routing_cache_key

# Sent with `city` inside the transaction that removes a city (abandoned provisioning,
# deletion), before its rows and schema go: billing closes the city's account.
city_removing = Signal()


def forget_hostnames(hostnames: set[str]) -> None:
    keys = [routing_cache_key(name) for name in hostnames if name]
    if not keys:
        return
    cache = caches["routing"]
    cache.delete_many(keys)
    # Once more after commit, in case a request cached the old row in between.
    transaction.on_commit(lambda: cache.delete_many(keys))


@receiver(post_save, sender=Domain)
@receiver(post_delete, sender=Domain)
def domain_changed(sender, instance: Domain, **kwargs) -> None:
    forget_hostnames({instance.domain, getattr(instance, "loaded_domain", None)})


@receiver(post_save, sender=City)
@receiver(post_delete, sender=City)
def city_changed(sender, instance: City, **kwargs) -> None:
    if instance.pk is None:
        return
    forget_hostnames(set(Domain.objects.filter(tenant_id=instance.pk).values_list("domain",
                                                                                   flat=True)))
