"""Billing pages: Stripe's webhook and the city admins' customer-portal links on the hub,
the billing section and actions on a city's page for partner admins, and the city admins'
billing page on their own site."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_POST

from innovato.errors import ActionRefused
from shared_apps.billing import selectors, services, tasks
from shared_apps.billing.csp import forms_may_go_to_stripe
from shared_apps.billing.models import BillingAccount
from tenants.models import City
from tenants.views import partner_admin_required


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


def partner_city_section(request: HttpRequest, city: City) -> str:
    """The billing section of a city's page for partner admins (tenants.views
    CITY_PAGE_SECTIONS): its plan, its standing and the payment actions."""
    return render_to_string("billing/partner_city_section.html", {
        "city_obj": city,
        "account": BillingAccount.objects.filter(city=city).select_related("plan").first(),
        "billing_enabled": selectors.billing_enabled(),
    }, request=request)


@require_POST
@partner_admin_required
def partner_city_billing(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    """Partner admins, from a city's page: checkout, invoice, or the portal link."""
    city = get_object_or_404(City, slug=slug)
    account = get_object_or_404(BillingAccount.objects.select_related("plan", "city"),
                                city=city)
    detail = request.build_absolute_uri(f"/partners/cities/{slug}/")
    if action == "checkout":
        return redirect(services.checkout_session_create(
            account=account, success_url=detail + "?paid=1", cancel_url=detail,
            by=request.user))
    if action == "invoice":
        services.invoice_issue(account=account, by=request.user)
        messages.success(request, _("The invoice was issued."))
    elif action == "portal-link":
        link = request.build_absolute_uri(
            f"/billing/portal/{services.portal_link_token(account=account)}/")
        sent = services.portal_link_send(account=account, link=link, by=request.user)
        messages.success(request, _("A link to the billing portal was sent to %(emails)s.")
                         % {"emails": ", ".join(sent)})
    else:
        raise PermissionDenied
    return redirect("partners:city_detail", slug=slug)


def _city_account(request: HttpRequest):
    from shared_apps.accounts.models import Role

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
        "account": _city_account(request), "billing_enabled": selectors.billing_enabled()})


@require_POST
def city_portal(request: HttpRequest) -> HttpResponse:
    """Open a Stripe customer-portal session for this city and go there."""
    account = _city_account(request)
    if account is None:
        raise ActionRefused(_("This city has no billing account yet."), code="no_account")
    return_url = request.build_absolute_uri("/billing/")
    return redirect(services.portal_session_create(account=account, return_url=return_url))
