"""Routes every host has, the hub and each city alike."""

from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.generic import RedirectView
from django.views.i18n import set_language

from innovato import views
from innovato.api import ApiDocsView, ApiRouter, HostSchemaView
from shared_apps.accounts import api as accounts_api
from shared_apps.accounts import views as accounts_views
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
    path("sso/", accounts_api.SingleSignOnView.as_view(), name="sso"),
    path("sso/test/", accounts_api.SingleSignOnTestView.as_view(), name="sso-test"),
    path("schema/", HostSchemaView.as_view(), name="schema"),
    path("docs/", ApiDocsView.as_view(url_name="api:schema"), name="docs"),
]

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("accounts/", include("shared_apps.accounts.urls")),
    # allauth: sign-in through the city's identity provider (and two-factor authentication).
    # Password sign-in and sign-up stay with our own pages (throttling, invitations).
    path("auth/login/", RedirectView.as_view(pattern_name="accounts:login", query_string=True)),
    path("auth/signup/", RedirectView.as_view(pattern_name="accounts:login")),
    re_path(r"^auth/password/", RedirectView.as_view(pattern_name="accounts:password_reset")),
    # E-mail addresses are set by the city (invitations, its identity provider), and a
    # person's connected identities are managed by the city admin: allauth's pages for
    # these are not offered.
    re_path(r"^auth/(email|confirm-email)/", accounts_views.not_offered),
    path("auth/3rdparty/", accounts_views.not_offered),
    path("auth/", include("allauth.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("", include("shared_apps.branding.urls")),
    path("style/", branding_views.style_guide, name="style_guide"),
]
