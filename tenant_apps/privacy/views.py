"""Pages on personal data: each person's own page (copies of their data, erasure) and the
data protection officer's page (city admins in a city, partner admins on the hub)."""

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import View

from innovato.errors import ActionRefused
from innovato.uploads import file_download
from shared_apps.accounts.permissions import RoleRequiredMixin
from tenant_apps.privacy import selectors, services, tasks
from tenant_apps.privacy.forms import ErasureRefuseForm, ErasureRequestForm, PrivacySettingsForm


class MyDataView(LoginRequiredMixin, View):
    """The person's own page: ask for a copy, download it, ask to be erased."""

    def _page(self, request, *, erasure_form=None, status: int = 200):
        return render(request, "privacy/mine.html", {
            "exports": selectors.data_exports_of(request.user)[:10],
            "erasure": selectors.erasure_request_open_of(request.user),
            "erasure_form": erasure_form or ErasureRequestForm(),
            "held": selectors.personal_data_held(),
        }, status=status)

    def get(self, request):
        return self._page(request)


class ExportRequestView(LoginRequiredMixin, View):
    def post(self, request):
        tasks.data_export_build_later(services.data_export_request(user=request.user))
        messages.success(request, _("Your copy is being prepared. You will be notified "
                                    "when it is ready."))
        return redirect("privacy:mine")


class ExportDownloadView(LoginRequiredMixin, View):
    """Only the person whose copy it is may download it, until it expires."""

    def get(self, request, pk: int):
        export = selectors.data_export_downloadable(user=request.user, pk=pk)
        if export is None:
            raise Http404
        return file_download(export.file.open("rb"), name="personal-data.zip",
                             content_type="application/zip")


class ErasureRequestView(LoginRequiredMixin, View):
    def post(self, request):
        form = ErasureRequestForm(request.POST)
        if not form.is_valid():
            return MyDataView()._page(request, erasure_form=form, status=400)
        services.erasure_request(user=request.user)
        messages.success(request, _("Your request is recorded. A partner admin will confirm "
                                    "it.") if request.tenant.is_hub else
                         _("Your request is recorded. A city admin will confirm it."))
        return redirect("privacy:mine")


class ErasureCancelView(LoginRequiredMixin, View):
    def post(self, request, pk: int):
        erasure = get_object_or_404(selectors.erasure_requests(), pk=pk, user=request.user)
        services.erasure_cancel(request=erasure, by=request.user)
        messages.success(request, _("Your request to be erased is withdrawn."))
        return redirect("privacy:mine")


class AnsweringAdminMixin(RoleRequiredMixin):
    """City admins in a city, partner admins on the hub: who answer people's requests."""

    @property
    def required_roles(self) -> tuple[str, ...]:
        return (services.answering_role(),)


class OfficerView(AnsweringAdminMixin, View):
    """What personal data the city (or the hub) holds, why and for how long; the requests;
    who looked at personal data. For the admins who act as the data protection officer's
    hands."""

    def _page(self, request, *, form=None, status: int = 200):
        current = selectors.privacy_settings()
        fields = selectors.retention_fields()
        return render(request, "privacy/officer.html", {
            "held": selectors.personal_data_held(current),
            "settings_form": form or PrivacySettingsForm(instance=current, fields=fields),
            "erasures": selectors.erasure_requests()[:100],
            "exports": selectors.data_exports()[:100],
            "runs": selectors.retention_runs()[:20],
            "accesses": selectors.personal_data_accesses()[:100],
            "refuse_form": ErasureRefuseForm(),
        }, status=status)

    def get(self, request):
        return self._page(request)

    def post(self, request):
        form = PrivacySettingsForm(request.POST, instance=selectors.privacy_settings(),
                                   fields=selectors.retention_fields())
        if not form.is_valid():
            return self._page(request, form=form, status=400)
        try:
            services.privacy_settings_update(by=request.user, values=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
            return self._page(request, form=form, status=400)
        messages.success(request, _("The retention periods are saved."))
        return redirect("privacy:officer")


class ErasureDecideView(AnsweringAdminMixin, View):
    decision = "confirm"

    def post(self, request, pk: int):
        erasure = get_object_or_404(selectors.erasure_requests(), pk=pk)
        if self.decision == "confirm":
            erasure = services.erasure_confirm(request=erasure, by=request.user)
            messages.success(request, _("The account is erased; it now reads %(name)s.")
                             % {"name": erasure.user.display_name})
            return redirect("privacy:officer")
        form = ErasureRefuseForm(request.POST)
        if not form.is_valid():
            raise ActionRefused(_("Say why the request is refused."), code="reason_required")
        services.erasure_refuse(request=erasure, by=request.user,
                                reason=form.cleaned_data["reason"])
        messages.success(request, _("The request is refused; the person is told why."))
        return redirect("privacy:officer")
