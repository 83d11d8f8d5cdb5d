from rest_framework import serializers, viewsets
from rest_framework.permissions import AllowAny

from shared_apps.hub.selectors import city_url
from tenants.models import City
from tenants.selectors import cities_listed


class CitySerializer(serializers.ModelSerializer):
    url = serializers.SerializerMethodField()

    class Meta:
        model = City
        fields = ["slug", "name", "country", "default_language", "enabled_languages",
                  "timezone", "currency", "status", "url"]
        read_only_fields = fields

    def get_url(self, city: City) -> str:
        return city_url(self.context["request"], city)


class CityViewSet(viewsets.ReadOnlyModelViewSet):
    """The cities of the network (public directory)."""

    serializer_class = CitySerializer
    permission_classes = [AllowAny]
    lookup_field = "slug"
    filterset_fields = ["country", "status"]

    def get_queryset(self):
        return cities_listed()
