"""Partner admins' forms: onboarding a city, confirming a deletion, restoring an export."""

import zoneinfo

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from tenants.provisioning import plans_offered


def _timezones() -> list[tuple[str, str]]:
    return [(tz, tz) for tz in sorted(zoneinfo.available_timezones()) if "/" in tz]


def _plans() -> list[tuple[str, str]]:
    return [("", _("No plan")), *plans_offered()]


class CityOnboardForm(forms.Form):
    name = forms.CharField(label=_("City name"), max_length=100)
    slug = forms.CharField(
        label=_("Slug"), max_length=200, strip=False,
        help_text=_("Lowercase letters, digits and hyphens; it becomes the city's address "
                    "(slug.%(base)s).") % {"base": settings.BASE_DOMAIN})
    country = forms.CharField(label=_("Country"), max_length=2,
                              help_text=_("Two-letter code such as RO."))
    enabled_languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=settings.LANGUAGES, widget=forms.CheckboxSelectMultiple)
    default_language = forms.ChoiceField(label=_("Default language"),
                                         choices=settings.LANGUAGES)
    timezone = forms.ChoiceField(label=_("Time zone"), initial="Europe/Brussels")
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR")
    extra_domains = forms.CharField(label=_("Extra domains"), required=False,
                                    help_text=_("One per line, optional."),
                                    widget=forms.Textarea(attrs={"rows": 2}))
    admin_email = forms.EmailField(label=_("First city admin's e-mail"), required=False,
                                   help_text=_("They receive an invitation to the city."))
    plan = forms.ChoiceField(label=_("Plan"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["timezone"].choices = _timezones()
        self.fields["plan"].choices = _plans()

    def clean_extra_domains(self) -> list[str]:
        return [line.strip() for line in self.cleaned_data["extra_domains"].splitlines()
                if line.strip()]


class CityDeleteForm(forms.Form):
    confirm_slug = forms.CharField(label=_("Type the city's slug to confirm"), max_length=200)


class CityLifecycleForm(forms.Form):
    """Suspend or archive, confirmed by the slug typed again."""

    reason = forms.CharField(label=_("Reason (kept in the city's record)"), max_length=500,
                             required=False)
    confirm = forms.CharField(label=_("Type the city's slug to confirm"), max_length=200,
                              strip=False)


class CityRestoreForm(forms.Form):
    archive = forms.FileField(label=_("Export archive (.zip)"))
    name = forms.CharField(label=_("New city name"), max_length=100)
    slug = forms.CharField(label=_("New slug"), max_length=200)
