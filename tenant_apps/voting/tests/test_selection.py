"""Every selection rule gives pabutools 1.2's outcome, on generated votes and on the cases
that trip rules up: ties, free projects, decimal costs, a budget hit exactly, empty ballots,
projects nobody chose, no voters at all."""

import random
from fractions import Fraction

import pytest

from tenant_apps.voting.selection import (
    APPROVAL,
    CUMULATIVE,
    METHODS,
    ORDINAL,
    Election,
    SelectionError,
    equal_shares_run,
    mes_add1_run,
    select,
)
from tenant_apps.voting.tests.generate import pabutools_select, random_election

SEEDS = 50


def assert_same_outcome(election: Election, method: str) -> list[str]:
    ours = select(election, method)
    assert len(ours) == len(set(ours))
    # pabutools lists free projects in set order: compare as sets.
    assert sorted(ours) == sorted(pabutools_select(election, method)), (method, election)
    return ours


@pytest.mark.parametrize("method", list(METHODS))
def test_generated_votes_give_pabutools_outcome(method):
    vote_type = METHODS[method][0]
    for seed in range(SEEDS):
        rng = random.Random(f"{method}-{seed}")  # noqa: S311 (generated votes, not secrets)
        election = random_election(rng, vote_type=vote_type, projects=rng.randint(1, 9),
                                   voters=rng.randint(0, 25))
        assert_same_outcome(election, method)


@pytest.mark.parametrize("method", ["mes_add1", "mes_add1_greedy"])
def test_completed_method_over_many_increments_gives_pabutools_outcome(method):
    # Costs in the thousands for a handful of voters: pabutools raises budgets thousands of
    # times, we jump over the increments that cannot change the outcome.
    for seed in range(25):
        rng = random.Random(f"large-{seed}")  # noqa: S311 (generated votes, not secrets)
        election = random_election(rng, projects=rng.randint(3, 9), voters=rng.randint(2, 10),
                                   cost_levels=40, zero_cost=0.05)
        assert_same_outcome(election, method)


def approval(budget, costs, ballots) -> Election:
    return Election(budget=Fraction(budget), costs={p: Fraction(c) for p, c in costs.items()},
                    vote_type=APPROVAL, ballots=[tuple(b) for b in ballots])


@pytest.mark.parametrize("method", [m for m, (kind, _) in METHODS.items() if kind == APPROVAL])
def test_a_tie_goes_to_the_smaller_id_compared_as_text(method):
    # "10" < "9" as text: equal costs and equal support, room for one.
    election = approval(100, {"9": 100, "10": 100}, [["9", "10"], ["10", "9"]])
    assert assert_same_outcome(election, method) == ["10"]


@pytest.mark.parametrize("method", [m for m, (kind, _) in METHODS.items() if kind == APPROVAL])
def test_a_project_that_does_not_fit_is_skipped_for_the_next(method):
    election = approval(500, {"a": 400, "b": 300, "c": 100},
                        [["a", "b"], ["a", "b"], ["a"], ["c"]])
    outcome = assert_same_outcome(election, method)
    assert sum(election.costs[p] for p in outcome) <= 500


def test_greedy_by_votes_fills_the_budget_line_in_order_of_votes():
    election = approval(1000, {"1": 600, "2": 500, "3": 300, "4": 100},
                        [["1", "2"], ["1", "2"], ["1", "3"], ["4"], ["2"]])
    # Votes: 1 → 3, 2 → 3 (tie: "1" first), 3 → 1, 4 → 1; 2 no longer fits after 1.
    assert assert_same_outcome(election, "greedy") == ["1", "3", "4"]


def test_equal_shares_lets_a_minority_fund_its_project():
    # 60 % of voters want two costly projects, 40 % one cheaper project. Greedy by votes
    # gives the majority everything; equal shares gives the minority its share.
    ballots = [["big1", "big2"]] * 6 + [["small"]] * 4
    election = approval(1000, {"big1": 500, "big2": 500, "small": 400}, ballots)
    assert assert_same_outcome(election, "greedy") == ["big1", "big2"]
    assert "small" in assert_same_outcome(election, "mes_cost")


def test_free_and_unsupported_projects_follow_pabutools():
    election = approval(300, {"free": 0, "nobody": 100, "x": 200, "free-nobody": 0},
                        [["free", "x"], ["x"], []])
    for method in METHODS:
        if METHODS[method][0] == APPROVAL:
            assert_same_outcome(election, method)
    # Equal shares with cardinality utilities funds a free project somebody wants.
    assert "free" in select(election, "mes_cardinality")


