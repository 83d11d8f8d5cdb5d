"""Each report as a table of localized column headers and raw values.

The pages, the CSV and the XLSX downloads all read these tables, so they always show the
same columns. Only aggregates appear: no names of people, no proposal titles.
"""

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innovato import formatting
from tenant_apps.calls.models import Call
from tenant_apps.reports import selectors

# An empty cell of a table on a page.
EMPTY = "–"

REPORTS = {
    "funnel": gettext_lazy("Proposal funnel"),
    "participation": gettext_lazy("Participation by department"),
    "themes": gettext_lazy("Proposals by theme"),
    "savings": gettext_lazy("Savings over time"),
}


class Kind(StrEnum):
    TEXT = "text"
    COUNT = "count"
    MONEY = "money"
    HOURS = "hours"
    PERCENT = "percent"
    MONTH = "month"
    SCORE = "score"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    kind: Kind


@dataclass(frozen=True)
class Table:
    report: str
    title: str
    columns: list[Column]
    rows: list[list[Any]]
    totals: list[Any] | None = None


def fetch(report: str, *, call: Call | None) -> list:
    """The selector's rows for `report` (one of REPORTS), of `call` or city-wide."""
    selector = {
        "funnel": selectors.funnel,
        "participation": selectors.participation_by_department,
        "themes": selectors.proposals_by_theme,
        "savings": selectors.savings_over_time,
    }[report]
    return selector(call=call)


def _columns(report: str, currency: str) -> list[Column]:
    if report == "funnel":
        return [
            Column("label", _("Stage"), Kind.TEXT),
            Column("proposals", _("Proposals"), Kind.COUNT),
            Column("share_of_submitted", _("Share of submitted"), Kind.PERCENT),
        ]
    if report == "participation":
        return [
            Column("department", _("Department"), Kind.TEXT),
            Column("proposals", _("Proposals submitted"), Kind.COUNT),
            Column("authors", _("Authors"), Kind.COUNT),
            Column("members", _("Members"), Kind.COUNT),
            Column("participation_rate", _("Participation rate"), Kind.PERCENT),
        ]
    if report == "themes":
        return [
            Column("theme", _("Theme"), Kind.TEXT),
            Column("proposals", _("Proposals"), Kind.COUNT),
            Column("share", _("Share of proposals"), Kind.PERCENT),
        ]
    return [
        Column("month", _("Month"), Kind.MONTH),
        Column("projected_money",
               _("Projected savings (%(currency)s)") % {"currency": currency}, Kind.MONEY),
        Column("realised_money",
               _("Realised savings (%(currency)s)") % {"currency": currency}, Kind.MONEY),
        Column("projected_hours", _("Projected hours saved"), Kind.HOURS),
        Column("realised_hours", _("Realised hours saved"), Kind.HOURS),
        Column("cumulative_realised_money",
               _("Cumulative realised savings (%(currency)s)") % {"currency": currency},
               Kind.MONEY),
        Column("cumulative_realised_hours", _("Cumulative realised hours"), Kind.HOURS),
    ]


def _sum_known(values: list[Decimal | None]) -> Decimal | None:
    known = [value for value in values if value is not None]
    return sum(known, Decimal(0)) if known else None


def _savings_totals(items: list[selectors.SavingsMonth]) -> list[Any] | None:
    if not items:
        return None
    return [
        _("Total"),
        _sum_known([item.projected_money for item in items]),
        _sum_known([item.realised_money for item in items]),
        _sum_known([item.projected_hours for item in items]),
        _sum_known([item.realised_hours for item in items]),
        None,
        None,
    ]


def build(report: str, items: list, *, currency: str) -> Table:
    """The table of `report` from its selector rows; money columns name `currency`."""
    columns = _columns(report, currency)
    return Table(
        report=report,
        title=str(REPORTS[report]),
        columns=columns,
        rows=[[getattr(item, column.key) for column in columns] for item in items],
        totals=_savings_totals(items) if report == "savings" else None,
    )


def display(value: Any, kind: Kind, *, currency: str) -> str:
    """A cell as the reader's language writes it."""
    if value is None:
        return EMPTY
    if isinstance(value, str):  # such as the label of a totals row
        return value
    if kind == Kind.MONEY:
        return formatting.money(value, currency)
    if kind == Kind.HOURS:
        return formatting.hours(value)
    if kind == Kind.COUNT:
        return formatting.number(value)
    if kind == Kind.PERCENT:
        return formatting.percent(value)
    if kind == Kind.MONTH:
        return formatting.month(value)
    if kind == Kind.SCORE:
        return formatting.number(value, 2)
    return str(value)
