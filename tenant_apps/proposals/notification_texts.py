"""Texts of the notifications about proposals, written in the reader's language when read."""

from django.utils.translation import gettext as _

from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.registry import renderer, resolver
from tenant_apps.proposals.models import Proposal


@resolver("proposals.proposal")
def proposal_titles(ids: set) -> dict:
    return {proposal.pk: proposal.title for proposal in Proposal.objects.filter(pk__in=ids)}


@renderer(Kind.COAUTHOR_INVITATION)
def coauthor_invitation(params: dict) -> tuple[str, str]:
    return (_("%(name)s invites you to co-author “%(title)s”") % {
                "name": params["name"], "title": params["proposal"]},
            _("Open the proposal to accept or decline the invitation."))


@renderer(Kind.COMMENT)
def comment(params: dict) -> tuple[str, str]:
    return (_("New comment on “%(title)s”") % {"title": params["proposal"]},
            # no name: the reader sits on an anonymous call's jury
            _("%(name)s wrote: %(body)s") % {"name": params["name"] or _("Author"),
                                             "body": params["body"]})
