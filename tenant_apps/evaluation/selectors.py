"""Reads on evaluation: assignments, ranking with spread, results."""

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Avg, Count, Max, Min, Q, QuerySet, StdDev

from shared_apps.accounts.models import User
from tenant_apps.calls.models import Call
from tenant_apps.evaluation.models import Assignment, CommitteeMember
from tenant_apps.proposals.models import Proposal, Status

RANKED_STATUSES = [Status.ELIGIBLE, Status.SHORTLISTED, Status.SELECTED, Status.NOT_SELECTED,
                   Status.NEEDS_REVISION, Status.IMPLEMENTING, Status.IMPLEMENTED,
                   Status.ABANDONED]


def assignments_for(evaluator: User) -> QuerySet[Assignment]:
    """An evaluator's active assignments, newest call first."""
    return (
        Assignment.objects.filter(evaluator=evaluator, conflict_declared_at__isnull=True)
        .select_related("proposal__call", "proposal__author", "proposal__department",
                        "proposal__theme", "scorecard")
        .order_by("-proposal__call__evaluation_starts", "proposal__pk")
    )


def committee_of(call: Call) -> QuerySet[CommitteeMember]:
    return (CommitteeMember.objects.filter(call=call).select_related("user")
            .annotate(load=Count("user__assignments", filter=Q(
                user__assignments__proposal__call=call,
                user__assignments__conflict_declared_at__isnull=True)))
            .order_by("user__username"))


def ranking(call: Call) -> QuerySet[Proposal]:
    """Proposals of a call with their aggregate (mean of the evaluators' weighted scores,
    0–10), the spread between evaluators and the number of submitted scorecards."""
    submitted = Q(assignments__scorecard__submitted_at__isnull=False)
    return (
        Proposal.objects.filter(call=call, status__in=RANKED_STATUSES)
        .select_related("author", "department", "theme", "decision")
        .annotate(
            aggregate=Avg("assignments__scorecard__weighted_score", filter=submitted),
            spread=StdDev("assignments__scorecard__weighted_score", filter=submitted),
            lowest=Min("assignments__scorecard__weighted_score", filter=submitted),
            highest=Max("assignments__scorecard__weighted_score", filter=submitted),
            scorecards=Count("assignments__scorecard", filter=submitted),
            assigned=Count("assignments", filter=Q(
                assignments__conflict_declared_at__isnull=True)),
        )
        .order_by("-aggregate", "pk")
    )


@dataclass(frozen=True)
class RankedProposal:
    rank: int | None
    proposal: Proposal
    aggregate: Decimal | None
    spread: Decimal | None


def ranked(call: Call) -> list[RankedProposal]:
    """The ranking with rank numbers; proposals without scores come last, unranked."""
    rows, rank = [], 0
    for proposal in ranking(call):
        if proposal.aggregate is not None:
            rank += 1
        rows.append(RankedProposal(
            rank=rank if proposal.aggregate is not None else None, proposal=proposal,
            aggregate=(Decimal(proposal.aggregate).quantize(Decimal("0.01"))
                       if proposal.aggregate is not None else None),
            spread=(Decimal(proposal.spread).quantize(Decimal("0.01"))
                    if proposal.spread is not None else None)))
    return rows


def results_of(call: Call) -> list[RankedProposal]:
    """Selected proposals with their reasons, best first, for the published result page."""
    return [row for row in ranked(call) if row.proposal.status in (
        Status.SELECTED, Status.IMPLEMENTING, Status.IMPLEMENTED, Status.ABANDONED)]
