"""Selection rules for budgeted votes: greedy and the Method of Equal Shares, exactly.

Pure Python, no Django: the rules run on an `Election` (budget, project costs, ballots) and
return the ids of the selected projects in the order they were chosen. Arithmetic is exact
(integers and `fractions.Fraction`, never floats). Each rule gives the outcome of the
reference library pabutools 1.2 with its default lexicographic tie-breaking (the smaller
project id, compared as text, wins a tie); the tests compare the two on generated elections.

Speed comes from three things pabutools does not do:
- identical ballots are grouped into voter types with a multiplicity;
- the Method of Equal Shares evaluates a project's price lazily (a price only rises from one
  round to the next, so the last one is a lower bound that often settles a round unread);
- the completed variant (`mes_add1`, every voter's budget raised by one currency unit until
  the outcome is exhaustive or no longer fits) does not rerun the method for each unit: a run
  at one budget also proves for how many further units its every comparison keeps its result
  (all quantities are affine in the increment), so the loop jumps straight past them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction

APPROVAL = "approval"
CUMULATIVE = "cumulative"
ORDINAL = "ordinal"


@dataclass
class Election:
    """A budgeted vote. `costs` maps each project id to its cost (in the order projects are
    listed). A ballot is, by `vote_type`: approval, a tuple of approved ids; cumulative, a
    tuple of (id, points) pairs; ordinal, a tuple of ids from the most preferred down."""

    budget: Fraction
    costs: dict[str, Fraction]
    vote_type: str = APPROVAL
    ballots: list[tuple] = field(default_factory=list)


class SelectionError(ValueError):
    """The election cannot be run with the chosen rule (for example, the wrong ballot type)."""


# ---------------------------------------------------------------------------------------
# Utilities: what a selected project is worth to a voter, per ballot type and measure.

def _utilities_cost(ballot: tuple, costs: dict) -> dict:
    return {p: costs[p] for p in ballot}


def _utilities_cardinality(ballot: tuple, costs: dict) -> dict:
    return {p: 1 for p in ballot}


def _utilities_points(ballot: tuple, costs: dict) -> dict:
    return {p: points for p, points in ballot}


def _utilities_borda(ballot: tuple, costs: dict) -> dict:
    # pabutools' Borda score: the ballot's length minus the position minus one, so the last
    # ranked project is worth nothing.
    length = len(ballot)
    return {p: length - position - 1 for position, p in enumerate(ballot)}


UTILITIES: dict[str, Callable[[tuple, dict], dict]] = {
    "cost": _utilities_cost,
    "cardinality": _utilities_cardinality,
    "points": _utilities_points,
    "borda": _utilities_borda,
}


@dataclass
class VoterType:
    """Voters who cast the same ballot: they are worth the same and pay the same."""

    count: int
    utilities: dict  # project id -> utility (possibly zero)


def voter_types(election: Election, measure: str) -> list[VoterType]:
    """Groups identical ballots and computes each group's utilities."""
    utilities_of = UTILITIES[measure]
    grouped = Counter(election.ballots)
    return [VoterType(count, utilities_of(ballot, election.costs))
            for ballot, count in grouped.items()]


# ---------------------------------------------------------------------------------------
# Greedy


def _greedy(election: Election, measure: str, *, initial: Sequence[str] = (),
            zero_cost_first: bool = False) -> list[str]:
    """Projects in decreasing order of total utility per unit of cost, each taken if it
    still fits. `zero_cost_first`: a free project comes first even with no utility (pabutools'
    general greedy scheme, used for Borda scores); otherwise a free project comes first only
    if somebody values it (its additive scheme)."""
    totals: dict[str, Fraction | int] = dict.fromkeys(election.costs, 0)
    for voter_type in voter_types(election, measure):
        for project, utility in voter_type.utilities.items():
            totals[project] += voter_type.count * utility

    def rank(project: str) -> tuple:
        cost, total = election.costs[project], totals[project]
        if cost == 0 and (zero_cost_first or total > 0):
            return (0, 0, project)
        if total > 0:
            return (1, -Fraction(total) / cost, project)
        # No utility: density zero, after every valued project. Under the general scheme a
        # negative total would rank below zero; keep its true density there.
        if zero_cost_first and total < 0:
            return (1, -Fraction(total) / cost, project)
        return (1, 0, project)

    chosen = list(initial)
    remaining = election.budget - sum((election.costs[p] for p in chosen), Fraction(0))
    taken = set(chosen)
    for project in sorted((p for p in election.costs if p not in taken), key=rank):
        cost = election.costs[project]
        if cost <= remaining:
            chosen.append(project)
            remaining -= cost
    return chosen


