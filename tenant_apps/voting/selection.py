"""Selection rules for budgeted votes: greedy and the Method of Equal Shares, exactly.

Pure Python, no Django: the rules run on an `Election` (budget, project costs, ballots) and
return the ids of the selected projects in the order they were chosen. Arithmetic is exact
(integers and `fractions.Fraction`; floats only order candidates, and every decision they
could get wrong is checked exactly). Each rule gives the outcome of the reference library
pabutools 1.2 with its default lexicographic tie-breaking (the smaller project id, compared
as text, wins a tie); the tests compare the two on generated elections.

Speed comes from what pabutools does not do:
- identical ballots are grouped into voter types with a multiplicity;
- money is an integer over a common scale, so comparisons are products of integers;
- the Method of Equal Shares evaluates a project's price lazily (a price only rises from one
  round to the next, so the last one is a lower bound that often settles a round unread);
- the completed variant (`mes_add1`, every voter's budget raised by one currency unit until
  the outcome is exhaustive or no longer fits) does not rerun the method for each unit: parts
  of the vote that share no supporter run apart, and a run is proven to keep its winners
  over a range of budgets, which the loop then skips (see `_mes_add1`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from math import ceil, gcd, lcm

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


# ---------------------------------------------------------------------------------------
# Greedy


def _totals(election: Election, measure: str) -> dict:
    """Each project's total utility over all voters (integers where the ballots are)."""
    grouped = Counter(election.ballots)
    totals: dict = dict.fromkeys(election.costs, 0)
    if measure in ("cost", "cardinality"):
        for ballot, count in grouped.items():
            for project in ballot:
                totals[project] += count
        if measure == "cost":
            return {p: votes * election.costs[p] for p, votes in totals.items()}
        return totals
    if measure == "points":
        for ballot, count in grouped.items():
            for project, points in ballot:
                totals[project] += count * points
        return totals
    assert measure == "borda"
    for ballot, count in grouped.items():
        score = len(ballot)
        for project in ballot:
            score -= 1
            totals[project] += count * score
    return totals


def greedy_ranking(election: Election, measure: str, *, skip: Iterable[str] = (),
                   totals: dict | None = None) -> list[str]:
    """The order in which greedy considers projects: decreasing total utility per unit of
    cost, ties to the smaller id. A free project comes first if somebody values it (pabutools'
    additive scheme); with Borda scores (its general scheme) a free project comes first even
    if nobody does."""
    totals = _totals(election, measure) if totals is None else totals
    zero_cost_first = measure == "borda"

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

    skipped = set(skip)
    return sorted((p for p in election.costs if p not in skipped), key=rank)


def _greedy(election: Election, measure: str, *, initial: Sequence[str] = ()) -> list[str]:
    """Greedy: down the ranking, each project taken if it still fits (after `initial`)."""
    chosen = list(initial)
    remaining = election.budget - sum((election.costs[p] for p in chosen), Fraction(0))
    for project in greedy_ranking(election, measure, skip=chosen):
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
    return _greedy(election, "borda")


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
    # Each round's price per (internal) unit of utility, as a numerator and a denominator.
    prices: list[tuple[int, int]] = field(default_factory=list)


