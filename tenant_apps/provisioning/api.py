"""The API of provisioning, for city admins: the SCIM token, the directory's groups and
their meaning here, and the CSV import (preview, then import)."""

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import HasRole
from tenant_apps.people.models import Department
from tenant_apps.provisioning import selectors, services
from tenant_apps.provisioning.models import DirectoryGroup, GroupRole


class CityAdminOnly:
    permission_classes = [HasRole]
    required_roles = (Role.CITY_ADMIN,)


class ScimTokenSerializer(serializers.Serializer):
    base_url = serializers.CharField(read_only=True)
    exists = serializers.BooleanField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True, allow_null=True)
    last_used_at = serializers.DateTimeField(read_only=True, allow_null=True)


class NewScimTokenSerializer(serializers.Serializer):
    base_url = serializers.CharField(read_only=True)
    token = serializers.CharField(read_only=True)


class ScimTokenView(CityAdminOnly, APIView):
    """The city's SCIM token: GET says whether one exists; POST creates or rotates it and
    answers the secret once (only a digest is kept); DELETE revokes it."""

    @extend_schema(responses=ScimTokenSerializer)
    def get(self, request):
        token = selectors.scim_token_current()
        return Response(ScimTokenSerializer({
            "base_url": selectors.scim_base_url(request), "exists": token is not None,
            "created_at": token and token.created_at,
            "last_used_at": token and token.last_used_at}).data)

    @extend_schema(request=None, responses={201: NewScimTokenSerializer})
    def post(self, request):
        secret = services.scim_token_issue(by=request.user)
        return Response({"base_url": selectors.scim_base_url(request), "token": secret},
                        status=status.HTTP_201_CREATED)

    @extend_schema(responses={204: None})
    def delete(self, request):
        services.scim_token_revoke(by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class DirectoryGroupSerializer(serializers.ModelSerializer):
    member_count = serializers.IntegerField(read_only=True)
    role = serializers.ChoiceField(choices=GroupRole.choices, allow_blank=True,
                                   required=False)
    department = serializers.PrimaryKeyRelatedField(
        queryset=Department.objects.filter(is_active=True), allow_null=True, required=False)

    class Meta:
        model = DirectoryGroup
        fields = ["id", "display_name", "external_id", "role", "department", "member_count"]
        read_only_fields = ["id", "display_name", "external_id", "member_count"]


class DirectoryGroupViewSet(CityAdminOnly, mixins.UpdateModelMixin,
                            viewsets.ReadOnlyModelViewSet):
    """Groups the directory sent; PATCH sets the role and department membership gives."""

    serializer_class = DirectoryGroupSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.directory_groups_list()

    def perform_update(self, serializer):
        group = serializer.instance
        data = serializer.validated_data
        serializer.instance = services.directory_group_map(
            group=group, by=self.request.user, role=data.get("role", group.role),
            department=data.get("department", group.department))
        serializer.instance.member_count = serializer.instance.members.count()


class ImportFileSerializer(serializers.Serializer):
    file = serializers.FileField()


class ImportRowSerializer(serializers.Serializer):
    line = serializers.IntegerField()
    name = serializers.CharField()
    email = serializers.CharField()
    department = serializers.CharField(source="department_label")
    roles = serializers.ListField(child=serializers.CharField())
    language = serializers.CharField()
    errors = serializers.ListField(child=serializers.CharField())


class ImportPreviewSerializer(serializers.Serializer):
    valid = serializers.BooleanField(source="is_valid")
    errors = serializers.ListField(child=serializers.CharField())
    rows = ImportRowSerializer(many=True)


def _file_bytes(request) -> bytes | Response:
    """The uploaded file's bytes, or a 400 shaped as a preview (as every answer of these
    endpoints is) saying what is wrong with the upload itself."""
    data = ImportFileSerializer(data=request.data)
    if not data.is_valid():
        problems = [str(message) for messages in data.errors.values() for message in messages]
        return Response({"valid": False, "errors": problems, "rows": []},
                        status=status.HTTP_400_BAD_REQUEST)
    # Read one byte past the limit: enough for the preview to say the file is too large.
    return data.validated_data["file"].read(settings.PEOPLE_IMPORT_MAX_BYTES + 1)


class PeopleImportPreviewView(CityAdminOnly, APIView):
    """What importing this CSV file would do, row by row; writes nothing."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=ImportFileSerializer,
                   responses={200: ImportPreviewSerializer, 400: ImportPreviewSerializer})
    def post(self, request):
        data = _file_bytes(request)
        if isinstance(data, Response):
            return data
        preview = services.people_import_preview(data=data)
        return Response(ImportPreviewSerializer(preview).data)


class PeopleImportView(CityAdminOnly, APIView):
    """Invite everyone in this CSV file, each in their language; nobody if any row is
    invalid (400 with the preview)."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(request=ImportFileSerializer, responses={
        201: inline_serializer("PeopleImported", {"invited": serializers.IntegerField()}),
        400: ImportPreviewSerializer})
    def post(self, request):
        data = _file_bytes(request)
        if isinstance(data, Response):
            return data
        try:
            invitations = services.people_import(data=data, by=request.user,
                                                 base_url=request.build_absolute_uri("/"))
        except DjangoValidationError:
            preview = services.people_import_preview(data=data)
            return Response(ImportPreviewSerializer(preview).data,
                            status=status.HTTP_400_BAD_REQUEST)
        return Response({"invited": len(invitations)}, status=status.HTTP_201_CREATED)


def register(router) -> None:
    router.register("directory-groups", DirectoryGroupViewSet, basename="directory-group")


def api_paths():
    from django.urls import path

    return [
        path("scim-token/", ScimTokenView.as_view(), name="scim-token"),
        path("people-import/preview/", PeopleImportPreviewView.as_view(),
             name="people-import-preview"),
        path("people-import/", PeopleImportView.as_view(), name="people-import"),
    ]
