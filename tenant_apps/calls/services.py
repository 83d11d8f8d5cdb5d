"""Writes on calls: creation, criteria and phase changes."""

from collections.abc import Iterable
from datetime import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from innovato.errors import ActionRefused
from shared_apps.accounts.models import User
from tenant_apps.audit.services import audit_record
from tenant_apps.calls.guards import require_city_admin, require_phase
from tenant_apps.calls.models import PHASE_ORDER, Call, Criterion, Phase, PhaseTransition, Theme
from tenant_apps.calls.signals import phase_changed
from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.services import notify


def theme_create(*, names: dict[str, str], code: str = "") -> Theme:
    """Create a theme; `names` maps language codes to its name."""
    first = next((value for value in names.values() if value.strip()), "")
    if not first:
        raise ValidationError({"name": _("Give the theme a name.")})
    theme = Theme(code=code or slugify(names.get("en") or first)[:60])
    for language, value in names.items():
        setattr(theme, f"name_{language}", value.strip())
    theme.name = theme.name or first
    theme.full_clean()
    theme.save()
    return theme


def _criteria_check(criteria: list[dict]) -> None:
    if not criteria:
        raise ValidationError({"criteria": _("Add at least one evaluation criterion.")})
    total = sum(int(item.get("weight") or 0) for item in criteria)
    if total != 100:
        raise ValidationError(
            {"criteria": _("Criterion weights must add up to 100; they add up to %(total)d.")
             % {"total": total}},
            code="weights",
        )


@transaction.atomic
def call_create(
    *,
    by: User,
    title: str,
    challenge: str,
    submission_starts: datetime,
    evaluation_starts: datetime,
    results_on: datetime,
    implementation_starts: datetime,
    closes_on: datetime,
    criteria: list[dict],
    voting_starts: datetime | None = None,
    eligibility_rules: str = "",
    budget: Decimal | None = None,
    themes: Iterable[Theme] = (),
    anonymous_evaluation: bool = False,
    publish_scores: bool = False,
    evaluators_per_proposal: int = 2,
) -> Call:
    """Create a call in draft. `criteria` is a list of {name, weight, description}."""
    require_city_admin(by)
    _criteria_check(criteria)
    call = Call(
        title=title, challenge=challenge, eligibility_rules=eligibility_rules, budget=budget,
        submission_starts=submission_starts, evaluation_starts=evaluation_starts,
        voting_starts=voting_starts, results_on=results_on,
        implementation_starts=implementation_starts, closes_on=closes_on,
        anonymous_evaluation=anonymous_evaluation, publish_scores=publish_scores,
        evaluators_per_proposal=evaluators_per_proposal, created_by=by,
    )
    call.full_clean()
    call.save()
    call.themes.set(themes)
    _criteria_write(call, criteria)
    audit_record(actor=by, action="call.created", target=call, after={"phase": call.phase})
    return call


def _criteria_write(call: Call, criteria: list[dict]) -> None:
    call.criteria.all().delete()
    for position, item in enumerate(criteria):
        criterion = Criterion(call=call, name=item["name"],
                              description=item.get("description", ""),
                              weight=int(item["weight"]), position=position)
        criterion.full_clean(exclude=["call"])
        criterion.save()


@transaction.atomic
def call_update(*, call: Call, by: User, criteria: list[dict] | None = None, **fields) -> Call:
    """Change a call's texts, dates and settings; criteria only before evaluation starts."""
    require_city_admin(by)
    call = Call.objects.select_for_update().get(pk=call.pk)
    themes = fields.pop("themes", None)
    before = {name: str(getattr(call, name)) for name in fields}
    for name, value in fields.items():
        setattr(call, name, value)
    call.full_clean()
    call.save()
    if themes is not None:
        call.themes.set(themes)
    if criteria is not None:
        require_phase(call, Phase.DRAFT, Phase.SUBMISSION, action=_("Changing the criteria"))
        _criteria_check(criteria)
        _criteria_write(call, criteria)
    audit_record(actor=by, action="call.updated", target=call, before=before,
                 after={name: str(getattr(call, name)) for name in fields})
    return call


@transaction.atomic
def call_move_phase(*, call: Call, to_phase: str, by: User | None) -> Call:
    """Move a call to `to_phase` (forward or back); `by` is None for the scheduler.

    Records the transition in the call's history and the audit trail, tells the city and
    sends `phase_changed`. Entering the results phase publishes the results.
    """
    require_city_admin(by)
    call = Call.objects.select_for_update().get(pk=call.pk)
    if to_phase not in call.phases():
        raise ActionRefused(_("This call has no such phase."), code="unknown_phase")
    if to_phase == call.phase:
        raise ActionRefused(_("The call is already in this phase."), code="same_phase")
    if to_phase == Phase.DRAFT and call.proposals.exists():
        raise ActionRefused(_("A call with proposals cannot go back to draft."),
                            code="has_proposals")
    if call.phase == Phase.DRAFT:
        _criteria_check(list(call.criteria.values("weight")))
    from_phase = call.phase
    call.phase = to_phase
    if to_phase == Phase.RESULTS and call.results_published_at is None:
        call.results_published_at = timezone.now()
    call.save(update_fields=["phase", "results_published_at", "updated_at"])
    PhaseTransition.objects.create(call=call, from_phase=from_phase, to_phase=to_phase, by=by)
    audit_record(actor=by, action="call.phase_changed", target=call,
                 before={"phase": from_phase}, after={"phase": to_phase})
    if to_phase != Phase.DRAFT:
        notify(
            recipients=User.objects.filter(is_active=True),
            kind=Kind.RESULTS if to_phase == Phase.RESULTS else Kind.PHASE_CHANGED,
            params={"call": call, "phase": to_phase},
            url=call.get_absolute_url(),
        )
    # The steps that own what a phase change means act on it themselves (evaluation tells
    # the authors their results).
    phase_changed.send(sender=Call, call=call, from_phase=from_phase, to_phase=to_phase, by=by)
    return call


def due_phase(call: Call, now: datetime) -> str:
    """The phase a published call should be in at `now`, by its dates."""
    due = Phase.SUBMISSION
    for phase, starts in call.phase_schedule():
        if starts <= now:
            due = phase
    return due


def call_phases_advance(*, now: datetime | None = None) -> list[Call]:
    """Scheduled job: move every published call forward to the phase its dates say.

    Drafts are left alone (a city admin opens a call), and calls are never moved back.
    """
    now = now or timezone.now()
    moved = []
    open_calls = Call.objects.exclude(phase__in=[Phase.DRAFT, Phase.CLOSED]).filter(
        submission_starts__lte=now)
    for call in open_calls:
        target = due_phase(call, now)
        if PHASE_ORDER.index(target) > PHASE_ORDER.index(call.phase):
            moved.append(call_move_phase(call=call, to_phase=target, by=None))
    return moved
