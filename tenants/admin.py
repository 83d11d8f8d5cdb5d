from django.contrib import admin

from tenants.models import City, CityRecord, Domain, ProvisioningJob


class DomainInline(admin.TabularInline):
    model = Domain
    extra = 0


@admin.register(City)
class CityAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "country", "default_language", "status", "created_at"]
    list_filter = ["status", "country"]
    search_fields = ["name", "slug"]
    readonly_fields = ["schema_name", "slug", "created_at"]
    inlines = [DomainInline]

    def has_module_permission(self, request) -> bool:
        return request.tenant.is_hub and super().has_module_permission(request)


@admin.register(ProvisioningJob)
class ProvisioningJobAdmin(admin.ModelAdmin):
    list_display = ["city", "state", "current_step", "attempts", "created_at", "finished_at"]
    list_filter = ["state"]

    def has_module_permission(self, request) -> bool:
        return request.tenant.is_hub and super().has_module_permission(request)


@admin.register(CityRecord)
class CityRecordAdmin(admin.ModelAdmin):
    list_display = ["at", "city_slug", "action", "by_name", "note"]
    list_filter = ["action"]
    readonly_fields = ["city", "city_slug", "action", "by", "by_name", "at", "note", "details"]

    def has_module_permission(self, request) -> bool:
        return request.tenant.is_hub and super().has_module_permission(request)
