"""Reads on implementation: lists and details, savings per implementation, per call, per
city and per month. Sums are computed by PostgreSQL, in a fixed number of queries."""

from datetime import date, timedelta
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from shared_apps.accounts.models import User
from tenant_apps.calls.models import Call
from tenant_apps.implementation.models import (
    START_PHASES,
    Implementation,
    Milestone,
    SavingsEntry,
    Update,
)
from tenant_apps.proposals.models import Proposal, Status

MONEY = DecimalField(max_digits=18, decimal_places=2)
HOURS = DecimalField(max_digits=14, decimal_places=1)
SAVINGS_SUMS = {
    "projected_money": MONEY,
    "realised_money": MONEY,
    "projected_hours": HOURS,
    "realised_hours": HOURS,
}


def _totals(prefix: str = "") -> dict:
    """Sum expressions of the four savings figures, through `prefix` (a relation path);
    a month whose realised savings are not known yet adds nothing to the realised sums."""
    return {
        name: Coalesce(Sum(f"{prefix}{name}"), Value(Decimal(0)), output_field=field)
        for name, field in SAVINGS_SUMS.items()
    }


def _per_implementation(queryset: QuerySet, name: str, output_field) -> Coalesce:
    """A correlated sum or count per implementation: computed only for the rows a page
    returns, and free of the row multiplication of several joined aggregates."""
    aggregate = Count("*") if name == "*" else Sum(name)
    rows = (queryset.filter(implementation=OuterRef("pk")).order_by().values("implementation")
            .annotate(value=aggregate).values("value"))
    return Coalesce(Subquery(rows, output_field=output_field), Value(0),
                    output_field=output_field)


def implementations_list() -> QuerySet[Implementation]:
    """Every implementation of the city, newest first, with its proposal, call and lead,
    milestone counts and savings totals."""
    savings = SavingsEntry.objects.all()
    milestones = Milestone.objects.all()
    return (
        Implementation.objects
        .select_related("proposal__call", "proposal__author", "lead")
        .annotate(
            milestone_count=_per_implementation(milestones, "*", IntegerField()),
            milestones_done=_per_implementation(
                milestones.filter(state=Milestone.State.DONE), "*", IntegerField()),
            **{name: _per_implementation(savings, name, field)
               for name, field in SAVINGS_SUMS.items()},
        )
        .order_by("-started_at", "-id")
    )


def implementation_detail(*, pk: int) -> Implementation:
    """One implementation with its milestones, updates (and their authors) and savings."""
    return (
        implementations_list()
        .prefetch_related(
            Prefetch("milestones", queryset=Milestone.objects.order_by("due_on", "id")),
            Prefetch("updates",
                     queryset=Update.objects.select_related("author").order_by("-created_at",
                                                                               "-id")),
            Prefetch("savings", queryset=SavingsEntry.objects.order_by("period")),
            "proposal__coauthors",
        )
        .get(pk=pk)
    )


def milestones_list() -> QuerySet[Milestone]:
    return Milestone.objects.select_related("implementation").order_by("due_on", "id")


def updates_list() -> QuerySet[Update]:
    return Update.objects.select_related("author").order_by("-created_at", "-id")


def savings_list() -> QuerySet[SavingsEntry]:
    return SavingsEntry.objects.select_related("implementation").order_by(
        "implementation_id", "period")


def savings_totals(*, call: Call | None = None,
                   implementation: Implementation | None = None) -> dict[str, Decimal]:
    """Projected and realised money and hours, summed over the city, a call or one
    implementation (one query)."""
    entries = SavingsEntry.objects.all()
    if call is not None:
        entries = entries.filter(implementation__proposal__call=call)
    if implementation is not None:
        entries = entries.filter(implementation=implementation)
    return entries.aggregate(**_totals())


def savings_totals_per_call() -> QuerySet[Call]:
    """Calls that have implementations, each with its savings totals and implementation
    count (one query). Every saving belongs to exactly one call, so the sums do not double."""
    return (
        Call.objects.filter(proposals__implementation__isnull=False)
        .annotate(
            implementation_count=Count("proposals__implementation", distinct=True),
            **_totals("proposals__implementation__savings__"),
        )
        .order_by("-submission_starts", "-id")
    )


def savings_by_month(*, call: Call | None = None, since: date | None = None,
                     until: date | None = None) -> QuerySet:
    """The city's savings per month, oldest first: dicts of period and the four sums."""
    entries = SavingsEntry.objects.all()
    if call is not None:
        entries = entries.filter(implementation__proposal__call=call)
    if since is not None:
        entries = entries.filter(period__gte=since)
    if until is not None:
        entries = entries.filter(period__lte=until)
    return entries.order_by().values("period").annotate(**_totals()).order_by("period")


def proposals_ready_to_start() -> QuerySet[Proposal]:
    """Selected proposals whose call has published results, not yet being implemented."""
    return (
        Proposal.objects.filter(status=Status.SELECTED,
                                call__phase__in=START_PHASES)
        .filter(~Q(pk__in=Implementation.objects.values("proposal_id")))
        .select_related("call", "author")
        .order_by("call__title", "title")
    )


def milestones_due_for(user: User, *, within_days: int = 14,
                       today: date | None = None) -> QuerySet[Milestone]:
    """Open milestones of the implementations the user leads, overdue or due soon."""
    today = today or timezone.localdate()
    return (Milestone.objects.filter(implementation__lead=user,
                                     implementation__finished_at__isnull=True,
                                     state__in=Milestone.OPEN_STATES,
                                     due_on__lte=today + timedelta(days=within_days))
            .select_related("implementation__proposal").order_by("due_on", "pk"))
