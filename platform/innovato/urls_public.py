"""URLs of the network hub (`BASE_DOMAIN`, the public schema)."""

from django.contrib import admin
from django.urls import include, path

from innovato.api import ApiRouter
from innovato.urls_common import api_patterns, api_router
from innovato.urls_common import urlpatterns as common_patterns
from shared_apps.billing import api as billing_api
from shared_apps.billing import urls as billing_urls
from shared_apps.hub import api as hub_api
from shared_apps.hub.urls import hub_patterns
from tenant_apps.privacy import api as privacy_api
from tenant_apps.provisioning import scim_urls
from tenants import api as tenants_api
from tenants import urls as tenants_urls

hub_api_router = ApiRouter()
hub_api_router.registry.extend(api_router.registry)
# The public directory of cities, plus onboarding and lifecycle for partner admins.
hub_api_router.register("cities", tenants_api.CityViewSet, basename="city")
hub_api_router.register("billing/plans", billing_api.PlanViewSet, basename="plan")
hub_api_router.register("billing/cities", billing_api.CityBillingViewSet,
                        basename="city-billing")
hub_api.register_for_hub(hub_api_router)
# Hub staff's own copies of their data and erasure requests; partner admins answer.
privacy_api.register(hub_api_router)

urlpatterns = [
    *common_patterns,
    path("api/v1/", include((api_patterns + hub_api_router.urls + [
        path("dashboard/", hub_api.DashboardView.as_view(), name="dashboard")], "api"),
        namespace="api")),
    path("admin/", admin.site.urls),
    path("scim/v2/", include(scim_urls.hub_urlpatterns)),
    # A city's pages for partner admins, with billing's actions among them.
    path("partners/cities/", include((tenants_urls.urlpatterns + billing_urls.partner_patterns,
                                      tenants_urls.app_name))),
    path("billing/", include("shared_apps.billing.urls")),
    path("privacy/", include("tenant_apps.privacy.urls")),
    *hub_patterns,
]

handler400 = "innovato.views.bad_request"
handler403 = "innovato.views.permission_denied"
handler404 = "innovato.views.page_not_found"
handler500 = "innovato.views.server_error"
