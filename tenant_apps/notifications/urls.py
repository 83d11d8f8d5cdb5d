from django.urls import path

from tenant_apps.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<int:pk>/open/", views.NotificationOpenView.as_view(), name="open"),
    path("read-all/", views.NotificationsMarkAllReadView.as_view(), name="mark_all_read"),
    path("preferences/", views.PreferencesView.as_view(), name="preferences"),
]
