from django.urls import path

from shared_apps.billing import views

app_name = "billing"

urlpatterns = [
    path("webhook/", views.stripe_webhook, name="webhook"),
    path("portal/<str:token>/", views.portal_redirect, name="portal"),
]
