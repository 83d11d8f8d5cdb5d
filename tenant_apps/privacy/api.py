"""The API of personal data: a person asks for a copy of their data and downloads it, or
asks to be erased; city admins (partner admins on the hub) confirm or refuse erasures."""

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from innovato.api import for_schema_generation
from innovato.uploads import file_download
from tenant_apps.privacy import selectors, services, tasks
from tenant_apps.privacy.models import DataExport, ErasureRequest


class DataExportSerializer(serializers.ModelSerializer):
    class Meta:
        model = DataExport
        fields = ["id", "state", "requested_at", "ready_at", "expires_at", "size"]
        read_only_fields = fields


class DataExportViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """The signed-in person's own copies of their data. POST asks for a new one (built in
    the background; a notification says when it is ready); `download` gives the zip."""

    serializer_class = DataExportSerializer
    lookup_value_regex = r"\d+"
    filterset_class = None

    def get_queryset(self):
        if for_schema_generation(self):
            return DataExport.objects.none()
        return selectors.data_exports_of(self.request.user)

    @extend_schema(request=None, responses={202: DataExportSerializer})
    def create(self, request, *args, **kwargs):
        export = services.data_export_request(user=request.user)
        tasks.data_export_build_later(export)
        export.refresh_from_db()
        return Response(self.get_serializer(export).data, status=status.HTTP_202_ACCEPTED)

    @extend_schema(responses={(200, "application/zip"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        export = selectors.data_export_downloadable(user=request.user, pk=pk)
        if export is None:
            raise Http404
        return file_download(export.file.open("rb"), name="personal-data.zip",
                             content_type="application/zip")


class ErasureRequestSerializer(serializers.ModelSerializer):
    person = serializers.CharField(source="user.display_name", read_only=True)

    class Meta:
        model = ErasureRequest
        fields = ["id", "person", "state", "requested_at", "decided_at", "automatic",
                  "refusal_reason"]
        read_only_fields = fields


class RefuseSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000)


class ErasureRequestViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Requests to be erased: a person sees and makes their own (POST), and may withdraw
    it; city admins (partner admins on the hub) see every request and confirm or refuse
    it."""

    serializer_class = ErasureRequestSerializer
    lookup_value_regex = r"\d+"
    filterset_class = None

    def get_queryset(self):
        if for_schema_generation(self):
            return ErasureRequest.objects.none()
        requests = selectors.erasure_requests()
        if self.request.user.has_role(services.answering_role()):
            return requests
        return requests.filter(user=self.request.user)

    @extend_schema(request=None, responses={201: ErasureRequestSerializer})
    def create(self, request, *args, **kwargs):
        erasure = services.erasure_request(user=request.user)
        return Response(self.get_serializer(erasure).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=ErasureRequestSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        erasure = services.erasure_cancel(request=self.get_object(), by=request.user)
        return Response(self.get_serializer(erasure).data)

    @extend_schema(request=None, responses=ErasureRequestSerializer)
    @action(detail=True, methods=["post"])
    def confirm(self, request, pk=None):
        erasure = services.erasure_confirm(request=self.get_object(), by=request.user)
        return Response(self.get_serializer(erasure).data)

    @extend_schema(request=RefuseSerializer, responses=ErasureRequestSerializer)
    @action(detail=True, methods=["post"])
    def refuse(self, request, pk=None):
        serializer = RefuseSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        erasure = services.erasure_refuse(request=self.get_object(), by=request.user,
                                          reason=serializer.validated_data["reason"])
        return Response(self.get_serializer(erasure).data)


def register(router: DefaultRouter) -> None:
    """Add this app's API viewsets to a city's router, or the hub's."""
    router.register("privacy/copies", DataExportViewSet, basename="data-export")
    router.register("privacy/erasure-requests", ErasureRequestViewSet,
                    basename="erasure-request")
