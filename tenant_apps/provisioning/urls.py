from django.urls import path

from tenant_apps.provisioning import views

app_name = "provisioning"

urlpatterns = [
    path("directory/", views.DirectoryView.as_view(), name="directory"),
    path("directory/token/", views.ScimTokenView.as_view(), name="scim_token"),
    path("directory/token/revoke/", views.ScimTokenRevokeView.as_view(),
         name="scim_token_revoke"),
    path("directory/groups/<int:pk>/", views.DirectoryGroupMapView.as_view(),
         name="group_map"),
    path("import/", views.PeopleImportView.as_view(), name="import"),
    path("import/confirm/", views.PeopleImportConfirmView.as_view(), name="import_confirm"),
]
