from django.urls import path

from tenant_apps.people import views

app_name = "people"

urlpatterns = [
    path("departments/", views.DepartmentListView.as_view(), name="department_list"),
    path("departments/<int:pk>/", views.DepartmentDetailView.as_view(),
         name="department_detail"),
]
