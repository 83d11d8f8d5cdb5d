"""URLs of a city's site (`<slug>.<BASE_DOMAIN>` and its extra domains)."""

from django.contrib import admin
from django.urls import include, path
from rest_framework.routers import DefaultRouter

from innovato.urls_common import api_patterns, api_router
from innovato.urls_common import urlpatterns as common_patterns
from tenant_apps.people import api as people_api

city_api_router = DefaultRouter(trailing_slash=True)
city_api_router.include_root_view = False
city_api_router.registry.extend(api_router.registry)
city_api_router.register("departments", people_api.DepartmentViewSet, basename="department")

urlpatterns = [
    *common_patterns,
    path("api/v1/", include((api_patterns + city_api_router.urls, "api"), namespace="api")),
    path("admin/", admin.site.urls),
    path("people/", include("tenant_apps.people.urls")),
    path("", include("tenant_apps.portal.urls")),
]

handler400 = "innovato.views.bad_request"
handler403 = "innovato.views.permission_denied"
handler404 = "innovato.views.page_not_found"
handler500 = "innovato.views.server_error"
