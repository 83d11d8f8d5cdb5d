"""Writes on proposals: drafting, submission, co-authors, attachments and discussion."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from innovato.errors import ActionRefused, NotAllowed
from innovato.uploads import DOCUMENT_TYPES, MAX_BYTES, upload_check
from shared_apps.accounts.models import Role, User
from tenant_apps.audit.services import audit_record
from tenant_apps.calls.guards import require_city_admin, require_phase
from tenant_apps.calls.models import Call, Phase
from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.services import notify
from tenant_apps.proposals import selectors
from tenant_apps.proposals.models import (
    EDITABLE_FIELDS,
    TRANSLATED_FIELDS,
    Attachment,
    CoAuthor,
    Comment,
    Follow,
    Proposal,
    ProposalVersion,
    PublicationConsent,
    Status,
    Support,
    Vote,
    content_keys,
)
from tenant_apps.proposals.signals import publication_consent_withdrawn

REQUIRED_TO_SUBMIT = ("title", "problem", "solution", "mvp_plan")

ATTACHMENT_TYPES = DOCUMENT_TYPES
ATTACHMENT_MAX_BYTES = MAX_BYTES
ATTACHMENTS_PER_PROPOSAL = 10
SUPPORTABLE_STATUSES = (Status.SUBMITTED, Status.ELIGIBLE, Status.SHORTLISTED)
VOTABLE_STATUSES = (Status.ELIGIBLE, Status.SHORTLISTED)


def is_author(proposal: Proposal, user: User) -> bool:
    """The author or an accepted co-author."""
    if proposal.author_id == user.pk:
        return True
    # Asked of the database each time: it decides what a person may change.
    return proposal.coauthors.filter(user=user, state=CoAuthor.State.ACCEPTED).exists()


def _require_author(proposal: Proposal, user: User) -> None:
    if not is_author(proposal, user):
        raise NotAllowed(_("Only the proposal's authors can do this."))


def _require_employee(user: User) -> None:
    if not user.has_role(Role.EMPLOYEE, Role.CITY_ADMIN):
        raise NotAllowed(_("Only employees of the city can do this."))


def _assign_fields(proposal: Proposal, fields: dict) -> None:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("These fields cannot be changed: %(fields)s.")
                              % {"fields": ", ".join(sorted(unknown))})
    for name, value in fields.items():
        setattr(proposal, name, value)


@transaction.atomic
def proposal_create(*, call: Call, author: User, **fields) -> Proposal:
    """Start a draft proposal for an open call; drafts are saved as the author types."""
    _require_employee(author)
    require_phase(call, Phase.SUBMISSION, action=_("Writing a proposal"))
    proposal = Proposal(call=call, author=author)
    _assign_fields(proposal, fields)
    proposal.full_clean()
    proposal.save()
    Follow.objects.get_or_create(proposal=proposal, user=author)
    audit_record(actor=author, action="proposal.created", target=proposal,
                 after={"status": proposal.status})
    return proposal


def version_content(proposal: Proposal) -> dict:
    """The editable content of `proposal` as a version keeps it: translated texts per
    language ("title_ro"), amounts as strings, department and theme by id."""
    content: dict = {}
    for name in EDITABLE_FIELDS:
        if name in TRANSLATED_FIELDS:
            for code, _name in settings.LANGUAGES:
                content[f"{name}_{code}"] = getattr(proposal, f"{name}_{code}") or ""
        elif name in ("department", "theme"):
            content[name] = getattr(proposal, f"{name}_id")
        elif name.startswith("expected_"):
            value = getattr(proposal, name)
            content[name] = None if value is None else str(value)
        else:
            content[name] = getattr(proposal, name) or ""
    return content


def changed_fields(before: dict, after: dict) -> list[str]:
    """The editable fields (in form order) whose value differs, in any language."""
    return [name for name in EDITABLE_FIELDS
            if any(before.get(key) != after.get(key) for key in content_keys(name))]


def _version_add(*, proposal: Proposal, by: User | None, content: dict,
                 changed: list[str]) -> ProposalVersion:
    last = proposal.versions.order_by("-number").values_list("number", flat=True).first()
    return ProposalVersion.objects.create(proposal=proposal, number=(last or 0) + 1,
                                          content=content, changed_fields=changed, by=by)


@transaction.atomic
def proposal_update(*, proposal: Proposal, by: User, **fields) -> Proposal:
    """Save changes to a proposal while its call accepts submissions. A change to a
    submitted proposal is kept as a new version and audited with the fields it changed."""
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    _require_author(proposal, by)
    require_phase(proposal.call, Phase.SUBMISSION, action=_("Editing a proposal"))
    if proposal.status not in (Status.DRAFT, Status.SUBMITTED):
        raise ActionRefused(_("This proposal can no longer be edited."), code="locked")
    before = version_content(proposal)
    _assign_fields(proposal, fields)
    proposal.full_clean()
    proposal.save()
    if proposal.status == Status.SUBMITTED:
        after = version_content(proposal)
        changed = changed_fields(before, after)
        if changed:
            if not proposal.versions.exists():
                # Submitted before versions were kept: its submitted text comes first.
                _version_add(proposal=proposal, by=proposal.author, content=before,
                             changed=[])
            version = _version_add(proposal=proposal, by=by, content=after, changed=changed)
            audit_record(actor=by, action="proposal.edited", target=proposal,
                         before={"version": version.number - 1},
                         after={"version": version.number, "fields": changed})
    return proposal


@transaction.atomic
def proposal_submit(*, proposal: Proposal, by: User) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    _require_author(proposal, by)
    require_phase(proposal.call, Phase.SUBMISSION, action=_("Submitting a proposal"))
    if proposal.status != Status.DRAFT:
        raise ActionRefused(_("This proposal has already been submitted."), code="submitted")
    missing = [name for name in REQUIRED_TO_SUBMIT if not str(getattr(proposal, name)).strip()]
    if missing:
        raise ValidationError(
            {name: _("Fill this in before submitting.") for name in missing}, code="incomplete"
        )
    proposal.status = Status.SUBMITTED
    proposal.submitted_at = timezone.now()
    proposal.save(update_fields=["status", "submitted_at", "updated_at"])
    _version_add(proposal=proposal, by=by, content=version_content(proposal), changed=[])
    audit_record(actor=by, action="proposal.submitted", target=proposal,
                 before={"status": Status.DRAFT}, after={"status": Status.SUBMITTED})
    return proposal


@transaction.atomic
def proposal_withdraw(*, proposal: Proposal, by: User) -> Proposal:
    """Withdraw a proposal; possible until evaluation starts."""
    proposal = Proposal.objects.select_for_update().select_related("call").get(pk=proposal.pk)
    _require_author(proposal, by)
    require_phase(proposal.call, Phase.SUBMISSION, action=_("Withdrawing a proposal"))
    if proposal.status not in (Status.DRAFT, Status.SUBMITTED):
        raise ActionRefused(_("This proposal cannot be withdrawn."), code="locked")
    before = proposal.status
    proposal.status = Status.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    audit_record(actor=by, action="proposal.withdrawn", target=proposal,
                 before={"status": before}, after={"status": Status.WITHDRAWN})
    return proposal


def proposal_set_status(*, proposal: Proposal, status: str, by: User | None,
                        reason: str = "", action: str) -> Proposal:
    """Record a status change decided elsewhere (eligibility, decision, implementation)."""
    before = proposal.status
    proposal.status = status
    proposal.status_reason = reason
    proposal.save(update_fields=["status", "status_reason", "updated_at"])
    audit_record(actor=by, action=action, target=proposal,
                 before={"status": before}, after={"status": status, "reason": reason})
    return proposal


# --- Co-authors ------------------------------------------------------------------------------


@transaction.atomic
def coauthor_invite(*, proposal: Proposal, user: User, by: User) -> CoAuthor:
    _require_author(proposal, by)
    require_phase(proposal.call, Phase.SUBMISSION, action=_("Inviting a co-author"))
    if user.pk == proposal.author_id:
        raise ActionRefused(_("The author is already on the proposal."), code="duplicate")
    coauthor, created = CoAuthor.objects.get_or_create(
        proposal=proposal, user=user, defaults={"invited_by": by})
    if not created:
        raise ActionRefused(_("This colleague has already been invited."), code="duplicate")
    notify(
        recipients=[user],
        kind=Kind.COAUTHOR_INVITATION,
        params={"name": by.display_name, "proposal": proposal},
        url=proposal.get_absolute_url(),
    )
    return coauthor


@transaction.atomic
def coauthor_answer(*, proposal: Proposal, user: User, accept: bool) -> CoAuthor:
    coauthor = (
        CoAuthor.objects.select_for_update()
        .filter(proposal=proposal, user=user, state=CoAuthor.State.INVITED).first()
    )
    if coauthor is None:
        raise ActionRefused(_("There is no pending invitation for you on this proposal."),
                            code="no_invitation")
    coauthor.state = CoAuthor.State.ACCEPTED if accept else CoAuthor.State.DECLINED
    coauthor.answered_at = timezone.now()
    coauthor.save(update_fields=["state", "answered_at"])
    if accept:
        Follow.objects.get_or_create(proposal=proposal, user=user)
    audit_record(actor=user, action="proposal.coauthor_answered", target=proposal,
                 after={"user": user.username, "state": coauthor.state})
    return coauthor


# --- Attachments -----------------------------------------------------------------------------


def attachment_add(*, proposal: Proposal, upload: UploadedFile, by: User) -> Attachment:
    """Attach a document whose content is what its name says (see `innovato.uploads`):
    PDF, office, image or text, 10 MB at most. A refused file leaves nothing behind."""
    _require_author(proposal, by)
    require_phase(proposal.call, Phase.SUBMISSION, action=_("Adding an attachment"))
    if proposal.attachments.count() >= ATTACHMENTS_PER_PROPOSAL:
        raise ValidationError({"file": _("A proposal can have at most %(count)d attachments.")
                               % {"count": ATTACHMENTS_PER_PROPOSAL}}, code="too_many")
    checked = upload_check(upload, field="file", max_bytes=ATTACHMENT_MAX_BYTES)
    attachment = Attachment(proposal=proposal, name=checked.name,
                            content_type=checked.content_type, size=checked.size,
                            uploaded_by=by)
    attachment.file.save(checked.name, upload, save=False)
    try:
        attachment.save()
    except BaseException:
        attachment.file.delete(save=False)
        raise
    return attachment


def attachment_remove(*, attachment: Attachment, by: User) -> None:
    _require_author(attachment.proposal, by)
    require_phase(attachment.proposal.call, Phase.SUBMISSION, action=_("Removing an attachment"))
    attachment.file.delete(save=False)
    attachment.delete()


# --- Discussion ------------------------------------------------------------------------------


@transaction.atomic
def comment_add(*, proposal: Proposal, author: User, body: str,
                parent: Comment | None = None) -> Comment:
    """Comment (or reply) on a proposal; followers hear about it."""
    _require_employee(author)
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write something first.")}, code="required")
    if parent is not None and parent.proposal_id != proposal.pk:
        raise ValidationError({"parent": _("You can only reply to a comment on this proposal.")})
    if parent is not None and parent.parent_id is not None:
        parent = parent.parent  # replies stay one level deep
    comment = Comment.objects.create(proposal=proposal, author=author, body=body, parent=parent)
    Follow.objects.get_or_create(proposal=proposal, user=author)
    followers = list(User.objects.filter(follows__proposal=proposal).exclude(pk=author.pk))
    # Jury members of an anonymous call read an author's comment as the "Author"'s.
    blind = set()
    if author.pk in selectors.proposal_author_ids(proposal):
        blind = selectors.readers_without_authors(proposal, {f.pk for f in followers})
    for recipients, name in (([f for f in followers if f.pk not in blind], author.display_name),
                             ([f for f in followers if f.pk in blind], None)):
        notify(
            recipients=recipients,
            kind=Kind.COMMENT,
            params={"proposal": proposal, "name": name, "body": body[:500]},
            url=proposal.get_absolute_url() + f"#comment-{comment.pk}",
        )
    return comment


def comment_hide(*, comment: Comment, by: User, reason: str) -> Comment:
    require_city_admin(by)
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the comment is hidden.")}, code="required")
    comment.hidden_at = timezone.now()
    comment.hidden_by = by
    comment.hidden_reason = reason
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    audit_record(actor=by, action="comment.hidden", target=comment.proposal,
                 after={"comment": comment.pk, "reason": reason})
    return comment


def support_add(*, proposal: Proposal, user: User) -> bool:
    """Support a proposal; each employee counts once. Returns False if already counted."""
    _require_employee(user)
    if proposal.status not in SUPPORTABLE_STATUSES:
        raise ActionRefused(_("This proposal can no longer be supported."), code="closed")
    try:
        with transaction.atomic():
            Support.objects.create(proposal=proposal, user=user)
    except IntegrityError:
        return False
    return True


def support_remove(*, proposal: Proposal, user: User) -> None:
    Support.objects.filter(proposal=proposal, user=user).delete()


def follow_set(*, proposal: Proposal, user: User, following: bool) -> None:
    if following:
        Follow.objects.get_or_create(proposal=proposal, user=user)
    else:
        Follow.objects.filter(proposal=proposal, user=user).delete()


def vote_cast(*, proposal: Proposal, user: User) -> bool:
    """One vote per employee per proposal, during the call's voting phase."""
    _require_employee(user)
    require_phase(proposal.call, Phase.VOTING, action=_("Voting"))
    if hasattr(proposal.call, "voting_setup"):
        # The voting app's selection reads ballots only: a vote here would count for nothing.
        raise ActionRefused(
            _("This call is voted with a ballot, not one vote per proposal: fill in your "
              "ballot at %(page)s (in the API: %(api)s).") % {
                "page": reverse("voting:ballot", args=[proposal.call_id]),
                "api": reverse("api:call-ballot", args=[proposal.call_id])},
            code="ballot_vote")
    if proposal.status not in VOTABLE_STATUSES:
        raise ActionRefused(_("Only shortlisted proposals can receive votes."), code="closed")
    try:
        with transaction.atomic():
            Vote.objects.create(proposal=proposal, user=user)
    except IntegrityError:
        return False
    return True


@transaction.atomic
def publication_consent_set(*, proposal: Proposal, user: User, consent: bool) -> None:
    """An author agrees (or no longer agrees) to be named if the proposal is shared."""
    _require_author(proposal, user)
    if consent:
        PublicationConsent.objects.get_or_create(proposal=proposal, user=user)
    else:
        PublicationConsent.objects.filter(proposal=proposal, user=user).delete()
        # The name leaves the network's copy now, not at the city's next share.
        publication_consent_withdrawn.send(sender=Proposal, proposal=proposal, user=user)
    audit_record(actor=user, action="proposal.publication_consent", target=proposal,
                 after={"user": user.username, "consent": consent})
