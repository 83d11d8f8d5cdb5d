from django.urls import path

from shared_apps.billing import views

app_name = "billing"

urlpatterns = [
    path("webhook/", views.stripe_webhook, name="webhook"),
    path("portal/<str:token>/", views.portal_redirect, name="portal"),
]

# A city's billing actions for partner admins; innovato.urls_public serves them among the
# partners' pages of a city (/partners/cities/<slug>/billing/<action>/).
partner_patterns = [
    path("<slug:slug>/billing/<str:action>/", views.partner_city_billing, name="city_billing"),
]
