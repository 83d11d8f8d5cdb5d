from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin

from shared_apps.accounts.models import Invitation, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ["username", "email", "first_name", "last_name", "roles", "is_active"]
    fieldsets = (*DjangoUserAdmin.fieldsets, (None, {"fields": ["roles"]}))


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "roles", "created_at", "expires_at", "accepted_at", "revoked_at"]
    readonly_fields = ["token_digest", "created_at", "accepted_at", "user"]
