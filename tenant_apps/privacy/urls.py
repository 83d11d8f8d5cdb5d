from django.urls import path

from tenant_apps.privacy import views

app_name = "privacy"

urlpatterns = [
    path("", views.MyDataView.as_view(), name="mine"),
    path("copies/", views.ExportRequestView.as_view(), name="export_request"),
    path("copies/<int:pk>/download/", views.ExportDownloadView.as_view(),
         name="export_download"),
    path("erasure/", views.ErasureRequestView.as_view(), name="erasure_request"),
    path("erasure/<int:pk>/withdraw/", views.ErasureCancelView.as_view(),
         name="erasure_cancel"),
    path("officer/", views.OfficerView.as_view(), name="officer"),
    path("officer/erasures/<int:pk>/confirm/", views.ErasureDecideView.as_view(),
         name="erasure_confirm"),
    path("officer/erasures/<int:pk>/refuse/",
         views.ErasureDecideView.as_view(decision="refuse"), name="erasure_refuse"),
]
