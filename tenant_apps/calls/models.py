"""Internal calls for innovation proposals, their criteria and phases."""

from itertools import pairwise

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from innovato.choices import ChoiceLabels
from innovato.links import url_with_id


class Phase(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMISSION = "submission", _("Submission")
    EVALUATION = "evaluation", _("Evaluation")
    VOTING = "voting", _("Employee voting")
    RESULTS = "results", _("Results")
    IMPLEMENTATION = "implementation", _("Implementation")
    CLOSED = "closed", _("Closed")


PHASE_ORDER = [Phase.DRAFT, Phase.SUBMISSION, Phase.EVALUATION, Phase.VOTING, Phase.RESULTS,
               Phase.IMPLEMENTATION, Phase.CLOSED]


class Theme(models.Model):
    """A theme proposals can be filed under, such as optimisation or sustainability."""

    name = models.CharField(_("name"), max_length=120)
    code = models.SlugField(_("code"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Call(ChoiceLabels, models.Model):
    """An internal call: a challenge, its rules and criteria, and the dates of its phases.

    Phase dates mark when each phase starts; a call without voting skips that phase.
    """

    title = models.CharField(_("title"), max_length=200)
    challenge = models.TextField(_("challenge"))
    eligibility_rules = models.TextField(_("eligibility rules"), blank=True)
    themes = models.ManyToManyField(Theme, blank=True, related_name="calls",
                                    verbose_name=_("themes"))
    budget = models.DecimalField(_("budget"), max_digits=14, decimal_places=2, null=True,
                                 blank=True, validators=[MinValueValidator(0)])
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices,
                             default=Phase.DRAFT, db_index=True)
    submission_starts = models.DateTimeField(_("submission opens"))
    evaluation_starts = models.DateTimeField(_("evaluation starts"))
    voting_starts = models.DateTimeField(_("employee voting starts"), null=True, blank=True)
    results_on = models.DateTimeField(_("results published"))
    implementation_starts = models.DateTimeField(_("implementation starts"))
    closes_on = models.DateTimeField(_("call closes"))
    anonymous_evaluation = models.BooleanField(
        _("anonymous for the jury"), default=False,
        help_text=_("Evaluators never see authors or departments."),
    )
    publish_scores = models.BooleanField(_("show scores with the results"), default=False)
    evaluators_per_proposal = models.PositiveSmallIntegerField(
        _("evaluators per proposal"), default=2,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
    )
    results_published_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        ordering = ["-submission_starts", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return url_with_id("calls:detail", self.pk)

    def phase_schedule(self) -> list[tuple[str, object]]:
        """(phase, start) in order, for the phases this call has."""
        schedule = [
            (Phase.SUBMISSION, self.submission_starts),
            (Phase.EVALUATION, self.evaluation_starts),
            (Phase.VOTING, self.voting_starts),
            (Phase.RESULTS, self.results_on),
            (Phase.IMPLEMENTATION, self.implementation_starts),
            (Phase.CLOSED, self.closes_on),
        ]
        return [(phase, start) for phase, start in schedule if start is not None]

    def phases(self) -> list[str]:
        return [Phase.DRAFT, *[phase for phase, _start in self.phase_schedule()]]

    def submission_elapsed(self, now=None) -> int:
        """How much of the submission period has passed, in whole percent (0–100)."""
        from django.utils import timezone

        now = now or timezone.now()
        total = (self.evaluation_starts - self.submission_starts).total_seconds()
        if total <= 0:
            return 100
        share = (now - self.submission_starts).total_seconds() / total
        return max(0, min(100, round(share * 100)))

    def next_phase(self) -> str | None:
        """The phase after the current one, or None for a closed call."""
        phases = self.phases()
        position = phases.index(self.phase) if self.phase in phases else -1
        return phases[position + 1] if position + 1 < len(phases) else None

    def timeline(self) -> list[dict]:
        """The call's phases in order, each done, current or upcoming by the phase the call is
        in — never by its dates, which a city admin may overrule by moving the call early or
        late. A phase already reached shows when it really started."""
        started = {t.to_phase: t.at for t in self.transitions.all()}  # the latest entry wins
        schedule = self.phase_schedule()
        reached = [phase for phase, _start in schedule]
        current = reached.index(self.phase) if self.phase in reached else -1
        steps = []
        for index, (phase, planned) in enumerate(schedule):
            state = ("upcoming" if index > current or current < 0
                     else "current" if index == current else "done")
            steps.append({"phase": phase, "label": Phase(phase).label, "state": state,
                          "date": started.get(phase, planned) if state != "upcoming"
                          else planned})
        return steps

    def clean(self) -> None:
        starts = [start for _phase, start in self.phase_schedule()]
        if any(a is None for a in starts):
            return  # field validation reports the missing dates
        if any(later <= earlier for earlier, later in pairwise(starts)):
            raise ValidationError(
                _("Phase dates must follow each other: submission, evaluation, voting (if "
                  "any), results, implementation, closing.")
            )


class Criterion(models.Model):
    """An evaluation criterion; a call's weights add up to 100."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    weight = models.PositiveSmallIntegerField(
        _("weight"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.name


class PhaseTransition(models.Model):
    """A call moving from one phase to another; `by` is empty for the scheduler."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="transitions")
    from_phase = models.CharField(max_length=20, choices=Phase.choices)
    to_phase = models.CharField(max_length=20, choices=Phase.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           blank=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]
