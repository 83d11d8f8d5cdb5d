from allauth.mfa.webauthn.forms import AddWebAuthnForm, EditWebAuthnForm
from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shared_apps.accounts.models import Role
from shared_apps.accounts.services import (
    LoginThrottled,
    roles_for_current_schema,
    user_authenticate,
)


class LoginForm(AuthenticationForm):
    """Django's sign-in form, with failed attempts throttled per city."""

    throttled = False

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