class _Prepared:
    """What every run on the same voters shares: voter types, integer utilities, supporters.

    Money is kept as integers over a common scale (a run multiplies that scale whenever a
    payment would leave a fraction), utilities as integers over one scale for all projects,
    so that comparisons are products of integers rather than Fraction objects."""

    def __init__(self, election: Election, measure: str) -> None:
        self.election = election
        self.measure = measure
        grouped = Counter(election.ballots)
        self.ballots = list(grouped)
        self.counts = list(grouped.values())
        self.voters = sum(self.counts)
        costs = election.costs
        self.supporters: dict[str, list[tuple[int, int]]] = {p: [] for p in costs}
        scale = 1
        counts = self.counts
        supporters = self.supporters
        # Per candidate, how many voters support it and their total utility.
        supporter_count = dict.fromkeys(costs, 0)
        total = dict.fromkeys(costs, 0)
        if measure in ("cost", "cardinality"):
            if measure == "cost":
                scale = lcm(*(Fraction(c).denominator for c in costs.values()))
                worth = {p: int(Fraction(c) * scale) for p, c in costs.items()}
            else:
                worth = dict.fromkeys(costs, 1)
            for index, ballot in enumerate(self.ballots):
                count = counts[index]
                for project in ballot:
                    supporters[project].append((index, worth[project]))
                    supporter_count[project] += count
            total = {p: supporter_count[p] * worth[p] for p in costs}
        else:
            if measure == "points":
                scale = lcm(*{Fraction(points).denominator
                              for ballot in self.ballots for _, points in ballot
                              if not isinstance(points, int)})
                worths = ([list(ballot) for ballot in self.ballots] if scale == 1 else
                          [[(p, int(points * scale)) for p, points in ballot]
                           for ballot in self.ballots])
            else:
                assert measure == "borda"
                worths = [[(p, len(ballot) - position - 1) for position, p in enumerate(ballot)]
                          for ballot in self.ballots]
            for index, pairs in enumerate(worths):
                count = counts[index]
                for project, utility in pairs:
                    if utility > 0:
                        supporters[project].append((index, utility))
                        supporter_count[project] += count
                        total[project] += count * utility
        self.utility_scale = scale
        self.free: list[str] = []
        self.total: dict[str, int] = {}
        self.uniform: dict[str, bool] = {}
        self.supporter_count: dict[str, int] = {}
        for project, members in supporters.items():
            if total[project] > 0:
                if costs[project] > 0:
                    self.total[project] = total[project]
                    self.supporter_count[project] = supporter_count[project]
                    first = members[0][1]
                    self.uniform[project] = (measure in ("cost", "cardinality")
                                             or all(u == first for _, u in members))
                else:
                    self.free.append(project)
        # Per voter type, the candidates it supports.
        candidates = self.total
        self.supports: list[list[str]] = [[] for _ in self.ballots]
        for project in candidates:
            for index, _ in supporters[project]:
                self.supports[index].append(project)
        # Money scale: costs, the budget and every voter's share are integers over it.
        money = lcm(Fraction(election.budget).denominator,
                    *(Fraction(c).denominator for c in costs.values()))
        self.money_scale = money * self.voters
        # At that scale: each voter's share of the budget, the candidates' costs and their
        # prices before anybody pays (cost over total utility).
        self.share = int(Fraction(election.budget) * money)
        self.cost = {p: int(Fraction(costs[p]) * self.money_scale) for p in self.total}
        self.first_price = {p: (self.cost[p], self.total[p] * self.money_scale)
                            for p in self.total}
        self.first_price_approximate = {p: n / d for p, (n, d) in self.first_price.items()}

    @property
    def types(self) -> list[VoterType]:
        utilities_of = UTILITIES[self.measure]
        return [VoterType(count, utilities_of(ballot, self.election.costs))
                for ballot, count in zip(self.ballots, self.counts, strict=True)]


def _price(prepared: _Prepared, project: str, budget: list[int], cost: int, available: int,
           stamp: list[int], scale: int):
    """The least price per unit of utility at which the supporters of `project` can pay its
    `cost`, each paying that price times their utility or, if less, all they have left.
    Returns (numerator, denominator, supporters ordered as (key, voter type, utility), how
    many pay all they have) or None if they cannot pay (`available`: what they have left
    together)."""
    if available < cost:
        return None
    counts = prepared.counts
    uniform = prepared.uniform[project]
    keyed = []
    for index, utility in prepared.supporters[project]:
        money = budget[index]
        if stamp[index] != scale:  # brought to the current scale only when read
            money *= scale // stamp[index]
            budget[index] = money
            stamp[index] = scale
        keyed.append((money if uniform else money / utility, index, utility))
    keyed.sort()
    found = _split(keyed, budget, counts, cost, prepared.total[project])
    if uniform:
        return found
    # Budget per utility as a float orders supporters correctly except between ratios that
    # round to the same float: only supporters whose float ratio equals that of one beside
    # the split can be on the wrong side of it. They are checked exactly, and in the rare
    # case one is, the order is redone with exact ratios.
    numerator, denominator, _, poor = found
    near = {keyed[position][0] for position in (poor - 1, poor) if 0 <= position < len(keyed)}
    for position, (key, index, utility) in enumerate(keyed):
        if key in near:
            gap = numerator * utility - budget[index] * denominator
            if (gap < 0) if position < poor else (gap > 0):
                exact = sorted((Fraction(budget[i], u), i, u) for _, i, u in keyed)
                return _split(exact, budget, counts, cost, prepared.total[project])
    return found


