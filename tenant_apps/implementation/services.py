"""Writes on implementation: starting, progress, milestones, updates, savings, finishing.

City admins start implementations. The city admins and the implementation's lead run it
(progress, milestones, savings, finishing); the lead and the proposal's authors post updates.
Every change is recorded in the audit trail against the implementation, so its whole history
reads from one place.
"""

from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innovato.errors import ActionRefused, NotAllowed
from innovato.uploads import upload_check
from shared_apps.accounts.models import Role, User
from tenant_apps.audit.services import audit_record
from tenant_apps.implementation.models import (
    START_PHASES,
    Implementation,
    Milestone,
    SavingsEntry,
    Update,
)
from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.services import notify
from tenant_apps.proposals.models import CoAuthor, Proposal, Status
from tenant_apps.proposals.services import (
    ATTACHMENT_MAX_BYTES,
    is_author,
    proposal_set_status,
)

OUTCOMES = (Status.IMPLEMENTED, Status.ABANDONED)


def _invalid(field: str, message: str, code: str) -> ValidationError:
    """An error on one field that keeps its code (a dict of plain strings would lose it)."""
    return ValidationError({field: ValidationError(message, code=code)})


# --- Who may do what ---------------------------------------------------------------------------


def can_manage(implementation: Implementation, user: User) -> bool:
    """City admins and the lead change progress, milestones and savings, and finish."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.has_role(Role.CITY_ADMIN) or implementation.lead_id == user.pk


def can_post_update(implementation: Implementation, user: User) -> bool:
    """The people who run it or wrote the proposal: city admins, the lead, the author and
    accepted co-authors."""
    if can_manage(implementation, user):
        return True
    return user.is_authenticated and user.is_active and is_author(implementation.proposal, user)


def _require_manager(implementation: Implementation, user: User) -> None:
    if not can_manage(implementation, user):
        raise NotAllowed(_("Only a city admin or the implementation's lead can do this."))


def _require_running(implementation: Implementation, *, action: str) -> None:
    if implementation.is_finished:
        raise ActionRefused(
            _("%(action)s is not possible: this implementation is finished.")
            % {"action": action}, code="finished")


def _locked(implementation: Implementation) -> Implementation:
    """The row, locked, so two people finishing or editing at once see each other's change."""
    return (Implementation.objects.select_for_update(of=("self",))
            .select_related("proposal").get(pk=implementation.pk))


# --- Implementation ----------------------------------------------------------------------------


@transaction.atomic
def implementation_start(*, proposal: Proposal, lead: User, by: User) -> Implementation:
    """Start implementing a selected proposal whose call has published its results."""
    if not by.has_role(Role.CITY_ADMIN):
        raise NotAllowed(_("Only a city admin can start an implementation."))
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("call").get(
        pk=proposal.pk)
    if proposal.status != Status.SELECTED:
        raise ActionRefused(_("Only a selected proposal can be implemented."),
                            code="wrong_status")
    if proposal.call.phase not in START_PHASES:
        raise ActionRefused(
            _("Implementation can start once the call's results are published."),
            code="wrong_phase")
    if Implementation.objects.filter(proposal=proposal).exists():
        raise ActionRefused(_("This proposal is already being implemented."), code="duplicate")
    if not lead.is_active:
        raise _invalid("lead", _("Choose an active person as lead."), "inactive")
    implementation = Implementation.objects.create(proposal=proposal, lead=lead)
    proposal_set_status(proposal=proposal, status=Status.IMPLEMENTING, by=by,
                        action="proposal.implementation_started")
    audit_record(actor=by, action="implementation.started", target=implementation,
                 before=None, after={"lead": lead.username, "progress": 0})
    return implementation


@transaction.atomic
def implementation_set_lead(*, implementation: Implementation, lead: User,
                            by: User) -> Implementation:
    """Hand the implementation to another lead; city admins only."""
    if not by.has_role(Role.CITY_ADMIN):
        raise NotAllowed(_("Only a city admin can change the lead."))
    implementation = _locked(implementation)
    _require_running(implementation, action=_("Changing the lead"))
    if not lead.is_active:
        raise _invalid("lead", _("Choose an active person as lead."), "inactive")
    before = implementation.lead.username if implementation.lead else None
    implementation.lead = lead
    implementation.save(update_fields=["lead"])
    audit_record(actor=by, action="implementation.lead_changed", target=implementation,
                 before={"lead": before}, after={"lead": lead.username})
    return implementation


