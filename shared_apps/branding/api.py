from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from innovato.rest import ObjectJSONParser
from shared_apps.accounts.permissions import HasRole
from shared_apps.branding import services
from shared_apps.branding.selectors import branding


class BrandingSerializer(serializers.Serializer):
    primary_colour = serializers.CharField(
        required=False, max_length=20,
        help_text="#rrggbb; refused unless it reaches 4.5:1 contrast with white.")
    logo = serializers.FileField(required=False, write_only=True,
                                 help_text="PNG, JPEG or WebP, at most 1 MB (multipart).")
    logo_remove = serializers.BooleanField(required=False, write_only=True)
    logo_url = serializers.CharField(read_only=True, allow_null=True)
    stylesheet_url = serializers.CharField(read_only=True)


def _representation(request) -> dict:
    current = branding()
    logo_url = (request.build_absolute_uri(reverse("branding:logo")) + f"?v={current.version}"
                if current.logo else None)
    return {"primary_colour": current.primary_colour, "logo_url": logo_url,
            "stylesheet_url": request.build_absolute_uri(reverse("branding:stylesheet"))
            + f"?v={current.version}"}


class BrandingView(APIView):
    """This site's branding (a city's, or the hub's): its primary colour and logo. Its
    admins change them (city admins; on the hub, partner admins and coordinators) with
    JSON, or multipart to upload a logo."""

    parser_classes = [ObjectJSONParser, MultiPartParser, FormParser]

    @property
    def required_roles(self) -> tuple[str, ...]:
        return services.branding_admin_roles()

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method in SAFE_METHODS else [HasRole()]

    @extend_schema(responses=BrandingSerializer)
    def get(self, request):
        return Response(_representation(request))

    @extend_schema(request=BrandingSerializer, responses=BrandingSerializer)
    def put(self, request):
        data = BrandingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.branding_update(by=request.user, **data.validated_data)
        return Response(_representation(request))

    patch = put
