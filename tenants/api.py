"""The hub's city API: the public directory of cities (GET cities/, cities/{slug}/), and for
partner admins onboarding (POST cities/), provisioning status and retry, suspend,
reactivate, archive, export, restore, delete and the record."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from innovato.errors import ActionRefused
from innovato.rest import ObjectJSONParser
from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import HasRole
from tenants import selectors, services, tasks
from tenants.models import City, CityRecord
from tenants.selectors import cities_listed, city_url
from tenants.views import city_base_url


class CitySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = City
        fields = ["slug", "name", "country", "default_language", "enabled_languages",
                  "timezone", "currency", "status", "url"]
        read_only_fields = fields

    def get_url(self, city: City) -> str:
        return city_url(self.context["request"], city)


class DirectoryCityViewSet(viewsets.ReadOnlyModelViewSet):
    """The cities of the network (public directory)."""

    serializer_class = CitySerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"
    filterset_fields = ["country", "status"]

    def get_queryset(self):
        return cities_listed()


class OnboardSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    slug = serializers.CharField(max_length=200, trim_whitespace=False)
    country = serializers.CharField(max_length=2)
    enabled_languages = serializers.ListField(child=serializers.CharField(max_length=8),
                                              allow_empty=False)
    default_language = serializers.CharField(max_length=8)
    timezone = serializers.CharField(max_length=64, default="Europe/Brussels")
    currency = serializers.CharField(max_length=3, default="EUR")
    extra_domains = serializers.ListField(child=serializers.CharField(max_length=253),
                                          required=False, default=list)
    admin_email = serializers.EmailField(required=False, allow_blank=True, default="")
    plan = serializers.CharField(required=False, allow_blank=True, default="")


class StepSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    state = serializers.ChoiceField(choices=["pending", "running", "done", "failed"])


ProgressSerializer = inline_serializer("ProvisioningProgress", {
    "city": serializers.CharField(), "status": serializers.CharField(),
    "state": serializers.CharField(), "error": serializers.CharField(),
    "attempts": serializers.IntegerField(), "percent": serializers.IntegerField(),
    "finished": serializers.BooleanField(), "steps": StepSerializer(many=True)})


class CityRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = CityRecord
        fields = ["id", "city_slug", "action", "by_name", "at", "note", "details"]
        read_only_fields = fields


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ConfirmedReasonSerializer(ReasonSerializer):
    confirm = serializers.CharField(
        required=False, allow_blank=True, default="", trim_whitespace=False,
        help_text=gettext_lazy("The city's slug, typed again to confirm."))


class DeleteSerializer(serializers.Serializer):
    confirm_slug = serializers.CharField()


class RestoreSerializer(serializers.Serializer):
    archive = serializers.FileField()
    name = serializers.CharField(max_length=100)
    slug = serializers.CharField(max_length=200)


class CityViewSet(DirectoryCityViewSet):
    """Cities of the network. Reading is public; partner admins onboard and manage them."""

    required_roles = (Role.PARTNER_ADMIN,)
    parser_classes = [ObjectJSONParser, FormParser, MultiPartParser]

    def get_permissions(self):
        if self.action in ("list", "retrieve"):
            return [AllowAny()]
        return [HasRole()]

    def _is_partner_admin(self) -> bool:
        user = self.request.user
        return bool(user and user.is_authenticated and user.has_role(Role.PARTNER_ADMIN))

    def get_queryset(self):
        if self.action in ("list", "retrieve") and not self._is_partner_admin():
            return super().get_queryset()
        return City.objects.prefetch_related("domains").order_by("name")

    def _city(self, slug) -> City:
        return get_object_or_404(City.objects.all(), slug=slug)

    @extend_schema(request=OnboardSerializer, responses={202: ProgressSerializer})
    def create(self, request, *args, **kwargs):
        """Onboard a city: validated now, provisioned by a background job. Poll
        `cities/{slug}/provisioning/` for its progress."""
        serializer = OnboardSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        job = services.city_onboard(**data, by=request.user,
                                    base_url=city_base_url(request, data["slug"].strip()))
        tasks.provisioning_start(job.pk)
        city = City.objects.get(pk=job.city_id)
        response = Response(selectors.provisioning_progress(city),
                            status=status.HTTP_202_ACCEPTED)
        response["Location"] = f"/api/v1/cities/{city.slug}/provisioning/"
        return response

    @extend_schema(request=None, responses=ProgressSerializer)
    @action(detail=True, methods=["get"])
    def provisioning(self, request, slug=None):
        return Response(selectors.provisioning_progress(self._city(slug)))

    @extend_schema(request=None, responses={202: ProgressSerializer})
    @action(detail=True, methods=["post"], url_path="provisioning/retry")
    def retry(self, request, slug=None):
        city = self._city(slug)
        job = getattr(city, "provisioning", None)
        if job is None or job.state == job.State.DONE:
            raise ActionRefused(_("This city is already provisioned."), code="already_done")
        services.city_record(city=city, action=CityRecord.Action.RETRY, by=request.user,
                             details={"steps_done": job.steps_done})
        tasks.provision_city.delay(job.pk)
        city.refresh_from_db()
        return Response(selectors.provisioning_progress(city), status=status.HTTP_202_ACCEPTED)

    def _lifecycle(self, request, slug, perform, *, confirmed: bool = False):
        serializer = (ConfirmedReasonSerializer if confirmed else ReasonSerializer)(
            data=request.data)
        serializer.is_valid(raise_exception=True)
        extra = {"confirm_slug": serializer.validated_data["confirm"]} if confirmed else {}
        city = perform(city=self._city(slug), by=request.user,
                       reason=serializer.validated_data["reason"], **extra)
        return Response(self.get_serializer(city).data)

    @extend_schema(request=ConfirmedReasonSerializer)
    @action(detail=True, methods=["post"])
    def suspend(self, request, slug=None):
        """Suspend the city: nobody of it can sign in or use the API until it is
        reactivated. `confirm` must be the city's slug."""
        return self._lifecycle(request, slug, services.city_suspend, confirmed=True)

    @extend_schema(request=ReasonSerializer)
    @action(detail=True, methods=["post"])
    def reactivate(self, request, slug=None):
        return self._lifecycle(request, slug, services.city_reactivate)

    @extend_schema(request=ConfirmedReasonSerializer)
    @action(detail=True, methods=["post"])
    def archive(self, request, slug=None):
        """Archive the city: read-only for everyone. `confirm` must be the city's slug."""
        return self._lifecycle(request, slug, services.city_archive, confirmed=True)

    @extend_schema(request=None, responses={(200, "application/zip"): OpenApiResponse(
        description=_("The export archive"))})
    @action(detail=True, methods=["post"])
    def export(self, request, slug=None):
        city = self._city(slug)
        archive = services.city_export(city=city, by=request.user)
        return FileResponse(archive, as_attachment=True,
                            filename=f"innovato-{city.slug}.zip",
                            content_type="application/zip")

    @extend_schema(request=RestoreSerializer,
                   responses={201: DirectoryCityViewSet.serializer_class})
    @action(detail=False, methods=["post"])
    def restore(self, request):
        serializer = RestoreSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        city = services.city_restore(archive=data["archive"], name=data["name"],
                                     slug=data["slug"].strip(), by=request.user,
                                     base_url=city_base_url(request, data["slug"].strip()))
        return Response(self.get_serializer(city).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=DeleteSerializer, responses={204: None})
    def destroy(self, request, slug=None):
        """Delete an archived city, with its slug typed again as `confirm_slug`."""
        serializer = DeleteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        services.city_delete(city=self._city(slug),
                             confirm_slug=serializer.validated_data["confirm_slug"],
                             by=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=CityRecordSerializer(many=True))
    @action(detail=True, methods=["get"])
    def records(self, request, slug=None):
        page = self.paginate_queryset(selectors.city_records(self._city(slug)))
        return self.get_paginated_response(CityRecordSerializer(page, many=True).data)
