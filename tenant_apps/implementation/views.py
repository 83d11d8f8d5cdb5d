"""Pages of implementation: the city's savings overview, one page per implementation with
the forms its team uses, and the download of evidence files."""

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import ListView

from innovato.uploads import file_download, type_of_stored
from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import RoleRequiredMixin
from tenant_apps.implementation import selectors, services
from tenant_apps.implementation.forms import (
    FinishForm,
    LeadForm,
    MilestoneForm,
    ProgressForm,
    SavingsForm,
    UpdateForm,
)
from tenant_apps.implementation.models import Implementation, Milestone, Update
from tenant_apps.proposals.models import Proposal, Status


def _implementation_or_404(pk: int) -> Implementation:
    try:
        return selectors.implementation_detail(pk=pk)
    except Implementation.DoesNotExist:
        raise Http404 from None


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


def _detail_context(request: HttpRequest, implementation: Implementation, **bound) -> dict:
    """The page's data, with blank forms for what the viewer may do; `bound` replaces a
    blank form with one that came back with errors."""
    user = request.user
    running = not implementation.is_finished
    can_manage = services.can_manage(implementation, user)
    context = {
        "implementation": implementation,
        "proposal": implementation.proposal,
        "milestones": implementation.milestones.all(),
        "updates": implementation.updates.all(),
        "savings": implementation.savings.all(),
        "can_manage": can_manage and running,
        "can_change_lead": user.has_role(Role.CITY_ADMIN) and running,
        "can_post_update": services.can_post_update(implementation, user),
        "can_record_savings": can_manage
        and implementation.proposal.status != Status.ABANDONED,
    }
    blank = {
        "progress_form": ProgressForm(initial={"progress": implementation.progress}),
        "lead_form": LeadForm(initial={"lead": implementation.lead_id}),
        "finish_form": FinishForm(),
        "milestone_form": MilestoneForm(),
        "update_form": UpdateForm(),
        "savings_form": SavingsForm(),
    }
    return {**context, **blank, **bound}


class OverviewView(LoginRequiredMixin, ListView):
    """Every implementation of the city with its savings, totals per call and for the city."""

    template_name = "implementation/overview.html"
    context_object_name = "implementations"
    paginate_by = 50

    def get_queryset(self):
        return selectors.implementations_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["city_totals"] = selectors.savings_totals()
        context["call_totals"] = selectors.savings_totals_per_call()
        if self.request.user.has_role(Role.CITY_ADMIN):
            context["ready_to_start"] = selectors.proposals_ready_to_start()
        return context


class ImplementationDetailView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        implementation = _implementation_or_404(pk)
        return render(request, "implementation/detail.html",
                      _detail_context(request, implementation))


class StartView(RoleRequiredMixin, View):
    """A city admin puts a selected proposal into implementation and names its lead."""

    required_roles = (Role.CITY_ADMIN,)
    template_name = "implementation/start.html"

    def get(self, request: HttpRequest, proposal_pk: int) -> HttpResponse:
        proposal = get_object_or_404(Proposal.objects.select_related("call"), pk=proposal_pk)
        form = LeadForm(initial={"lead": proposal.author_id})
        return render(request, self.template_name, {"proposal": proposal, "form": form})

    def post(self, request: HttpRequest, proposal_pk: int) -> HttpResponse:
        proposal = get_object_or_404(Proposal.objects.select_related("call"), pk=proposal_pk)
        form = LeadForm(request.POST)
        if form.is_valid():
            try:
                implementation = services.implementation_start(
                    proposal=proposal, lead=form.cleaned_data["lead"], by=request.user)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("The implementation has started."))
                return redirect(implementation)
        return render(request, self.template_name, {"proposal": proposal, "form": form},
                      status=400)


class ImplementationActionView(LoginRequiredMixin, View):
    """A form posted from an implementation's page. Who may post it is asked of the
    services first, so nobody else learns anything from validation errors; the service then
    applies every rule again."""

    http_method_names = ["post"]
    form_class: type[forms.Form]
    form_name: str
    anchor: str = ""

    def allowed(self, implementation: Implementation, user) -> bool:
        return services.can_manage(implementation, user)

    def perform(self, implementation: Implementation, data: dict) -> None:
        raise NotImplementedError

    def success_message(self) -> str:
        return _("Saved.")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        implementation = _implementation_or_404(pk)
        if not self.allowed(implementation, request.user):
            raise PermissionDenied
        form = self.form_class(request.POST, request.FILES)
        if form.is_valid():
            try:
                self.perform(implementation, form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, self.success_message())
                return redirect(implementation.get_absolute_url() + self.anchor)
        context = _detail_context(request, implementation, **{self.form_name: form})
        return render(request, "implementation/detail.html", context, status=400)


