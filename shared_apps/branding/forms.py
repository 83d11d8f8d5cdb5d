from django import forms
from django.contrib.auth.forms import PasswordResetForm
from django.template import loader
from django.utils.translation import gettext_lazy as _

from shared_apps.branding.email import mail_send
from shared_apps.branding.services import LOGO_TYPES


class BrandedPasswordResetForm(PasswordResetForm):
    """Django's password reset, its e-mail in the site's colours like every other one."""

    def send_mail(self, subject_template_name, email_template_name, context, from_email,
                  to_email, html_email_template_name=None) -> None:
        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        mail_send(subject=subject, text=body, to=[to_email],
                  base_url=f"{context['protocol']}://{context['domain']}")


class BrandingForm(forms.Form):
    """The colour as a picker and as text (the text wins when both changed), and a logo."""

    primary_colour = forms.CharField(
        label=_("Primary colour (#rrggbb)"), max_length=20,
        help_text=_("Buttons carry white text on this colour and links use it on the white "
                    "page, so it must reach a contrast of 4.5:1 with white (WCAG AA)."))
    primary_colour_picker = forms.CharField(
        label=_("Pick the primary colour"), required=False, max_length=20,
        widget=forms.TextInput(attrs={"type": "color"}))
    logo = forms.FileField(
        label=_("Logo"), required=False,
        help_text=_("PNG, JPEG or WebP, at most 1 MB. SVG is not accepted."),
        widget=forms.ClearableFileInput(attrs={
            "accept": ",".join(sorted({f"image/{t.split('/')[1]}" for t in LOGO_TYPES.values()
                                       }))}))
    logo_remove = forms.BooleanField(label=_("Remove the logo"), required=False)

    def chosen_colour(self, current: str) -> str:
        """The text field's colour if it was changed, else the picker's."""
        text = self.cleaned_data["primary_colour"].strip().lower()
        picker = (self.cleaned_data.get("primary_colour_picker") or "").strip().lower()
        if text == current and picker:
            return picker
        return text
