"""Hub URLs: the network's home and the coordinators' and partner admins' pages."""

from django.urls import include, path

from shared_apps.hub import views

app_name = "hub"

practice_patterns = ([
    path("", views.practice_list, name="list"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/translate/", views.practice_translate, name="translate"),
    path("collections/", views.collection_list, name="collections"),
    path("<int:pk>/discussion/", views.practice_discussion_post, name="discussion"),
    path("<int:pk>/review/", views.practice_review, name="review"),
], "practices")

event_patterns = ([
    path("", views.event_list, name="list"),
    path("new/", views.event_form, name="create"),
    path("<int:pk>/edit/", views.event_form, name="edit"),
    path("<int:pk>/delete/", views.event_delete, name="delete"),
], "events")

urlpatterns = [
    path("", views.home, name="home"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("dashboard.csv", views.dashboard_csv, name="dashboard_csv"),
]

hub_patterns = [
    path("practices/", include(practice_patterns)),
    path("events/", include(event_patterns)),
    path("", include((urlpatterns, "hub"))),
]
