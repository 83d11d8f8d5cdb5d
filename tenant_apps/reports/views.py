"""Report pages (charts followed by tables) and their CSV and XLSX downloads.

City admins only. Each page runs a fixed number of queries: one or two per report.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from innovato import charts, formatting
from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import RoleRequiredMixin
from tenant_apps.calls.models import Call
from tenant_apps.reports import exports, tables
from tenant_apps.reports.tables import REPORTS


def requested_call(request: HttpRequest) -> Call | None:
    """The call named by `?call=<id>`; None for the whole city; 404 if there is no such call."""
    raw = request.GET.get("call", "").strip()
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit()):  # isdigit() alone accepts "²"
        raise Http404
    return get_object_or_404(Call, pk=int(raw))


@dataclass(frozen=True)
class Section:
    report: str
    title: str
    intro: str
    empty: str | None
    charts: list[SafeString]
    table: tables.Table
    cells: list[list[str]]
    totals: list[str] | None
    csv_url: str
    xlsx_url: str


def _download_url(name: str, report: str, call: Call | None) -> str:
    url = reverse(name, args=[report])
    return f"{url}?{urlencode({'call': call.pk})}" if call is not None else url


def _funnel_charts(items) -> list[SafeString]:
    return [charts.bar_chart(
        chart_id="chart-funnel", title=_("Proposal funnel"),
        description=_("Proposals that reached each stage."),
        bars=[charts.Bar(item.label, item.proposals, formatting.number(item.proposals))
              for item in items],
    )]


def _participation_charts(items) -> list[SafeString]:
    bars = [
        charts.Bar(item.department, float(item.participation_rate),
                   _("%(rate)s (%(authors)s of %(members)s)") % {
                       "rate": formatting.percent(item.participation_rate),
                       "authors": formatting.number(item.authors),
                       "members": formatting.number(item.members)})
        for item in items if item.participation_rate is not None
    ]
    if not bars:
        return []
    return [charts.bar_chart(
        chart_id="chart-participation", title=_("Participation by department"),
        description=_("Share of each department's members who submitted a proposal."),
        bars=bars,
    )]


def _theme_charts(items) -> list[SafeString]:
    return [charts.bar_chart(
        chart_id="chart-themes", title=_("Proposals by theme"),
        description=_("Submitted proposals per theme."),
        bars=[charts.Bar(item.theme, item.proposals, formatting.number(item.proposals))
              for item in items],
    )]


def _total(values) -> Decimal:
    return sum((value for value in values if value is not None), Decimal(0))


def _savings_charts(items, currency: str) -> list[SafeString]:
    months = [formatting.month(item.month, "short") for item in items]
    projected, realised = _("Projected"), _("Realised")
    money = {
        "projected": _total(item.projected_money for item in items),
        "realised": _total(item.realised_money for item in items),
    }
    hours = {
        "projected": _total(item.projected_hours for item in items),
        "realised": _total(item.realised_hours for item in items),
    }
    money_legend = [
        _("%(series)s: %(total)s in all") % {
            "series": projected, "total": formatting.money(money["projected"], currency)},
        _("%(series)s: %(total)s in all") % {
            "series": realised, "total": formatting.money(money["realised"], currency)},
    ]
    hours_legend = [
        _("%(series)s: %(total)s in all") % {
            "series": projected, "total": formatting.hours(hours["projected"])},
        _("%(series)s: %(total)s in all") % {
            "series": realised, "total": formatting.hours(hours["realised"])},
    ]
    period = _("From %(first)s to %(last)s.") % {"first": formatting.month(items[0].month),
                                                  "last": formatting.month(items[-1].month)}
    return [
        charts.line_chart(
            chart_id="chart-savings-money", title=_("Savings per month"),
            description=" ".join([period, *money_legend]),
            categories=months,
            series=[
                charts.Series(projected, [float(item.projected_money) for item in items],
                              colour=charts.BLUE, dashed=True),
                charts.Series(realised, [None if item.realised_money is None
                                         else float(item.realised_money) for item in items],
                              colour=charts.BROWN, square_markers=True),
            ],
            legend=money_legend, axis_label=currency,
            tick_text=lambda value: formatting.number(round(value)),
        ),
        charts.line_chart(
            chart_id="chart-savings-hours", title=_("Staff hours saved per month"),
            description=" ".join([period, *hours_legend]),
            categories=months,
            series=[
                charts.Series(projected, [float(item.projected_hours) for item in items],
                              colour=charts.BLUE, dashed=True),
                charts.Series(realised, [None if item.realised_hours is None
                                         else float(item.realised_hours) for item in items],
                              colour=charts.BROWN, square_markers=True),
            ],
            legend=hours_legend, axis_label=_("Hours"),
            tick_text=formatting.hours_number,
        ),
    ]


INTROS = {
    "funnel": gettext_lazy(
        "Proposals that reached each stage; a proposal further along also counts in every "
        "earlier stage. Drafts and withdrawn proposals are not counted."
    ),
    "participation": gettext_lazy(
        "A proposal counts for its author's department. The participation rate is the share "
        "of a department's members who submitted at least one proposal."
    ),
    "themes": gettext_lazy("Submitted proposals per theme."),
    "savings": gettext_lazy(
        "Projected and realised savings of the implemented proposals, month by month."
    ),
}


def _empty_message(report: str, items: list) -> str | None:
    if report == "funnel" and not items[0].proposals:
        return _("No proposal has been submitted yet.")
    if report == "participation" and not items:
        return _("No department has been set up yet.")
    if report == "themes" and not items:
        return _("No theme has been set up yet.")
    if report == "savings" and not items:
        return _("No savings have been recorded yet.")
    return None


def build_section(report: str, *, call: Call | None, currency: str) -> Section:
    """One report of the page: its charts, its table and its download links."""
    items = tables.fetch(report, call=call)
    table = tables.build(report, items, currency=currency)
    empty = _empty_message(report, items)
    if empty:
        section_charts = []
    elif report == "funnel":
        section_charts = _funnel_charts(items)
    elif report == "participation":
        section_charts = _participation_charts(items)
    elif report == "themes":
        section_charts = _theme_charts(items)
    else:
        section_charts = _savings_charts(items, currency)
    kinds = [column.kind for column in table.columns]
    return Section(
        report=report,
        title=str(REPORTS[report]),
        intro=str(INTROS[report]),
        empty=empty,
        charts=section_charts,
        table=table,
        cells=[[tables.display(value, kind, currency=currency)
                for value, kind in zip(row, kinds, strict=True)] for row in table.rows],
        totals=([tables.display(value, kind, currency=currency) if value is not None else ""
                 for value, kind in zip(table.totals, kinds, strict=True)]
                if table.totals is not None else None),
        csv_url=_download_url("reports:download_csv", report, call),
        xlsx_url=_download_url("reports:download_xlsx", report, call),
    )


class CityAdminRequired(RoleRequiredMixin):
    required_roles = (Role.CITY_ADMIN,)


class CityReportsView(CityAdminRequired, TemplateView):
    """Every report for the whole city, and links to each call's reports."""

    template_name = "reports/reports.html"

    def get_call(self) -> Call | None:
        return None

    def get_context_data(self, **kwargs):
        call = self.get_call()
        currency = self.request.tenant.currency
        return super().get_context_data(
            call=call,
            calls=Call.objects.order_by("-submission_starts", "-id") if call is None else [],
            sections=[build_section(report, call=call, currency=currency)
                      for report in REPORTS],
            **kwargs,
        )


class CallReportsView(CityReportsView):
    """Every report for one call."""

    def get_call(self) -> Call:
        return get_object_or_404(Call, pk=self.kwargs["call_id"])


class DownloadView(CityAdminRequired, View):
    """One report as a file: CSV or XLSX (`extension`), city-wide or for `?call=<id>`."""

    extension = "csv"

    def get(self, request, report: str):
        if report not in REPORTS:
            raise Http404
        call = requested_call(request)
        items = tables.fetch(report, call=call)
        table = tables.build(report, items, currency=request.tenant.currency)
        name = exports.filename(city_slug=request.tenant.slug, report=report, call=call,
                                extension=self.extension)
        if self.extension == "xlsx":
            return exports.xlsx_response(table, name=name)
        return exports.csv_response(table, name=name)
