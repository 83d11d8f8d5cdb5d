from django.urls import path

from tenant_apps.reports import views

app_name = "reports"

urlpatterns = [
    path("", views.CityReportsView.as_view(), name="city"),
    path("calls/<int:call_id>/", views.CallReportsView.as_view(), name="call"),
    path("<slug:report>.csv", views.DownloadView.as_view(extension="csv"),
         name="download_csv"),
    path("<slug:report>.xlsx", views.DownloadView.as_view(extension="xlsx"),
         name="download_xlsx"),
]
