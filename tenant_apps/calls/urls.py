from django.urls import path

from tenant_apps.calls import views

app_name = "calls"

urlpatterns = [
    path("", views.CallListView.as_view(), name="list"),
    path("new/", views.CallFormView.as_view(), name="create"),
    path("themes/", views.ThemeListView.as_view(), name="themes"),
    path("<int:pk>/", views.call_detail, name="detail"),
    path("<int:pk>/edit/", views.CallFormView.as_view(), name="edit"),
    path("<int:pk>/phase/", views.call_move_phase, name="move_phase"),
    path("<int:pk>/results/", views.call_results, name="results"),
]
