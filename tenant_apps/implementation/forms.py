"""Web forms: they read the input; the rules are the services'."""

from django import forms
from django.utils.translation import gettext_lazy as _

from shared_apps.accounts.models import User
from tenant_apps.implementation.models import Milestone
from tenant_apps.proposals.models import Status
from tenant_apps.proposals.services import ATTACHMENT_TYPES


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PeopleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user: User) -> str:
        return f"{user.display_name} ({user.username})"


class LeadForm(forms.Form):
    lead = PeopleChoiceField(label=_("Lead"), queryset=User.objects.none(),
                             help_text=_("The person who runs the implementation."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = User.objects.filter(is_active=True).order_by(
            "first_name", "last_name", "username")


class ProgressForm(forms.Form):
    progress = forms.IntegerField(
        label=_("Progress (%)"),
        widget=forms.NumberInput(attrs={"min": 0, "max": 100, "step": 1}))


class FinishForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), widget=forms.RadioSelect,
        choices=[(Status.IMPLEMENTED.value, _("Implemented: the solution is in use")),
                 (Status.ABANDONED.value, _("Abandoned: the work has stopped"))])
    reason = forms.CharField(label=_("Comment for the authors"), required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due_on = forms.DateField(label=_("Due date"), widget=DateInput())
    state = forms.ChoiceField(label=_("Status"), choices=Milestone.State.choices,
                              initial=Milestone.State.PLANNED)


class UpdateForm(forms.Form):
    body = forms.CharField(label=_("What happened?"), widget=forms.Textarea(attrs={"rows": 4}))
    evidence = forms.FileField(
        label=_("Evidence file"), required=False, allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={
            "accept": ",".join(f".{extension}" for extension in sorted(ATTACHMENT_TYPES))}),
        help_text=_("Optional. PDF, office document, image or text; 10 MB at most."))
    evidence_url = forms.URLField(label=_("Evidence link"), required=False, assume_scheme="https",
                                  help_text=_("Optional. A page that shows the result."))


class SavingsForm(forms.Form):
    period = forms.DateField(
        label=_("Month"), input_formats=["%Y-%m", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "month", "placeholder": "YYYY-MM"},
                               format="%Y-%m"),
        help_text=_("Recording a month again replaces its figures."))
    projected_money = forms.DecimalField(label=_("Projected savings"), required=False,
                                         decimal_places=2, max_digits=14)
    realised_money = forms.DecimalField(label=_("Realised savings"), required=False,
                                        decimal_places=2, max_digits=14,
                                        help_text=_("Leave empty until it is known."))
    projected_hours = forms.DecimalField(label=_("Projected hours saved"), required=False,
                                         decimal_places=1, max_digits=10)
    realised_hours = forms.DecimalField(label=_("Realised hours saved"), required=False,
                                        decimal_places=1, max_digits=10,
                                        help_text=_("Leave empty until it is known."))
    note = forms.CharField(label=_("Note"), required=False, max_length=300)
