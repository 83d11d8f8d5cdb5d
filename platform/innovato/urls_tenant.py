"""URLs of a city's site (`<slug>.<BASE_DOMAIN>` and its extra domains)."""

from django.contrib import admin
from django.urls import include, path

from innovato.api import ApiRouter
from innovato.urls_common import api_patterns, api_router
from innovato.urls_common import urlpatterns as common_patterns
from shared_apps.billing import views as billing_views
from shared_apps.hub import api as hub_api
from shared_apps.hub.city_urls import city_patterns
from tenant_apps.audit import api as audit_api
from tenant_apps.calls import api as calls_api
from tenant_apps.evaluation import api as evaluation_api
from tenant_apps.implementation import api as implementation_api
from tenant_apps.notifications import api as notifications_api
from tenant_apps.people import api as people_api
from tenant_apps.portal import api as portal_api
from tenant_apps.privacy import api as privacy_api
from tenant_apps.proposals import api as proposals_api
from tenant_apps.provisioning import api as provisioning_api
from tenant_apps.reports import api as reports_api
from tenant_apps.voting import api as voting_api

city_api_router = ApiRouter()
city_api_router.registry.extend(api_router.registry)
city_api_router.register("departments", people_api.DepartmentViewSet, basename="department")
city_api_router.register("audit", audit_api.AuditEntryViewSet, basename="audit")
provisioning_api.register(city_api_router)
hub_api.register_for_cities(city_api_router)
for app_api in (calls_api, proposals_api, evaluation_api, implementation_api,
                notifications_api, reports_api, privacy_api):
    app_api.register(city_api_router)

urlpatterns = [
    *common_patterns,
    path("api/v1/", include((api_patterns + voting_api.api_paths() + city_api_router.urls + [
        path("terminology/", portal_api.TerminologyView.as_view(), name="terminology"),
        path("portal-settings/", portal_api.PortalSettingsView.as_view(),
             name="portal-settings"), *provisioning_api.api_paths()],
        "api"), namespace="api")),
    path("admin/", admin.site.urls),
    path("people/", include("tenant_apps.people.urls")),
    path("people/provisioning/", include("tenant_apps.provisioning.urls")),
    path("scim/v2/", include("tenant_apps.provisioning.scim_urls")),
    path("calls/", include("tenant_apps.calls.urls")),
    path("proposals/", include("tenant_apps.proposals.urls")),
    path("evaluation/", include("tenant_apps.evaluation.urls")),
    path("voting/", include("tenant_apps.voting.urls")),
    path("implementation/", include("tenant_apps.implementation.urls")),
    path("notifications/", include("tenant_apps.notifications.urls")),
    path("reports/", include("tenant_apps.reports.urls")),
    path("audit/", include("tenant_apps.audit.urls")),
    path("privacy/", include("tenant_apps.privacy.urls")),
    *city_patterns,
    path("billing/", billing_views.city_billing, name="city_billing"),
    path("billing/portal/", billing_views.city_portal, name="city_billing_portal"),
    path("", include("tenant_apps.portal.urls")),
]

handler400 = "innovato.views.bad_request"
handler403 = "innovato.views.permission_denied"
handler404 = "innovato.views.page_not_found"
handler500 = "innovato.views.server_error"
