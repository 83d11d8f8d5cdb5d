"""Committee evaluation: members, assignments, scorecards and decisions."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from innovato.choices import ChoiceLabels
from tenant_apps.calls.models import Call, Criterion
from tenant_apps.proposals.models import Proposal


class CommitteeMember(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="committee")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="committee_seats")
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                 related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["call", "user"], name="committee_seat_once")]


class Assignment(models.Model):
    """An evaluator asked to score a proposal. A declared conflict ends the assignment."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assignments")
    evaluator = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="assignments")
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    assigned_at = models.DateTimeField(auto_now_add=True)
    conflict_declared_at = models.DateTimeField(null=True, blank=True)
    conflict_reason = models.CharField(_("conflict of interest"), max_length=500, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "evaluator"],
                                               name="assignment_once")]

    @property
    def is_active(self) -> bool:
        return self.conflict_declared_at is None


class Scorecard(models.Model):
    """One evaluator's scores for one proposal; locked once submitted."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE,
                                      related_name="scorecard")
    comment = models.TextField(_("overall comment"), blank=True)
    weighted_score = models.DecimalField(max_digits=5, decimal_places=2, null=True, blank=True,
                                         editable=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None


class Score(models.Model):
    scorecard = models.ForeignKey(Scorecard, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="+")
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scorecard", "criterion"], name="score_once"),
            models.CheckConstraint(condition=models.Q(value__lte=10), name="score_at_most_10"),
        ]


class Decision(ChoiceLabels, models.Model):
    """The committee's decision on a proposal, with the reason its authors will read."""

    class Outcome(models.TextChoices):
        SELECTED = "selected", _("Selected")
        NOT_SELECTED = "not_selected", _("Not selected")
        NEEDS_REVISION = "needs_revision", _("Needs revision")

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    decided_at = models.DateTimeField(auto_now=True)
