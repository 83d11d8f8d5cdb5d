"""The personal data of evaluation (see innovato.personal_data): an evaluator's own
scorecards, declared conflicts and committee seats. Found at start-up by the privacy app."""

from django.utils.translation import gettext_lazy as _

from innovato.personal_data import PersonalDataSource, personal_data_source_add
from tenant_apps.evaluation.models import Assignment, CommitteeMember


def _when(value) -> str | None:
    return value.isoformat() if value else None


def scorecards_export(user) -> list[dict]:
    """The person's own assignments with their scorecards (never other evaluators')."""
    rows = []
    assignments = (Assignment.objects.filter(evaluator=user)
                   .select_related("proposal", "scorecard")
                   .prefetch_related("scorecard__scores__criterion").order_by("pk"))
    for assignment in assignments:
        card = getattr(assignment, "scorecard", None)
        rows.append({
            "proposal": assignment.proposal_id, "title": assignment.proposal.title,
            "assigned": _when(assignment.assigned_at),
            "conflict_declared": _when(assignment.conflict_declared_at),
            "conflict_reason": assignment.conflict_reason,
            "scorecard": None if card is None else {
                "comment": card.comment, "submitted": _when(card.submitted_at),
                "weighted_score": None if card.weighted_score is None
                else str(card.weighted_score),
                "scores": [{"criterion": score.criterion.name, "value": score.value,
                            "comment": score.comment} for score in card.scores.all()],
            },
        })
    return rows


def committee_export(user) -> list[dict]:
    return [{"call": seat.call.title, "since": _when(seat.added_at)}
            for seat in CommitteeMember.objects.filter(user=user).select_related("call")]


_KEPT = _("Kept with the call's results; after an erasure, under the pseudonym.")
personal_data_source_add(PersonalDataSource(
    key="evaluation.scorecards", label=_("Scorecards and conflicts of interest"),
    purpose=_("To rank proposals fairly and show how each decision was reached."),
    retention=_KEPT, fields=("scores", "comments", "conflicts of interest"),
    export=scorecards_export))
personal_data_source_add(PersonalDataSource(
    key="evaluation.committee", label=_("Committee seats"),
    purpose=_("To know who evaluates each call."), retention=_KEPT, fields=("call",),
    export=committee_export))
