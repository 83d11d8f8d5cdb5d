from django.contrib import admin

from tenants.models import City, Domain


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
