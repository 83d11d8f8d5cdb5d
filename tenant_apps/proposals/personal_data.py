"""The personal data of proposals (see innovato.personal_data): what a person wrote,
co-authored, commented, supported, voted for and consented to. Found at start-up by the
privacy app."""

from datetime import datetime

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innovato.personal_data import Erasure, PersonalDataSource, personal_data_source_add
from tenant_apps.proposals.models import (
    EDITABLE_FIELDS,
    CoAuthor,
    Comment,
    Follow,
    Proposal,
    PublicationConsent,
    Status,
    Support,
    Vote,
)


def _when(value) -> str | None:
    return value.isoformat() if value else None


def _plain(value):
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def proposals_export(user) -> list[dict]:
    """The proposals the person wrote or co-authors, each with its versions."""
    proposals = (Proposal.objects.filter(Q(author=user) | Q(
        coauthors__user=user, coauthors__state=CoAuthor.State.ACCEPTED)).distinct()
        .select_related("call", "department", "theme").prefetch_related("versions")
        .order_by("created_at", "pk"))
    return [{
        "id": proposal.pk, "call": proposal.call.title,
        "role": "author" if proposal.author_id == user.pk else "co-author",
        "status": proposal.status, "submitted": _when(proposal.submitted_at),
        "created": _when(proposal.created_at),
        **{name: _plain(getattr(proposal, name)) for name in EDITABLE_FIELDS},
        "versions": [{"number": version.number, "created": _when(version.created_at),
                      "changed_fields": version.changed_fields, "content": version.content}
                     for version in proposal.versions.all()],
    } for proposal in proposals]


def proposals_erase(erasure: Erasure) -> int:
    """Drafts the person never submitted go; what they submitted stays for the city's
    records, under their pseudonym. Invitations to co-author that were never answered go."""
    drafts, _detail = Proposal.objects.filter(author=erasure.user, status=Status.DRAFT).delete()
    invitations, _detail = CoAuthor.objects.filter(
        user=erasure.user).exclude(state=CoAuthor.State.ACCEPTED).delete()
    return drafts + invitations


def drafts_expire(before: datetime) -> int:
    deleted, _detail = Proposal.objects.filter(status=Status.DRAFT,
                                               updated_at__lt=before).delete()
    return deleted


def comments_export(user) -> list[dict]:
    return [{"proposal": comment.proposal_id, "created": _when(comment.created_at),
             "body": comment.body, "hidden": comment.hidden_at is not None}
            for comment in Comment.objects.filter(author=user).order_by("created_at", "pk")]


def _reactions(model, user) -> list[dict]:
    return [{"proposal": row.proposal_id, "title": row.proposal.title,
             "at": _when(getattr(row, "created_at", None) or getattr(row, "given_at", None))}
            for row in model.objects.filter(user=user).select_related("proposal")
            .order_by("pk")]


def supports_export(user) -> list[dict]:
    return _reactions(Support, user)


def votes_export(user) -> list[dict]:
    return _reactions(Vote, user)


def follows_export(user) -> list[dict]:
    return _reactions(Follow, user)


def follows_erase(erasure: Erasure) -> int:
    deleted, _detail = Follow.objects.filter(user=erasure.user).delete()
    return deleted


def consents_export(user) -> list[dict]:
    return _reactions(PublicationConsent, user)


def consents_erase(erasure: Erasure) -> int:
    """No name left to publish: the consents go (the hub's copies follow, see the hub's
    own source)."""
    deleted, _detail = PublicationConsent.objects.filter(user=erasure.user).delete()
    return deleted


_KEPT = _("Kept as long as the city keeps its proposals; after an erasure, under the "
          "pseudonym.")
for source in (
    PersonalDataSource(
        key="proposals.proposals", label=_("Proposals and their versions"),
        purpose=_("To run the city's calls: evaluate, decide, implement and report."),
        retention=_KEPT, fields=("texts", "amounts", "author and co-authors"),
        export=proposals_export, erase=proposals_erase),
    PersonalDataSource(
        key="proposals.drafts", label=_("Unsubmitted drafts"),
        purpose=_("To let authors finish a proposal later."),
        retention=_("Deleted after the drafts retention period without change."),
        retention_setting="draft_days", fields=("texts", "author"), expire=drafts_expire),
    PersonalDataSource(
        key="proposals.comments", label=_("Comments"),
        purpose=_("The discussion of proposals among colleagues."), retention=_KEPT,
        fields=("text", "author", "time"), export=comments_export),
    PersonalDataSource(
        key="proposals.supports", label=_("Supports"),
        purpose=_("To show which proposals colleagues back."), retention=_KEPT,
        fields=("proposal", "time"), export=supports_export),
    PersonalDataSource(
        key="proposals.votes", label=_("Votes"),
        purpose=_("To count the employees' votes of a call's voting phase."), retention=_KEPT,
        fields=("proposal", "time"), export=votes_export),
    PersonalDataSource(
        key="proposals.follows", label=_("Followed proposals"),
        purpose=_("To tell the person of new comments."),
        retention=_("Until the person stops following; erased with the account."),
        fields=("proposal",), export=follows_export, erase=follows_erase),
    PersonalDataSource(
        key="proposals.consents", label=_("Consents to be named"),
        purpose=_("To name authors on the network's good practices only with their consent."),
        retention=_("Until withdrawn; erased with the account."), fields=("proposal", "time"),
        export=consents_export, erase=consents_erase),
):
    personal_data_source_add(source)
