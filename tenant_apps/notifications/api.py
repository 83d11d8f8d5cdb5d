from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from innovato.api import for_schema_generation
from tenant_apps.notifications import selectors, services
from tenant_apps.notifications.models import Kind, Notification
from tenant_apps.notifications.registry import render_all


class RenderedListSerializer(serializers.ListSerializer):
    """Writes a page of notifications in the reader's language, all references at once."""

    def to_representation(self, data):
        return super().to_representation(render_all(data.all() if hasattr(data, "all")
                                                     else data))


class NotificationSerializer(serializers.ModelSerializer):
    """A notification with its title and body in the language of the request."""

    is_read = serializers.SerializerMethodField()

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "created_at", "read_at", "is_read"]
        read_only_fields = fields
        list_serializer_class = RenderedListSerializer

    def to_representation(self, notification: Notification):
        render_all([notification])  # no-op when its page was already written
        return super().to_representation(notification)

    def get_is_read(self, notification: Notification) -> bool:
        return notification.read_at is not None


class NotificationFilter(filters.FilterSet):
    unread = filters.BooleanFilter(field_name="read_at", lookup_expr="isnull",
                                   label=gettext_lazy("Only unread (true) or only read (false)"))

    class Meta:
        model = Notification
        fields = ["kind", "unread"]


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField()


class LanguageSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()


class PreferencesSerializer(serializers.Serializer):
    """E-mail choices per kind and the preferred language; on PUT, whatever is left out
    keeps its current value."""

    email = serializers.DictField(child=serializers.BooleanField(), required=False)
    language = serializers.CharField(max_length=8, allow_blank=True, required=False)
    available_languages = LanguageSerializer(many=True, read_only=True)

    def validate_email(self, value: dict) -> dict:
        unknown = sorted(set(value) - set(Kind.values))
        if unknown:
            raise serializers.ValidationError(
                _("Unknown kind of e-mail: %(kinds)s.") % {"kinds": ", ".join(unknown)})
        return value


class NotificationViewSet(viewsets.ReadOnlyModelViewSet):
    """The signed-in person's own notifications, newest first."""

    serializer_class = NotificationSerializer
    filterset_class = NotificationFilter
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        if for_schema_generation(self):
            return Notification.objects.none()
        return selectors.notifications_of(user=self.request.user)

    @extend_schema(request=None, responses=NotificationSerializer)
    @action(detail=True, methods=["post"])
    def read(self, request, pk=None):
        notification = self.get_object()
        services.notification_mark_read(notification=notification)
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=MarkedSerializer)
    @action(detail=False, methods=["post"], url_path="read-all", url_name="read-all")
    def read_all(self, request):
        marked = services.notifications_mark_all_read(user=request.user)
        return Response({"marked": marked})

    @extend_schema(methods=["GET"], request=None, responses=PreferencesSerializer)
    @extend_schema(methods=["PUT"], request=PreferencesSerializer,
                   responses=PreferencesSerializer)
    @action(detail=False, methods=["get", "put"], serializer_class=PreferencesSerializer,
            filterset_class=None)
    def preferences(self, request):
        user = request.user
        current = self._preferences(user)
        if request.method == "GET":
            return Response(current)
        serializer = PreferencesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email = {**current["email"], **serializer.validated_data.get("email", {})}
        services.preferences_save(
            user=user,
            email_kinds=[kind for kind, enabled in email.items() if enabled],
            language=serializer.validated_data.get("language", current["language"]),
        )
        return Response(self._preferences(user))

    @staticmethod
    def _preferences(user) -> dict:
        languages = selectors.city_language_choices()
        return {
            "email": selectors.email_preferences(user=user),
            "language": user.language if user.language in dict(languages) else "",
            "available_languages": [{"code": code, "name": name} for code, name in languages],
        }


def register(router: DefaultRouter) -> None:
    """Add this app's API viewsets to the city's router."""
    router.register("notifications", NotificationViewSet, basename="notification")