def _split(order, budget, counts, cost, total):
    """Walks the supporters from the poorest (per unit of utility): each one who cannot pay
    the price the others leave pays all they have."""
    paid_by_poor = 0
    denominator = total
    for poor, (_, index, utility) in enumerate(order):
        numerator = cost - paid_by_poor
        if numerator * utility <= budget[index] * denominator:
            return numerator, denominator, order, poor
        paid_by_poor += counts[index] * budget[index]
        denominator -= counts[index] * utility
    raise AssertionError("an affordable project always has a supporter who is not poor")


def _equal_shares(prepared: _Prepared, *, extra_per_voter: int = 0, explain: bool = False,
                  forced: list[str] | None = None,
                  ceilings: list[tuple[int, int]] | None = None,
                  part: _Part | None = None):
    """One run of the Method of Equal Shares, each voter's budget being the budget divided by
    the number of voters plus `extra_per_voter`. With `part`, only that part's projects run
    (free projects left out).

    With `forced` and `ceilings` (the winners and prices of a run at a smaller budget), checks
    instead that this run picks the same winners, each at a price the others never undercut
    in between: returns True or False (see `_mes_add1`)."""
    election = prepared.election
    counts = prepared.counts
    scale = prepared.money_scale
    budget_per_voter = Fraction(election.budget) / prepared.voters + extra_per_voter
    budget = [prepared.share + extra_per_voter * scale] * len(counts)
    # The scale each voter type's budget is written at (see _price).
    stamp = [scale] * len(counts)
    projects = part.projects if part is not None else list(prepared.total)
    cost = {p: prepared.cost[p] for p in projects}
    # A lower bound on each candidate's price (prices only rise from round to round), as a
    # pair (numerator, denominator) of integers, and as a float to order them quickly.
    lower = {p: prepared.first_price[p] for p in projects}
    approximate = {p: prepared.first_price_approximate[p] for p in projects}
    # What each candidate's supporters have left together, kept up to date as they pay.
    available = {p: budget[0] * prepared.supporter_count[p] for p in projects}
    supports = prepared.supports
    remaining = set(projects)
    selected = list(prepared.free) if part is None else []
    rounds: list[Round] = []
    prices: list[tuple[int, int]] = []

    while True:
        if forced is not None:
            if len(prices) == len(forced):
                # The same winners: nobody may afford anything more.
                return all(available[p] < cost[p] for p in remaining)
            winner_id, ceiling = forced[len(prices)], ceilings[len(prices)]
            for project in list(remaining):
                if project == winner_id:
                    continue
                bound = lower[project]
                left, right = bound[0] * ceiling[1], ceiling[0] * bound[1]
                if left > right or (left == right and winner_id < project):
                    continue
                found = _price(prepared, project, budget, cost[project], available[project],
                               stamp, scale)
                if found is None:
                    remaining.discard(project)
                    continue
                price = (found[0], found[1] * scale)
                lower[project] = price
                left, right = price[0] * ceiling[1], ceiling[0] * price[1]
                if not (left > right or (left == right and winner_id < project)):
                    return False
            found = _price(prepared, winner_id, budget, cost[winner_id],
                           available[winner_id], stamp, scale)
            if found is None:
                return False
            best = (winner_id, *found)
        else:
            best = None  # (project, numerator, denominator, order, poor)
            best_price, best_approximate = None, 0.0
            # Candidates in order of their lower bounds, as floats for speed: a bound clearly
            # above the best price ends the round (every later bound is at least as high);
            # a bound only just above it is compared exactly and skipped.
            for project in sorted(remaining, key=lambda p: (approximate[p], p)):
                if best_price is not None:
                    if approximate[project] > best_approximate * (1 + 1e-9):
                        break
                    bound = lower[project]
                    if bound[0] * best_price[1] > best_price[0] * bound[1]:
                        continue
                found = _price(prepared, project, budget, cost[project], available[project],
                               stamp, scale)
                if found is None:
                    remaining.discard(project)
                    continue
                numerator, denominator = found[0], found[1]
                lower[project] = (numerator, denominator * scale)
                approximate[project] = numerator / (denominator * scale)
                if best is None:
                    better = True
                else:
                    left, right = numerator * best[2], best[1] * denominator
                    better = left < right or (left == right and project < best[0])
                if better:
                    best = (project, *found)
                    best_price = lower[project]
                    best_approximate = approximate[project]
            if best is None:
                break
        project, numerator, denominator, order, poor = best
        remaining.discard(project)
        selected.append(project)
        prices.append((numerator, denominator * scale))
        # Rescale money so that each rich supporter's payment is a whole number.
        factor = denominator // gcd(numerator, denominator)
        if factor > 1:
            scale *= factor
            for other in remaining:
                available[other] *= factor
            cost = {p: c * factor for p, c in cost.items()}
            numerator *= factor
        per_utility = numerator // denominator
        payments = []
        for position, (_, index, utility) in enumerate(order):
            if stamp[index] != scale:
                budget[index] *= scale // stamp[index]
                stamp[index] = scale
            if position < poor:  # pays all it has left
                paid = budget[index]
                budget[index] = 0
            else:
                paid = per_utility * utility
                budget[index] -= paid
            if paid:
                spent = paid * counts[index]
                for other in supports[index]:
                    if other in remaining:
                        available[other] -= spent
            if explain:
                payments.append(Payment(index, Fraction(paid, scale)))
        if explain:
            rounds.append(Round(project, Fraction(numerator, denominator * scale)
                                * prepared.utility_scale, payments))
    left = [Fraction(b, s) for b, s in zip(budget, stamp, strict=True)] if explain else []
    return EqualSharesRun(selected, budget_per_voter, prepared.types if explain else [],
                          rounds, left,
                          list(prepared.free) if part is None else [], prices)


