"""Writes of a call's voting phase: setup, ballots, the outcome and the committee's override."""

from dataclasses import asdict
from decimal import Decimal
from fractions import Fraction

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from innovato import formatting
from innovato.errors import ActionRefused, NotAllowed
from shared_apps.accounts.models import Role, User
from tenant_apps.audit.services import audit_record
from tenant_apps.calls.guards import require_city_admin, require_phase
from tenant_apps.calls.models import Call, Phase
from tenant_apps.proposals.models import Status
from tenant_apps.voting import explain as explaining
from tenant_apps.voting import selection
from tenant_apps.voting.models import (
    RULES_FOR,
    Ballot,
    BallotType,
    VotingOutcome,
    VotingProject,
    VotingSetup,
)
from tenant_apps.voting.selectors import ballot_projects, city_currency, election_of

SETUP_PHASES = (Phase.DRAFT, Phase.SUBMISSION, Phase.EVALUATION)


@transaction.atomic
def voting_setup_save(*, call: Call, by: User, ballot_type: str, rule: str,
                      max_choices: int | None = None, points: int | None = None,
                      costs: dict[int, Decimal] | None = None) -> VotingSetup:
    """Choose the ballot type, the rule and the projects' costs, before voting starts."""
    require_city_admin(by)
    require_phase(call, *SETUP_PHASES, action=_("Setting up the vote"))
    if not call.voting_starts:
        raise ActionRefused(_("This call has no voting phase."), code="no_voting")
    if ballot_type not in BallotType.values:
        raise ValidationError({"ballot_type": _("Choose a ballot type from the list.")})
    if rule not in RULES_FOR[ballot_type]:
        raise ValidationError({"rule": _("This selection rule does not fit the ballot type.")})
    if call.budget is None:
        raise ValidationError({"budget": _("Give the call a budget before setting up the vote.")})
    if ballot_type == BallotType.CUMULATIVE and not points:
        raise ValidationError({"points": _("Say how many points each person spreads.")})
    setup, _created = VotingSetup.objects.update_or_create(call=call, defaults={
        "ballot_type": ballot_type, "rule": rule,
        "max_choices": max_choices if ballot_type in (BallotType.APPROVAL,
                                                      BallotType.RANKING) else None,
        "points": points if ballot_type == BallotType.CUMULATIVE else None})
    setup.full_clean()
    in_call = {proposal.pk: proposal for proposal in call.proposals.all()}
    for proposal_id, cost in (costs or {}).items():
        proposal = in_call.get(proposal_id)
        if proposal is None:
            raise ValidationError({"costs": _("A proposal is not in this call.")})
        if cost is None or cost == "":
            VotingProject.objects.filter(proposal=proposal).delete()
            continue
        cost = Decimal(cost)
        if cost < 0:
            raise ValidationError({"costs": _("A cost cannot be negative.")})
        VotingProject.objects.update_or_create(proposal=proposal,
                                               defaults={"call": call, "cost": cost})
    audit_record(actor=by, action="voting.setup_saved", target=call,
                 after={"ballot_type": ballot_type, "rule": rule, "max_choices": max_choices,
                        "points": points,
                        "costs": {str(k): str(v) for k, v in (costs or {}).items()}})
    return setup


def _ballot_check(setup: VotingSetup, call: Call, choices: list[int],
                  points: dict[int, int]) -> None:
    projects = {p.proposal_id: p.cost for p in call.voting_projects.filter(
        proposal__status=Status.SHORTLISTED)}
    chosen = list(points) if setup.ballot_type == BallotType.CUMULATIVE else choices
    if any(pk not in projects for pk in chosen):
        raise ValidationError(_("A chosen proposal is not on this ballot."))
    if len(set(chosen)) != len(chosen):
        raise ValidationError(_("Each proposal can be chosen only once."))
    if setup.ballot_type == BallotType.CUMULATIVE:
        if any(value < 0 for value in points.values()):
            raise ValidationError(_("Points cannot be negative."))
        if sum(points.values()) > setup.points:
            raise ValidationError(
                _("You gave %(given)s points; you have %(points)s to spread.")
                % {"given": sum(points.values()), "points": setup.points})
        return
    if setup.max_choices and len(choices) > setup.max_choices:
        raise ValidationError(_("Choose at most %(count)s proposals.")
                              % {"count": setup.max_choices})
    if setup.ballot_type == BallotType.KNAPSACK:
        total = sum((projects[pk] for pk in choices), Decimal(0))
        if total > call.budget:
            raise ValidationError(
                _("Your choice costs %(total)s, more than the budget of %(budget)s.")
                % {"total": formatting.money(total, city_currency()),
                   "budget": formatting.money(call.budget, city_currency())})


