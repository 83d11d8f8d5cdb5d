"""Writes on committee evaluation: committee, eligibility, assignments, scorecards,
decisions and the telling of results."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from innovato.errors import ActionRefused, NotAllowed
from shared_apps.accounts.models import Role, User
from tenant_apps.audit.services import audit_record
from tenant_apps.calls.guards import require_city_admin, require_phase
from tenant_apps.calls.models import Call, Phase
from tenant_apps.evaluation import scoring
from tenant_apps.evaluation.models import (
    Assignment,
    CommitteeMember,
    Decision,
    Score,
    Scorecard,
)
from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.services import notify
from tenant_apps.proposals.models import CoAuthor, Proposal, Status
from tenant_apps.proposals.services import proposal_set_status

EVALUATION_PHASES = (Phase.EVALUATION, Phase.VOTING)


def committee_add(*, call: Call, user: User, by: User) -> CommitteeMember:
    require_city_admin(by)
    require_phase(call, Phase.DRAFT, Phase.SUBMISSION, Phase.EVALUATION,
                  action=_("Changing the committee"))
    if not user.has_role(Role.EVALUATOR):
        raise ActionRefused(_("%(name)s does not have the evaluator role.")
                            % {"name": user.display_name}, code="not_evaluator")
    member, _created = CommitteeMember.objects.get_or_create(call=call, user=user,
                                                             defaults={"added_by": by})
    audit_record(actor=by, action="committee.member_added", target=call,
                 after={"user": user.username})
    return member


def committee_remove(*, call: Call, user: User, by: User) -> None:
    require_city_admin(by)
    if Assignment.objects.filter(proposal__call=call, evaluator=user,
                                 scorecard__submitted_at__isnull=False).exists():
        raise ActionRefused(_("This evaluator has already submitted scorecards."),
                            code="has_scores")
    Assignment.objects.filter(proposal__call=call, evaluator=user).delete()
    CommitteeMember.objects.filter(call=call, user=user).delete()
    audit_record(actor=by, action="committee.member_removed", target=call,
                 after={"user": user.username})


@transaction.atomic
def eligibility_set(*, proposal: Proposal, eligible: bool, reason: str, by: User) -> Proposal:
    """First step of evaluation: a submitted proposal is found eligible or not."""
    require_city_admin(by)
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    require_phase(proposal.call, Phase.EVALUATION, action=_("Checking eligibility"))
    if proposal.status not in (Status.SUBMITTED, Status.ELIGIBLE, Status.INELIGIBLE):
        raise ActionRefused(_("Eligibility can only be checked on submitted proposals."),
                            code="wrong_status")
    if not eligible and not reason.strip():
        raise ValidationError({"reason": _("Say why the proposal is not eligible.")},
                              code="required")
    return proposal_set_status(
        proposal=proposal, status=Status.ELIGIBLE if eligible else Status.INELIGIBLE, by=by,
        reason=reason.strip(), action="proposal.eligibility")


def _conflicted_users(proposal: Proposal) -> set[int]:
    """Authors and co-authors never evaluate their own proposal."""
    ids = {proposal.author_id}
    ids.update(proposal.coauthors.exclude(state=CoAuthor.State.DECLINED)
               .values_list("user_id", flat=True))
    return ids


def _notify_assignment(assignments: list[Assignment]) -> None:
    by_evaluator: dict[int, list[Assignment]] = {}
    for assignment in assignments:
        by_evaluator.setdefault(assignment.evaluator_id, []).append(assignment)
    for items in by_evaluator.values():
        count = len(items)
        notify(
            recipients=[items[0].evaluator],
            kind=Kind.ASSIGNMENT,
            params={"count": count},
            url="/evaluation/",
        )


@transaction.atomic
def assignment_create(*, proposal: Proposal, evaluator: User, by: User) -> Assignment:
    require_city_admin(by)
    require_phase(proposal.call, *EVALUATION_PHASES, action=_("Assigning evaluators"))
    if proposal.status != Status.ELIGIBLE:
        raise ActionRefused(_("Only eligible proposals are evaluated."), code="not_eligible")
    if not CommitteeMember.objects.filter(call=proposal.call, user=evaluator).exists():
        raise ActionRefused(_("Add this person to the call's committee first."),
                            code="not_in_committee")
    if evaluator.pk in _conflicted_users(proposal):
        raise ActionRefused(_("Authors cannot evaluate their own proposal."), code="conflict")
    existing = Assignment.objects.filter(proposal=proposal, evaluator=evaluator).first()
    if existing is not None:
        raise ActionRefused(_("This evaluator is already assigned to the proposal."),
                            code="duplicate")
    assignment = Assignment.objects.create(proposal=proposal, evaluator=evaluator,
                                           assigned_by=by)
    audit_record(actor=by, action="assignment.created", target=proposal,
                 after={"evaluator": evaluator.username})
    _notify_assignment([assignment])
    return assignment


def _evaluator_loads(call: Call) -> dict[int, int]:
    members = (
        User.objects.filter(committee_seats__call=call, is_active=True)
        .annotate(load=Count("assignments", filter=Q(
            assignments__proposal__call=call, assignments__conflict_declared_at__isnull=True)))
    )
    return {member.pk: member.load for member in members}


@transaction.atomic
def assignments_auto(*, call: Call, by: User, per_proposal: int | None = None) -> list[Assignment]:
    """Give every eligible proposal `per_proposal` evaluators, spreading the load evenly.

    Existing assignments and declared conflicts are kept; authors never get their own.
    """
    require_city_admin(by)
    require_phase(call, *EVALUATION_PHASES, action=_("Assigning evaluators"))
    per_proposal = per_proposal or call.evaluators_per_proposal
    loads = _evaluator_loads(call)
    if not loads:
        raise ActionRefused(_("The call's committee has no evaluators yet."), code="no_committee")
    users = User.objects.in_bulk(list(loads))
    created: list[Assignment] = []
    proposals = (Proposal.objects.filter(call=call, status=Status.ELIGIBLE)
                 .prefetch_related("assignments", "coauthors").order_by("submitted_at", "pk"))
    for proposal in proposals:
        taken = {a.evaluator_id for a in proposal.assignments.all()}
        active = sum(1 for a in proposal.assignments.all() if a.is_active)
        excluded = taken | _conflicted_users(proposal)
        candidates = sorted((load, pk) for pk, load in loads.items() if pk not in excluded)
        for _load, pk in candidates[:max(0, per_proposal - active)]:
            created.append(Assignment(proposal=proposal, evaluator=users[pk], assigned_by=by))
            loads[pk] += 1
    Assignment.objects.bulk_create(created)
    audit_record(actor=by, action="assignment.automatic", target=call,
                 after={"created": len(created), "per_proposal": per_proposal})
    _notify_assignment(created)
    return created


def _least_loaded(loads: dict[int, int], excluded: set[int]) -> int | None:
    """The committee member with the fewest active assignments in the call, leaving out
    `excluded`; ties go to the lowest id, so the choice can be reproduced."""
    candidates = sorted((load, pk) for pk, load in loads.items() if pk not in excluded)
    return candidates[0][1] if candidates else None


def _loads_rebalance(*, call: Call) -> list[tuple[Assignment, int]]:
    """Move not-yet-started assignments from the most to the least loaded committee members
    until their loads differ by at most one, as far as eligibility allows.

    Only an assignment without any scorecard (not even a draft) of an eligible proposal
    moves, and only to a member who is not an author, not already assigned and has not
    declared a conflict on it. Returns (assignment, previous evaluator id) pairs.
    """
    loads = _evaluator_loads(call)
    movable = list(
        Assignment.objects.filter(proposal__call=call, proposal__status=Status.ELIGIBLE,
                                  conflict_declared_at__isnull=True, scorecard__isnull=True,
                                  evaluator_id__in=list(loads))
        .select_related("proposal").order_by("-assigned_at", "-pk"))
    if not movable:
        return []
    proposal_ids = {assignment.proposal_id for assignment in movable}
    blocked: dict[int, set[int]] = {pk: set() for pk in proposal_ids}
    for proposal_id, evaluator_id in Assignment.objects.filter(
            proposal_id__in=proposal_ids).values_list("proposal_id", "evaluator_id"):
        blocked[proposal_id].add(evaluator_id)  # assigned, or stepped back after a conflict
    for assignment in movable:
        blocked[assignment.proposal_id].add(assignment.proposal.author_id)
    for proposal_id, user_id in (CoAuthor.objects.filter(proposal_id__in=proposal_ids)
                                 .exclude(state=CoAuthor.State.DECLINED)
                                 .values_list("proposal_id", "user_id")):
        blocked[proposal_id].add(user_id)

    moved: list[tuple[Assignment, int]] = []

    def move_one() -> bool:
        for high in sorted(loads, key=lambda pk: (-loads[pk], pk)):
            for low in sorted(loads, key=lambda pk: (loads[pk], pk)):
                if loads[high] - loads[low] <= 1:
                    break
                for assignment in movable:
                    if (assignment.evaluator_id == high
                            and low not in blocked[assignment.proposal_id]):
                        movable.remove(assignment)
                        blocked[assignment.proposal_id].add(low)
                        moved.append((assignment, high))
                        assignment.evaluator_id = low
                        loads[high] -= 1
                        loads[low] += 1
                        return True
        return False

    while move_one():  # each move narrows the loads, so this ends
        pass
    now = timezone.now()
    users = User.objects.in_bulk([assignment.evaluator_id for assignment, _was in moved])
    for assignment, previous in moved:
        Assignment.objects.filter(pk=assignment.pk).update(
            evaluator_id=assignment.evaluator_id, assigned_by=None, assigned_at=now)
        assignment.evaluator = users[assignment.evaluator_id]
        audit_record(actor=None, action="assignment.rebalanced", target=assignment.proposal,
                     before={"evaluator_id": previous},
                     after={"evaluator": assignment.evaluator.username})
    return moved


def _notify_moved_away(moved: list[tuple[Assignment, int]]) -> None:
    users = User.objects.in_bulk([previous for _assignment, previous in moved])
    for assignment, previous in moved:
        notify(
            recipients=[users[previous]],
            kind=Kind.ASSIGNMENT,
            params={"moved_away": assignment.proposal},
            url="/evaluation/",
        )


def _notify_evaluator_missing(proposal: Proposal) -> None:
    notify(
        recipients=User.objects.filter(roles__contains=[Role.CITY_ADMIN], is_active=True),
        kind=Kind.EVALUATOR_MISSING,
        params={"proposal": proposal, "call": proposal.call},
        url=f"/evaluation/calls/{proposal.call_id}/",
    )


@transaction.atomic
def conflict_declare(*, assignment: Assignment, by: User, reason: str) -> Assignment | None:
    """The evaluator steps back from a proposal; the least-loaded eligible committee member
    replaces them, and not-yet-started assignments are moved so that the committee's loads
    differ by at most one where possible.

    Returns the replacement assignment, or None when nobody else can take the proposal
    (the city admins are then told, and the committee page shows it).
    """
    assignment = (Assignment.objects.select_for_update()
                  .select_related("proposal__call").get(pk=assignment.pk))
    if assignment.evaluator_id != by.pk:
        raise NotAllowed(_("Only the assigned evaluator can declare a conflict of interest."))
    if not reason.strip():
        raise ValidationError({"reason": _("Describe the conflict of interest.")},
                              code="required")
    if hasattr(assignment, "scorecard") and assignment.scorecard.is_submitted:
        raise ActionRefused(_("You have already submitted your scorecard."), code="submitted")
    if assignment.conflict_declared_at is not None:
        raise ActionRefused(_("You have already declared a conflict on this proposal."),
                            code="duplicate")
    # One replacement at a time per call, so two conflicts declared at once see each
    # other's outcome when they compare loads.
    Call.objects.select_for_update().filter(pk=assignment.proposal.call_id).first()
    assignment.conflict_declared_at = timezone.now()
    assignment.conflict_reason = reason.strip()
    assignment.save(update_fields=["conflict_declared_at", "conflict_reason"])
    Scorecard.objects.filter(assignment=assignment).delete()
    proposal = assignment.proposal
    audit_record(actor=by, action="assignment.conflict_declared", target=proposal,
                 after={"evaluator": by.username})
    excluded = set(proposal.assignments.values_list("evaluator_id", flat=True))
    excluded |= _conflicted_users(proposal)
    chosen = _least_loaded(_evaluator_loads(proposal.call), excluded)
    replacement = None
    if chosen is None:
        audit_record(actor=None, action="assignment.replacement_missing", target=proposal,
                     after={"evaluator": by.username})
        _notify_evaluator_missing(proposal)
    else:
        replacement = Assignment.objects.create(
            proposal=proposal, evaluator=User.objects.get(pk=chosen), assigned_by=None)
        audit_record(actor=None, action="assignment.replacement", target=proposal,
                     after={"evaluator": replacement.evaluator.username})
    moved = _loads_rebalance(call=proposal.call)
    _notify_assignment(([replacement] if replacement else [])
                       + [moved_assignment for moved_assignment, _was in moved])
    _notify_moved_away(moved)
    return replacement


def _weighted(scores: dict[int, int], weights: dict[int, int]) -> Decimal:
    total = sum(scores[pk] * weights[pk] for pk in weights)
    return scoring.round_half_up(scoring.weighted(total, sum(weights.values())))


@transaction.atomic
def scorecard_save(*, assignment: Assignment, by: User, scores: dict[int, dict],
                   comment: str = "", submit: bool = False) -> Scorecard:
    """Save an evaluator's scores (0–10 per criterion, with comments); `submit` locks them.

    `scores` maps criterion ids to {"value": int, "comment": str}.
    """
    assignment = (Assignment.objects.select_for_update()
                  .select_related("proposal__call").get(pk=assignment.pk))
    if assignment.evaluator_id != by.pk:
        raise NotAllowed(_("Only the assigned evaluator can score this proposal."))
    if not assignment.is_active:
        raise ActionRefused(_("You declared a conflict of interest on this proposal."),
                            code="conflict")
    call = assignment.proposal.call
    require_phase(call, Phase.EVALUATION, action=_("Scoring"))
    scorecard, _created = Scorecard.objects.select_for_update().get_or_create(
        assignment=assignment)
    if scorecard.is_submitted:
        raise ActionRefused(_("This scorecard was submitted and can no longer change."),
                            code="locked")
    weights = dict(call.criteria.values_list("pk", "weight"))
    unknown = set(scores) - set(weights)
    if unknown:
        raise ValidationError({"scores": _("Unknown criteria: %(ids)s.")
                               % {"ids": ", ".join(map(str, sorted(unknown)))}})
    errors = {}
    for pk, item in scores.items():
        value = item.get("value")
        if value is None or value == "":
            continue
        if not isinstance(value, int) or not 0 <= value <= 10:
            errors[str(pk)] = _("Give a whole number from 0 to 10.")
    if errors:
        raise ValidationError({"scores": [errors]}, code="invalid_score")
    for pk, item in scores.items():
        if item.get("value") in (None, ""):
            Score.objects.filter(scorecard=scorecard, criterion_id=pk).delete()
            continue
        Score.objects.update_or_create(
            scorecard=scorecard, criterion_id=pk,
            defaults={"value": item["value"], "comment": item.get("comment", "")})
    scorecard.comment = comment
    if submit:
        given = dict(scorecard.scores.values_list("criterion_id", "value"))
        missing = set(weights) - set(given)
        if missing:
            raise ValidationError({"scores": _("Score every criterion before submitting.")},
                                  code="incomplete")
        scorecard.weighted_score = _weighted(given, weights)
        scorecard.submitted_at = timezone.now()
        audit_record(actor=by, action="scorecard.submitted", target=assignment.proposal,
                     after={"evaluator": by.username, "scores": {str(k): v for k, v in
                                                                 given.items()},
                            "weighted": str(scorecard.weighted_score)})
    scorecard.save()
    return scorecard


@transaction.atomic
def shortlist_set(*, proposal: Proposal, shortlisted: bool, by: User) -> Proposal:
    require_city_admin(by)
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    require_phase(proposal.call, *EVALUATION_PHASES, action=_("Shortlisting"))
    allowed_from = Status.ELIGIBLE if shortlisted else Status.SHORTLISTED
    if proposal.status != allowed_from:
        raise ActionRefused(_("Only eligible proposals can be shortlisted."), code="wrong_status")
    return proposal_set_status(
        proposal=proposal, status=Status.SHORTLISTED if shortlisted else Status.ELIGIBLE,
        by=by, action="proposal.shortlist")


@transaction.atomic
def decision_record(*, proposal: Proposal, outcome: str, reason: str, by: User) -> Decision:
    """The committee's decision, with a written reason the authors will read."""
    require_city_admin(by)
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    require_phase(proposal.call, *EVALUATION_PHASES, action=_("Recording a decision"))
    if proposal.status not in (Status.ELIGIBLE, Status.SHORTLISTED, Status.SELECTED,
                               Status.NOT_SELECTED, Status.NEEDS_REVISION):
        raise ActionRefused(_("Only eligible proposals receive a committee decision."),
                            code="wrong_status")
    if not outcome:
        # The form offers no preset outcome, so an untouched picker lands here.
        raise ValidationError({"outcome": _("Choose a decision before recording it.")},
                              code="required")
    if outcome not in Decision.Outcome.values:
        raise ValidationError({"outcome": _("Choose selected, not selected or needs revision.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Write the reason the authors will read.")},
                              code="required")
    decision, _created = Decision.objects.update_or_create(
        proposal=proposal,
        defaults={"outcome": outcome, "reason": reason.strip(), "decided_by": by})
    proposal_set_status(proposal=proposal, status=outcome, by=by, reason=reason.strip(),
                        action="proposal.decision")
    return decision


def results_tell_authors(*, call: Call) -> None:
    """When results are published, every author hears the decision and its reason."""
    decided = (Proposal.objects.filter(call=call, decision__isnull=False)
               .select_related("author", "decision")
               .prefetch_related("coauthors__user"))
    for proposal in decided:
        recipients = [proposal.author] + [c.user for c in proposal.coauthors.all()
                                          if c.state == CoAuthor.State.ACCEPTED]
        decision = proposal.decision
        notify(
            recipients=recipients,
            kind=Kind.DECISION,
            params={"proposal": proposal, "outcome": decision.outcome,
                    "reason": decision.reason},
            url=proposal.get_absolute_url(),
        )


def results_on_phase_change(sender, *, call: Call, to_phase: str, **kwargs) -> None:
    """Evaluation announces the results it owns: when a call enters the results phase
    (calls' `phase_changed`, connected in EvaluationConfig.ready), every author is told."""
    if to_phase == Phase.RESULTS:
        results_tell_authors(call=call)