@transaction.atomic
def implementation_set_progress(*, implementation: Implementation, progress: int,
                                by: User) -> Implementation:
    """Set how far the implementation is, in percent (0–100)."""
    implementation = _locked(implementation)
    _require_manager(implementation, by)
    _require_running(implementation, action=_("Changing the progress"))
    if isinstance(progress, bool) or not isinstance(progress, int) or not 0 <= progress <= 100:
        raise _invalid("progress", _("Give a whole number from 0 to 100."), "invalid_progress")
    before = implementation.progress
    implementation.progress = progress
    implementation.save(update_fields=["progress"])
    audit_record(actor=by, action="implementation.progress", target=implementation,
                 before={"progress": before}, after={"progress": progress})
    return implementation


@transaction.atomic
def implementation_finish(*, implementation: Implementation, outcome: str, by: User,
                          reason: str = "") -> Implementation:
    """Close the implementation as implemented (progress becomes 100%) or abandoned; the
    proposal takes the outcome as its status."""
    implementation = _locked(implementation)
    _require_manager(implementation, by)
    if implementation.is_finished:
        raise ActionRefused(_("This implementation is already finished."), code="finished")
    if outcome not in OUTCOMES:
        raise _invalid("outcome", _("Choose implemented or abandoned."), "invalid_outcome")
    before = {"progress": implementation.progress, "status": implementation.proposal.status}
    implementation.finished_at = timezone.now()
    if outcome == Status.IMPLEMENTED:
        implementation.progress = 100
    implementation.save(update_fields=["finished_at", "progress"])
    proposal_set_status(proposal=implementation.proposal, status=outcome, by=by,
                        reason=reason.strip(), action="proposal.implementation_finished")
    audit_record(actor=by, action="implementation.finished", target=implementation,
                 before=before, after={"progress": implementation.progress, "status": outcome})
    return implementation


# --- Milestones --------------------------------------------------------------------------------


def _milestone_state(milestone: Milestone) -> dict:
    return {"milestone": milestone.pk, "title": milestone.title,
            "due_on": milestone.due_on.isoformat() if milestone.due_on else None,
            "state": milestone.state}


@transaction.atomic
def milestone_add(*, implementation: Implementation, title: str, due_on: date, by: User,
                  state: str = Milestone.State.PLANNED) -> Milestone:
    """Plan a milestone with its due date."""
    implementation = _locked(implementation)
    _require_manager(implementation, by)
    _require_running(implementation, action=_("Adding a milestone"))
    milestone = Milestone(implementation=implementation, title=title.strip(), due_on=due_on,
                          state=state)
    if state == Milestone.State.DONE:
        milestone.completed_on = timezone.localdate()
    milestone.full_clean()
    milestone.save()
    audit_record(actor=by, action="milestone.added", target=implementation,
                 after=_milestone_state(milestone))
    return milestone


@transaction.atomic
def milestone_update(*, milestone: Milestone, by: User, title: str | None = None,
                     due_on: date | None = None, state: str | None = None) -> Milestone:
    """Change a milestone's title, due date or state; marking it done dates its completion."""
    implementation = _locked(milestone.implementation)
    _require_manager(implementation, by)
    _require_running(implementation, action=_("Changing a milestone"))
    milestone = Milestone.objects.select_for_update().get(pk=milestone.pk)
    before = _milestone_state(milestone)
    if title is not None:
        milestone.title = title.strip()
    if due_on is not None and due_on != milestone.due_on:
        milestone.due_on = due_on
        # A new date deserves its own reminder when it passes.
        milestone.overdue_notified_at = None
    if state is not None and state != milestone.state:
        milestone.state = state
        milestone.completed_on = (timezone.localdate() if state == Milestone.State.DONE
                                  else None)
    milestone.full_clean()
    milestone.save()
    after = _milestone_state(milestone)
    if after != before:
        audit_record(actor=by, action="milestone.updated", target=implementation,
                     before=before, after=after)
    return milestone


@transaction.atomic
def milestones_notify_overdue(*, today: date | None = None) -> int:
    """Scheduled job: tell the lead and the authors about each open milestone whose due date
    has passed (by `today`, default the city's today), once per milestone. Returns the
    number of milestones notified about.

    Cancelled milestones and finished implementations are left alone.
    """
    today = today or timezone.localdate()
    overdue = list(
        Milestone.objects.select_for_update(of=("self",), skip_locked=True)
        .filter(state__in=Milestone.OPEN_STATES, due_on__lt=today,
                overdue_notified_at__isnull=True, implementation__finished_at__isnull=True)
        .select_related("implementation__lead", "implementation__proposal__author")
    )
    if not overdue:
        return 0
    proposal_ids = {m.implementation.proposal_id for m in overdue}
    coauthors: dict[int, list[User]] = {}
    for coauthor in (CoAuthor.objects.filter(proposal_id__in=proposal_ids,
                                             state=CoAuthor.State.ACCEPTED)
                     .select_related("user")):
        coauthors.setdefault(coauthor.proposal_id, []).append(coauthor.user)
    for milestone in overdue:
        implementation = milestone.implementation
        proposal = implementation.proposal
        recipients = [proposal.author, *coauthors.get(proposal.pk, [])]
        if implementation.lead is not None:
            recipients.append(implementation.lead)
        notify(
            recipients=recipients,
            kind=Kind.MILESTONE_OVERDUE,
            params={"milestone": milestone.title, "proposal": proposal,
                    "due_on": milestone.due_on.isoformat()},
            url=implementation.get_absolute_url(),
        )
    Milestone.objects.filter(pk__in=[m.pk for m in overdue]).update(
        overdue_notified_at=timezone.now())
    return len(overdue)


