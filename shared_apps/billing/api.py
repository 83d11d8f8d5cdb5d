"""The hub's billing API: plans, and each city's billing (partner admins)."""

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from innovato.errors import ActionRefused
from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import HasRole
from shared_apps.billing import selectors, services
from shared_apps.billing.models import BillingAccount, Plan


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["code", "name", "amount_cents", "currency", "interval", "trial_days",
                  "grace_days"]
        read_only_fields = fields


class PlanViewSet(viewsets.ReadOnlyModelViewSet):
    """Plans a city can be put on."""

    serializer_class = PlanSerializer
    permission_classes = [IsAuthenticated]
    lookup_field = "code"

    def get_queryset(self):
        return selectors.plans_offered()


class BillingAccountSerializer(serializers.ModelSerializer):
    city = serializers.CharField(source="city.slug", read_only=True)
    plan = serializers.CharField(source="plan.code", read_only=True)
    billing_enabled = serializers.SerializerMethodField()

    class Meta:
        model = BillingAccount
        fields = ["city", "plan", "status", "grace_until", "suspended_for_nonpayment",
                  "stripe_customer_id", "stripe_subscription_id", "billing_enabled"]
        read_only_fields = fields

    def get_billing_enabled(self, account) -> bool:
        return selectors.billing_enabled()


UrlSerializer = inline_serializer("BillingUrl", {"url": serializers.URLField()})


class CityBillingViewSet(viewsets.ReadOnlyModelViewSet):
    """Partner admins: a city's billing account, checkout, invoice and portal link."""

    serializer_class = BillingAccountSerializer
    permission_classes = [HasRole]
    required_roles = (Role.PARTNER_ADMIN,)
    lookup_field = "city__slug"
    lookup_url_kwarg = "slug"

    def get_queryset(self):
        return BillingAccount.objects.select_related("city", "plan").order_by("city__slug")

    def _account(self, slug) -> BillingAccount:
        return get_object_or_404(self.get_queryset(), city__slug=slug)

    def _hub_url(self, path: str) -> str:
        return self.request.build_absolute_uri(path)

    @extend_schema(request=None, responses=UrlSerializer)
    @action(detail=True, methods=["post"])
    def checkout(self, request, slug=None):
        account = self._account(slug)
        url = services.checkout_session_create(
            account=account, success_url=self._hub_url(f"/partners/cities/{slug}/?paid=1"),
            cancel_url=self._hub_url(f"/partners/cities/{slug}/"), by=request.user)
        return Response({"url": url})

    @extend_schema(request=None, responses=inline_serializer(
        "InvoiceIssued", {"invoice": serializers.CharField()}))
    @action(detail=True, methods=["post"])
    def invoice(self, request, slug=None):
        return Response({"invoice": services.invoice_issue(account=self._account(slug),
                                                           by=request.user)})

    @extend_schema(request=None, responses=inline_serializer(
        "PortalLink", {"url": serializers.URLField(),
                       "sent_to": serializers.ListField(child=serializers.EmailField())}))
    @action(detail=True, methods=["post"], url_path="portal-link")
    def portal_link(self, request, slug=None):
        account = self._account(slug)
        if not selectors.billing_enabled():
            raise ActionRefused(_("Billing is not configured on this network."),
                                code="billing_off")
        link = self._hub_url(f"/billing/portal/{services.portal_link_token(account=account)}/")
        sent = services.portal_link_send(account=account, link=link, by=request.user)
        return Response({"url": link, "sent_to": sent})