@transaction.atomic
def ballot_cast(*, call: Call, voter: User, choices: list[int] | None = None,
                points: dict[int, int] | None = None) -> Ballot:
    """Write (or replace) `voter`'s ballot while the call is in its voting phase."""
    call = Call.objects.select_for_update().get(pk=call.pk)
    if call.phase != Phase.VOTING:
        raise ActionRefused(_("Voting on this call is not open: ballots can no longer be "
                              "changed.") if call.phase in (Phase.RESULTS,
                                                           Phase.IMPLEMENTATION, Phase.CLOSED)
                            else _("Voting on this call has not started yet."),
                            code="voting_closed")
    if not voter.has_role(Role.EMPLOYEE):
        raise NotAllowed(_("Only employees can vote."))
    setup = VotingSetup.objects.filter(call=call).first()
    if setup is None:
        raise ActionRefused(_("This call's vote is not set up."), code="no_setup")
    try:
        choices = [int(pk) for pk in (choices or [])]
        points = {int(pk): int(value) for pk, value in (points or {}).items() if int(value)}
    except (TypeError, ValueError):
        raise ValidationError(_("A chosen proposal is not on this ballot.")) from None
    _ballot_check(setup, call, choices, points)
    values = {"choices": choices if setup.ballot_type != BallotType.CUMULATIVE else
              list(points), "points": {str(pk): v for pk, v in points.items()}}
    try:
        with transaction.atomic():
            ballot, _created = Ballot.objects.update_or_create(call=call, voter=voter,
                                                               defaults=values)
    except IntegrityError:  # another request of the same person got there first
        ballot = Ballot.objects.get(call=call, voter=voter)
        for name, value in values.items():
            setattr(ballot, name, value)
        ballot.save()
    return ballot


def _plain(value):
    """JSON for an explanation: fractions become text, exactly."""
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value


def outcome_compute(*, call: Call) -> dict:
    """What the call's rule selects from the ballots so far (for a preview or the outcome)."""
    setup = call.voting_setup
    election = election_of(call)
    explanation = explaining.explain(election, setup.rule)
    return {"selected": [int(pk) for pk in explanation.selected],
            "explanation": _plain(asdict(explanation)),
            "ballots": len(election.ballots)}


@transaction.atomic
def outcome_store(*, call: Call) -> VotingOutcome | None:
    """Compute and keep the outcome as voting ends (again if the call re-enters voting)."""
    if not VotingSetup.objects.filter(call=call).exists():
        return None
    try:
        result = outcome_compute(call=call)
    except selection.SelectionError:
        return None
    outcome, _created = VotingOutcome.objects.update_or_create(call=call, defaults={
        "rule": call.voting_setup.rule, "selected": result["selected"],
        "explanation": result["explanation"], "ballots_counted": result["ballots"],
        "overridden": None, "override_reason": "", "overridden_by": None})
    audit_record(actor=None, action="voting.outcome_computed", target=call,
                 after={"rule": outcome.rule, "selected": outcome.selected,
                        "ballots": outcome.ballots_counted})
    return outcome


def outcome_on_phase_change(sender, *, call: Call, from_phase: str, to_phase: str,
                            **kwargs) -> None:
    """Connected to calls' `phase_changed`: leaving the voting phase forward fixes the outcome."""
    if from_phase == Phase.VOTING and to_phase != Phase.EVALUATION:
        outcome_store(call=call)


