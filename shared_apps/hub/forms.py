from django import forms
from django.conf import settings
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from shared_apps.hub.models import Adoption, NetworkEvent

# --- Widgets written in Python -----------------------------------------------------------------
# The same HTML as Django's widget templates (django/forms/widgets/input.html, select.html,
# select_option.html, attrs.html), from the same context, written without the template
# engine: through the templates, with an include per option and per list of attributes, the
# practices page's filter form cost about a tenth of the page.


def _attributes(attrs: dict) -> str:
    # attrs.html: `False` leaves the attribute out, `True` writes its name alone.
    return "".join(
        "" if value is False else f" {conditional_escape(name)}" if value is True
        else f' {conditional_escape(name)}="{conditional_escape(value)}"'
        for name, value in attrs.items())


class PlainInputMixin:
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        shown = ("" if widget["value"] is None
                 else f' value="{conditional_escape(widget["value"])}"')
        return mark_safe(f'<input type="{conditional_escape(widget["type"])}" '
                         f'name="{conditional_escape(widget["name"])}"{shown}'
                         f'{_attributes(widget["attrs"])}>')


class PlainTextInput(PlainInputMixin, forms.TextInput):
    pass


class PlainNumberInput(PlainInputMixin, forms.NumberInput):
    pass


class PlainSelect(forms.Select):
    def render(self, name, value, attrs=None, renderer=None) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{conditional_escape(widget["name"])}"'
                 f'{_attributes(widget["attrs"])}>']
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{conditional_escape(group_name)}">')
            parts.extend(f'\n  <option value="{conditional_escape(option["value"])}"'
                         f'{_attributes(option["attrs"])}>'
                         f'{conditional_escape(option["label"])}</option>\n'
                         for option in options)  # the option's template ends with a newline
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))


class PracticeShareForm(forms.Form):
    summary = forms.CharField(label=_("Summary for the other cities"),
                              widget=forms.Textarea(attrs={"rows": 3}))
    results = forms.CharField(label=_("Results and evidence"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    tags = forms.CharField(label=_("Tags (comma-separated)"), required=False)
    contact_role = forms.CharField(label=_("Contact (a role, not a person)"), required=False,
                                   max_length=200)

    def clean_tags(self) -> list[str]:
        return [tag.strip() for tag in self.cleaned_data["tags"].split(",") if tag.strip()]


class PracticeFilterForm(forms.Form):
    # Its widgets are written in Python (see above): the form is on every visit of the page.
    q = forms.CharField(label=_("Search"), required=False, widget=PlainTextInput)
    # Choices are the values present in the data (set in __init__); the fields stay free
    # text underneath so links and API-style query strings from before keep working.
    theme = forms.CharField(label=_("Theme"), required=False, widget=PlainSelect)
    city = forms.CharField(label=_("City"), required=False, widget=PlainSelect)
    min_savings = forms.DecimalField(label=_("Savings at least (EUR)"), required=False,
                                     min_value=0, widget=PlainNumberInput)
    max_savings = forms.DecimalField(label=_("Savings at most (EUR)"), required=False,
                                     min_value=0, widget=PlainNumberInput)
    min_adoptions = forms.IntegerField(label=_("Adopted by at least"), required=False,
                                       min_value=0, widget=PlainNumberInput)
    tag = forms.CharField(label=_("Tag"), required=False, widget=PlainSelect)
    ordering = forms.ChoiceField(label=_("Sort"), required=False, widget=PlainSelect, choices=[
        ("", _("Newest first")), ("-savings", _("Highest savings first")),
        ("savings", _("Lowest savings first"))])

    def __init__(self, *args, options: dict[str, list] | None = None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        options = options or {}
        empty = {"theme": _("All themes"), "city": _("All cities"), "tag": _("All tags")}
        for name, key in (("theme", "themes"), ("city", "cities"), ("tag", "tags")):
            choices = [("", empty[name]), *options.get(key, [])]
            asked = (self.data.get(name) or "") if self.is_bound else ""
            if asked and asked not in {value for value, _label in choices}:
                choices.append((asked, asked))  # an old link's value stays visible
            self.fields[name].widget.choices = choices


class PracticeTranslationForm(forms.Form):
    """A practice's texts in one language of the network; blank fields keep their text."""

    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("Title"), required=False, max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    problem = forms.CharField(label=_("Problem"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))
    solution = forms.CharField(label=_("Solution"), required=False,
                               widget=forms.Textarea(attrs={"rows": 4}))
    mvp_plan = forms.CharField(label=_("MVP plan"), required=False,
                               widget=forms.Textarea(attrs={"rows": 4}))
    results = forms.CharField(label=_("Results and evidence"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}))

    @staticmethod
    def initial_for(practice, language: str) -> dict:
        """The practice's own text in `language` (no fallback), to fix it in place."""
        if language not in dict(settings.LANGUAGES):
            return {}
        return {"language": language, **{
            field: getattr(practice, f"{field}_{language}") or ""
            for field in ("title", "summary", "problem", "solution", "mvp_plan", "results")}}


class AdoptForm(forms.Form):
    target_kind = forms.ChoiceField(label=_("Adopt as"), choices=Adoption.Target.choices,
                                    widget=forms.RadioSelect)
    call = forms.IntegerField(label=_("Open call (for a proposal)"), required=False)


class AdoptionReportForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=Adoption.Outcome.choices)
    realised_savings_money = forms.DecimalField(label=_("Realised savings"), min_value=0,
                                                required=False)
    realised_savings_hours = forms.DecimalField(label=_("Realised hours saved"), min_value=0,
                                                required=False)
    note = forms.CharField(label=_("What happened"), required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class EventForm(forms.ModelForm):
    link = forms.URLField(label=_("link"), required=False, assume_scheme="https")

    class Meta:
        model = NetworkEvent
        fields = ["title", "description", "kind", "starts_at", "ends_at", "language", "link",
                  "location"]
        widgets = {
            "starts_at": forms.DateTimeInput(attrs={"type": "datetime-local"},
                                             format="%Y-%m-%dT%H:%M"),
            "ends_at": forms.DateTimeInput(attrs={"type": "datetime-local"},
                                           format="%Y-%m-%dT%H:%M"),
            "language": forms.Select(),
        }

    def __init__(self, *args, **kwargs) -> None:
        from django.conf import settings

        super().__init__(*args, **kwargs)
        self.fields["language"].widget.choices = settings.LANGUAGES
