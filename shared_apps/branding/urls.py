from django.urls import path

from shared_apps.branding import views

app_name = "branding"

urlpatterns = [
    path("brand.css", views.stylesheet, name="stylesheet"),
    path("brand/logo", views.logo, name="logo"),
    path("branding/", views.BrandingSettingsView.as_view(), name="settings"),
]