@transaction.atomic
def outcome_override(*, call: Call, by: User, selected: list[int], reason: str) -> VotingOutcome:
    """The committee replaces the winners, with a written reason kept in the audit trail."""
    require_city_admin(by)
    outcome = VotingOutcome.objects.select_for_update().filter(call=call).first()
    if outcome is None:
        raise ActionRefused(_("There is no outcome to override yet: voting has not ended."),
                            code="no_outcome")
    if not reason.strip():
        raise ValidationError({"reason": _("Write the reason for the override.")})
    ids = [int(pk) for pk in selected]
    known = set(call.voting_projects.values_list("proposal_id", flat=True))
    if any(pk not in known for pk in ids) or len(set(ids)) != len(ids):
        raise ValidationError({"selected": _("A chosen proposal is not on this ballot.")})
    before = outcome.winners
    outcome.overridden = ids
    outcome.override_reason = reason.strip()
    outcome.overridden_by = by
    outcome.save()
    audit_record(actor=by, action="voting.outcome_overridden", target=call,
                 before={"selected": before},
                 after={"selected": ids, "reason": outcome.override_reason})
    return outcome


def pabulib_export(*, call: Call) -> str:
    """The call's ballots as a Pabulib `.pb` file (voters numbered, never named; projects
    with their proposals' titles)."""
    from tenant_apps.voting.pabulib import election_to_pabulib

    return election_to_pabulib(election_of(call), meta={
        "description": call.title, "country": "", "unit": "", "instance": str(call.pk)},
        names={str(p.proposal_id): p.proposal.title for p in ballot_projects(call)})


@transaction.atomic
def pabulib_import(*, call: Call, by: User, content: bytes) -> dict:
    """Load a `.pb` file (its bytes, UTF-8) into a draft call: each project becomes a
    shortlisted proposal with its cost (authored by the importing admin), each vote an
    anonymous imported ballot, and the call's budget and ballot type come from the file."""
    from tenant_apps.proposals.models import Proposal
    from tenant_apps.voting.pabulib import PabulibError, read_pabulib
    from tenant_apps.voting.selection import CUMULATIVE, ORDINAL

    require_city_admin(by)
    require_phase(call, Phase.DRAFT, action=_("Importing a Pabulib file"))
    if not call.voting_starts:
        raise ActionRefused(_("This call has no voting phase."), code="no_voting")
    try:
        parsed = read_pabulib(content.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValidationError({"file": _("The file must be UTF-8 text.")}) from None
    except PabulibError as error:
        raise ValidationError({"file": _("This is not a valid Pabulib file: %(error)s")
                               % {"error": error}}) from error
    ballot_type = {CUMULATIVE: BallotType.CUMULATIVE, ORDINAL: BallotType.RANKING}.get(
        parsed.vote_type, BallotType.APPROVAL)
    call.budget = Decimal(parsed.budget.numerator) / Decimal(parsed.budget.denominator)
    call.save(update_fields=["budget", "updated_at"])
    ids = {}
    for row in parsed.projects:
        project_id = row["project_id"]
        proposal = Proposal.objects.create(
            call=call, author=by, title=(row.get("name") or project_id)[:200],
            status=Status.SHORTLISTED)
        cost = parsed.costs[project_id]
        VotingProject.objects.create(call=call, proposal=proposal,
                                     cost=Decimal(cost.numerator) / Decimal(cost.denominator))
        ids[project_id] = proposal.pk
    ballots = []
    for row, ballot in zip(parsed.votes, parsed.ballots, strict=True):
        if parsed.vote_type == CUMULATIVE:
            points = {str(ids[p]): int(v) for p, v in ballot}
            ballots.append(Ballot(call=call, imported_as=row["voter_id"][:60],
                                  choices=[ids[p] for p, _v in ballot], points=points))
        else:
            ballots.append(Ballot(call=call, imported_as=row["voter_id"][:60],
                                  choices=[ids[p] for p in ballot]))
    Ballot.objects.bulk_create(ballots)
    rule = RULES_FOR[ballot_type][-1]
    VotingSetup.objects.update_or_create(call=call, defaults={
        "ballot_type": ballot_type, "rule": rule,
        "points": max((sum(b.points.values()) for b in ballots), default=1)
        if ballot_type == BallotType.CUMULATIVE else None})
    audit_record(actor=by, action="voting.pabulib_imported", target=call,
                 after={"projects": len(ids), "ballots": len(ballots)})
    return {"projects": len(ids), "ballots": len(ballots)}
