from django.urls import path

from tenant_apps.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("settings/portal/", views.PortalSettingsView.as_view(), name="settings"),
    path("settings/terminology/", views.TerminologyView.as_view(), name="terminology"),
]
