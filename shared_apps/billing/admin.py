from django.contrib import admin

from shared_apps.billing.models import BillingAccount, Plan, StripeEvent


class HubOnly:
    def has_module_permission(self, request) -> bool:
        return request.tenant.is_hub and super().has_module_permission(request)


@admin.register(Plan)
class PlanAdmin(HubOnly, admin.ModelAdmin):
    list_display = ["code", "name", "amount_cents", "currency", "interval", "is_active"]


@admin.register(BillingAccount)
class BillingAccountAdmin(HubOnly, admin.ModelAdmin):
    list_display = ["city", "plan", "status", "grace_until", "stripe_customer_id"]
    list_filter = ["status", "plan"]


@admin.register(StripeEvent)
class StripeEventAdmin(HubOnly, admin.ModelAdmin):
    list_display = ["event_id", "type", "created", "deliveries", "processed_at", "outcome"]
    readonly_fields = ["event_id", "type", "created", "payload", "deliveries", "processed_at",
                       "outcome"]
