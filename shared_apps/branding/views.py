"""The site's stylesheet of brand colours, its logo, and the page where admins set them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views import View

from innovato.templatetags.icons import ICON_DIR
from innovato.uploads import served_type
from shared_apps.accounts.permissions import STYLE_GUIDE_ROLES
from shared_apps.branding import services
from shared_apps.branding.forms import BrandingForm
from shared_apps.branding.selectors import brand_css, branding

YEAR = 365 * 24 * 60 * 60


def _cacheable(request: HttpRequest, response: HttpResponse, version: str) -> HttpResponse:
    """Immutable under a versioned URL (?v=…), revalidated by ETag otherwise."""
    response["ETag"] = f'"{version}"'
    if request.GET.get("v") == version:
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=0, must_revalidate=True)
    return response


def _not_modified(request: HttpRequest, version: str) -> bool:
    tags = [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
    return f'"{version}"' in tags or "*" in tags


def stylesheet(request: HttpRequest) -> HttpResponse:
    """`/brand.css`: the site's colours as CSS custom properties."""
    current = branding()
    if _not_modified(request, current.version):
        return _cacheable(request, HttpResponseNotModified(), current.version)
    response = HttpResponse(brand_css(current), content_type="text/css; charset=utf-8")
    return _cacheable(request, response, current.version)


def logo(request: HttpRequest) -> HttpResponse:
    """`/brand/logo`: the site's logo, with the type checked at upload; public, like the
    name it stands for (it is shown on the sign-in page and in e-mails)."""
    current = branding()
    if not current.logo:
        raise Http404
    if _not_modified(request, current.version):
        return _cacheable(request, HttpResponseNotModified(), current.version)
    try:
        handle = current.logo.open("rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=served_type(current.logo_content_type,
                                                             services.LOGO_TYPES))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return _cacheable(request, response, current.version)


class BrandingSettingsView(LoginRequiredMixin, View):
    """Admins of the site (city admins; on the hub, network staff) set its logo and colour."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not request.user.has_role(
                *services.branding_admin_roles()):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest, form: BrandingForm | None = None, status: int = 200):
        current = branding()
        form = form or BrandingForm(initial={"primary_colour": current.primary_colour,
                                             "primary_colour_picker": current.primary_colour})
        return render(request, "branding/settings.html", {"form": form, "branding": current},
                      status=status)

    def post(self, request: HttpRequest):
        form = BrandingForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.branding_update(
                    by=request.user,
                    primary_colour=form.chosen_colour(branding().primary_colour),
                    logo=form.cleaned_data.get("logo") or None,
                    logo_remove=form.cleaned_data["logo_remove"])
            except ValidationError as error:
                for field, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(field if field in form.fields else None, message)
            else:
                messages.success(request, _("Branding saved."))
                return redirect("branding:settings")
        return self.get(request, form=form, status=400)


STYLE_STATUSES = ["draft", "submitted", "eligible", "ineligible", "shortlisted", "selected",
                  "not_selected", "needs_revision", "implementing", "implemented", "withdrawn"]
STYLE_PHASES = ["draft", "submission", "evaluation", "voting", "results", "implementation",
                "closed"]


@login_required
def style_guide(request: HttpRequest) -> HttpResponse:
    """Staff's page of every interface component, with examples; POST shows the message a
    confirmed action leaves."""
    if not request.user.has_role(*STYLE_GUIDE_ROLES):
        raise PermissionDenied
    if request.method == "POST":
        messages.success(request, _("The example action was confirmed."))
        return redirect(request.path)
    # Codes, as pages put them in badge--{code}: the style page shows the look, not the words.
    phases = [(code, code) for code in STYLE_PHASES]
    current = 2
    return render(request, "branding/style_guide.html", {
        "statuses": [(code, code) for code in STYLE_STATUSES],
        "phases": phases,
        "timeline": [(label, "is-done" if i < current else "is-current" if i == current
                      else "is-upcoming") for i, (_code, label) in enumerate(phases)],
        "icons": sorted(path.stem for path in ICON_DIR.glob("*.svg")),
        "levels": ["info", "success", "warning", "danger"],
    })
