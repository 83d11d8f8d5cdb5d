from django.urls import path

from shared_apps.hub import views

app_name = "hub"

urlpatterns = [
    path("", views.home, name="home"),
]
