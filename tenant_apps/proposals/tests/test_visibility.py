"""Who sees a proposal: the rule is written twice, once for lists (a query) and once for a
single loaded proposal (its page); every status and every reader must get the same answer
from both, and the page must answer 404 exactly where the list leaves the proposal out."""

import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from tenant_apps.calls.models import Phase
from tenant_apps.proposals import selectors
from tenant_apps.proposals.models import CoAuthor, Status

pytestmark = pytest.mark.django_db

READERS = ["author", "accepted", "invited", "declined", "colleague", "city admin"]


def test_a_proposal_page_and_the_lists_agree_on_who_sees_it(cluj, make_call, make_proposal,
                                                              make_user, client_for):
    call = make_call(cluj, phase=Phase.SUBMISSION)
    author = make_user(cluj)
    people = {"author": author, "colleague": make_user(cluj),
              "city admin": make_user(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE]),
              **{state: make_user(cluj) for state in ("accepted", "invited", "declined")}}
    proposals = {status: make_proposal(cluj, call, author=author, status=status)
                 for status in Status.values}
    with tenant_context(cluj):
        for proposal in proposals.values():
            CoAuthor.objects.bulk_create(
                CoAuthor(proposal=proposal, user=people[state], invited_by=author, state=state)
                for state in ("accepted", "invited", "declined"))
    for reader in READERS:
        browser = client_for(cluj)
        with tenant_context(cluj):
            browser.force_login(people[reader])
        for status, proposal in proposals.items():
            with tenant_context(cluj):
                listed = selectors.proposals_visible_to(people[reader]).filter(
                    pk=proposal.pk).exists()
            page = browser.get(f"/proposals/{proposal.pk}/")
            assert page.status_code == (200 if listed else 404), (reader, status)
    # The rule itself, as the lists apply it.
    with tenant_context(cluj):
        seen = {reader: {p.status for p in selectors.proposals_visible_to(people[reader])}
                for reader in READERS}
    public = set(Status.values) - {Status.DRAFT, Status.WITHDRAWN}
    assert seen["colleague"] == seen["declined"] == public
    assert seen["city admin"] == public | {Status.WITHDRAWN}
    assert seen["author"] == seen["accepted"] == seen["invited"] == set(Status.values)