def test_budget_hit_exactly_and_decimal_costs():
    election = approval(Fraction("1000.50"), {"a": Fraction("600.25"), "b": Fraction("400.25"),
                                              "c": Fraction("0.01")},
                        [["a", "b"], ["a"], ["b", "c"]])
    for method in METHODS:
        if METHODS[method][0] == APPROVAL:
            assert_same_outcome(election, method)
    assert set(select(election, "greedy")) == {"a", "b"}


def test_no_voters_no_winners_for_equal_shares():
    election = approval(100, {"a": 50}, [])
    assert assert_same_outcome(election, "mes_cost") == []
    assert assert_same_outcome(election, "mes_add1") == []


def test_cumulative_and_ordinal_rules():
    cumulative = Election(budget=Fraction(10), costs={"a": Fraction(6), "b": Fraction(5),
                                                      "c": Fraction(4)},
                          vote_type=CUMULATIVE,
                          ballots=[(("a", 3), ("b", 2)), (("c", 5),), (("a", 1),), ()])
    for method in ("greedy_cardinal", "mes_cardinal"):
        assert_same_outcome(cumulative, method)
    # Points with decimals (Pabulib allows them) are exact too.
    halves = Election(budget=Fraction(10), costs=cumulative.costs, vote_type=CUMULATIVE,
                      ballots=[(("a", Fraction(3, 2)), ("b", Fraction(1, 3))), (("c", 2),),
                               (("b", Fraction(5, 2)),)])
    for method in ("greedy_cardinal", "mes_cardinal"):
        assert_same_outcome(halves, method)
    ordinal = Election(budget=Fraction(10), costs={"a": Fraction(6), "b": Fraction(5),
                                                   "c": Fraction(4), "d": Fraction(0)},
                       vote_type=ORDINAL,
                       ballots=[("a", "b", "c"), ("c", "a"), ("b",), ()])
    for method in ("greedy_borda", "mes_borda"):
        assert_same_outcome(ordinal, method)
    # The last project of a ranking scores nothing: a one-project ranking supports nothing.
    assert "d" in select(ordinal, "greedy_borda")  # free comes first under the general scheme


def test_a_method_for_another_ballot_type_is_refused():
    election = approval(100, {"a": 50}, [["a"]])
    with pytest.raises(SelectionError, match="needs ordinal ballots"):
        select(election, "mes_borda")
    with pytest.raises(SelectionError, match="unknown method"):
        select(election, "lottery")


def test_equal_shares_explains_who_paid_what():
    ballots = [["big1", "big2"]] * 6 + [["small"]] * 4
    election = approval(1100, {"big1": 400, "big2": 400, "small": 300}, ballots)
    run = equal_shares_run(election, "cost")
    assert run.budget_per_voter == 110
    assert run.selected == ["big1", "small"]
    paid = {r.project: sum(run.voter_types[p.voter_type].count * p.each for p in r.payments)
            for r in run.rounds}
    assert paid == {project: election.costs[project] for project in run.selected}
    # 400 is left, enough for big2, but its supporters have only 260: the completed method
    # raises every budget until they can pay (24 more each).
    run, extra = mes_add1_run(election)
    assert extra == 24
    assert run.selected == select(election, "mes_add1") == ["big1", "big2", "small"]
    assert_same_outcome(election, "mes_add1")


@pytest.mark.parametrize("seed", range(12))
def test_completed_method_on_districts_that_share_no_voter(seed):
    # Each district's voters approve only its own projects: the districts run apart and
    # only a district whose winners may change runs again. The outcome is pabutools' still.
    rng = random.Random(f"districts-{seed}")  # noqa: S311 (generated votes, not secrets)
    costs, ballots = {}, []
    for district in "ab":
        part = random_election(rng, projects=rng.randint(2, 5), voters=rng.randint(2, 8),
                               cost_levels=30, zero_cost=0.1)
        costs.update({f"{district}{p}": c for p, c in part.costs.items()})
        ballots += [tuple(f"{district}{p}" for p in ballot) for ballot in part.ballots]
    election = Election(budget=Fraction(sum(costs.values()) / 2), costs=costs,
                        vote_type=APPROVAL, ballots=ballots)
    for method in ("mes_add1", "mes_add1_greedy"):
        assert_same_outcome(election, method)
