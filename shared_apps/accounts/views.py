from allauth.account.internal.flows.login import perform_password_login
from allauth.account.models import Login
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from innovato.errors import ActionRefused
from shared_apps.accounts import selectors, services, sso
from shared_apps.accounts.forms import (
    ApiTokenForm,
    InvitationAcceptForm,
    InvitationForm,
    LoginForm,
    SignInSettingsForm,
    SingleSignOnForm,
    UserRolesForm,
)
from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import USER_MANAGER_ROLES, RoleRequiredMixin


def not_offered(request, *args, **kwargs):
    """allauth pages this platform does not offer (see innovato.urls_common)."""
    raise Http404


class LoginView(auth_views.LoginView):
    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        """The password is right: allauth's login stages run next, so a person with a
        second factor is sent to give it before the session is signed in."""
        user = form.get_user()
        response = perform_password_login(
            self.request, {"username": user.get_username()},
            Login(user=user, redirect_url=self.get_success_url()))
        # The device cookie only eases the password throttle for this browser; the second
        # step has allauth's own rate limits.
        response.set_cookie(
            services.DEVICE_COOKIE,
            services.sign_in_device_cookie(request=self.request, user=form.get_user()),
            max_age=settings.LOGIN_DEVICE_REMEMBER_DAYS * 24 * 60 * 60,
            secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
        )
        return response

    def render_to_response(self, context, **kwargs):
        response = super().render_to_response(context, **kwargs)
        if context.get("sso_url"):
            # The button's form is answered with a redirect to the city's provider.
            response._csp_update = {"form-action": sso.provider_origins()}
        return response

    def get_context_data(self, **kwargs):
        config = sso.sso_settings()
        return super().get_context_data(
            sso_name=config.display_name if config.enabled else "",
            sso_url=sso.sign_in_url() if config.enabled else "",
            sso_only=config.enabled and config.sso_only, **kwargs)

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.refused_for_sso:
            response.status_code = 403
        if form.throttled:
            response.status_code = 429
            response["Retry-After"] = str(settings.LOGIN_FAILURE_WINDOW_SECONDS)
        return response


class UserListView(RoleRequiredMixin, ListView):
    required_roles = USER_MANAGER_ROLES
    template_name = "accounts/user_list.html"
    context_object_name = "users"
    paginate_by = 50

    def get_queryset(self):
        return selectors.users_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for person in context["users"]:
            person.roles_form = roles_form_for(person)
        _personal_data_seen(self.request, None)
        return context


class UserDetailView(RoleRequiredMixin, DetailView):
    required_roles = USER_MANAGER_ROLES
    template_name = "accounts/user_detail.html"
    context_object_name = "person"

    def get_queryset(self):
        return selectors.users_list()

    def get_context_data(self, **kwargs):
        _personal_data_seen(self.request, self.object)
        return super().get_context_data(
            roles_form=roles_form_for(self.object),
            second_factors=selectors.second_factors_of(self.object), **kwargs)


class UserSecondFactorResetView(RoleRequiredMixin, View):
    """POST only: remove every second factor of a person who lost their phone or key."""

    required_roles = USER_MANAGER_ROLES

    def post(self, request, pk: int):
        person = get_object_or_404(selectors.users_list(), pk=pk)
        try:
            services.user_second_factor_reset(user=person, by=request.user)
        except ActionRefused as refusal:
            messages.error(request, refusal.message)
            return redirect("accounts:user_detail", pk=person.pk)
        messages.success(request, _(
            "%(name)s signs in with their password alone until they set up a new second "
            "factor.") % {"name": person.display_name})
        return redirect("accounts:user_detail", pk=person.pk)


def _personal_data_seen(request, target) -> None:
    """People's names and addresses shown to an administrator: the data protection
    officer's log keeps it (tenant_apps.privacy)."""
    from tenant_apps.audit.services import personal_data_access_record

    personal_data_access_record(by=request.user, what=request.path, target=target)


def roles_form_for(person, data=None) -> UserRolesForm:
    """The roles form of one person (ids carry their id: the People list shows many)."""
    return UserRolesForm(data, initial={"roles": person.roles}, auto_id=f"id_%s_{person.pk}")


