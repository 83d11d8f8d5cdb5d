"""The hub's pages as each city site shows them: good practices and network events."""

from django.urls import include, path

from shared_apps.hub import views

practice_patterns = ([
    path("", views.practice_list, name="list"),
    path("<int:pk>/", views.practice_detail, name="detail"),
    path("<int:pk>/translate/", views.practice_translate, name="translate"),
    path("collections/", views.collection_list, name="collections"),
    path("<int:pk>/discussion/", views.practice_discussion_post, name="discussion"),
    path("<int:pk>/withdraw/", views.practice_withdraw, name="withdraw"),
    path("<int:pk>/adopt/", views.practice_adopt, name="adopt"),
    path("<int:pk>/outcome/", views.adoption_report, name="report"),
    path("share/<int:proposal_id>/", views.practice_share, name="share"),
], "practices")

event_patterns = ([path("", views.event_list, name="list")], "events")

city_patterns = [
    path("practices/", include(practice_patterns)),
    path("events/", include(event_patterns)),
]
