from django.urls import path

from tenant_apps.voting import views

app_name = "voting"

urlpatterns = [
    path("<int:pk>/setup/", views.voting_setup, name="setup"),
    path("<int:pk>/ballot/", views.ballot, name="ballot"),
    path("<int:pk>/preview/", views.preview, name="preview"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/override/", views.override, name="override"),
    path("<int:pk>/pabulib/", views.pabulib, name="pabulib"),
]
