"""Two people of one city with overlapping activity (each comments on, supports, votes for
and scores the other's proposal), an admin, and copies of Ana's name on the network hub."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role, User
from shared_apps.hub.models import GoodPractice, PracticeMessage, PracticeTranslation
from tenant_apps.audit.services import audit_record
from tenant_apps.calls.models import Phase
from tenant_apps.evaluation.models import Assignment, Score, Scorecard
from tenant_apps.implementation.models import Implementation, SavingsEntry
from tenant_apps.notifications.models import Kind, Notification
from tenant_apps.proposals.models import (
    Comment,
    Follow,
    Proposal,
    ProposalVersion,
    PublicationConsent,
    Status,
    Support,
    Vote,
)
from tenants.models import City, CityRecord, ProvisioningJob

ANA = {"username": "ana.pop7", "first_name": "Ana", "last_name": "Popescu-Vlad",
       "email": "ana.popescu@primaria-cluj.test"}
BOGDAN = {"username": "bogdan.ion3", "first_name": "Bogdan", "last_name": "Ionescu-Mare",
          "email": "bogdan.ionescu@primaria-cluj.test"}


@dataclass
class Seeded:
    ana: User
    bogdan: User
    admin: User
    ana_proposal: Proposal
    ana_draft: Proposal
    bogdan_proposal: Proposal


def _person(make_user, city, spec, *, roles=(Role.EMPLOYEE, Role.EVALUATOR), language=""):
    user = make_user(city, username=spec["username"], email=spec["email"], roles=roles)
    with tenant_context(city):
        User.objects.filter(pk=user.pk).update(first_name=spec["first_name"],
                                               last_name=spec["last_name"], language=language)
        user.refresh_from_db()
    return user


@pytest.fixture
def seeded(cluj, make_user, make_call, make_proposal) -> Seeded:
    ana = _person(make_user, cluj, ANA, language="hu")
    bogdan = _person(make_user, cluj, BOGDAN)
    admin = make_user(cluj, username="dpo.admin", roles=(Role.CITY_ADMIN, Role.EMPLOYEE))
    call = make_call(cluj, phase=Phase.IMPLEMENTATION, admin=admin)
    ana_proposal = make_proposal(cluj, call, author=ana, status=Status.IMPLEMENTED,
                                 title="Ana's digital archive", problem="Paper archives")
    ana_draft = make_proposal(cluj, call, author=ana, status=Status.DRAFT,
                              title="Ana's unfinished idea")
    bogdan_proposal = make_proposal(cluj, call, author=bogdan, status=Status.SUBMITTED,
                                    title="Bogdan's bus passes", problem="Queues")
    with tenant_context(cluj):
        ProposalVersion.objects.create(proposal=ana_proposal, number=1, by=ana,
                                       content={"title_en": "Ana's digital archive v1"})
        ProposalVersion.objects.create(proposal=bogdan_proposal, number=1, by=bogdan,
                                       content={"title_en": "Bogdan's bus passes v1"})
        Comment.objects.create(proposal=bogdan_proposal, author=ana,
                               body="Ana asks: what about night buses?")
        Comment.objects.create(proposal=ana_proposal, author=bogdan,
                               body="Bogdan says: thanks Ana Popescu-Vlad, well done")
        for user, proposal in ((ana, bogdan_proposal), (bogdan, ana_proposal)):
            Support.objects.create(user=user, proposal=proposal)
            Vote.objects.create(user=user, proposal=proposal)
            Follow.objects.create(user=user, proposal=proposal)
        PublicationConsent.objects.create(user=ana, proposal=ana_proposal)
        PublicationConsent.objects.create(user=bogdan, proposal=bogdan_proposal)
        criterion = call.criteria.first()
        for evaluator, proposal, text in ((ana, bogdan_proposal, "Ana's scorecard remark"),
                                          (bogdan, ana_proposal, "Bogdan's scorecard remark")):
            assignment = Assignment.objects.create(proposal=proposal, evaluator=evaluator)
            card = Scorecard.objects.create(assignment=assignment, comment=text)
            Score.objects.create(scorecard=card, criterion=criterion, value=7)
        implementation = Implementation.objects.create(proposal=ana_proposal, lead=ana)
        SavingsEntry.objects.create(implementation=implementation, period=date(2026, 10, 1),
                                    projected_money=Decimal("1000"),
                                    realised_money=Decimal("1200"))
        Notification.objects.create(recipient=ana, kind=Kind.RESULTS,
                                    title="Results for Ana", body="The results are out")
        Notification.objects.create(recipient=bogdan, kind=Kind.RESULTS,
                                    title="Results for Bogdan", body="Bogdan's results")
        # A lockout names the username; an admin's change names the person.
        audit_record(actor=None, action="sign_in.locked_out", target=ana,
                     after={"username": ANA["username"], "address": "10.0.0.7"})
        audit_record(actor=admin, action="user.roles_changed", target=ana,
                     after={"note": f"{ANA['first_name']} {ANA['last_name']}"})
    city = City.objects.get(pk=cluj.pk)
    practice = GoodPractice.objects.create(
        source_city=city, source_proposal_id=ana_proposal.pk, title="Digital archive",
        summary="Contact ana.popescu@primaria-cluj.test", currency="RON",
        author_names=["Ana Popescu-Vlad", "Bogdan Ionescu-Mare"],
        status=GoodPractice.Status.PUBLISHED)
    PracticeMessage.objects.create(practice=practice, body="Ana here: ask me anything",
                                   author_city=city, author_user_id=ana.pk,
                                   author_name="Ana Popescu-Vlad", author_role="city_admin")
    PracticeTranslation.objects.create(practice=practice, language="hu", fields=["title"],
                                       city=city, by_user_id=ana.pk,
                                       by_name="Ana Popescu-Vlad")
    # The hub's records of the city's onboarding name its first admin (Ana here).
    ProvisioningJob.objects.update_or_create(city=city, defaults={"admin_email": ANA["email"]})
    CityRecord.objects.create(city=city, city_slug=city.slug, action="onboard",
                              details={"admin_email": ANA["email"]},
                              note="First admin: Ana Popescu-Vlad")
    return Seeded(ana=ana, bogdan=bogdan, admin=admin, ana_proposal=ana_proposal,
                  ana_draft=ana_draft, bogdan_proposal=bogdan_proposal)


@pytest.fixture
def sign_in_as(client_for):
    """A client that signed in through the login form (so the sign-in is recorded)."""
    from conftest import TEST_PASSWORD

    def make(city, user, **headers):
        client = client_for(city, **headers)
        response = client.post("/accounts/login/", {"username": user.username,
                                                    "password": TEST_PASSWORD})
        assert response.status_code == 302, response.content[:500]
        client.user = user
        return client

    return make
