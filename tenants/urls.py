"""Partner admins' pages on the hub (included by innovato.urls_public, with billing's pages
for a city in the same `partners` namespace)."""

from django.urls import path

from tenants import views

app_name = "partners"

urlpatterns = [
    path("", views.city_list, name="city_list"),
    path("new/", views.city_onboard, name="city_onboard"),
    path("restore/", views.city_restore, name="city_restore"),
    path("<slug:slug>/", views.city_detail, name="city_detail"),
    path("<slug:slug>/progress/", views.city_progress, name="city_progress"),
    path("<slug:slug>/export/", views.city_export, name="city_export"),
    path("<slug:slug>/delete/", views.city_delete, name="city_delete"),
    path("<slug:slug>/suspend/", views.city_lifecycle_confirm, {"action": "suspend"},
         name="city_suspend"),
    path("<slug:slug>/archive/", views.city_lifecycle_confirm, {"action": "archive"},
         name="city_archive"),
    path("<slug:slug>/<str:action>/", views.city_action, name="city_action"),
]
