"""Fixtures for implementation: a selected proposal ready to start, and a started one."""

from dataclasses import dataclass
from datetime import date

import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role, User
from tenant_apps.calls.models import Call, Phase
from tenant_apps.implementation.models import Implementation, Milestone, SavingsEntry, Update
from tenant_apps.implementation.services import implementation_start
from tenant_apps.proposals.models import CoAuthor, Proposal, Status


@dataclass
class Team:
    """Who is around an implementation in a city."""

    city: object
    call: Call
    proposal: Proposal
    admin: User
    author: User
    coauthor: User
    lead: User
    employee: User


@pytest.fixture
def team(cluj, make_user, make_call, make_proposal) -> Team:
    """A proposal selected in a call whose results are out, with an accepted co-author."""
    admin = make_user(cluj, username="admin", roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    author = make_user(cluj, username="author")
    coauthor = make_user(cluj, username="coauthor")
    lead = make_user(cluj, username="lead")
    employee = make_user(cluj, username="bystander")
    call = make_call(cluj, phase=Phase.RESULTS, admin=admin, title="Paperless city hall")
    proposal = make_proposal(cluj, call, author=author, status=Status.SELECTED)
    with tenant_context(cluj):
        CoAuthor.objects.create(proposal=proposal, user=coauthor, state=CoAuthor.State.ACCEPTED,
                                invited_by=author)
    return Team(cluj, call, proposal, admin, author, coauthor, lead, employee)


@pytest.fixture
def started(team) -> Implementation:
    with tenant_context(team.city):
        return implementation_start(proposal=team.proposal, lead=team.lead, by=team.admin)


@pytest.fixture
def evidence_cleanup(cluj):
    """Evidence files are written to the media folder; remove them after the test."""
    yield
    with tenant_context(cluj):
        for update in Update.objects.exclude(evidence=""):
            update.evidence.delete(save=False)


def make_implementations(city, call: Call, author: User, lead: User, count: int,
                         *, start: int = 0) -> list[Implementation]:
    """`count` running implementations with a milestone and two months of savings each,
    made directly in the database (what is measured is reading them)."""
    made = []
    with tenant_context(city):
        for number in range(start, start + count):
            proposal = Proposal.objects.create(
                call=call, author=author, title=f"Proposal {number}", problem="p",
                solution="s", mvp_plan="m", status=Status.IMPLEMENTING,
                submitted_at=call.submission_starts)
            implementation = Implementation.objects.create(proposal=proposal, lead=lead,
                                                           progress=number % 100)
            Milestone.objects.create(implementation=implementation, title="Pilot",
                                     due_on=date(2026, 1, 15))
            for month in (1, 2):
                SavingsEntry.objects.create(implementation=implementation,
                                            period=date(2026, month, 1), projected_money=100,
                                            realised_money=80, projected_hours=10,
                                            realised_hours=8)
            Update.objects.create(implementation=implementation, author=lead, body="Going well")
            made.append(implementation)
    return made