class ProgressView(ImplementationActionView):
    form_class = ProgressForm
    form_name = "progress_form"
    anchor = "#progress"

    def perform(self, implementation, data):
        services.implementation_set_progress(implementation=implementation,
                                             progress=data["progress"], by=self.request.user)

    def success_message(self) -> str:
        return _("Progress updated.")


class LeadView(ImplementationActionView):
    form_class = LeadForm
    form_name = "lead_form"

    def allowed(self, implementation, user) -> bool:
        return user.has_role(Role.CITY_ADMIN)

    def perform(self, implementation, data):
        services.implementation_set_lead(implementation=implementation, lead=data["lead"],
                                         by=self.request.user)

    def success_message(self) -> str:
        return _("The lead has changed.")


class FinishView(ImplementationActionView):
    form_class = FinishForm
    form_name = "finish_form"

    def perform(self, implementation, data):
        services.implementation_finish(implementation=implementation, outcome=data["outcome"],
                                       reason=data["reason"], by=self.request.user)

    def success_message(self) -> str:
        return _("The implementation is finished.")


class MilestoneAddView(ImplementationActionView):
    form_class = MilestoneForm
    form_name = "milestone_form"
    anchor = "#milestones"

    def perform(self, implementation, data):
        services.milestone_add(implementation=implementation, by=self.request.user, **data)

    def success_message(self) -> str:
        return _("Milestone added.")


class UpdatePostView(ImplementationActionView):
    form_class = UpdateForm
    form_name = "update_form"
    anchor = "#updates"

    def allowed(self, implementation, user) -> bool:
        return services.can_post_update(implementation, user)

    def perform(self, implementation, data):
        services.update_post(implementation=implementation, author=self.request.user,
                             body=data["body"], evidence=data["evidence"] or None,
                             evidence_url=data["evidence_url"])

    def success_message(self) -> str:
        return _("Update posted.")


class SavingsRecordView(ImplementationActionView):
    form_class = SavingsForm
    form_name = "savings_form"
    anchor = "#savings"

    def perform(self, implementation, data):
        services.savings_record(implementation=implementation, by=self.request.user, **data)

    def success_message(self) -> str:
        return _("Savings recorded.")


class MilestoneEditView(LoginRequiredMixin, View):
    template_name = "implementation/milestone_form.html"

    def _milestone(self, pk: int) -> Milestone:
        milestone = get_object_or_404(
            Milestone.objects.select_related("implementation__proposal"), pk=pk)
        if not services.can_manage(milestone.implementation, self.request.user):
            raise PermissionDenied
        return milestone

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        milestone = self._milestone(pk)
        form = MilestoneForm(initial={"title": milestone.title, "due_on": milestone.due_on,
                                      "state": milestone.state})
        return render(request, self.template_name, {"milestone": milestone, "form": form})

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        milestone = self._milestone(pk)
        form = MilestoneForm(request.POST)
        if form.is_valid():
            try:
                services.milestone_update(milestone=milestone, by=request.user,
                                          **form.cleaned_data)
            except ValidationError as error:
                _add_errors(form, error)
            else:
                messages.success(request, _("Milestone updated."))
                return redirect(milestone.implementation.get_absolute_url() + "#milestones")
        return render(request, self.template_name, {"milestone": milestone, "form": form},
                      status=400)


def evidence_response(update: Update) -> FileResponse:
    """An update's evidence as a download of its checked type (never shown inline)."""
    if not update.evidence:
        raise Http404
    try:
        handle = update.evidence.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    # The type follows from the name, whose extension was checked against the content.
    content_type = type_of_stored(update.evidence_name, handle.read(4))
    handle.seek(0)
    return file_download(handle, name=update.evidence_name, content_type=content_type)


class EvidenceView(LoginRequiredMixin, View):
    """An update's evidence file, for anyone signed in to the city."""

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        return evidence_response(get_object_or_404(Update, pk=pk))
