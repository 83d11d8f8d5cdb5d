"""The explanation a results page shows agrees with the outcome: the greedy budget line
selects what greedy selects; under equal shares the supporters' payments add up to each
winner's cost, and a popular project lost because its supporters had run out of money."""

import random
from fractions import Fraction

import pytest

from tenant_apps.voting.explain import explain
from tenant_apps.voting.selection import APPROVAL, METHODS, Election, select
from tenant_apps.voting.tests.generate import random_election


def approval(budget, costs, ballots) -> Election:
    return Election(budget=Fraction(budget), costs={p: Fraction(c) for p, c in costs.items()},
                    vote_type=APPROVAL, ballots=[tuple(b) for b in ballots])


def test_greedy_budget_line_shows_what_fitted_and_what_did_not():
    election = approval(1000, {"1": 600, "2": 500, "3": 300, "4": 100},
                        [["1", "2"], ["1", "2"], ["1", "3"], ["4"], ["2"]])
    line = explain(election, "greedy").budget_line
    assert [(e.project, e.score, e.spent_before, e.selected) for e in line] == [
        ("1", 3, 0, True), ("2", 3, 600, False), ("3", 1, 600, True),
        ("4", 1, 900, True)]


def test_equal_shares_shows_who_paid_and_why_the_popular_project_lost():
    # Six voters want two big projects, four want a small one; 110 each.
    ballots = [["big1", "big2"]] * 6 + [["small"]] * 4
    election = approval(1100, {"big1": 400, "big2": 400, "small": 300}, ballots)
    result = explain(election, "mes_cost")
    assert result.selected == ["big1", "small"]
    assert result.budget_per_voter == 110
    big1, small = result.winners
    assert (big1.full_payers, big1.full_price_each, big1.exhausted_payers) == (
        6, Fraction(200, 3), 0)
    assert (small.full_payers, small.full_price_each) == (4, 75)
    # big2 is as popular as big1, but its six supporters have 260 left of the 400 it costs.
    [lost] = result.losers
    assert (lost.project, lost.supporters, lost.money_at_start, lost.money_left) == (
        "big2", 6, 660, 260)
    completed = explain(election, "mes_add1")
    assert completed.extra_per_voter == 24 and completed.losers == []


@pytest.mark.parametrize("method", list(METHODS))
def test_every_explanation_agrees_with_its_outcome(method):
    for seed in range(15):
        rng = random.Random(f"explain-{method}-{seed}")  # noqa: S311 (generated votes)
        election = random_election(rng, vote_type=METHODS[method][0],
                                   projects=rng.randint(1, 8), voters=rng.randint(1, 20))
        result = explain(election, method)
        assert result.selected == select(election, method)
        for winner in result.winners:
            assert winner.full_paid + winner.exhausted_paid == winner.cost
        for loser in result.losers:
            assert loser.money_left < loser.cost
            assert loser.project not in result.selected
        if result.budget_line:
            greedy_part = [e.project for e in result.budget_line if e.selected]
            assert set(greedy_part) <= set(result.selected)
            assert all(e.spent_before + e.cost > election.budget
                       for e in result.budget_line if not e.selected)
