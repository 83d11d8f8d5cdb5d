from django import forms
from django.utils.translation import gettext_lazy as _

from tenant_apps.calls.models import Call, Phase, Theme

DATE_FIELDS = ["submission_starts", "evaluation_starts", "voting_starts", "results_on",
               "implementation_starts", "closes_on"]


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class CallForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        queryset=Theme.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label=_("Themes"))

    class Meta:
        model = Call
        fields = ["title", "challenge", "eligibility_rules", "themes", "budget",
                  *DATE_FIELDS, "anonymous_evaluation", "publish_scores",
                  "evaluators_per_proposal"]
        widgets = {name: DateTimeInput() for name in DATE_FIELDS}


class CriterionForm(forms.Form):
    name = forms.CharField(label=_("Criterion"), max_length=120)
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=100)
    description = forms.CharField(label=_("What evaluators look at"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 2}))


CriterionFormSet = forms.formset_factory(CriterionForm, extra=2, max_num=10,
                                         can_delete=True)


class PhaseForm(forms.Form):
    phase = forms.ChoiceField(label=_("Move the call to"), choices=Phase.choices)

    def __init__(self, *args, call: Call, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # No phase is preselected but the next one: a click on "Move" must not send a
        # running call back to draft.
        self.fields["phase"].choices = [("", _("Choose a phase…")), *[
            (p, Phase(p).label) for p in call.phases() if p != call.phase]]
        self.fields["phase"].initial = call.next_phase() or ""
