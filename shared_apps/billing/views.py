"""Billing pages of the hub: Stripe's webhook and the city admins' customer-portal links."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from innovato.errors import ActionRefused
from shared_apps.billing import services, tasks
from shared_apps.billing.csp import forms_may_go_to_stripe
from shared_apps.billing.selectors import billing_enabled


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    """The one webhook endpoint: verify the signature on the raw body, store the event
    once, hand it to a background job, answer at once."""
    if not request.tenant.is_hub:
        return JsonResponse({"detail": "Not found.", "code": "not_found"}, status=404)
    try:
        event, is_new = services.event_receive(
            payload=request.body, signature=request.headers.get("Stripe-Signature", ""))
    except ActionRefused as refused:
        return JsonResponse({"detail": refused.message, "code": refused.code}, status=400)
    if event.processed_at is None:
        tasks.process_stripe_event.delay(event.pk)
    return JsonResponse({"received": True, "duplicate": not is_new})


@require_GET
def portal_redirect(request: HttpRequest, token: str) -> HttpResponse:
    """A city admin's link from the portal e-mail: open a fresh Stripe portal session."""
    account = services.portal_link_account(token)
    return_url = request.build_absolute_uri("/")
    return redirect(services.portal_session_create(account=account, return_url=return_url))


def _city_account(request: HttpRequest):
    from django.core.exceptions import PermissionDenied

    from shared_apps.accounts.models import Role
    from shared_apps.billing.models import BillingAccount

    if request.tenant.is_hub or not request.user.is_authenticated:
        raise PermissionDenied
    if not request.user.has_role(Role.CITY_ADMIN):
        raise PermissionDenied
    return BillingAccount.objects.select_related("plan").filter(city=request.tenant).first()


@forms_may_go_to_stripe
def city_billing(request: HttpRequest) -> HttpResponse:
    """City admins, on their own site: the city's plan, its payment status and the way to
    Stripe's customer portal."""
    from django.contrib.auth.views import redirect_to_login
    from django.shortcuts import render

    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return render(request, "billing/city_billing.html", {
        "account": _city_account(request), "billing_enabled": billing_enabled()})


@require_POST
def city_portal(request: HttpRequest) -> HttpResponse:
    """Open a Stripe customer-portal session for this city and go there."""
    account = _city_account(request)
    if account is None:
        raise ActionRefused(_("This city has no billing account yet."), code="no_account")
    return_url = request.build_absolute_uri("/billing/")
    return redirect(services.portal_session_create(account=account, return_url=return_url))
