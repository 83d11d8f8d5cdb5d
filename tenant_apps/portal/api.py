from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import HasRole
from tenant_apps.portal import services
from tenant_apps.portal.models import Term
from tenant_apps.portal.selectors import city_terms, portal_settings


class TermWriteSerializer(serializers.Serializer):
    key = serializers.ChoiceField(choices=Term.choices)
    language = serializers.CharField()
    text = serializers.CharField(allow_blank=True, max_length=60)


class TerminologyView(APIView):
    """The city's words for key terms, per enabled language; city admins change them
    (an empty text restores the standard word)."""

    required_roles = (Role.CITY_ADMIN,)

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method in SAFE_METHODS else [HasRole()]

    @extend_schema(responses=inline_serializer("Terminology", {
        "terms": serializers.DictField()}))
    def get(self, request):
        return Response({"terms": {language: city_terms(language)
                                   for language in request.tenant.enabled_languages}})

    @extend_schema(request=TermWriteSerializer, responses=inline_serializer(
        "TerminologyAfter", {"terms": serializers.DictField()}))
    def put(self, request):
        data = TermWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.city_term_set(by=request.user, **data.validated_data)
        return self.get(request)


class PortalSettingsSerializer(serializers.Serializer):
    public_teaser = serializers.BooleanField(
        help_text="Visitors who are not signed in see open calls on the home page.")


class PortalSettingsView(APIView):
    """The city's home page settings; city admins change them. With `public_teaser` off
    (the default) visitors who are not signed in see only the city's name, a welcome and
    the sign-in link."""

    required_roles = (Role.CITY_ADMIN,)

    def get_permissions(self):
        return [IsAuthenticated()] if self.request.method in SAFE_METHODS else [HasRole()]

    @extend_schema(responses=PortalSettingsSerializer)
    def get(self, request):
        return Response(PortalSettingsSerializer(portal_settings()).data)

    @extend_schema(request=PortalSettingsSerializer, responses=PortalSettingsSerializer)
    def patch(self, request):
        data = PortalSettingsSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        changed = services.portal_settings_update(by=request.user, **data.validated_data)
        return Response(PortalSettingsSerializer(changed).data)
