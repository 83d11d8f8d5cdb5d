"""The reports as JSON, city-wide or for one call (`?call=<id>`); city admins only.

Amounts are strings with two decimals (hours one), rates fractions with four, so no
precision is lost on the way.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import HasRole
from tenant_apps.calls.models import Call
from tenant_apps.reports import tables
from tenant_apps.reports.views import requested_call


def _rate(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=7, decimal_places=4, **kwargs)


def _money(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=20, decimal_places=2, **kwargs)


def _hours(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(max_digits=16, decimal_places=1, **kwargs)


class ReportFunnelStageSerializer(serializers.Serializer):
    stage = serializers.CharField()
    label = serializers.CharField()
    proposals = serializers.IntegerField()
    share_of_submitted = _rate(allow_null=True)


class ReportDepartmentSerializer(serializers.Serializer):
    department_id = serializers.IntegerField(allow_null=True)
    department = serializers.CharField()
    proposals = serializers.IntegerField()
    authors = serializers.IntegerField()
    members = serializers.IntegerField(allow_null=True)
    participation_rate = _rate(allow_null=True)


class ReportThemeSerializer(serializers.Serializer):
    theme_id = serializers.IntegerField(allow_null=True)
    theme = serializers.CharField()
    proposals = serializers.IntegerField()
    share = _rate(allow_null=True)


class ReportSavingsMonthSerializer(serializers.Serializer):
    month = serializers.DateField()
    projected_money = _money()
    realised_money = _money(allow_null=True)
    projected_hours = _hours()
    realised_hours = _hours(allow_null=True)
    cumulative_realised_money = _money()
    cumulative_realised_hours = _hours()


SERIALIZERS = {
    "funnel": ReportFunnelStageSerializer,
    "participation": ReportDepartmentSerializer,
    "themes": ReportThemeSerializer,
    "savings": ReportSavingsMonthSerializer,
}

CALL_PARAMETER = OpenApiParameter(
    "call", OpenApiTypes.INT, required=False,
    description="Only the proposals of this call; the whole city without it.",
)


def _envelope(name: str, fields: dict) -> serializers.Serializer:
    return inline_serializer(name, {
        "call": serializers.IntegerField(allow_null=True),
        "currency": serializers.CharField(),
        **fields,
    })


class _EnvelopeSchema(AutoSchema):
    """Each report answers one object (an envelope of tables), also `list`."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class ReportViewSet(viewsets.ViewSet):
    """Funnel, participation by department, proposals by theme and savings over time."""

    permission_classes = [HasRole]
    required_roles = (Role.CITY_ADMIN,)
    schema = _EnvelopeSchema()

    def _envelope_data(self, request) -> tuple[dict, Call | None]:
        call = requested_call(request)
        return {"call": call.pk if call is not None else None,
                "currency": request.tenant.currency}, call

    def _one(self, request, report: str) -> Response:
        body, call = self._envelope_data(request)
        body["results"] = SERIALIZERS[report](tables.fetch(report, call=call), many=True).data
        return Response(body)

    @extend_schema(parameters=[CALL_PARAMETER], responses=_envelope("ReportsAll", {
        report: serializer(many=True) for report, serializer in SERIALIZERS.items()
    }))
    def list(self, request):
        """Every report at once."""
        body, call = self._envelope_data(request)
        for report, serializer in SERIALIZERS.items():
            body[report] = serializer(tables.fetch(report, call=call), many=True).data
        return Response(body)

    @extend_schema(parameters=[CALL_PARAMETER], responses=_envelope(
        "ReportFunnel", {"results": ReportFunnelStageSerializer(many=True)}))
    @action(detail=False)
    def funnel(self, request):
        """Proposals that reached each stage, submitted to implemented."""
        return self._one(request, "funnel")

    @extend_schema(parameters=[CALL_PARAMETER], responses=_envelope(
        "ReportParticipation", {"results": ReportDepartmentSerializer(many=True)}))
    @action(detail=False)
    def participation(self, request):
        """Per department: proposals, distinct authors, members and participation rate."""
        return self._one(request, "participation")

    @extend_schema(parameters=[CALL_PARAMETER], responses=_envelope(
        "ReportThemes", {"results": ReportThemeSerializer(many=True)}))
    @action(detail=False)
    def themes(self, request):
        """Submitted proposals per theme."""
        return self._one(request, "themes")

    @extend_schema(parameters=[CALL_PARAMETER], responses=_envelope(
        "ReportSavings", {"results": ReportSavingsMonthSerializer(many=True)}))
    @action(detail=False)
    def savings(self, request):
        """Projected and realised savings per month, with realised savings accumulated."""
        return self._one(request, "savings")


def register(router: DefaultRouter) -> None:
    """Add this app's API viewsets to the city's router."""
    router.register("reports", ReportViewSet, basename="report")
