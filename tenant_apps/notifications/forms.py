from django import forms
from django.utils.translation import gettext_lazy as _

from tenant_apps.notifications import selectors
from tenant_apps.notifications.models import Kind


class LanguageSelect(forms.Select):
    """Marks each option with its own language, so screen readers pronounce it right."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        if value:
            option["attrs"]["lang"] = value
        return option


class PreferencesForm(forms.Form):
    email = forms.MultipleChoiceField(
        label=_("Send me an e-mail about"), choices=Kind.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(
        label=_("Language of pages and e-mails"), required=False, widget=LanguageSelect,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        default = _("City default (%(language)s)") % {
            "language": selectors.city_default_language_name()}
        self.fields["language"].choices = [("", default), *selectors.city_language_choices()]


class NotificationFilterForm(forms.Form):
    """Which notifications the list shows: all or unread ones, of every kind or of one."""

    show = forms.ChoiceField(label=_("Show"), required=False, choices=[
        ("", _("All")), ("unread", _("Unread only"))])
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("Every kind")), *Kind.choices],
                             error_messages={"invalid_choice": _("There is no such kind of "
                                                                 "notification.")})
