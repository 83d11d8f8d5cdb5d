"""The proposal page: a status badge, then team, attachments, versions and discussion, each
in its own section."""

import re

import pytest
from django_tenants.utils import tenant_context

from tenant_apps.proposals.models import CoAuthor, Status

pytestmark = pytest.mark.django_db


def _sections(page):
    return re.findall(r'<section aria-labelledby="(\w+)" class="card stack">', page)


def test_the_page_is_sectioned_with_the_team_shown_by_initials(cluj, make_call, make_proposal,
                                                               make_user, signed_in):
    author = signed_in(cluj, username="ana")
    proposal = make_proposal(cluj, make_call(cluj), author=author.user, status=Status.SUBMITTED)
    with tenant_context(cluj):
        CoAuthor.objects.create(proposal=proposal, user=make_user(cluj, username="bogdan"),
                                state=CoAuthor.State.ACCEPTED)
    page = author.get(f"/proposals/{proposal.pk}/").content.decode()
    assert '<span class="badge badge--submitted">Submitted</span>' in page
    assert _sections(page)[0] == "team"
    assert {"team", "attachments", "discussion"} <= set(_sections(page))
    team = re.search(r'<section aria-labelledby="team".*?</section>', page, re.S).group(0)
    assert re.findall(r'<span class="avatar" aria-hidden="true">(\w)</span>', team) == ["A", "B"]
    assert "Co-author" in team
    assert "No attachment." in page


def test_anonymous_evaluation_hides_the_team(cluj, make_call, make_proposal, signed_in):
    from shared_apps.accounts.models import Role
    from tenant_apps.calls.models import Phase

    call = make_call(cluj, phase=Phase.EVALUATION, anonymous=True)
    proposal = make_proposal(cluj, call, status=Status.ELIGIBLE)
    juror = signed_in(cluj, roles=[Role.EMPLOYEE, Role.EVALUATOR])
    with tenant_context(cluj):
        from tenant_apps.evaluation.models import CommitteeMember

        CommitteeMember.objects.create(call=call, user=juror.user)
    page = juror.get(f"/proposals/{proposal.pk}/").content.decode()
    team = re.search(r'<section aria-labelledby="team".*?</section>', page, re.S).group(0)
    assert "Hidden during anonymous evaluation" in team
    assert 'class="avatar"' not in team
