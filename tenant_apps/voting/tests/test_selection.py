"""Every selection rule gives pabutools 1.2's outcome, on generated votes and on the cases
that trip rules up: ties, free projects, decimal costs, a budget hit exactly, empty ballots,
projects nobody chose, no voters at all."""

import random
from fractions import Fraction
from math import ceil

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


@pytest.mark.parametrize("method", ["mes_cost", "mes_cardinality", "mes_cardinal", "mes_borda",
                                    "mes_add1_greedy"])
def test_larger_generated_votes_give_pabutools_outcome(method):
    # Enough voters that prices settle over several rounds of poor and rich supporters,
    # in groups of equal points or Borda scores.
    vote_type = METHODS[method][0]
    for seed in range(6):
        rng = random.Random(f"larger-{method}-{seed}")  # noqa: S311 (generated votes, not secrets)
        election = random_election(rng, vote_type=vote_type, projects=rng.randint(8, 14),
                                   voters=rng.randint(60, 160), max_ballot=5,
                                   popularity=3, cost_levels=12)
        assert_same_outcome(election, method)


def _walked_price(moneys, utilities, weights, cost):
    """pabutools' walk: supporters from the poorest per unit of utility, in exact order."""
    if sum(w * m for w, m in zip(weights, moneys, strict=True)) < cost:
        return None
    paid, denominator = 0, sum(w * u for w, u in zip(weights, utilities, strict=True))
    for i in sorted(range(len(moneys)), key=lambda i: Fraction(moneys[i], utilities[i])):
        price = Fraction(cost - paid, denominator)
        if price * utilities[i] <= moneys[i]:
            return price
        paid += weights[i] * moneys[i]
        denominator -= weights[i] * utilities[i]
    raise AssertionError


@pytest.mark.parametrize("seed", range(60))
def test_a_price_is_that_of_pabutools_walk_whatever_the_supporters_money(seed):
    # The price is found in rounds of poor and rich supporters, not by a walk: compare the
    # two on supporters whose money differs, with ties, nobody able to pay, and chains where
    # each round makes one more supporter poor (more rounds than are run before walking).
    from tenant_apps.voting.selection import _Prepared, _price, _Purse

    rng = random.Random(f"price-{seed}")  # noqa: S311 (generated votes, not secrets)
    size = rng.randint(1, 12) if seed % 4 >= 2 else rng.randint(8, 14)
    cumulative = seed % 2 == 1
    # One voter type per supporter: each also backs a project of its own.
    ballots = []
    for number in range(size):
        # Few distinct points keep groups of equal points; many make one group with a
        # utility each.
        points = (rng.choice([1, 2, 2, 3]) if seed % 3 else rng.randint(1, 8)) if cumulative else 1
        for _ in range(rng.randint(1, 3)):
            ballots.append((("p", points), (f"own{number}", 1)) if cumulative
                           else ("p", f"own{number}"))
    costs = {"p": Fraction(rng.randint(10, 400)),
             **{f"own{n}": Fraction(1) for n in range(size)}}
    election = Election(budget=Fraction(1000), costs=costs,
                        vote_type=CUMULATIVE if cumulative else APPROVAL, ballots=ballots)
    prepared = _Prepared(election, "points" if cumulative else "cardinality")
    groups = prepared.groups["p"]
    members = [index for _, indices, _ in groups for index in indices]
    weights = [weight for _, _, listed in groups for weight in listed]
    utilities = [one for utility, indices, _ in groups
                 for one in (utility if isinstance(utility, list) else [utility] * len(indices))]
    cost = rng.randint(10, 400)
    if seed % 4 < 2:
        # A chain: each supporter can pay the price left while those before it were poor,
        # but not the price once the one just before it is: each round of poor and rich
        # turns one more poor.
        cost *= 10**12
        moneys, paid = [0], 0
        denominator = sum(w * u for w, u in zip(weights, utilities, strict=True))
        for w, u, following in zip(weights, utilities, utilities[1:], strict=False):
            price = Fraction(cost - paid, denominator)
            moneys.append(ceil(price * following) if len(moneys) < len(weights) - 1 else cost)
            paid += w * moneys[-2]
            denominator -= w * u
    else:
        moneys = [rng.choice([0, 5, 10, 10, 20, rng.randint(0, 60)]) for _ in members]
    purse = _Purse(0, len(prepared.counts))
    purse.write(members, moneys)
    found = _price(prepared, "p", purse, cost)
    expected = _walked_price(moneys, utilities, weights, cost)
    if expected is None:
        assert found is None
        return
    numerator, denominator, _, poor = found
    assert Fraction(numerator, denominator) == expected
    offsets = [0]
    for _, indices, _ in groups:
        offsets.append(offsets[-1] + len(indices))
    assert {offset + position for offset, positions in zip(offsets, poor, strict=False)
            for position in positions} == {
        i for i, (m, u) in enumerate(zip(moneys, utilities, strict=True)) if m < expected * u}