def greedy(election: Election) -> list[str]:
    """Greedy by votes: pabutools' greedy_utilitarian_welfare with Cost_Sat (approval)."""
    _require(election, APPROVAL, "greedy")
    return _greedy(election, "cost")


def greedy_cardinality(election: Election) -> list[str]:
    """Greedy by votes per unit of cost: greedy_utilitarian_welfare with Cardinality_Sat."""
    _require(election, APPROVAL, "greedy_cardinality")
    return _greedy(election, "cardinality")


def greedy_cardinal(election: Election) -> list[str]:
    """Greedy by points per unit of cost: Additive_Cardinal_Sat (cumulative ballots)."""
    _require(election, CUMULATIVE, "greedy_cardinal")
    return _greedy(election, "points")


def greedy_borda(election: Election) -> list[str]:
    """Greedy by Borda score per unit of cost: Additive_Borda_Sat (ordinal ballots)."""
    _require(election, ORDINAL, "greedy_borda")
    return _greedy(election, "borda", zero_cost_first=True)


# ---------------------------------------------------------------------------------------
# Method of Equal Shares


@dataclass
class Payment:
    """What one voter type paid towards one winner."""

    voter_type: int
    each: Fraction  # paid by each voter of the type


@dataclass
class Round:
    """One selection of the Method of Equal Shares."""

    project: str
    price_per_utility: Fraction
    payments: list[Payment]


@dataclass
class EqualSharesRun:
    """The outcome of a run, with what each voter type paid for each winner and what it had
    left at the end, so that a results page can explain it."""

    selected: list[str]
    budget_per_voter: Fraction
    voter_types: list[VoterType]
    rounds: list[Round]
    left: list[Fraction]  # each voter type's budget (per voter) at the end
    free: list[str]  # projects of cost zero with supporters, selected before any round


