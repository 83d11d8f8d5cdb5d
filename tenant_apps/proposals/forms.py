from django import forms
from django.utils.translation import gettext_lazy as _

from tenant_apps.calls.models import Theme
from tenant_apps.people.models import Department
from tenant_apps.proposals.models import Proposal


class ProposalForm(forms.ModelForm):
    class Meta:
        model = Proposal
        fields = ["title", "problem", "solution", "mvp_plan", "expected_savings_money",
                  "expected_savings_hours", "other_benefits", "resources_needed",
                  "department", "theme"]
        widgets = {
            "problem": forms.Textarea(attrs={"rows": 4}),
            "solution": forms.Textarea(attrs={"rows": 5}),
            "mvp_plan": forms.Textarea(attrs={"rows": 4}),
            "other_benefits": forms.Textarea(attrs={"rows": 2}),
            "resources_needed": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, call=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_active=True)
        themes = Theme.objects.all()
        call = call or getattr(self.instance, "call", None)
        if call is not None and call.pk and call.themes.exists():
            themes = call.themes.all()
        self.fields["theme"].queryset = themes
        # Drafts may be incomplete: completeness is checked when submitting.
        for name in ("problem", "solution", "mvp_plan"):
            self.fields[name].required = False


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Your comment"), widget=forms.Textarea(attrs={"rows": 3}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class HideCommentForm(forms.Form):
    reason = forms.CharField(label=_("Reason for hiding"), max_length=300)


class CoAuthorForm(forms.Form):
    username = forms.CharField(label=_("Colleague's username"), max_length=150)


class AttachmentForm(forms.Form):
    # An empty file is refused by the upload check, with a message that names it.
    file = forms.FileField(label=_("Attachment"), allow_empty_file=True,
                           error_messages={"required": _("Choose a file to attach.")})
