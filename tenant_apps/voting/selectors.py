"""Reads of a call's voting phase: the ballot's projects, a person's ballot, the election."""

from fractions import Fraction

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet

from tenant_apps.calls.models import Call, Phase
from tenant_apps.proposals.models import Status
from tenant_apps.voting.models import Ballot, BallotType, VotingProject
from tenant_apps.voting.selection import APPROVAL, CUMULATIVE, ORDINAL, Election

VOTE_TYPES = {BallotType.APPROVAL: APPROVAL, BallotType.KNAPSACK: APPROVAL,
              BallotType.CUMULATIVE: CUMULATIVE, BallotType.RANKING: ORDINAL}


def ballot_projects(call: Call):
    """The shortlisted proposals on the call's ballot, with their costs."""
    return (VotingProject.objects.filter(call=call, proposal__status=Status.SHORTLISTED)
            .select_related("proposal").order_by("proposal_id"))


def calls_voting_for(user) -> QuerySet[Call]:
    """Calls whose ballot is open now, each with `has_ballot`: whether `user` has voted."""
    return (Call.objects.filter(phase=Phase.VOTING, voting_setup__isnull=False)
            .annotate(has_ballot=Exists(Ballot.objects.filter(call=OuterRef("pk"),
                                                              voter=user)))
            .order_by("results_on", "pk"))


def ballot_of(call: Call, voter) -> Ballot | None:
    return Ballot.objects.filter(call=call, voter=voter).first()


def election_of(call: Call) -> Election:
    """The call's ballots as an election the selection rules run on (ids as text)."""
    setup = call.voting_setup
    costs = {str(p.proposal_id): Fraction(p.cost) for p in ballot_projects(call)}
    vote_type = VOTE_TYPES[setup.ballot_type]
    ballots = []
    for ballot in Ballot.objects.filter(call=call).order_by("pk"):
        if vote_type == CUMULATIVE:
            ballots.append(tuple(sorted((pk, int(v)) for pk, v in ballot.points.items()
                                        if pk in costs)))
        elif vote_type == ORDINAL:
            ballots.append(tuple(str(pk) for pk in ballot.choices if str(pk) in costs))
        else:
            ballots.append(tuple(sorted(str(pk) for pk in ballot.choices if str(pk) in costs)))
    return Election(budget=Fraction(call.budget or 0), costs=costs, vote_type=vote_type,
                    ballots=ballots)


def city_currency() -> str:
    """The current city's currency (ISO 4217 code), in which its budgets and costs are."""
    return getattr(connection.tenant, "currency", "") or "EUR"
