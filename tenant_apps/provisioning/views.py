"""The city admin's pages: the directory's SCIM token and groups, and the CSV import."""

import base64
import binascii

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import View

from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import RoleRequiredMixin
from tenant_apps.provisioning import selectors, services
from tenant_apps.provisioning.forms import (
    DirectoryGroupMapForm,
    PeopleImportConfirmForm,
    PeopleImportForm,
)


class CityAdminView(RoleRequiredMixin, View):
    required_roles = (Role.CITY_ADMIN,)


def _directory_page(request, *, new_token: str = "", status: int = 200, forms=None):
    groups = list(selectors.directory_groups_list())
    forms = forms or {}
    for group in groups:
        group.map_form = forms.get(group.pk) or DirectoryGroupMapForm(
            instance=group, auto_id=f"id_%s_{group.pk}")
    return render(request, "provisioning/directory.html", {
        "token": selectors.scim_token_current(),
        "new_token": new_token,
        "base_url": selectors.scim_base_url(request),
        "groups": groups,
    }, status=status)


class DirectoryView(CityAdminView):
    """Where the city's IT connects its directory (Entra ID, Okta…) over SCIM."""

    def get(self, request):
        return _directory_page(request)


class ScimTokenView(CityAdminView):
    def post(self, request):
        secret = services.scim_token_issue(by=request.user)
        return _directory_page(request, new_token=secret)


class ScimTokenRevokeView(CityAdminView):
    def post(self, request):
        services.scim_token_revoke(by=request.user)
        messages.success(request, _("The SCIM token was revoked: the directory can no "
                                    "longer change anyone here."))
        return redirect("provisioning:directory")


class DirectoryGroupMapView(CityAdminView):
    def post(self, request, pk: int):
        group = get_object_or_404(selectors.directory_groups_list(), pk=pk)
        form = DirectoryGroupMapForm(request.POST, instance=group, auto_id=f"id_%s_{pk}")
        if not form.is_valid():
            return _directory_page(request, status=400, forms={pk: form})
        services.directory_group_map(group=group, by=request.user,
                                     role=form.cleaned_data["role"],
                                     department=form.cleaned_data["department"])
        messages.success(request, _("Saved: members of “%(group)s” are updated.")
                         % {"group": group.display_name})
        return redirect("provisioning:directory")


def _encode(data: bytes) -> str:
    return base64.b64encode(data).decode()


class PeopleImportView(CityAdminView):
    """Upload a CSV file of people and see, row by row, what would be imported."""

    template_name = "provisioning/import.html"

    def get(self, request):
        return render(request, self.template_name, {"form": PeopleImportForm()})

    def post(self, request):
        form = PeopleImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, self.template_name, {"form": form}, status=400)
        data = form.cleaned_data["file"]
        preview = services.people_import_preview(data=data)
        return render(request, self.template_name, {
            "form": PeopleImportForm(),
            "preview": preview,
            "confirm_form": PeopleImportConfirmForm(initial={"content": _encode(data)}),
        }, status=200 if preview.is_valid else 400)


class PeopleImportConfirmView(CityAdminView):
    """Invite everyone of the previewed file, or nobody if anything changed meanwhile."""

    def post(self, request):
        form = PeopleImportConfirmForm(request.POST)
        try:
            data = base64.b64decode(form.data.get("content", ""), validate=True)
        except (binascii.Error, ValueError):
            data = b""
        try:
            invitations = services.people_import(data=data, by=request.user,
                                                 base_url=request.build_absolute_uri("/"))
        except ValidationError:
            preview = services.people_import_preview(data=data)
            messages.error(request, _("Nobody was invited: the file has errors."))
            return render(request, PeopleImportView.template_name, {
                "form": PeopleImportForm(), "preview": preview,
                "confirm_form": PeopleImportConfirmForm(initial={"content": _encode(data)}),
            }, status=400)
        messages.success(request, ngettext("%(count)d person was invited.",
                                           "%(count)d people were invited.",
                                           len(invitations)) % {"count": len(invitations)})
        return redirect("accounts:user_list")
