"""Hub pages (network directory, good practices, collections, events, dashboard) and the
good-practice pages of city sites, which read the same public tables."""

import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innovato import formatting
from innovato.charts import BLUE, BROWN, Bar, Series, bar_chart, line_chart
from innovato.pagination import CountedWithRowsPaginator
from shared_apps.accounts.models import Role
from shared_apps.hub import boundary, selectors, services
from shared_apps.hub.cards import for_cards, practice_cards
from shared_apps.hub.forms import (
    AdoptForm,
    AdoptionReportForm,
    EventForm,
    PracticeFilterForm,
    PracticeShareForm,
    PracticeTranslationForm,
)
from shared_apps.hub.models import (
    Adoption,
    GoodPractice,
    NetworkEvent,
    PracticeMessage,
)


def home(request: HttpRequest) -> HttpResponse:
    """The network's front page: every partner city with a link to its platform."""
    return render(request, "hub/home.html", {
        "cities": selectors.network_cities(request),
        "featured": selectors.practices_published().filter(featured=True)[:6],
        "events": selectors.events_upcoming()[:5],
    })


def _is_coordinator(request: HttpRequest) -> bool:
    return request.tenant.is_hub and request.user.has_role(Role.COORDINATOR)


def _refused(request: HttpRequest, error: ValidationError, back: str = "") -> HttpResponse:
    return render(request, "action_refused.html",
                  {"message": " ".join(error.messages), "back": back}, status=400)


# --- Good practices ---------------------------------------------------------------------------


@login_required
def practice_list(request: HttpRequest) -> HttpResponse:
    reviewing = _is_coordinator(request)
    practices = selectors.practices_for_review() if reviewing else selectors.practices_published()
    options = selectors.practice_filter_options(
        practices, audience="review" if reviewing else "published")
    form = PracticeFilterForm(request.GET or None, options=options)
    if request.GET.get("status") and _is_coordinator(request):
        practices = practices.filter(status=request.GET["status"])
    if form.is_valid():
        data = form.cleaned_data
        practices = selectors.practices_filtered(
            practices, text=data["q"], theme=data["theme"], city=data["city"],
            min_savings=data["min_savings"], max_savings=data["max_savings"],
            min_adoptions=data["min_adoptions"], tag=data["tag"],
            collection=int(request.GET["collection"]) if request.GET.get(
                "collection", "").isdigit() else None, ordering=data["ordering"])
    page = CountedWithRowsPaginator(for_cards(practices), 25).get_page(request.GET.get("page"))
    return render(request, "hub/practice_list.html", {
        "practices": practice_cards(page.object_list), "page_obj": page,
        "is_paginated": page.has_other_pages(),
        "form": form,
        "is_coordinator": _is_coordinator(request),
        "collections": options["collections"], "statuses": GoodPractice.Status.choices,
    })


def _readable_practice(request: HttpRequest, pk: int) -> GoodPractice:
    practice = get_object_or_404(GoodPractice.objects.select_related("source_city")
                                 .annotate(savings_eur=selectors.savings_in_euros()), pk=pk)
    own_city = not request.tenant.is_hub and practice.source_city_id == request.tenant.pk
    if practice.status == GoodPractice.Status.PUBLISHED:
        return practice
    if practice.status != GoodPractice.Status.WITHDRAWN and (
            _is_coordinator(request) or (own_city and request.user.has_role(Role.CITY_ADMIN))):
        return practice
    raise Http404


@login_required
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _readable_practice(request, pk)
    city = None if request.tenant.is_hub else request.tenant
    adoption = (Adoption.objects.filter(practice=practice, city=city).first()
                if city is not None else None)
    open_calls = []
    if city is not None and request.user.has_role(Role.CITY_ADMIN):
        open_calls = boundary.city_calls_open()
    return render(request, "hub/practice_detail.html", {
        "practice": practice,
        "lineage": selectors.practice_lineage(practice),
        "translation_history": practice.translation_history.select_related("city"),
        "can_translate": _is_coordinator(request) or (
            city is not None and request.user.has_role(Role.CITY_ADMIN)),
        "is_coordinator": _is_coordinator(request),
        "is_source_city": city is not None and practice.source_city_id == city.pk,
        "is_city_admin": city is not None and request.user.has_role(Role.CITY_ADMIN),
        "adoption": adoption, "open_calls": open_calls,
        "adopt_form": AdoptForm(), "report_form": AdoptionReportForm(),
        "discussion": Paginator(selectors.practice_messages(practice), 50).get_page(
            request.GET.get("discussion_page")),
        "can_discuss": (_is_coordinator(request) if city is None
                        else request.user.has_role(Role.CITY_ADMIN)),
    })


