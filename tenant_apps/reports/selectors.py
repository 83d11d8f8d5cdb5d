"""Reads for the reports, per call or city-wide.

Every report is aggregated in PostgreSQL and costs a fixed number of queries (one or two),
however many proposals, departments or savings entries the city has.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from tenant_apps.calls.models import Call, Theme
from tenant_apps.implementation.models import SavingsEntry
from tenant_apps.people.models import Department
from tenant_apps.proposals.models import PUBLIC_STATUSES, Proposal, Status

RATIO_PLACES = Decimal("0.0001")

# Statuses that passed the committee's decision; the status order puts every decision
# (selected, not selected, needs revision) after shortlisting.
_DECIDED = [Status.SELECTED, Status.NOT_SELECTED, Status.NEEDS_REVISION, Status.IMPLEMENTING,
            Status.IMPLEMENTED, Status.ABANDONED]
_SELECTED_OR_LATER = [Status.SELECTED, Status.IMPLEMENTING, Status.IMPLEMENTED,
                      Status.ABANDONED]

# (stage, statuses of the proposals that reached it): a proposal further along counts in
# every earlier stage; drafts and withdrawn proposals never count.
FUNNEL_STAGES: list[tuple[Status, list[str]]] = [
    (Status.SUBMITTED, list(PUBLIC_STATUSES)),
    (Status.ELIGIBLE, [Status.ELIGIBLE, Status.SHORTLISTED, *_DECIDED]),
    (Status.SHORTLISTED, [Status.SHORTLISTED, *_DECIDED]),
    (Status.SELECTED, _SELECTED_OR_LATER),
    (Status.IMPLEMENTED, [Status.IMPLEMENTED]),
]


@dataclass(frozen=True)
class FunnelStage:
    stage: str
    label: str
    proposals: int
    share_of_submitted: Decimal | None


@dataclass(frozen=True)
class DepartmentParticipation:
    department_id: int | None
    department: str
    proposals: int
    authors: int
    members: int | None
    participation_rate: Decimal | None


@dataclass(frozen=True)
class ThemeCount:
    theme_id: int | None
    theme: str
    proposals: int
    share: Decimal | None


@dataclass(frozen=True)
class SavingsMonth:
    month: date
    projected_money: Decimal
    realised_money: Decimal | None
    projected_hours: Decimal
    realised_hours: Decimal | None
    cumulative_realised_money: Decimal
    cumulative_realised_hours: Decimal


def _ratio(part: int, whole: int | None) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) / Decimal(whole)).quantize(RATIO_PLACES)


def submitted_proposals(*, call: Call | None = None) -> QuerySet[Proposal]:
    """Proposals that count as submitted (not drafts, not withdrawn), of `call` or all."""
    proposals = Proposal.objects.filter(status__in=PUBLIC_STATUSES)
    if call is not None:
        proposals = proposals.filter(call=call)
    # The model's default ordering would end up in GROUP BY and split the aggregates.
    return proposals.order_by()


def funnel(*, call: Call | None = None) -> list[FunnelStage]:
    """How many proposals reached each stage, submitted to implemented. One query."""
    counts = submitted_proposals(call=call).aggregate(**{
        stage.value: Count("id", filter=Q(status__in=statuses))
        for stage, statuses in FUNNEL_STAGES
    })
    submitted = counts[Status.SUBMITTED.value]
    return [
        FunnelStage(stage=stage.value, label=str(stage.label), proposals=counts[stage.value],
                    share_of_submitted=_ratio(counts[stage.value], submitted))
        for stage, _statuses in FUNNEL_STAGES
    ]


def participation_by_department(*, call: Call | None = None) -> list[DepartmentParticipation]:
    """Per department: submitted proposals, distinct authors, members, and the share of
    members who authored at least one. Two queries.

    A proposal counts for its author's department (their profile), so that authors are
    always members and the rate stays between 0 and 1. Authors without a department are
    gathered in a last row, which has no rate.
    """
    by_department = {
        row["author__profile__department"]: row
        for row in submitted_proposals(call=call)
        .values("author__profile__department")
        .annotate(proposals=Count("id"), authors=Count("author", distinct=True))
    }
    departments = Department.objects.annotate(member_count=Count("members"))
    rows = []
    for department in departments:
        counted = by_department.get(department.pk, {"proposals": 0, "authors": 0})
        if not department.is_active and not counted["proposals"]:
            continue
        rows.append(DepartmentParticipation(
            department_id=department.pk, department=department.name,
            proposals=counted["proposals"], authors=counted["authors"],
            members=department.member_count,
            participation_rate=_ratio(counted["authors"], department.member_count),
        ))
    # Sorted here: in the database only the current language's column could be sorted on,
    # and it is empty for names given in another language only.
    rows.sort(key=lambda row: row.department.casefold())
    unassigned = by_department.get(None)
    if unassigned:
        rows.append(DepartmentParticipation(
            department_id=None, department=str(_("No department")),
            proposals=unassigned["proposals"], authors=unassigned["authors"],
            members=None, participation_rate=None,
        ))
    return rows


def proposals_by_theme(*, call: Call | None = None) -> list[ThemeCount]:
    """Submitted proposals per theme, most first. Two queries.

    City-wide every theme is listed; for a call, its own themes and any other theme one of
    its proposals was filed under. Proposals without a theme get a last row.
    """
    counts = {
        row["theme"]: row["proposals"]
        for row in submitted_proposals(call=call).values("theme")
        .annotate(proposals=Count("id"))
    }
    total = sum(counts.values())
    themes = Theme.objects.all()
    if call is not None:
        counted_ids = [theme_id for theme_id in counts if theme_id is not None]
        themes = themes.filter(Q(calls=call) | Q(pk__in=counted_ids)).distinct()
    rows = [
        ThemeCount(theme_id=theme.pk, theme=theme.name, proposals=counts.get(theme.pk, 0),
                   share=_ratio(counts.get(theme.pk, 0), total))
        for theme in themes
    ]
    # Sorted here for the same reason as the departments: names fall back across languages.
    rows.sort(key=lambda row: (-row.proposals, row.theme.casefold()))
    if counts.get(None):
        rows.append(ThemeCount(theme_id=None, theme=str(_("No theme")), proposals=counts[None],
                               share=_ratio(counts[None], total)))
    return rows


def _next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def savings_over_time(*, call: Call | None = None) -> list[SavingsMonth]:
    """Per month, projected and realised savings (money and hours) of every implementation,
    with the realised savings accumulated. One query.

    Months between the first and the last without any entry are listed with zeros, so
    the series has no hidden gaps; a realised value is None while nothing is known yet.
    """
    entries = SavingsEntry.objects.all()
    if call is not None:
        entries = entries.filter(implementation__proposal__call=call)
    sums = {
        row["month"]: row
        for row in entries.annotate(month=TruncMonth("period")).values("month")
        .annotate(projected_money=Sum("projected_money"), realised_money=Sum("realised_money"),
                  projected_hours=Sum("projected_hours"), realised_hours=Sum("realised_hours"))
        .order_by("month")
    }
    if not sums:
        return []
    rows = []
    cumulative_money = Decimal(0)
    cumulative_hours = Decimal(0)
    month, last = min(sums), max(sums)
    while month <= last:
        row = sums.get(month, {})
        cumulative_money += row.get("realised_money") or 0
        cumulative_hours += row.get("realised_hours") or 0
        rows.append(SavingsMonth(
            month=month,
            projected_money=row.get("projected_money") or Decimal("0.00"),
            realised_money=row.get("realised_money"),
            projected_hours=row.get("projected_hours") or Decimal("0.0"),
            realised_hours=row.get("realised_hours"),
            cumulative_realised_money=cumulative_money,
            cumulative_realised_hours=cumulative_hours,
        ))
        month = _next_month(month)
    return rows
