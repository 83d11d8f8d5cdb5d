from django.contrib import admin

from tenant_apps.implementation.models import Implementation, Milestone, SavingsEntry, Update


class MilestoneInline(admin.TabularInline):
    model = Milestone
    extra = 0
    fields = ["title", "due_on", "state", "completed_on"]


class SavingsEntryInline(admin.TabularInline):
    model = SavingsEntry
    extra = 0
    fields = ["period", "projected_money", "realised_money", "projected_hours",
              "realised_hours", "note"]


@admin.register(Implementation)
class ImplementationAdmin(admin.ModelAdmin):
    list_display = ["proposal", "lead", "progress", "started_at", "finished_at"]
    list_select_related = ["proposal", "lead"]
    list_filter = ["finished_at", "proposal__call"]
    search_fields = ["proposal__title"]
    raw_id_fields = ["proposal", "lead"]
    readonly_fields = ["started_at"]
    inlines = [MilestoneInline, SavingsEntryInline]


@admin.register(Update)
class UpdateAdmin(admin.ModelAdmin):
    list_display = ["implementation", "author", "created_at"]
    list_select_related = ["implementation__proposal", "author"]
    raw_id_fields = ["implementation", "author"]
    search_fields = ["body"]
    # Evidence comes in through the pages and the API only, where its content is checked.
    readonly_fields = ["evidence"]


@admin.register(SavingsEntry)
class SavingsEntryAdmin(admin.ModelAdmin):
    list_display = ["implementation", "period", "projected_money", "realised_money",
                    "projected_hours", "realised_hours"]
    list_select_related = ["implementation__proposal"]
    list_filter = ["period"]
    raw_id_fields = ["implementation"]
