"""Reads of a call's voting phase: the ballot's projects, a person's ballot, the election."""

from fractions import Fraction

from tenant_apps.calls.models import Call
from tenant_apps.proposals.models import Status
from tenant_apps.voting.models import Ballot, BallotType, VotingProject
from tenant_apps.voting.selection import APPROVAL, CUMULATIVE, ORDINAL, Election

VOTE_TYPES = {BallotType.APPROVAL: APPROVAL, BallotType.KNAPSACK: APPROVAL,
              BallotType.CUMULATIVE: CUMULATIVE, BallotType.RANKING: ORDINAL}


def ballot_projects(call: Call):
    """The shortlisted proposals on the call's ballot, with their costs."""
    return (VotingProject.objects.filter(call=call, proposal__status=Status.SHORTLISTED)
            .select_related("proposal").order_by("proposal_id"))


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
