from django import forms
from django.utils.translation import gettext_lazy as _

from tenant_apps.privacy.models import PrivacySettings


class PrivacySettingsForm(forms.ModelForm):
    """The retention settings that apply here (`selectors.retention_fields`): a city's, or
    the hub's for its staff, which have no drafts."""

    class Meta:
        model = PrivacySettings
        fields = ["draft_days", "notification_days", "sign_in_days", "audit_days",
                  "erasure_after_days"]

    def __init__(self, *args, fields: list[str], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if name not in fields:
                del self.fields[name]


class ErasureRequestForm(forms.Form):
    confirm = forms.BooleanField(
        label=_("I understand that my name, e-mail address and username will be erased and "
                "that I will no longer be able to sign in."),
        error_messages={"required": _("Tick the box to confirm.")})


class ErasureRefuseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for refusing"), max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 2}))
