from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_POST
from django.views.generic import ListView

from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import RoleRequiredMixin
from tenant_apps.calls import selectors, services
from tenant_apps.calls.forms import CallForm, CriterionFormSet, PhaseForm
from tenant_apps.calls.models import Call, Phase
from tenant_apps.evaluation.selectors import results_of


def _is_admin(request: HttpRequest) -> bool:
    return request.user.is_authenticated and request.user.has_role(Role.CITY_ADMIN)


class CallListView(LoginRequiredMixin, ListView):
    template_name = "calls/call_list.html"
    context_object_name = "calls"
    paginate_by = 25

    def get_queryset(self):
        calls = selectors.calls_list(include_drafts=_is_admin(self.request))
        if phase := self.request.GET.get("phase"):
            calls = calls.filter(phase=phase)
        return calls

    def get_context_data(self, **kwargs):
        return super().get_context_data(phases=Phase.choices, is_admin=_is_admin(self.request),
                                        current_phase=self.request.GET.get("phase", ""),
                                        **kwargs)


@login_required
def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        call = selectors.call_detail(pk=pk, include_drafts=_is_admin(request))
    except Call.DoesNotExist as missing:
        raise Http404 from missing
    return render(request, "calls/call_detail.html", {
        "call": call,
        "is_admin": _is_admin(request),
        "phase_form": PhaseForm(call=call),
        "phase_order": call.phases(),
    })


class CallFormView(RoleRequiredMixin, View):
    """Create (no pk) or edit a call with its weighted criteria."""

    required_roles = (Role.CITY_ADMIN,)
    template_name = "calls/call_form.html"

    def _call(self, pk):
        return get_object_or_404(Call, pk=pk) if pk else None

    def get(self, request, pk=None):
        call = self._call(pk)
        initial = ([{"name": c.name, "weight": c.weight, "description": c.description}
                    for c in call.criteria.all()] if call else
                   [{"name": _("Innovation"), "weight": 40},
                    {"name": _("Feasibility"), "weight": 35},
                    {"name": _("Sustainability"), "weight": 25}])
        return render(request, self.template_name, {
            "form": CallForm(instance=call), "criteria": CriterionFormSet(initial=initial,
                                                                          prefix="criteria"),
            "call": call})

    def post(self, request, pk=None):
        call = self._call(pk)
        form = CallForm(request.POST, instance=call)
        criteria = CriterionFormSet(request.POST, prefix="criteria")
        if form.is_valid() and criteria.is_valid():
            rows = [row for row in criteria.cleaned_data if row and not row.get("DELETE")]
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                if call is None:
                    call = services.call_create(by=request.user, criteria=rows, **fields)
                else:
                    services.call_update(call=call, by=request.user, criteria=rows, **fields)
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                messages.success(request, _("The call is saved."))
                return redirect(call)
        return render(request, self.template_name,
                      {"form": form, "criteria": criteria, "call": call}, status=400)


@require_POST
@login_required
def call_move_phase(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    form = PhaseForm(request.POST, call=call)
    if not form.is_valid():
        messages.error(request, _("Choose one of the call's phases."))
        return redirect(call)
    services.call_move_phase(call=call, to_phase=form.cleaned_data["phase"], by=request.user)
    messages.success(request, _("The call is now in the %(phase)s phase.") % {
        "phase": Phase(form.cleaned_data["phase"]).label.lower()})
    return redirect(call)


@login_required
def call_results(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call.objects.exclude(phase=Phase.DRAFT), pk=pk)
    if call.results_published_at is None:
        return render(request, "calls/results_pending.html", {"call": call}, status=404)
    return render(request, "calls/results.html", {"call": call, "rows": results_of(call)})


class ThemeListView(RoleRequiredMixin, View):
    """City admins: the themes proposals can be filed under, named in every language the
    city offers."""

    required_roles = (Role.CITY_ADMIN,)

    def _render(self, request, errors=(), status=200):
        from django.utils.translation import get_language_info

        languages = [(code, get_language_info(code)["name_local"])
                     for code in request.tenant.enabled_languages]
        return render(request, "calls/theme_list.html", {
            "themes": selectors.themes_list(), "languages": languages, "errors": errors},
            status=status)

    def get(self, request):
        return self._render(request)

    def post(self, request):
        names = {code: request.POST.get(f"name-{code}", "")
                 for code in request.tenant.enabled_languages}
        try:
            services.theme_create(names=names)
        except ValidationError as error:
            return self._render(request, errors=error.messages, status=400)
        messages.success(request, _("Theme added."))
        return redirect("calls:themes")
