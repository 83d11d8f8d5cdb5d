"""Routes every host has, the hub and each city alike."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from innovato import views
from innovato.api import ApiDocsView, ApiRouter, HostSchemaView
from shared_apps.accounts import api as accounts_api
from shared_apps.branding import api as branding_api
from shared_apps.branding import views as branding_views

# Django's admin signs in through our sign-in page, so its password form cannot skip the
# second factor or the throttling.
admin.site.login = secure_admin_login(admin.site.login)

api_router = ApiRouter()
api_router.register("users", accounts_api.UserViewSet, basename="user")
api_router.register("invitations", accounts_api.InvitationViewSet, basename="invitation")
api_router.register("me/tokens", accounts_api.MyApiTokenViewSet, basename="my-token")

api_patterns = [
    path("auth/token/", accounts_api.TokenObtainView.as_view(), name="auth-token"),
    path("me/", accounts_api.MeView.as_view(), name="me"),
    path("branding/", branding_api.BrandingView.as_view(), name="branding"),
    path("schema/", HostSchemaView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(url_name="api:schema"), name="docs"),
]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("shared_apps.accounts.urls")),
    # django-allauth: the second step of a sign-in and the second-factor pages (/auth/2fa/).
    # People sign in and reset passwords on our own pages (throttled, audited), so allauth's
    # sign-in and sign-up addresses lead there.
    path("auth/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("auth/signup/", RedirectView.as_view(pattern_name="accounts:login")),
    path("auth/password/reset/", RedirectView.as_view(pattern_name="accounts:password_reset")),
    path("auth/", include("allauth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("shared_apps.branding.urls")),
    path("style/", branding_views.style_guide, name="style_guide"),
]