class UserChangeView(RoleRequiredMixin, View):
    """POST only: change a person's roles, or deactivate or reactivate them; back to their
    page with a message. A refusal shows their page again with the reason and its status."""

    required_roles = USER_MANAGER_ROLES
    change: str = ""  # "roles", "deactivate" or "reactivate"

    def post(self, request, pk: int):
        person = get_object_or_404(selectors.users_list(), pk=pk)
        form = roles_form_for(person, request.POST)
        try:
            if self.change == "roles":
                if not form.is_valid():
                    return self._refused(request, person, form, status=400)
                services.user_update(user=person, by=request.user,
                                     roles=form.cleaned_data["roles"])
                done = _("The roles of %(name)s are saved.")
            elif self.change == "deactivate":
                services.user_update(user=person, by=request.user, is_active=False)
                done = _("%(name)s can no longer sign in.")
            else:
                services.user_update(user=person, by=request.user, is_active=True)
                done = _("%(name)s can sign in again.")
        except ActionRefused as refusal:
            messages.error(request, refusal.message)
            return self._refused(request, person, None, status=refusal.status_code)
        except ValidationError as error:
            for errors in error.message_dict.values():
                for message in errors:
                    form.add_error(None, message)
            return self._refused(request, person, form, status=400)
        messages.success(request, done % {"name": person.display_name})
        return redirect("accounts:user_detail", pk=person.pk)

    def _refused(self, request, person, form, *, status: int):
        person.refresh_from_db()
        return render(request, UserDetailView.template_name, {
            "person": person, "object": person,
            "roles_form": form or roles_form_for(person),
            "second_factors": selectors.second_factors_of(person)}, status=status)


