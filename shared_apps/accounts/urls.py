from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from shared_apps.accounts import views
from shared_apps.branding.forms import BrandedPasswordResetForm

app_name = "accounts"

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            template_name="accounts/password_reset_form.html",
            form_class=BrandedPasswordResetForm,
            email_template_name="accounts/email/password_reset_body.txt",
            subject_template_name="accounts/email/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name="accounts/password_reset_confirm.html",
            success_url=reverse_lazy("accounts:password_reset_complete"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
    path("users/", views.UserListView.as_view(), name="user_list"),
    path("users/<int:pk>/", views.UserDetailView.as_view(), name="user_detail"),
    path("users/<int:pk>/roles/", views.UserChangeView.as_view(change="roles"),
         name="user_roles"),
    path("users/<int:pk>/deactivate/", views.UserChangeView.as_view(change="deactivate"),
         name="user_deactivate"),
    path("users/<int:pk>/reactivate/", views.UserChangeView.as_view(change="reactivate"),
         name="user_reactivate"),
    path("users/<int:pk>/second-factor/reset/", views.UserSecondFactorResetView.as_view(),
         name="user_second_factor_reset"),
    path("tokens/", views.ApiTokenListView.as_view(), name="api_tokens"),
    path("tokens/<int:pk>/revoke/", views.ApiTokenRevokeView.as_view(), name="api_token_revoke"),
    path("sign-in-settings/", views.SignInSettingsView.as_view(), name="sign_in_settings"),
    path("single-sign-on/", views.SingleSignOnView.as_view(), name="single_sign_on"),
    path("invitations/", views.InvitationCreateView.as_view(), name="invitation_create"),
    path("invitations/<int:pk>/revoke/", views.InvitationRevokeView.as_view(),
         name="invitation_revoke"),
    path("invitations/<str:token>/", views.InvitationAcceptView.as_view(),
         name="invitation_accept"),
]
