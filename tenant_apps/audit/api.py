from django_filters import rest_framework as filters
from rest_framework import serializers, viewsets

from innovato.api import CheckedDateTimeFilter
from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import HasRole
from tenant_apps.audit.models import AuditEntry
from tenant_apps.audit.selectors import audit_entries


class AuditEntrySerializer(serializers.ModelSerializer):
    actor = serializers.CharField(source="actor.username", default=None, read_only=True)

    class Meta:
        model = AuditEntry
        fields = ["id", "at", "actor", "action", "target_type", "target_id", "target_repr",
                  "before", "after"]
        read_only_fields = fields


class AuditFilter(filters.FilterSet):
    since = CheckedDateTimeFilter(field_name="at", lookup_expr="gte")

    class Meta:
        model = AuditEntry
        fields = ["action", "target_type", "target_id"]


class AuditEntryViewSet(viewsets.ReadOnlyModelViewSet):
    """The city's audit trail, newest first; for city admins."""

    serializer_class = AuditEntrySerializer
    permission_classes = [HasRole]
    required_roles = (Role.CITY_ADMIN,)
    filterset_class = AuditFilter

    def get_queryset(self):
        return audit_entries()
