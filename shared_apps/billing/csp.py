"""The pages whose forms lead to Stripe. Chrome checks where a form submission is redirected
against the page's `form-action` directive, so a page with a button that answers with a
redirect to Stripe Checkout or the customer portal must name Stripe's origin there."""

from collections.abc import Callable
from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponse

from shared_apps.billing.selectors import billing_enabled

STRIPE_PAGE_ORIGINS = ("https://checkout.stripe.com", "https://billing.stripe.com")


def stripe_page_origins() -> list[str]:
    """Where Stripe sends payers: its own pages, or those of the API base set for tests and
    emulators."""
    origins = list(STRIPE_PAGE_ORIGINS)
    if settings.STRIPE_API_BASE:
        base = urlsplit(settings.STRIPE_API_BASE)
        origins.append(f"{base.scheme}://{base.netloc}")
    return origins


def stripe_form_action() -> dict[str, list[str]]:
    """The policy sources a page with buttons leading to Stripe needs (none with billing
    off)."""
    return {"form-action": stripe_page_origins()} if billing_enabled() else {}


def forms_may_go_to_stripe(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Add Stripe's origins to the `form-action` directive of the page `view` answers."""

    @wraps(view)
    def wrapped(request, *args, **kwargs) -> HttpResponse:
        response = view(request, *args, **kwargs)
        if policy := stripe_form_action():
            response._csp_update = policy
        return response

    return wrapped