# --- Updates -----------------------------------------------------------------------------------


@transaction.atomic
def update_post(*, implementation: Implementation, author: User, body: str,
                evidence: UploadedFile | None = None, evidence_url: str = "") -> Update:
    """Post news on the implementation, with a document or a link as evidence."""
    if not can_post_update(implementation, author):
        raise NotAllowed(_("Only the lead and the proposal's authors can post updates."))
    body = body.strip()
    if not body:
        raise _invalid("body", _("Write something first."), "required")
    update = Update(implementation=implementation, author=author, body=body,
                    evidence_url=evidence_url.strip())
    update.full_clean(exclude=["evidence"])
    if evidence is not None:
        checked = upload_check(evidence, field="evidence", max_bytes=ATTACHMENT_MAX_BYTES,
                               name_length=100)
        update.evidence.save(checked.name, evidence, save=False)
    try:
        update.save()
        audit_record(actor=author, action="implementation.update_posted",
                     target=implementation,
                     after={"update": update.pk, "evidence": update.evidence.name or None,
                            "evidence_url": update.evidence_url or None})
    except BaseException:
        # The rows roll back with the transaction; the file on disk would not.
        if update.evidence:
            update.evidence.delete(save=False)
        raise
    return update


# --- Savings -----------------------------------------------------------------------------------

SAVINGS_FIELDS = ("projected_money", "realised_money", "projected_hours", "realised_hours")


def _amount(field: str, value, *, required: bool) -> Decimal | None:
    if value is None or value == "":
        if required:
            return Decimal(0)
        return None
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        raise _invalid(field, _("Give a number."), "invalid") from None
    if not amount.is_finite():
        raise _invalid(field, _("Give a number."), "invalid")
    if amount < 0:
        raise _invalid(field, _("Savings cannot be negative."), "negative")
    return amount


def _savings_state(entry: SavingsEntry) -> dict:
    return {"period": entry.period.isoformat(), "note": entry.note,
            **{name: None if getattr(entry, name) is None else str(getattr(entry, name))
               for name in SAVINGS_FIELDS}}


def month_start(day: date) -> date:
    if isinstance(day, datetime):
        day = timezone.localtime(day).date() if timezone.is_aware(day) else day.date()
    return day.replace(day=1)


@transaction.atomic
def savings_record(*, implementation: Implementation, period: date, by: User,
                   projected_money=0, realised_money=None, projected_hours=0,
                   realised_hours=None, note: str = "") -> SavingsEntry:
    """Record a month's projected and realised savings (money and staff hours); a second
    record for the same month replaces the first. Realised values stay empty until known.

    Savings keep being realised after an implementation is finished, so implemented ones
    still take records; abandoned ones do not.
    """
    implementation = _locked(implementation)
    _require_manager(implementation, by)
    if implementation.proposal.status == Status.ABANDONED:
        raise ActionRefused(_("This implementation was abandoned: no savings can be "
                              "recorded."), code="abandoned")
    amounts = {
        "projected_money": _amount("projected_money", projected_money, required=True),
        "realised_money": _amount("realised_money", realised_money, required=False),
        "projected_hours": _amount("projected_hours", projected_hours, required=True),
        "realised_hours": _amount("realised_hours", realised_hours, required=False),
    }
    period = month_start(period)
    entry = (SavingsEntry.objects.select_for_update()
             .filter(implementation=implementation, period=period).first())
    before = _savings_state(entry) if entry is not None else None
    if entry is None:
        entry = SavingsEntry(implementation=implementation, period=period)
    for name, amount in amounts.items():
        setattr(entry, name, amount)
    entry.note = note.strip()
    entry.full_clean(validate_unique=False)
    entry.save()
    audit_record(actor=by, action="savings.recorded", target=implementation,
                 before=before, after=_savings_state(entry))
    return entry