@dataclass
class _Part:
    """Projects linked through shared supporters. Parts do not interact: a winner changes
    only its supporters' budgets, a price depends only on its supporters' budgets, so each
    part picks the same winners, in the same order, whether it runs alone or interleaved
    with the others."""

    projects: list[str]


def _parts(prepared: _Prepared) -> list[_Part]:
    parent = {p: p for p in prepared.total}

    def root(project: str) -> str:
        while parent[project] != project:
            parent[project] = parent[parent[project]]
            project = parent[project]
        return project

    for projects in prepared.supports:
        if projects:
            first = root(projects[0])
            for project in projects[1:]:
                other = root(project)
                if other != first:
                    parent[other] = first
    grouped: dict[str, _Part] = {}
    for project in prepared.total:
        grouped.setdefault(root(project), _Part([])).projects.append(project)
    return list(grouped.values())


def _run(election: Election, measure: str, *, explain: bool = False) -> EqualSharesRun:
    if not election.ballots:
        return EqualSharesRun([], Fraction(0), [], [], [], [])
    return _equal_shares(_Prepared(election, measure), explain=explain)


def equal_shares_run(election: Election, measure: str) -> EqualSharesRun:
    """The Method of Equal Shares with its explanation (payments per voter type)."""
    return _run(election, measure, explain=True)


def mes_cost(election: Election) -> list[str]:
    """Equal shares with cost utilities: method_of_equal_shares with Cost_Sat."""
    _require(election, APPROVAL, "mes_cost")
    return _run(election, "cost").selected


def mes_cardinality(election: Election) -> list[str]:
    """Equal shares with cardinality utilities: method_of_equal_shares with Cardinality_Sat."""
    _require(election, APPROVAL, "mes_cardinality")
    return _run(election, "cardinality").selected


def mes_cardinal(election: Election) -> list[str]:
    """Equal shares with points as utilities (cumulative ballots)."""
    _require(election, CUMULATIVE, "mes_cardinal")
    return _run(election, "points").selected


def mes_borda(election: Election) -> list[str]:
    """Equal shares with Borda scores as utilities (ordinal ballots)."""
    _require(election, ORDINAL, "mes_borda")
    return _run(election, "borda").selected


def _fits(election: Election, projects: Iterable[str]) -> bool:
    return sum((election.costs[p] for p in projects), Fraction(0)) <= election.budget


def _exhaustive(election: Election, projects: list[str], candidates: Iterable[str]) -> bool:
    spent = sum((election.costs[p] for p in projects), Fraction(0))
    chosen = set(projects)
    return not any(p not in chosen and spent + election.costs[p] <= election.budget
                   for p in candidates)


