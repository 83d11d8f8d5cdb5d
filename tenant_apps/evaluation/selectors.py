"""Reads on evaluation: assignments, ranking with spread, results."""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, F, Prefetch, Q, QuerySet, Sum

from shared_apps.accounts.models import Role, User
from tenant_apps.calls.models import Call, Phase
from tenant_apps.evaluation import scoring
from tenant_apps.evaluation.models import Assignment, CommitteeMember, Score
from tenant_apps.implementation.models import SavingsEntry
from tenant_apps.proposals.models import CoAuthor, Proposal, Status

CHECKED_STATUSES = [Status.SUBMITTED, Status.ELIGIBLE, Status.INELIGIBLE]
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


def scorecards_to_fill(evaluator: User) -> QuerySet[Assignment]:
    """Assignments whose scorecard the evaluator still has to submit, in calls being
    evaluated."""
    return (assignments_for(evaluator)
            .filter(proposal__call__phase__in=[Phase.EVALUATION, Phase.VOTING])
            .filter(Q(scorecard__isnull=True) | Q(scorecard__submitted_at__isnull=True)))


def committee_and_candidates(call: Call) -> tuple[list[User], list[User]]:
    """The people of a call's committee desk: its committee members, each with `load`
    (their active assignments in the call), and the active evaluators who could join it,
    both in name order. Two plain queries, and a third for the loads when the committee
    has members: cheaper together than one query with the seats and loads as subqueries."""
    seated = set(CommitteeMember.objects.filter(call=call).values_list("user_id", flat=True))
    people = (User.objects.filter(Q(pk__in=seated)
                                  | Q(roles__contains=[Role.EVALUATOR], is_active=True))
              .only("pk", "username", "first_name", "last_name").order_by("username"))
    loads = dict(
        Assignment.objects.filter(proposal__call=call, conflict_declared_at__isnull=True,
                                  evaluator__in=seated)
        .values_list("evaluator").annotate(n=Count("pk")).order_by()) if seated else {}
    committee, candidates = [], []
    for person in people:
        if person.pk in seated:
            person.load = loads.get(person.pk, 0)
            committee.append(person)
        else:
            candidates.append(person)
    return committee, candidates


def ranking(call: Call, *, statuses=RANKED_STATUSES) -> QuerySet[Proposal]:
    """Proposals of a call that are ranked (or in `statuses`), with the number of submitted
    scorecards and of active assignments; scores come from `ranked`, which computes them
    exactly."""
    submitted = Q(assignments__scorecard__submitted_at__isnull=False)
    return (
        Proposal.objects.filter(call=call, status__in=statuses)
        # A ranking row shows a title, a status and the decision; the other texts in
        # every language would only slow the query down.
        .select_related("decision")
        .only("pk", "call_id", "author_id", "title", "status", "submitted_at", "decision__id",
              "decision__outcome", "decision__reason", "decision__decided_at")
        .annotate(
            scorecards=Count("assignments__scorecard", filter=submitted),
            assigned=Count("assignments", filter=Q(
                assignments__conflict_declared_at__isnull=True)),
        )
        .order_by("pk")
    )


def call_weight(call: Call) -> int:
    """The sum of the call's criterion weights (100 once the call is open)."""
    return call.criteria.aggregate(total=Sum("weight"))["total"] or 0


def scorecard_totals(call: Call) -> dict[int, list[int]]:
    """For each proposal of `call`, each submitted scorecard's Σ score × weight: integers,
    from which every mean and spread is computed exactly (one query)."""
    rows = (
        Score.objects.filter(scorecard__assignment__proposal__call=call,
                             scorecard__submitted_at__isnull=False)
        .values("scorecard__assignment__proposal_id", "scorecard_id")
        .annotate(total=Sum(F("value") * F("criterion__weight")))
        .order_by("scorecard__assignment__proposal_id", "scorecard_id")
    )
    totals: dict[int, list[int]] = {}
    for row in rows:
        totals.setdefault(row["scorecard__assignment__proposal_id"], []).append(row["total"])
    return totals


@dataclass(frozen=True)
class RankedProposal:
    """A proposal's place in the ranking. `aggregate` is the mean of the evaluators'
    weighted scores (0–10) and `spread` their population standard deviation, both computed
    exactly and rounded once, half up to two decimals (see `scoring`)."""

    rank: int | None
    proposal: Proposal
    aggregate: Decimal | None
    spread: Decimal | None
    lowest: Decimal | None = None
    highest: Decimal | None = None
    evaluators_missing: int = 0