@require_POST
@login_required
def practice_discussion_post(request: HttpRequest, pk: int) -> HttpResponse:
    """A city admin (on their city's site) or a coordinator (on the hub) writes in the
    practice's discussion, or answers a message of it."""
    practice = _readable_practice(request, pk)
    reply_to = request.POST.get("reply_to", "")
    try:
        message = boundary.practice_message_post(
            practice=practice, by=request.user, body=request.POST.get("body", ""),
            reply_to=(PracticeMessage.objects.filter(pk=reply_to).first()
                      if reply_to.isdigit() else None))
    except ValidationError as error:
        return _refused(request, error, practice.get_absolute_url() + "#discussion")
    return redirect(practice.get_absolute_url() + f"#message-{message.pk}")


def _coordinator_action(request: HttpRequest, pk: int, done: str, perform) -> HttpResponse:
    practice = get_object_or_404(GoodPractice, pk=pk)
    try:
        perform(practice)
    except ValidationError as error:
        return _refused(request, error, practice.get_absolute_url())
    messages.success(request, done)
    return redirect(practice)


@require_POST
@login_required
def practice_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Coordinators: publish, ask for changes, feature or tag a practice."""
    action = request.POST.get("action")
    by = request.user
    if action == "publish":
        return _coordinator_action(request, pk, _("The practice is published."),
                                   lambda p: services.practice_publish(practice=p, by=by))
    if action == "changes":
        return _coordinator_action(
            request, pk, _("The city is asked for changes."),
            lambda p: services.practice_request_changes(
                practice=p, by=by, comment=request.POST.get("comment", "")))
    if action in ("feature", "unfeature"):
        return _coordinator_action(
            request, pk, _("Saved."),
            lambda p: services.practice_feature(practice=p, by=by,
                                                featured=action == "feature"))
    if action == "tags":
        return _coordinator_action(
            request, pk, _("Tags saved."),
            lambda p: services.practice_tag(
                practice=p, by=by, tags=request.POST.get("tags", "").split(",")))
    raise Http404


@login_required
def practice_share(request: HttpRequest, proposal_id: int) -> HttpResponse:
    """City admins: share an implemented proposal (or refresh its snapshot)."""
    if request.tenant.is_hub or not request.user.has_role(Role.CITY_ADMIN):
        raise PermissionDenied
    proposal = boundary.city_proposal_get(proposal_id)
    existing = GoodPractice.objects.filter(source_city=request.tenant,
                                           source_proposal_id=proposal.pk).first()
    initial = ({"summary": existing.summary, "results": existing.results,
                "tags": ", ".join(existing.tags), "contact_role": existing.contact_role}
               if existing else {})
    form = PracticeShareForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            practice = boundary.practice_share(proposal=proposal, by=request.user,
                                               language=selectors.text_language(request),
                                               **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("Shared with the network. Coordinators will review "
                                        "it before other cities see it."))
            return redirect(practice)
    return render(request, "hub/practice_share.html",
                  {"form": form, "proposal": proposal, "existing": existing},
                  status=400 if request.method == "POST" else 200)


@login_required
def practice_translate(request: HttpRequest, pk: int) -> HttpResponse:
    """Coordinators (hub) and city admins (their city's site): add or fix a practice's
    text in one language of the network."""
    if not (_is_coordinator(request)
            or (not request.tenant.is_hub and request.user.has_role(Role.CITY_ADMIN))):
        raise PermissionDenied
    practice = _readable_practice(request, pk)
    language = request.POST.get("language") or request.GET.get("language") or ""
    form = PracticeTranslationForm(request.POST or None,
                                   initial=PracticeTranslationForm.initial_for(practice,
                                                                               language))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        language = data.pop("language")
        try:
            boundary.practice_translate_where(on_hub=request.tenant.is_hub,
                                              practice=practice, by=request.user,
                                              language=language, texts=data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The translation is saved."))
            return redirect(practice)
    return render(request, "hub/practice_translate.html",
                  {"form": form, "practice": practice},
                  status=400 if request.method == "POST" else 200)


@login_required
def collection_list(request: HttpRequest) -> HttpResponse:
    """The network's collections of practices, on the hub and on every city's site."""
    collections = selectors.collections_for(hub_view=_is_coordinator(request))
    page = Paginator(collections, 25).get_page(request.GET.get("page"))
    return render(request, "hub/collection_list.html", {
        "collections": page.object_list, "page_obj": page,
        "is_paginated": page.has_other_pages()})


@require_POST
@login_required
def practice_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    practice = get_object_or_404(GoodPractice, pk=pk)
    boundary.practice_withdraw(practice=practice, by=request.user)
    messages.success(request, _("The practice is withdrawn from the network."))
    return redirect("practices:list")


@require_POST
@login_required
def practice_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _readable_practice(request, pk)
    form = AdoptForm(request.POST)
    if not form.is_valid():
        return _refused(request, ValidationError(_("Choose how to adopt the practice.")),
                        practice.get_absolute_url())
    call = boundary.city_call_find(form.cleaned_data.get("call"))
    try:
        adoption = boundary.practice_adopt(practice=practice, by=request.user,
                                           target_kind=form.cleaned_data["target_kind"],
                                           call=call)
    except ValidationError as error:
        return _refused(request, error, practice.get_absolute_url())
    messages.success(request, _("Adopted. A draft was created in your city; edit it before "
                                "publishing."))
    if adoption.target_kind == Adoption.Target.CALL:
        return redirect("calls:edit", pk=adoption.target_id)
    return redirect("proposals:edit", pk=adoption.target_id)


@require_POST
@login_required
def adoption_report(request: HttpRequest, pk: int) -> HttpResponse:
    practice = _readable_practice(request, pk)
    adoption = get_object_or_404(Adoption, practice=practice, city=request.tenant.pk)
    form = AdoptionReportForm(request.POST)
    if not form.is_valid():
        return _refused(request, ValidationError(next(iter(form.errors.values()))),
                        practice.get_absolute_url())
    data = form.cleaned_data
    try:
        boundary.adoption_report(adoption=adoption, by=request.user, outcome=data["outcome"],
                                 realised_savings_money=data["realised_savings_money"] or 0,
                                 realised_savings_hours=data["realised_savings_hours"] or 0,
                                 note=data["note"])
    except ValidationError as error:
        return _refused(request, error, practice.get_absolute_url())
    messages.success(request, _("Thank you: the network now knows how it went."))
    return redirect(practice)


# --- Events -----------------------------------------------------------------------------------


@login_required
def event_list(request: HttpRequest) -> HttpResponse:
    return render(request, "hub/event_list.html", {
        "events": selectors.events_upcoming(), "is_coordinator": _is_coordinator(request)})


@login_required
def event_form(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    if not _is_coordinator(request):
        raise PermissionDenied
    event = get_object_or_404(NetworkEvent, pk=pk) if pk else None
    form = EventForm(request.POST or None, instance=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_save(by=request.user, event=event, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error.messages)
        else:
            messages.success(request, _("The event is announced to every city."))
            return redirect("events:list")
    return render(request, "hub/event_form.html", {"form": form, "event": event},
                  status=400 if request.method == "POST" else 200)


@require_POST
@login_required
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    services.event_delete(event=get_object_or_404(NetworkEvent, pk=pk), by=request.user)
    messages.success(request, _("The event is cancelled."))
    return redirect("events:list")


# --- Dashboard --------------------------------------------------------------------------------


DASHBOARD_PAGE_SIZE = 20


def _require_network_role(request: HttpRequest) -> None:
    if not (request.tenant.is_hub
            and request.user.has_role(Role.COORDINATOR, Role.PARTNER_ADMIN)):
        raise PermissionDenied


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Network figures per city and in total, read from the statistics read model."""
    _require_network_role(request)
    totals = selectors.dashboard_totals()
    paginator = Paginator(selectors.dashboard_latest(), DASHBOARD_PAGE_SIZE)
    paginator.count = totals.cities  # the totals counted the rows already: no second count
    page = paginator.get_page(request.GET.get("page"))
    trend = selectors.dashboard_trend()
    return render(request, "hub/dashboard.html", {
        "rows": page.object_list, "page_obj": page, "is_paginated": page.has_other_pages(),
        "totals": totals, "trend": trend,
        "updated_at": totals.updated_at,
        "stale_hours": max(1, round(settings.CITY_REPORT_STALE_AFTER_MINUTES / 60)),
        "charts": _trend_charts(trend) if len(trend) > 1 else [],
        # The cities of the table's page: one bar per city of the whole network would grow
        # the page with the network (and be unreadable past a few dozen bars).
        "city_charts": _city_charts(list(page.object_list)),
    })


def _city_charts(rows: list) -> list:
    """One bar per city: realised savings in euros, and proposals."""
    if not rows:
        return []
    return [
        bar_chart(
            chart_id="city-savings", title=_("Realised savings per city (EUR)"),
            description=_("Each city's realised savings, converted to euros at the configured "
                          "rates."),
            bars=[Bar(label=row.city.name, value=float(row.realised_money_eur or 0),
                      value_text=formatting.money(row.realised_money_eur or 0, "EUR",
                                                  whole=True)) for row in rows]),
        bar_chart(
            chart_id="city-proposals", title=_("Proposals per city"),
            description=_("Each city's proposals, drafts excepted."),
            bars=[Bar(label=row.city.name, value=row.proposals,
                      value_text=formatting.number(row.proposals)) for row in rows]),
    ]


def _trend_charts(trend: list[dict]) -> list:
    days = [formatting.date(row["day"], "short") for row in trend]
    money = [float(row["realised_money_eur"]) for row in trend]
    proposals = [row["proposals"] for row in trend]
    implemented = [row["implemented"] for row in trend]
    return [
        line_chart(
            chart_id="trend-savings", title=_("Realised savings across the network (EUR)"),
            description=_("Realised savings from %(first)s to %(last)s: %(start)s to "
                          "%(end)s.") % {
                "first": formatting.date(trend[0]["day"]),
                "last": formatting.date(trend[-1]["day"]),
                "start": formatting.money(trend[0]["realised_money_eur"], "EUR", whole=True),
                "end": formatting.money(trend[-1]["realised_money_eur"], "EUR", whole=True)},
            categories=days, series=[Series(name=_("Realised savings"), values=money,
                                            colour=BLUE)],
            legend=[_("Realised savings")], axis_label="EUR",
            tick_text=lambda value: formatting.number(value, 0)),
        line_chart(
            chart_id="trend-proposals", title=_("Proposals and implementations"),
            description=_("Proposals went from %(a)s to %(b)s and implementations from %(c)s "
                          "to %(d)s.") % {"a": formatting.number(proposals[0]),
                                          "b": formatting.number(proposals[-1]),
                                          "c": formatting.number(implemented[0]),
                                          "d": formatting.number(implemented[-1])},
            categories=days,
            series=[Series(name=_("Proposals"), values=proposals, colour=BLUE),
                    Series(name=_("Implemented"), values=implemented, colour=BROWN,
                           dashed=True, square_markers=True)],
            legend=[_("Proposals"), _("Implemented")], axis_label="",
            tick_text=lambda value: formatting.number(value, 0)),
    ]


DASHBOARD_COLUMNS = ["calls", "proposals", "authors", "employees", "selected", "implemented",
                     "realised_money", "currency", "realised_hours", "practices_shared",
                     "practices_adopted"]


@login_required
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    _require_network_role(request)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="network-dashboard.csv"'
    writer = csv.writer(response)
    writer.writerow([_("City"), _("Day"), *DASHBOARD_COLUMNS, _("Participation rate (%)"),
                     "last_reported_at", "stale"])
    for row in selectors.dashboard_latest():
        rate = round(row.authors / row.employees * 100, 1) if row.employees else ""
        writer.writerow([row.city.name, row.day.isoformat(),
                         *[getattr(row, column) for column in DASHBOARD_COLUMNS], rate,
                         row.computed_at.isoformat(), "yes" if row.stale else "no"])
    return response
