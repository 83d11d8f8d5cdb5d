"""Implementation of selected proposals: lead, milestones, updates and savings."""

from datetime import date
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovato.links import url_with_id
from tenant_apps.calls.models import Phase
from tenant_apps.proposals.models import Proposal

# A selected proposal can be put into practice once its call has published the results.
START_PHASES = (Phase.RESULTS, Phase.IMPLEMENTATION)


class Implementation(models.Model):
    """A selected proposal being put into practice; finished once implemented or abandoned
    (the outcome is the proposal's status)."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE,
                                    related_name="implementation", verbose_name=_("proposal"))
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="implementations_led",
                             verbose_name=_("lead"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("implementation")
        verbose_name_plural = _("implementations")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return str(self.proposal)

    def get_absolute_url(self) -> str:
        return url_with_id("implementation:detail", self.pk)

    @property
    def is_finished(self) -> bool:
        return self.finished_at is not None


class Milestone(models.Model):
    class State(models.TextChoices):
        PLANNED = "planned", _("Planned")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        CANCELLED = "cancelled", _("Cancelled")

    implementation = models.ForeignKey(Implementation, on_delete=models.CASCADE,
                                       related_name="milestones")
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due date"))
    state = models.CharField(_("status"), max_length=12, choices=State.choices,
                             default=State.PLANNED)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    OPEN_STATES = (State.PLANNED, State.IN_PROGRESS)

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title

    def is_overdue(self, today: date | None = None) -> bool:
        return self.state in self.OPEN_STATES and self.due_on < (today or timezone.localdate())


def evidence_path(instance: "Update", filename: str) -> str:
    return f"implementation/{instance.implementation_id}/{PurePath(filename).name}"


class Update(models.Model):
    """News from the implementation team, optionally with evidence (a file or a link)."""

    implementation = models.ForeignKey(Implementation, on_delete=models.CASCADE,
                                       related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    body = models.TextField(_("update"))
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("implementation update")
        verbose_name_plural = _("implementation updates")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.body[:80]

    @property
    def evidence_name(self) -> str:
        return PurePath(self.evidence.name).name if self.evidence else ""


class SavingsEntry(models.Model):
    """Savings of one period (a month): projected and, once known, realised."""

    implementation = models.ForeignKey(Implementation, on_delete=models.CASCADE,
                                       related_name="savings")
    period = models.DateField(_("month"), help_text=_("First day of the month."))
    projected_money = models.DecimalField(_("projected savings"), max_digits=14,
                                          decimal_places=2, default=0,
                                          validators=[MinValueValidator(0)])
    realised_money = models.DecimalField(_("realised savings"), max_digits=14,
                                         decimal_places=2, null=True, blank=True,
                                         validators=[MinValueValidator(0)])
    projected_hours = models.DecimalField(_("projected hours saved"), max_digits=10,
                                          decimal_places=1, default=0,
                                          validators=[MinValueValidator(0)])
    realised_hours = models.DecimalField(_("realised hours saved"), max_digits=10,
                                         decimal_places=1, null=True, blank=True,
                                         validators=[MinValueValidator(0)])
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("savings entry")
        verbose_name_plural = _("savings entries")
        ordering = ["period"]
        constraints = [models.UniqueConstraint(fields=["implementation", "period"],
                                               name="savings_once_per_period")]

    def __str__(self) -> str:
        return f"{self.implementation_id} {self.period:%Y-%m}"

    def clean(self) -> None:
        if self.period and self.period.day != 1:
            raise ValidationError({"period": _("Savings are recorded per month: use the "
                                               "first day of the month.")})
