"""Billing pages of the hub: Stripe's webhook and the city admins' customer-portal links."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from innovato.errors import ActionRefused
from shared_apps.billing import services, tasks


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