def evaluation_desk(call: Call) -> tuple[list[Proposal], list[RankedProposal]]:
    """What a city admin's desk shows of a call: the proposals whose eligibility is to be
    checked (or changed), in order of submission, and the ranking. One query for both
    when nothing is ranked yet, three otherwise."""
    proposals = list(ranking(call, statuses=[*CHECKED_STATUSES, *RANKED_STATUSES]))
    to_check = sorted((p for p in proposals if p.status in CHECKED_STATUSES),
                      key=lambda p: (p.submitted_at is None, p.submitted_at, p.pk))
    return to_check, ranked(call, proposals=[p for p in proposals
                                             if p.status in RANKED_STATUSES])


def ranked(call: Call, *, proposals: list[Proposal] | None = None) -> list[RankedProposal]:
    """The ranking, best exact mean first (ties by id), with rank numbers; proposals
    without scores come last, unranked. A fixed number of queries. `proposals`: the
    call's ranked proposals as `ranking` gives them, if already read."""
    if proposals is None:
        proposals = list(ranking(call))
    if not proposals:
        return []
    weights = call_weight(call)
    totals = scorecard_totals(call)
    scored, unscored = [], []
    for proposal in proposals:
        summary = scoring.summarise(totals.get(proposal.pk, []), weights)
        (scored if summary else unscored).append((summary, proposal))
    scored.sort(key=lambda item: (-item[0].exact_mean, item[1].pk))
    rows = [RankedProposal(rank=number, proposal=proposal, aggregate=summary.mean,
                           spread=summary.spread, lowest=summary.lowest,
                           highest=summary.highest,
                           evaluators_missing=_missing(call, proposal))
            for number, (summary, proposal) in enumerate(scored, start=1)]
    rows += [RankedProposal(rank=None, proposal=proposal, aggregate=None, spread=None,
                            evaluators_missing=_missing(call, proposal))
             for _summary, proposal in unscored]
    return rows


def _missing(call: Call, proposal: Proposal) -> int:
    """How many evaluators a proposal still under evaluation lacks (after a conflict that
    nobody could take over, or before assignment)."""
    if proposal.status not in (Status.ELIGIBLE, Status.SHORTLISTED):
        return 0
    return max(0, call.evaluators_per_proposal - proposal.assigned)


def results_of(call: Call) -> list[RankedProposal]:
    """Selected proposals with their reasons, best first, for the published result page."""
    return [row for row in ranked(call) if row.proposal.status in (
        Status.SELECTED, Status.IMPLEMENTING, Status.IMPLEMENTED, Status.ABANDONED)]


def authors_hidden_from(call: Call, user: User) -> bool:
    """Whether `user` sits on the jury of an anonymous call (a committee seat or an
    assignment): then no export they can reach names the authors or their departments."""
    if not call.anonymous_evaluation:
        return False
    return (CommitteeMember.objects.filter(call=call, user=user).exists()
            or Assignment.objects.filter(proposal__call=call, evaluator=user).exists())


def criterion_means(call: Call) -> dict[tuple[int, int], Decimal]:
    """(proposal id, criterion id) → the mean of the submitted scores, exact and rounded
    once, half up to two decimals (one query)."""
    rows = (
        Score.objects.filter(scorecard__assignment__proposal__call=call,
                             scorecard__submitted_at__isnull=False)
        .values("scorecard__assignment__proposal_id", "criterion_id")
        .annotate(total=Sum("value"), count=Count("pk"))
        .order_by()
    )
    return {(row["scorecard__assignment__proposal_id"], row["criterion_id"]):
            scoring.round_half_up(Fraction(row["total"], row["count"])) for row in rows}


def realised_savings(call: Call) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    """Proposal id → (realised money, realised hours) summed over its implementation's
    savings entries; None where nothing is realised yet (one query)."""
    rows = (
        SavingsEntry.objects.filter(implementation__proposal__call=call)
        .values("implementation__proposal_id")
        .annotate(money=Sum("realised_money"), hours=Sum("realised_hours"))
        .order_by()
    )
    return {row["implementation__proposal_id"]: (row["money"], row["hours"]) for row in rows}


def proposals_for_export(call: Call) -> QuerySet[Proposal]:
    """Every proposal of a call but drafts, oldest first, with what an export shows of it."""
    return (
        Proposal.objects.filter(call=call).exclude(status=Status.DRAFT)
        .select_related("author", "department", "theme", "decision", "implementation")
        .prefetch_related(Prefetch(
            "coauthors", queryset=CoAuthor.objects.filter(state=CoAuthor.State.ACCEPTED)
            .select_related("user").order_by("pk"), to_attr="accepted_coauthors"))
        .order_by("submitted_at", "pk")
    )