class _Limit:
    """The largest number of further budget increments for which every comparison made in
    a run keeps its result. Each compared quantity is `value + slope * increments`."""

    def __init__(self) -> None:
        self.steps: int | None = None  # None: unlimited

    def keep(self, value, slope, *, strict: bool) -> None:
        """Records that `value + slope * k` must stay >= 0 (> 0 if strict) for all k used."""
        if slope >= 0 or self.steps == 0:
            return
        bound = Fraction(value) / -Fraction(slope)
        if strict:
            steps = -((-bound.numerator) // bound.denominator) - 1
        else:
            steps = bound.numerator // bound.denominator
        if self.steps is None or steps < self.steps:
            self.steps = steps


def _supporters(types: list[VoterType], costs: dict) -> dict[str, list[tuple[int, object]]]:
    supporters: dict[str, list] = {p: [] for p in costs}
    for index, voter_type in enumerate(types):
        for project, utility in voter_type.utilities.items():
            if utility > 0:
                supporters[project].append((index, utility))
    return supporters


def _equal_shares(election: Election, types: list[VoterType], *, extra_per_voter: int = 0,
                  limit: _Limit | None = None, explain: bool = False) -> EqualSharesRun:
    """One run of the Method of Equal Shares, each voter's budget being the budget divided by
    the number of voters plus `extra_per_voter`. With `limit`, also records for how many
    further unit increments of that budget the run would go the same way."""
    costs = election.costs
    voters = sum(t.count for t in types)
    base = Fraction(election.budget) / voters + extra_per_voter
    budget = [base] * len(types)
    slope = [1] * len(types) if limit is not None else None
    counts = [t.count for t in types]
    supporters = _supporters(types, costs)

    free: list[str] = []
    # Candidates, each with its total utility and a lower bound on its price per utility.
    total_utility: dict[str, object] = {}
    lower: dict[str, tuple] = {}
    for project in costs:
        total = sum(counts[i] * u for i, u in supporters[project])
        if total > 0:
            if costs[project] > 0:
                total_utility[project] = total
                lower[project] = (Fraction(costs[project]) / total, 0)
            else:
                free.append(project)
    remaining = set(total_utility)
    selected = list(free)
    rounds: list[Round] = []

    while True:
        best = None  # (price, its slope, project, supporters by budget, how many are poor)
        for project in sorted(remaining, key=lambda p: (lower[p][0], p)):
            bound_value, bound_slope = lower[project]
            if best is not None and bound_value > best[0]:
                if limit is not None:
                    # Skipped on its lower bound: that bound must stay above the best price.
                    limit.keep(bound_value - best[0], bound_slope - best[1], strict=True)
                    continue
                break
            cost = costs[project]
            members = supporters[project]
            available = sum(counts[i] * budget[i] for i, _ in members)
            if limit is not None:
                available_slope = sum(counts[i] * slope[i] for i, _ in members)
            if available < cost:
                if limit is not None:
                    limit.keep(cost - available, -available_slope, strict=True)
                remaining.discard(project)
                continue
            if limit is not None:
                limit.keep(available - cost, available_slope, strict=False)
            price, price_slope, order, poor = _price(
                cost, total_utility[project], members, budget, counts, slope, limit)
            lower[project] = (price, price_slope)
            if best is None or price < best[0] or (price == best[0] and project < best[2]):
                best = (price, price_slope, project, order, poor)
        if limit is not None and best is not None:
            # Every other candidate evaluated this round must keep losing to the winner.
            for project in remaining:
                if project == best[2]:
                    continue
                value, value_slope = lower[project]
                limit.keep(value - best[0], value_slope - best[1], strict=project < best[2])
        if best is None:
            break
        price, price_slope, project, order, poor = best
        remaining.discard(project)
        selected.append(project)
        payments = []
        for position, (index, utility) in enumerate(order):
            if position < poor:  # pays all it has left
                paid, budget[index] = budget[index], Fraction(0)
                if slope is not None:
                    slope[index] = 0
            else:
                paid = price * utility
                budget[index] -= paid
                if slope is not None:
                    slope[index] -= price_slope * utility
            if explain:
                payments.append(Payment(index, paid))
        if explain:
            rounds.append(Round(project, price, payments))
    return EqualSharesRun(selected, base, types, rounds, budget, free)


def _price(cost, total, members, budget, counts, slope, limit):
    """The least price per unit of utility at which the supporters can pay for a project,
    each paying that price times their utility or, if less, all they have left."""
    if members[0][1] == members[-1][1] and all(u == members[0][1] for _, u in members):
        order = sorted(members, key=lambda member: budget[member[0]])
    else:
        order = sorted(members, key=lambda member: budget[member[0]] / member[1])
    paid_by_poor = 0
    paid_slope = 0
    denominator = total
    poor = 0
    for index, utility in order:
        price = Fraction(cost - paid_by_poor) / denominator
        if price * utility <= budget[index]:
            break
        paid_by_poor += counts[index] * budget[index]
        denominator -= counts[index] * utility
        poor += 1
        if limit is not None:
            paid_slope += counts[index] * slope[index]
    price_slope = Fraction(-paid_slope) / denominator if limit is not None else 0
    if limit is not None:
        for position, (index, utility) in enumerate(order):
            gap = price * utility - budget[index]
            gap_slope = price_slope * utility - slope[index]
            if position < poor:
                limit.keep(gap, gap_slope, strict=False)
            else:
                limit.keep(-gap, -gap_slope, strict=False)
    return price, price_slope, order, poor


def equal_shares_run(election: Election, measure: str) -> EqualSharesRun:
    """The Method of Equal Shares with its explanation (payments per voter type)."""
    types = voter_types(election, measure)
    if not types:
        return EqualSharesRun([], Fraction(0), [], [], [], [])
    return _equal_shares(election, types, explain=True)


def _mes(election: Election, measure: str) -> list[str]:
    types = voter_types(election, measure)
    if not types:
        return []
    return _equal_shares(election, types).selected


def mes_cost(election: Election) -> list[str]:
    """Equal shares with cost utilities: method_of_equal_shares with Cost_Sat."""
    _require(election, APPROVAL, "mes_cost")
    return _mes(election, "cost")


def mes_cardinality(election: Election) -> list[str]:
    """Equal shares with cardinality utilities: method_of_equal_shares with Cardinality_Sat."""
    _require(election, APPROVAL, "mes_cardinality")
    return _mes(election, "cardinality")


def mes_cardinal(election: Election) -> list[str]:
    """Equal shares with points as utilities (cumulative ballots)."""
    _require(election, CUMULATIVE, "mes_cardinal")
    return _mes(election, "points")


def mes_borda(election: Election) -> list[str]:
    """Equal shares with Borda scores as utilities (ordinal ballots)."""
    _require(election, ORDINAL, "mes_borda")
    return _mes(election, "borda")


def _fits(election: Election, projects: Iterable[str]) -> bool:
    return sum((election.costs[p] for p in projects), Fraction(0)) <= election.budget


def _exhaustive(election: Election, projects: list[str], candidates: Iterable[str]) -> bool:
    spent = sum((election.costs[p] for p in projects), Fraction(0))
    chosen = set(projects)
    return not any(p not in chosen and spent + election.costs[p] <= election.budget
                   for p in candidates)


def _mes_add1(election: Election, types: list[VoterType]) -> tuple[list[str], int]:
    """The outcome of the completed method and the number of unit increments it kept."""
    supported = {p for p in election.costs if election.costs[p] > 0 and any(
        t.utilities.get(p, 0) > 0 for t in types)}
    extra = 0
    outcome: list[str] | None = None
    while True:
        limit = _Limit()
        run = _equal_shares(election, types, extra_per_voter=extra, limit=limit)
        if not _fits(election, run.selected):
            # The previous increment's outcome stands (a run at the undivided budget always
            # fits, so there is one).
            return outcome, extra - 1
        if _exhaustive(election, run.selected, supported):
            return run.selected, extra
        if limit.steps is None:  # pragma: no cover - the outcome cannot stay put forever
            raise SelectionError("the completed method of equal shares does not end")
        # Every increment up to extra + steps gives this very outcome: skip them.
        outcome = run.selected
        extra += limit.steps + 1


def mes_add1_run(election: Election) -> tuple[EqualSharesRun, int]:
    """The completed method with its explanation, and how many currency units were added to
    every voter's budget."""
    types = voter_types(election, "cost")
    if not types:
        return EqualSharesRun([], Fraction(0), [], [], [], []), 0
    _, extra = _mes_add1(election, types)
    return _equal_shares(election, types, extra_per_voter=extra, explain=True), extra


def mes_add1(election: Election) -> list[str]:
    """Equal shares (cost utilities) completed by raising every voter's budget one unit at a
    time while the outcome is not exhaustive and still fits: method_of_equal_shares with
    voter_budget_increment=1."""
    _require(election, APPROVAL, "mes_add1")
    return _mes_add1_selected(election)


def _mes_add1_selected(election: Election) -> list[str]:
    types = voter_types(election, "cost")
    if not types:
        return []
    return _mes_add1(election, types)[0]


def mes_add1_greedy(election: Election) -> list[str]:
    """`mes_add1` completed greedily by votes (Cost_Sat), as equalshares.net recommends."""
    _require(election, APPROVAL, "mes_add1_greedy")
    return _greedy(election, "cost", initial=_mes_add1_selected(election))


def _require(election: Election, vote_type: str, method: str) -> None:
    if election.vote_type != vote_type:
        raise SelectionError(
            f"the method {method} needs {vote_type} ballots, this vote has "
            f"{election.vote_type} ballots")


METHODS: dict[str, tuple[str, Callable[[Election], list[str]]]] = {
    "greedy": (APPROVAL, greedy),
    "greedy_cardinality": (APPROVAL, greedy_cardinality),
    "mes_cost": (APPROVAL, mes_cost),
    "mes_cardinality": (APPROVAL, mes_cardinality),
    "mes_add1": (APPROVAL, mes_add1),
    "mes_add1_greedy": (APPROVAL, mes_add1_greedy),
    "greedy_cardinal": (CUMULATIVE, greedy_cardinal),
    "mes_cardinal": (CUMULATIVE, mes_cardinal),
    "greedy_borda": (ORDINAL, greedy_borda),
    "mes_borda": (ORDINAL, mes_borda),
}


def select(election: Election, method: str) -> list[str]:
    """Runs the named rule; SelectionError if unknown or not for this ballot type."""
    if method not in METHODS:
        raise SelectionError(f"unknown method {method}; choose one of {', '.join(METHODS)}")
    return METHODS[method][1](election)
