"""Partner admins' pages on the hub: onboard a city (wizard with live progress), and
suspend, reactivate, archive, export, restore, delete. Other apps add sections to a city's
page (billing: the plan and payment actions) through CITY_PAGE_SECTIONS, and the sources
those sections need to the page's Content-Security-Policy through CITY_PAGE_POLICY."""

from collections.abc import Callable
from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innovato.errors import ActionRefused
from shared_apps.accounts.models import Role
from tenants import selectors, services, tasks
from tenants.forms import (
    CityDeleteForm,
    CityLifecycleForm,
    CityOnboardForm,
    CityRestoreForm,
)
from tenants.models import City
from tenants.selectors import site_url

# Sections other apps add to a city's page, from their AppConfig.ready: each returns its
# HTML for (request, city).
CITY_PAGE_SECTIONS: list[Callable[[HttpRequest, City], str]] = []
# Sources those sections need added to the page's policy (directive → sources), for
# instance a payment provider's origin in form-action.
CITY_PAGE_POLICY: list[Callable[[], dict[str, list[str]]]] = []


def partner_admin_required(view):
    @login_required
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not (request.tenant.is_hub and request.user.has_role(Role.PARTNER_ADMIN)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


def city_base_url(request: HttpRequest, slug: str) -> str:
    return site_url(City(slug=slug), request)


def _city(slug: str) -> City:
    return get_object_or_404(City.objects.select_related("provisioning"), slug=slug)


@partner_admin_required
def city_list(request: HttpRequest) -> HttpResponse:
    return render(request, "tenants/city_list.html",
                  {"cities": selectors.cities_for_partner_admins()})


@partner_admin_required
def city_onboard(request: HttpRequest) -> HttpResponse:
    form = CityOnboardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            job = services.city_onboard(
                name=data["name"], slug=data["slug"], country=data["country"],
                default_language=data["default_language"],
                enabled_languages=data["enabled_languages"], timezone=data["timezone"],
                currency=data["currency"], extra_domains=data["extra_domains"],
                admin_email=data["admin_email"], plan=data["plan"], by=request.user,
                base_url=city_base_url(request, data["slug"].strip()),
            )
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            tasks.provisioning_start(job.pk)
            return redirect("partners:city_detail", slug=job.city.slug)
    return render(request, "tenants/city_onboard.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


def _detail_context(request: HttpRequest, city: City) -> dict:
    return {
        "city_obj": city,
        "progress": selectors.provisioning_progress(city),
        "records": selectors.city_records(city)[:50],
        "sections": [section(request, city) for section in CITY_PAGE_SECTIONS],
        "city_url": city_base_url(request, city.slug) + "/",
        "delete_form": CityDeleteForm(),
    }


@partner_admin_required
def city_detail(request: HttpRequest, slug: str) -> HttpResponse:
    response = render(request, "tenants/city_detail.html", _detail_context(request, _city(slug)))
    policy: dict[str, list[str]] = {}
    for extra in CITY_PAGE_POLICY:
        for directive, sources in extra().items():
            policy.setdefault(directive, []).extend(sources)
    if policy:
        response._csp_update = policy  # read by django-csp's middleware
    return response


@partner_admin_required
def city_progress(request: HttpRequest, slug: str) -> HttpResponse:
    """The progress panel alone; the wizard's page polls it with htmx."""
    city = _city(slug)
    return render(request, "tenants/_progress.html",
                  {"city_obj": city, "progress": selectors.provisioning_progress(city)})


@require_POST
@partner_admin_required
def city_action(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    city = _city(slug)
    reason = request.POST.get("reason", "")
    by = request.user
    if action == "retry":
        job = city.provisioning
        if job.state == job.State.DONE:
            raise ActionRefused(_("This city is already provisioned."), code="already_done")
        services.city_record(city=city, action="retry", by=by,
                             details={"steps_done": job.steps_done})
        tasks.provision_city.delay(job.pk)
        return redirect("partners:city_detail", slug=slug)
    if action == "abandon":
        services.provisioning_abandon(job=city.provisioning, by=by)
        messages.success(request, _("The unfinished city was removed."))
        return redirect("partners:city_list")
    if action != "reactivate":
        raise PermissionDenied
    services.city_reactivate(city=city, by=by, reason=reason)
    messages.success(request, _("The city is open again."))
    return redirect("partners:city_detail", slug=slug)


@partner_admin_required
def city_lifecycle_confirm(request: HttpRequest, slug: str, action: str) -> HttpResponse:
    """Suspend or archive: the consequences first, then the slug typed to confirm."""
    city = _city(slug)
    perform, done = {
        "suspend": (services.city_suspend, _("The city is suspended.")),
        "archive": (services.city_archive, _("The city is archived: read-only.")),
    }[action]
    form = CityLifecycleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            perform(city=city, by=request.user, reason=form.cleaned_data["reason"],
                    confirm_slug=form.cleaned_data["confirm"])
        except ValidationError as error:
            form.add_error("confirm", error.message_dict.get("confirm", error.messages))
        else:
            messages.success(request, done)
            return redirect("partners:city_detail", slug=slug)
    return render(request, "tenants/city_lifecycle_confirm.html", {
        "city_obj": city, "form": form, "action": action,
        "people": selectors.city_people_count(city),
    }, status=400 if request.method == "POST" else 200)


@require_POST
@partner_admin_required
def city_export(request: HttpRequest, slug: str) -> FileResponse:
    city = _city(slug)
    archive = services.city_export(city=city, by=request.user)
    return FileResponse(archive, as_attachment=True,
                        filename=f"innovato-{city.slug}.zip", content_type="application/zip")


@partner_admin_required
def city_delete(request: HttpRequest, slug: str) -> HttpResponse:
    city = _city(slug)
    form = CityDeleteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.city_delete(city=city, confirm_slug=form.cleaned_data["confirm_slug"],
                             by=request.user)
        messages.success(request, _("The city %(name)s was deleted.") % {"name": city.name})
        return redirect("partners:city_list")
    return render(request, "tenants/city_delete.html", {"city_obj": city, "form": form},
                  status=400 if request.method == "POST" else 200)


@partner_admin_required
def city_restore(request: HttpRequest) -> HttpResponse:
    form = CityRestoreForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            city = services.city_restore(
                archive=data["archive"], name=data["name"], slug=data["slug"].strip(),
                by=request.user, base_url=city_base_url(request, data["slug"].strip()))
        except ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, _("The city was restored from the archive."))
            return redirect("partners:city_detail", slug=city.slug)
    return render(request, "tenants/city_restore.html", {"form": form},
                  status=400 if request.method == "POST" else 200)
