"""Innovation proposals, their co-authors, attachments and discussion."""

from pathlib import PurePath

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from innovato.choices import ChoiceLabels
from innovato.links import url_with_id
from tenant_apps.calls.models import Call, Theme
from tenant_apps.people.models import Department


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Not eligible")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")
    NEEDS_REVISION = "needs_revision", _("Needs revision")
    IMPLEMENTING = "implementing", _("Being implemented")
    IMPLEMENTED = "implemented", _("Implemented")
    ABANDONED = "abandoned", _("Abandoned")


# The fields an author writes (and a version keeps), and those written per language
# (django-modeltranslation, see translation.py).
EDITABLE_FIELDS = (
    "title", "problem", "solution", "mvp_plan", "expected_savings_money",
    "expected_savings_hours", "other_benefits", "resources_needed", "department", "theme",
)
TRANSLATED_FIELDS = ("title", "problem", "solution", "mvp_plan")


def content_keys(name: str) -> list[str]:
    """The keys under which a version's content holds the field `name` ("title_ro", …)."""
    if name in TRANSLATED_FIELDS:
        return [f"{name}_{code}" for code, _name in settings.LANGUAGES]
    return [name]


# Statuses in which a proposal is visible to the whole city (drafts belong to their authors).
PUBLIC_STATUSES = [s for s in Status.values if s not in (Status.DRAFT, Status.WITHDRAWN)]


class Proposal(ChoiceLabels, models.Model):
    call = models.ForeignKey(Call, on_delete=models.PROTECT, related_name="proposals",
                             verbose_name=_("call"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                               related_name="proposals", verbose_name=_("author"))
    title = models.CharField(_("title"), max_length=200)
    problem = models.TextField(_("problem"), blank=True)
    solution = models.TextField(_("proposed solution"), blank=True)
    mvp_plan = models.TextField(
        _("MVP plan"), blank=True,
        help_text=_("The first small test, and what it will prove."),
    )
    expected_savings_money = models.DecimalField(
        _("expected savings per year"), max_digits=14, decimal_places=2, null=True, blank=True,
        validators=[MinValueValidator(0)],
    )
    expected_savings_hours = models.DecimalField(
        _("expected staff hours saved per year"), max_digits=10, decimal_places=1, null=True,
        blank=True, validators=[MinValueValidator(0)],
    )
    other_benefits = models.TextField(_("other benefits"), blank=True)
    resources_needed = models.TextField(_("resources needed"), blank=True)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="proposals", verbose_name=_("department"))
    theme = models.ForeignKey(Theme, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="proposals", verbose_name=_("theme"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    status_reason = models.TextField(_("reason"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-created_at", "-id"]
        indexes = [
            # The order of every proposal list, so a page is read from the index; with the
            # columns that decide who sees a proposal and its call, so that counting a list
            # reads the index alone, not every proposal's texts (at 10,000 proposals of a
            # usual length the count took 10 ms from the table, most of a list's time).
            models.Index(fields=["-submitted_at", "-created_at", "-id"],
                         include=["status", "author", "call"], name="proposal_list_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return url_with_id("proposals:detail", self.pk)


class CoAuthor(ChoiceLabels, models.Model):
    class State(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="coauthors")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="coauthorships")
    state = models.CharField(max_length=10, choices=State.choices, default=State.INVITED)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    invited_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"],
                                               name="coauthor_once")]


def attachment_path(instance: "Attachment", filename: str) -> str:
    return f"proposals/{instance.proposal_id}/{PurePath(filename).name}"


class Attachment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path)
    name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                    null=True, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


class Comment(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                               related_name="comments")
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                               related_name="replies")
    body = models.TextField(_("comment"))
    created_at = models.DateTimeField(auto_now_add=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                  null=True, blank=True, related_name="+")
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "id"]


class Support(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="supports")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"],
                                               name="support_once")]


class Follow(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="follows")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"],
                                               name="follow_once")]


class Vote(models.Model):
    """An employee's vote during a call's optional voting phase."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="votes")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"], name="vote_once")]


class PublicationConsent(models.Model):
    """An author's agreement to be named if the proposal is shared with the network."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE,
                                 related_name="publication_consents")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    given_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "user"],
                                               name="publication_consent_once")]


class ProposalVersion(models.Model):
    """A submitted proposal as it stood after its submission (number 1) or after one of the
    changes its authors made later, while the call still accepted submissions."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    # Every editable field: texts per language ("title_ro"), amounts as strings, department
    # and theme by id.
    content = models.JSONField(_("content"))
    changed_fields = models.JSONField(_("changed fields"), default=list, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           blank=True, related_name="+", verbose_name=_("who"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        verbose_name = _("proposal version")
        verbose_name_plural = _("proposal versions")
        ordering = ["proposal", "number"]
        constraints = [models.UniqueConstraint(fields=["proposal", "number"],
                                               name="proposal_version_once")]

    def __str__(self) -> str:
        return f"{self.proposal} v{self.number}"
