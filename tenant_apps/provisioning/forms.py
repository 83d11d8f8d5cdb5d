from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tenant_apps.people.models import Department
from tenant_apps.provisioning.models import DirectoryGroup


class DirectoryGroupMapForm(forms.ModelForm):
    class Meta:
        model = DirectoryGroup
        fields = ["role", "department"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("No role")), *list(self.fields["role"].choices)[1:]]
        self.fields["department"].queryset = Department.objects.filter(is_active=True)
        self.fields["department"].empty_label = _("No department")


class PeopleImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: name, email, department, roles, language. Comma or semicolon "
                    "separated, UTF-8."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.PEOPLE_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large: at most %(size)d KB.")
                % {"size": max(1, settings.PEOPLE_IMPORT_MAX_BYTES // 1024)},
                code="too_large")
        return upload.read()


class PeopleImportConfirmForm(forms.Form):
    content = forms.CharField(widget=forms.HiddenInput, strip=False)