def _mes_add1(prepared: _Prepared) -> tuple[list[str], int]:
    """The outcome of the completed method and the number of unit increments it kept.

    pabutools reruns the method after each one-unit increment. The same outcome is found
    with far fewer runs. First, parts of the vote that share no supporter run apart (see
    `_Part`), and only a part whose winners may have changed runs again. Second, for one
    sequence of winners, every voter's leftover budget after every round only grows with the
    starting budget, and every price only falls. So if a part's run at budget `extra` and at
    `later` pick the same winners, and in each round no other project at `later` is cheaper
    than the winner was at `extra`, every budget in between picks those winners too: that
    part need not run again before `later + 1` (found by doubling the jump, then halving)."""
    election = prepared.election
    candidates = list(prepared.total)
    parts = _parts(prepared)
    # With this much more each, any one voter could buy every project: everything with a
    # supporter is selected, so the outcome is exhaustive or too dear and the loop ends.
    ceiling = ceil(sum((election.costs[p] for p in candidates), Fraction(0))) + 1
    winners: list[list[str]] = [[] for _ in parts]
    valid_until = [-1] * len(parts)  # each part's winners hold up to this increment
    held = [1] * len(parts)  # for how many increments they held last time: a first guess
    waiting = [0] * len(parts)  # increments to run plainly before trying to jump again
    patience = [0] * len(parts)
    extra = 0
    previous: list[str] = list(prepared.free)
    while True:
        runs = {}
        for number, part in enumerate(parts):
            if valid_until[number] < extra:
                runs[number] = _equal_shares(prepared, extra_per_voter=extra, part=part)
                winners[number] = runs[number].selected
                valid_until[number] = extra
        outcome = [*prepared.free, *(p for chosen in winners for p in chosen)]
        if not _fits(election, outcome):
            # The previous increment's outcome stands (a run at the undivided budget always
            # fits, so there is one).
            return _in_order(prepared, extra - 1, previous, len(parts)), extra - 1
        if _exhaustive(election, outcome, candidates):
            return _in_order(prepared, extra, outcome, len(parts)), extra
        previous = outcome
        for number, run in runs.items():
            if waiting[number]:
                # Its winners changed at the last increments: proving they hold costs more
                # than running the next increment, for a while.
                waiting[number] -= 1
                continue
            valid_until[number] = _last_same(prepared, parts[number], extra, run, ceiling,
                                             first_jump=max(1, held[number] // 2))
            held[number] = valid_until[number] - extra + 1
            if held[number] == 1:
                patience[number] = min(2 * patience[number] + 1, 15)
                waiting[number] = patience[number]
            else:
                patience[number] = 0
        extra = min(valid_until) + 1


def _last_same(prepared: _Prepared, part: _Part, extra: int, run: EqualSharesRun,
               ceiling: int, first_jump: int = 1) -> int:
    """The last increment up to which a part's run at `extra` provably keeps its winners
    (at most `ceiling`)."""

    def same(later: int) -> bool:
        return _equal_shares(prepared, extra_per_voter=later, forced=run.selected,
                             ceilings=run.prices, part=part)

    known, jump = extra, first_jump
    while True:
        if extra + jump >= ceiling:
            if same(ceiling):
                return ceiling
            failed = ceiling
            break
        if not same(extra + jump):
            failed = extra + jump
            break
        known, jump = extra + jump, jump * 2
    while failed - known > 1:
        middle = (known + failed) // 2
        if same(middle):
            known = middle
        else:
            failed = middle
    return known


def _in_order(prepared: _Prepared, extra: int, outcome: list[str], parts: int) -> list[str]:
    """The winners at one increment in the order the whole vote picks them (with one part,
    its own order)."""
    if parts <= 1:
        return outcome
    selected = _equal_shares(prepared, extra_per_voter=extra).selected
    assert set(selected) == set(outcome), "parts must pick what the whole vote picks"
    return selected


def mes_add1_run(election: Election) -> tuple[EqualSharesRun, int]:
    """The completed method with its explanation, and how many currency units were added to
    every voter's budget."""
    if not election.ballots:
        return EqualSharesRun([], Fraction(0), [], [], [], []), 0
    prepared = _Prepared(election, "cost")
    _, extra = _mes_add1(prepared)
    return _equal_shares(prepared, extra_per_voter=extra, explain=True), extra


def _mes_add1_selected(election: Election) -> list[str]:
    if not election.ballots:
        return []
    return _mes_add1(_Prepared(election, "cost"))[0]


def mes_add1(election: Election) -> list[str]:
    """Equal shares (cost utilities) completed by raising every voter's budget one unit at a
    time while the outcome is not exhaustive and still fits: method_of_equal_shares with
    voter_budget_increment=1."""
    _require(election, APPROVAL, "mes_add1")
    return _mes_add1_selected(election)


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
