from django.contrib import admin
from modeltranslation.admin import TranslationAdmin

from tenant_apps.people.models import Department, Profile


@admin.register(Department)
class DepartmentAdmin(TranslationAdmin):
    list_display = ["name", "code", "is_active"]
    search_fields = ["name", "code"]


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "department", "job_title"]
    list_select_related = ["user", "department"]