class InvitationCreateView(RoleRequiredMixin, FormView):
    required_roles = USER_MANAGER_ROLES
    template_name = "accounts/invitation_form.html"
    form_class = InvitationForm
    success_url = reverse_lazy("accounts:invitation_create")

    def get_context_data(self, **kwargs):
        return super().get_context_data(invitations=selectors.invitations_pending(), **kwargs)

    def form_valid(self, form):
        try:
            invitation = services.invitation_create(
                email=form.cleaned_data["email"],
                roles=form.cleaned_data["roles"],
                invited_by=self.request.user,
                base_url=self.request.build_absolute_uri("/"),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
            return self.form_invalid(form)
        messages.success(self.request, _("Invitation sent to %(email)s.") % {
            "email": invitation.email})
        return super().form_valid(form)


class InvitationRevokeView(RoleRequiredMixin, View):
    required_roles = USER_MANAGER_ROLES

    def post(self, request, pk: int):
        invitation = get_object_or_404(selectors.invitations_pending(), pk=pk)
        services.invitation_revoke(invitation=invitation)
        messages.success(request, _("The invitation to %(email)s is revoked.") % {
            "email": invitation.email})
        return redirect("accounts:invitation_create")


class InvitationAcceptView(View):
    template_name = "accounts/invitation_accept.html"

    def _refuse(self, request, error: ValidationError):
        status = 410 if error.code == "expired" else 404
        return render(request, "accounts/invitation_invalid.html",
                      {"message": error.messages[0]}, status=status)

    def get(self, request, token: str):
        try:
            invitation = services.invitation_check(token=token)
        except ValidationError as error:
            return self._refuse(request, error)
        form = InvitationAcceptForm(initial={"username": invitation.email.split("@")[0]})
        return render(request, self.template_name, {"form": form, "invitation": invitation})

    def post(self, request, token: str):
        try:
            invitation = services.invitation_check(token=token)
        except ValidationError as error:
            return self._refuse(request, error)
        form = InvitationAcceptForm(request.POST)
        if form.is_valid():
            try:
                user = services.invitation_accept(
                    token=token,
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                    first_name=form.cleaned_data["first_name"],
                    last_name=form.cleaned_data["last_name"],
                )
            except ValidationError as error:
                if getattr(error, "code", None) in ("invalid", "expired"):
                    return self._refuse(request, error)
                if hasattr(error, "error_dict"):
                    for field, errors in error.message_dict.items():
                        form.add_error(field if field in form.fields else None, errors)
                else:
                    form.add_error("password1", error.messages)
            else:
                login(request, user, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(request, _("Welcome! Your account is ready."))
                return redirect("/")
        return render(request, self.template_name, {"form": form, "invitation": invitation},
                      status=400)


class ApiTokenListView(LoginRequiredMixin, View):
    """A person's own API tokens: the list, a form to create one (shown once), revoke."""

    template_name = "accounts/api_tokens.html"

    def _page(self, request, form, *, new_token: str = "", status: int = 200):
        return render(request, self.template_name, {
            "form": form, "tokens": selectors.api_tokens_of(request.user),
            "new_token": new_token, "valid_days": settings.API_TOKEN_VALID_DAYS,
        }, status=status)

    def get(self, request):
        return self._page(request, ApiTokenForm())

    def post(self, request):
        form = ApiTokenForm(request.POST)
        if form.is_valid():
            try:
                _token, secret = services.api_token_create(user=request.user,
                                                           name=form.cleaned_data["name"])
            except ValidationError as error:
                form.add_error("name", error.message_dict.get("name"))
            else:
                # Shown on this answer only; the list page never shows it again.
                return self._page(request, ApiTokenForm(), new_token=secret)
        return self._page(request, form, status=400)


class ApiTokenRevokeView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        token = get_object_or_404(selectors.api_tokens_of(request.user), pk=pk)
        services.api_token_revoke(token=token, by=request.user)
        messages.success(request, _("The token %(name)s is revoked.") % {"name": token.name})
        return redirect("accounts:api_tokens")


class SignInSettingsView(RoleRequiredMixin, View):
    """The city's idle timeout and second-factor requirement, for its administrators."""

    required_roles = USER_MANAGER_ROLES
    template_name = "accounts/sign_in_settings.html"

    def _page(self, request, form, status: int = 200):
        return render(request, self.template_name, {
            "form": form, "default_minutes": settings.SESSION_IDLE_MINUTES,
            "max_hours": settings.SESSION_MAX_HOURS}, status=status)

    def get(self, request):
        current = selectors.sign_in_settings()
        return self._page(request, SignInSettingsForm(
            initial={"idle_minutes": current.idle_minutes,
                     "second_factor_required": current.second_factor_required}))

    def post(self, request):
        form = SignInSettingsForm(request.POST)
        if not form.is_valid():
            return self._page(request, form, status=400)
        services.sign_in_settings_update(
            by=request.user, idle_minutes=form.cleaned_data["idle_minutes"],
            second_factor_required=form.cleaned_data["second_factor_required"])
        messages.success(request, _("The sign-in settings are saved."))
        return redirect("accounts:sign_in_settings")


def _sso_roles() -> list[Role]:
    """The roles a city's groups can grant here (everyone in a city is an employee)."""
    allowed = services.roles_for_current_schema()
    return [role for role in Role if role in allowed and role != Role.EMPLOYEE]


def sso_form(data=None) -> SingleSignOnForm:
    """The single sign-on form, filled with the saved settings (never the secrets)."""
    config = sso.sso_settings()
    app = sso.social_app(config=config)
    names = config.claim_names or {}
    initial = {
        "protocol": config.protocol, "display_name": config.display_name,
        "oidc_server_url": config.oidc_server_url, "oidc_scopes": config.oidc_scopes,
        "oidc_client_id": app.client_id if app and config.protocol == "oidc" else "",
        "saml_metadata_url": config.saml_metadata_url, "sso_only": config.sso_only,
        "password_users": list(config.password_users.all()),
        "department_map": "\n".join(f"{key} = {value}"
                                     for key, value in (config.department_map or {}).items()),
        **{f"claim_{key}": names.get(key, key) for key in sso.default_claim_keys()},
        **{f"groups_{role}": ", ".join(groups)
           for role, groups in (config.role_groups or {}).items()},
    }
    return SingleSignOnForm(data, initial=initial, roles=_sso_roles(),
                            administrators=selectors.users_list().filter(
                                is_active=True, roles__overlap=list(USER_MANAGER_ROLES)))


class SingleSignOnView(RoleRequiredMixin, View):
    """The city's identity provider (OpenID Connect or SAML 2.0), for its administrators,
    with the URLs to paste into the provider and a "test the connection" action."""

    required_roles = USER_MANAGER_ROLES
    template_name = "accounts/single_sign_on.html"

    def _page(self, request, form, *, report=None, status: int = 200):
        config = sso.sso_settings()
        app = sso.social_app(config=config)
        return render(request, self.template_name, {
            "form": form, "config": config, "report": report,
            "has_secret": bool(app and app.secret),
            "sp": sso.service_provider_urls(base_url=request.build_absolute_uri("/")),
        }, status=status)

    def get(self, request):
        return self._page(request, sso_form())

    def post(self, request):
        if "test" in request.POST:
            report = sso.sso_connection_test()
            return self._page(request, sso_form(), report=report)
        form = sso_form(request.POST)
        if not form.is_valid():
            return self._page(request, form, status=400)
        data = form.cleaned_data
        try:
            sso.sso_settings_update(
                by=request.user, protocol=data["protocol"] or "",
                display_name=data["display_name"], oidc_server_url=data["oidc_server_url"],
                oidc_client_id=data["oidc_client_id"],
                oidc_client_secret=data["oidc_client_secret"] or None,
                oidc_scopes=data["oidc_scopes"] or "openid profile email",
                saml_metadata_url=data["saml_metadata_url"],
                saml_metadata_xml=data["saml_metadata_xml"] or None,
                sso_only=data["sso_only"], password_users=data["password_users"],
                claim_names={key: data[f"claim_{key}"] for key in sso.default_claim_keys()},
                department_map=data["department_map"],
                role_groups={name.removeprefix("groups_"): data[name]
                             for name in form.role_fields},
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                target = field if field in form.fields else None
                if field == "role_groups" and form.role_fields:
                    target = None
                for message in errors:
                    form.add_error(target, message)
            return self._page(request, form, status=400)
        messages.success(request, _("The single sign-on settings are saved."))
        return redirect("accounts:single_sign_on")
