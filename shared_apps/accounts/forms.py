from allauth.mfa.webauthn.forms import AddWebAuthnForm, EditWebAuthnForm
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shared_apps.accounts.models import Role
from shared_apps.accounts.services import (
    LoginThrottled,
    PasswordSignInRefused,
    roles_for_current_schema,
    user_authenticate,
)


class LoginForm(AuthenticationForm):
    """Django's sign-in form, with failed attempts throttled per city."""

    throttled = False
    refused_for_sso = False

    def clean(self):
        username = self.cleaned_data.get("username")
        password = self.cleaned_data.get("password")
        if username is None or not password:
            return self.cleaned_data
        try:
            self.user_cache = user_authenticate(
                request=self.request, username=username, password=password
            )
        except LoginThrottled as throttled:
            self.throttled = True
            raise ValidationError(throttled.message, code="throttled") from throttled
        except PasswordSignInRefused as refused:
            self.refused_for_sso = True
            raise ValidationError(refused.message, code="sso_only") from refused
        if self.user_cache is None:
            raise self.get_invalid_login_error()
        self.confirm_login_allowed(self.user_cache)
        return self.cleaned_data


class InvitationForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    roles = forms.MultipleChoiceField(label=_("Roles"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = roles_for_current_schema()
        self.fields["roles"].choices = [(r.value, r.label) for r in Role if r in allowed]


class UserRolesForm(forms.Form):
    """The roles a person holds on this site (city roles in a city, hub roles on the hub)."""

    roles = forms.MultipleChoiceField(label=_("Roles"), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = roles_for_current_schema()
        self.fields["roles"].choices = [(r.value, r.label) for r in Role if r in allowed]


class InvitationAcceptForm(forms.Form):
    username = forms.CharField(label=_("Username"), max_length=150)
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    password1 = forms.CharField(label=_("Password"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))
    password2 = forms.CharField(label=_("Password again"), strip=False,
                                widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", _("The two passwords are not the same."))
        return cleaned


class ApiTokenForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100,
                           help_text=_("What the token is for, such as a script or a report."))


class SignInSettingsForm(forms.Form):
    idle_minutes = forms.IntegerField(
        label=_("Sign out after this many minutes without activity"), required=False,
        min_value=1, max_value=24 * 60,
        help_text=_("Leave empty for the platform default."))
    second_factor_required = forms.BooleanField(
        label=_("Require two-factor authentication for admins and evaluators"),
        required=False,
        help_text=_("They must set up an authenticator app or a passkey before they can "
                    "use the site or the API."))


# django-allauth's passkey forms (MFA_FORMS), with the name field labelled in our words.
KEY_NAME_LABEL = _("Name of the key")
KEY_NAME_HELP = _("For example: my phone, my laptop, the blue USB key.")


class PasskeyAddForm(AddWebAuthnForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = KEY_NAME_LABEL
        self.fields["name"].help_text = KEY_NAME_HELP


class PasskeyRenameForm(EditWebAuthnForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].label = KEY_NAME_LABEL


def _lines_to_map(text: str) -> dict[str, str]:
    """"value = code" lines (one a line) as a mapping; blank lines are skipped."""
    mapping: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        key, sep, value = line.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValidationError(_("Line %(number)s is not “value = department code”."),
                                  code="invalid", params={"number": number})
        mapping[key.strip()] = value.strip()
    return mapping


class SingleSignOnForm(forms.Form):
    """The city's identity provider, as its administrators fill it in."""

    protocol = forms.ChoiceField(label=_("Single sign-on"), widget=forms.RadioSelect,
                                 required=False)
    display_name = forms.CharField(
        label=_("Name on the sign-in button"), max_length=80, required=False,
        help_text=_("People see “Sign in with” followed by this name."))
    oidc_server_url = forms.URLField(
        label=_("OpenID Connect discovery URL"), required=False, max_length=500,
        assume_scheme="https",
        help_text=_("The issuer's address or its /.well-known/openid-configuration."))
    oidc_client_id = forms.CharField(label=_("Client ID"), required=False, max_length=191)
    oidc_client_secret = forms.CharField(
        label=_("Client secret"), required=False, strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_("Leave empty to keep the saved secret. It is never shown again."))
    oidc_scopes = forms.CharField(label=_("Scopes"), required=False, max_length=300,
                                  initial="openid profile email")
    saml_metadata_url = forms.URLField(label=_("IdP metadata URL"), required=False,
                                       max_length=500, assume_scheme="https")
    saml_metadata_xml = forms.CharField(
        label=_("Or the IdP metadata XML"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Leave empty to keep the saved metadata. It is never shown again."))
    sso_only = forms.BooleanField(
        label=_("Employees sign in only through the identity provider"), required=False)
    password_users = forms.ModelMultipleChoiceField(
        label=_("Administrators who keep a password for emergencies"), required=False,
        queryset=None, widget=forms.CheckboxSelectMultiple)
    claim_email = forms.CharField(label=_("Claim with the e-mail address"), max_length=200)
    claim_first_name = forms.CharField(label=_("Claim with the first name"), max_length=200)
    claim_last_name = forms.CharField(label=_("Claim with the last name"), max_length=200)
    claim_language = forms.CharField(label=_("Claim with the preferred language"),
                                     max_length=200)
    claim_department = forms.CharField(label=_("Claim with the department"), max_length=200)
    claim_groups = forms.CharField(label=_("Claim with the groups"), max_length=200)
    department_map = forms.CharField(
        label=_("Departments"), required=False, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One a line: the department claim's value = the department's code."))

    def __init__(self, *args, roles=(), administrators=None, **kwargs):
        super().__init__(*args, **kwargs)
        from shared_apps.accounts.models import SingleSignOn

        self.fields["protocol"].choices = SingleSignOn.Protocol.choices
        self.fields["password_users"].queryset = administrators
        self.fields["password_users"].label_from_instance = lambda user: user.display_name
        self.role_fields = []
        for role in roles:
            name = f"groups_{role.value}"
            self.fields[name] = forms.CharField(
                label=_("Groups that make a person %(role)s") % {"role": role.label},
                required=False, max_length=500,
                help_text=_("Group names separated by commas; empty leaves the role to you."))
            self.role_fields.append(name)

    def clean_department_map(self):
        return _lines_to_map(self.cleaned_data.get("department_map") or "")
