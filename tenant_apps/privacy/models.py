"""A city's rules for personal data and the requests its people make about theirs.

PrivacySettings: how long each kind of personal data is kept, and whether erasure waits
for an administrator. DataExport: a person's copy of their data (a zip, for a few days).
ErasureRequest: a person asking to be forgotten, and what became of it. RetentionRun: what
the daily retention job removed. None of these rows holds a name or an e-mail address.
"""

import secrets

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

_DAYS = [MinValueValidator(1), MaxValueValidator(36500)]


class PrivacySettings(models.Model):
    """One row per city; the defaults apply until a city admin saves their own."""

    draft_days = models.PositiveIntegerField(
        _("unsubmitted drafts are deleted after (days without change)"), default=365,
        validators=_DAYS)
    notification_days = models.PositiveIntegerField(
        _("notifications are deleted after (days)"), default=365, validators=_DAYS)
    sign_in_days = models.PositiveIntegerField(
        _("sign-in records are deleted after (days)"), default=90, validators=_DAYS)
    audit_days = models.PositiveIntegerField(
        _("audit entries are deleted after (days)"), default=5 * 365, validators=_DAYS)
    erasure_after_days = models.PositiveIntegerField(
        _("carry out erasure requests by themselves after (days)"), null=True, blank=True,
        validators=_DAYS,
        help_text=_("Leave empty to have an administrator confirm every request."))
    retention_applied_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("personal data settings")
        verbose_name_plural = _("personal data settings")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


def export_path(instance: "DataExport", filename: str) -> str:
    # An unguessable name: the file is still served only through the owner's download view.
    return f"personal-data/{instance.user_id}-{secrets.token_hex(16)}.zip"


class DataExport(models.Model):
    """A copy of one person's data, built in the background, downloadable by them alone
    until it expires (PERSONAL_DATA_EXPORT_DAYS), then deleted."""

    class State(models.TextChoices):
        PENDING = "pending", _("Being prepared")
        READY = "ready", _("Ready")
        FAILED = "failed", _("Failed")
        EXPIRED = "expired", _("Expired")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    state = models.CharField(_("status"), max_length=10, choices=State.choices,
                             default=State.PENDING)
    language = models.CharField(max_length=8)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    file = models.FileField(upload_to=export_path, blank=True)
    size = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("copy of personal data")
        verbose_name_plural = _("copies of personal data")
        ordering = ["-requested_at", "-id"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class ErasureRequest(models.Model):
    """A person asking for their account to be erased. `number` is the N of their
    pseudonym ("Former employee N"), given when the erasure is carried out, never reused."""

    class State(models.TextChoices):
        REQUESTED = "requested", _("Waiting for confirmation")
        DONE = "done", _("Erased")
        REFUSED = "refused", _("Refused")
        CANCELLED = "cancelled", _("Withdrawn by the person")

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    state = models.CharField(_("status"), max_length=10, choices=State.choices,
                             default=State.REQUESTED, db_index=True)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    automatic = models.BooleanField(default=False)
    refusal_reason = models.TextField(_("reason for refusing"), blank=True)
    number = models.PositiveIntegerField(null=True, blank=True, unique=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at", "-id"]
        constraints = [models.UniqueConstraint(
            fields=["user"], condition=models.Q(state="requested"),
            name="erasure_request_open_once")]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class RetentionRun(models.Model):
    """What one run of the retention job removed, per kind of data."""

    ran_at = models.DateTimeField(_("when"), auto_now_add=True)
    removed = models.JSONField(_("removed"), default=dict)

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-ran_at", "-id"]

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"
