"""Implementation of selected proposals: lead, milestones, updates and savings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from tenant_apps.proposals.models import Proposal


class Implementation(models.Model):
    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE,
                                    related_name="implementation")
    lead = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                             blank=True, related_name="implementations_led",
                             verbose_name=_("lead"))
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)]
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return str(self.proposal)


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
    completed_on = models.DateField(null=True, blank=True)
    overdue_notified_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["due_on", "id"]

    def __str__(self) -> str:
        return self.title


def evidence_path(instance: "Update", filename: str) -> str:
    return f"implementation/{instance.implementation_id}/{filename}"


class Update(models.Model):
    implementation = models.ForeignKey(Implementation, on_delete=models.CASCADE,
                                       related_name="updates")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                               related_name="+")
    body = models.TextField(_("update"))
    evidence = models.FileField(_("evidence"), upload_to=evidence_path, blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]


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
        ordering = ["period"]
        constraints = [models.UniqueConstraint(fields=["implementation", "period"],
                                               name="savings_once_per_period")]
