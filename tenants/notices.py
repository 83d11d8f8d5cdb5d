"""E-mails from the network to a city's admins about their city's standing: suspended,
reactivated, archived, a payment failed, a grace period ended.

Written in the city's default language. Other apps add lines that every such message
carries (billing adds the link to its customer portal) by registering a provider in
`NOTICE_LINK_PROVIDERS` from their AppConfig.ready, so this module imports none of them.
"""

from collections.abc import Callable

from django.db import transaction
from django.utils import translation
from django_tenants.utils import tenant_context

from shared_apps.branding.email import mail_send
from tenants.models import City
from tenants.selectors import site_url

# Each provider returns a line to add to every notice for `city` ("" for none), written in
# the active language.
NOTICE_LINK_PROVIDERS: list[Callable[[City], str]] = []


def city_admin_addresses(city: City) -> list[str]:
    """The e-mail addresses of the city's active admins."""
    from shared_apps.accounts.models import Role, User

    with tenant_context(city):
        return sorted(set(
            User.objects.filter(is_active=True, roles__contains=[Role.CITY_ADMIN])
            .exclude(email="").values_list("email", flat=True)))


def city_admins_tell(*, city: City, message: Callable[[], tuple[str, str]]) -> list[str]:
    """Send the city's admins `message()` → (subject, body), composed in the city's
    language, once the current transaction commits. Returns the addresses."""
    addresses = city_admin_addresses(city)
    if not addresses:
        return []
    with translation.override(city.default_language):
        subject, body = message()
        links = [line for line in (provider(city) for provider in NOTICE_LINK_PROVIDERS)
                 if line]
    text = "\n\n".join([body, *links]) + "\n"
    base_url = site_url(city)
    transaction.on_commit(lambda: mail_send(subject=subject, text=text, to=addresses,
                                            base_url=base_url, sender=city))
    return addresses
