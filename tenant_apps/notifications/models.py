"""In-app notifications and each person's choice of e-mails."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    COAUTHOR_INVITATION = "coauthor_invitation", _("Co-author invitations")
    PHASE_CHANGED = "phase_changed", _("Call phase changes")
    ASSIGNMENT = "assignment", _("Proposals assigned to me for evaluation")
    DECISION = "decision", _("Committee decisions on my proposals")
    RESULTS = "results", _("Published results")
    COMMENT = "comment", _("Comments on proposals I follow")
    MILESTONE_OVERDUE = "milestone_overdue", _("Overdue milestones")
    EVALUATOR_MISSING = "evaluator_missing", _("Proposals left without an evaluator")
    # City admins, from the network hub.
    PRACTICE_REVIEW = "practice_review", _("Reviews of practices my city shares")
    PRACTICE_ADOPTED_CHANGED = ("practice_adopted_changed",
                                _("Practices my city adopted: updates and withdrawals"))
    PRACTICES_DIGEST = "practices_digest", _("New practices in the network (daily digest)")
    PRACTICE_DISCUSSION = "practice_discussion", _("Questions and answers on good practices")
    # The person's own requests about their personal data (tenant_apps.privacy).
    PERSONAL_DATA = "personal_data", _("Copies of my personal data")


class Notification(models.Model):
    """One message to one person. Its kind and `params` are stored; the title and body are
    written from them in the reader's language when read (see registry.py). Rows from before
    that change have no params and keep the text they were written with."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="notifications")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    params = models.JSONField(null=True, blank=True)
    title = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return self.title or self.kind


class EmailPreference(models.Model):
    """A kind of e-mail a person switched off (or back on); absent means on."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="email_preferences")
    kind = models.CharField(max_length=32, choices=Kind.choices)
    enabled = models.BooleanField(default=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "kind"],
                                               name="email_preference_once")]
