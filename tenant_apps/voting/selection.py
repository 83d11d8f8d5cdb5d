"""Selection rules for budgeted votes: greedy and the Method of Equal Shares, exactly.

Pure Python, no Django: the rules run on an `Election` (budget, project costs, ballots) and
return the ids of the selected projects in the order they were chosen. Arithmetic is exact
(integers and `fractions.Fraction`; floats only order candidates, and every decision they
could get wrong is checked exactly). Each rule gives the outcome of the reference library
pabutools 1.2 with its default lexicographic tie-breaking (the smaller project id, compared
as text, wins a tie); the tests compare the two on generated elections.

Speed comes from what pabutools does not do:
- identical ballots are grouped into voter types with a multiplicity;
- money is an integer over a common scale, so comparisons are products of integers, and a
  voter's money is brought to a new scale only when it is read (see `_Purse`);
- a project's supporters are kept in lists per utility, and its price is found in rounds of
  poor and rich supporters, each a list comprehension over those lists: no Python loop per
  voter, no sort (see `_price`);
- the Method of Equal Shares evaluates a project's price lazily (a price only rises from one
  round to the next, so the last one is a lower bound that often settles a round unread);
- the completed variant (`mes_add1`, every voter's budget raised by one currency unit until
  the outcome is exhaustive or no longer fits) does not rerun the method for each unit: parts
  of the vote that share no supporter run apart, and a run is proven to keep its winners
  over a range of budgets, which the loop then skips (see `_mes_add1`).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from itertools import compress, repeat
from math import ceil, gcd, lcm
from operator import itemgetter, mul

APPROVAL = "approval"
CUMULATIVE = "cumulative"
ORDINAL = "ordinal"
# The completed variant runs this many increments one by one before it tries to jump.
PLAIN_INCREMENTS = 3


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


def _totals(election: Election, measure: str, grouped: dict | None = None) -> dict:
    """Each project's total utility over all voters (integers where the ballots are).
    `grouped`: each distinct ballot and how many cast it, if already counted."""
    if grouped is None:
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
            return (1, _density(total, cost), project)
        # No utility: density zero, after every valued project. Under the general scheme a
        # negative total would rank below zero; keep its true density there.
        if zero_cost_first and total < 0:
            return (1, _density(total, cost), project)
        return (1, 0, project)

    skipped = set(skip)
    return sorted((p for p in election.costs if p not in skipped), key=rank)


def _density(total, cost) -> Fraction:
    """Minus total / cost, exactly (one Fraction built rather than three)."""
    total, cost = _exact(total), _exact(cost)
    return Fraction(-total.numerator * cost.denominator, total.denominator * cost.numerator)


def _greedy(election: Election, measure: str, *, initial: Sequence[str] = (),
            grouped: dict | None = None) -> list[str]:
    """Greedy: down the ranking, each project taken if it still fits (after `initial`)."""
    chosen = list(initial)
    remaining = election.budget - sum((election.costs[p] for p in chosen), Fraction(0))
    for project in greedy_ranking(election, measure, skip=chosen,
                                  totals=_totals(election, measure, grouped)):
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


def _exact(value) -> int | Fraction:
    """An amount as an int or a Fraction (either has a numerator and a denominator)."""
    return value if type(value) is int or type(value) is Fraction else Fraction(value)


def _at_scale(value, scale: int) -> int:
    """value × scale, an integer: `scale` is a multiple of the value's denominator."""
    value = _exact(value)
    return value.numerator * (scale // value.denominator)


class _Prepared:
    """What every run on the same voters shares: voter types, integer utilities, supporters.

    Money is kept as integers over a common scale (a run multiplies that scale whenever a
    payment would leave a fraction), utilities as integers over one scale for all projects,
    so that comparisons are products of integers rather than Fraction objects. Per candidate,
    its supporters (voter types with a positive utility) are listed in groups of equal
    utility, so that a run reads, compares and writes their budgets a list at a time."""

    def __init__(self, election: Election, measure: str) -> None:
        self.election = election
        self.measure = measure
        grouped = Counter(election.ballots)
        self.ballots = list(grouped)
        counts = self.counts = list(grouped.values())
        self.voters = sum(counts)
        costs = election.costs
        # Per project, its supporters by utility: [(utility, voter types), ...].
        levels: dict[str, list[tuple]] = {p: [] for p in costs}
        scale = 1
        if measure in ("cost", "cardinality"):
            members: dict[str, list[int]] = {p: [] for p in costs}
            for index, ballot in enumerate(self.ballots):
                for project in ballot:
                    members[project].append(index)
            if measure == "cost":
                scale = lcm(*(_exact(c).denominator for c in costs.values()))
            for project, indices in members.items():
                utility = _at_scale(costs[project], scale) if measure == "cost" else 1
                if indices and utility > 0:
                    levels[project].append((utility, indices))
        else:
            # Per project, its supporters by points (or Borda score).
            tables: dict[str, defaultdict] = {p: defaultdict(list) for p in costs}
            if measure == "points":
                for index, ballot in enumerate(self.ballots):
                    for project, points in ballot:
                        tables[project][points].append(index)
            else:
                assert measure == "borda"
                # The last ranked project scores nothing: it has no supporter there.
                for index, ballot in enumerate(self.ballots):
                    score = len(ballot)
                    for project in ballot[:-1]:
                        score -= 1
                        tables[project][score].append(index)
            pairs = [(p, points, indices) for p, table in tables.items()
                     for points, indices in table.items() if points > 0]
            if any(type(points) is not int for _, points, _ in pairs):
                # Equal points (3 and 3.0 too) are one key of a table already: one utility.
                scale = lcm(*(_exact(points).denominator for _, points, _ in pairs))
                pairs = [(p, _at_scale(points, scale), indices) for p, points, indices in pairs]
            pairs.sort(key=lambda pair: pair[1])
            for project, utility, indices in pairs:
                levels[project].append((utility, indices))
        self.utility_scale = scale
        self.free: list[str] = []
        self.total: dict[str, int] = {}  # candidate -> total utility over its supporters
        # Candidate -> its supporters (voter types) in groups of equal utility:
        # [(utility, voter types, how many voters each), ...]. Groups too many for their
        # size (points from 1 to 100, say) are one group instead, with a list of utilities.
        self.groups: dict[str, list[tuple[int | list[int], list[int], list[int]]]] = {}
        for project, listed in levels.items():
            if not listed:
                continue
            if costs[project] == 0:
                self.free.append(project)
                continue
            if len(listed) > 4 and sum(len(i) for _, i in listed) < 16 * len(listed):
                indices = [index for _, indices in listed for index in indices]
                utilities = [utility for utility, indices in listed for _ in indices]
                weights = [counts[index] for index in indices]
                groups = [(utilities, indices, weights)]
                total = sum(map(mul, utilities, weights))
            else:
                groups, total = [], 0
                for utility, indices in listed:
                    # (itemgetter gathers in C; with one index it returns the count alone)
                    weights = (list(itemgetter(*indices)(counts)) if len(indices) > 1
                               else [counts[indices[0]]])
                    groups.append((utility, indices, weights))
                    total += utility * sum(weights)
            self.total[project] = total
            self.groups[project] = groups
        # Money scale: costs, the budget and every voter's share are integers over it.
        money = lcm(_exact(election.budget).denominator,
                    *(_exact(c).denominator for c in costs.values()))
        self.money_scale = money * self.voters
        # At that scale: each voter's share of the budget, the candidates' costs and their
        # prices before anybody pays (cost over total utility).
        self.share = _at_scale(election.budget, money)
        self.cost = {p: _at_scale(costs[p], self.money_scale) for p in self.total}
        self.budget_per_voter = Fraction(_exact(election.budget).numerator,
                                         _exact(election.budget).denominator * self.voters)
        self.first_price = {p: (self.cost[p], self.total[p] * self.money_scale)
                            for p in self.total}
        self.first_price_approximate = {p: n / d for p, (n, d) in self.first_price.items()}

    @property
    def types(self) -> list[VoterType]:
        utilities_of = UTILITIES[self.measure]
        return [VoterType(count, utilities_of(ballot, self.election.costs))
                for ballot, count in zip(self.ballots, self.counts, strict=True)]


def _price(prepared: _Prepared, project: str, purse: _Purse, cost: int):
    """The least price per unit of utility at which the supporters of `project` can pay its
    `cost`, each paying that price times their utility or, if less, all they have left.
    Returns (numerator, denominator, each group's money, each group's positions of those
    who pay all they have) or None if they cannot pay together.

    pabutools walks the supporters from the poorest (per unit of utility), each paying all
    it has while that is less than the price the others leave. Here, as in its poor and rich
    rounds, a supporter is poor if its money is below the price so far times its utility:
    the poor pay all they have, the rich share the rest. That price only rises as supporters
    turn poor, and never above the walk's (nor, if they cannot pay, beyond what anyone has):
    so the poor only grow, the price is the walk's once their number holds, and the
    supporters cannot pay once they are all poor. Each round is one comparison per
    supporter, in a comprehension per group of equal utility; the rare price that does not
    settle soon is walked."""
    groups = prepared.groups[project]
    moneys = [purse.read(members) for _, members, _ in groups]
    total = prepared.total[project]
    size = sum(map(len, moneys))
    numerator, denominator = cost, total
    poor_count = 0
    single = len(groups) == 1 and type(groups[0][0]) is int
    if single:  # the same utility for all (approval ballots): one list
        utility, _, weights = groups[0]
        money = moneys[0]
        for _ in range(6):
            threshold = -(-numerator * utility // denominator)
            if min(money) >= threshold:  # nobody poor: no list of comparisons
                return numerator, denominator, moneys, [[]]
            poor = [each < threshold for each in money]
            count = poor.count(True)
            if count == poor_count:
                return numerator, denominator, moneys, [list(compress(range(size), poor))]
            if count == size or (poor_count == 0 and 2 * count > size
                                 and sum(map(mul, money, weights)) < cost):
                return None  # (most poor at the first price: can they pay at all?)
            poor_count = count
            numerator = cost - sum(map(mul, compress(money, poor), compress(weights, poor)))
            denominator = total - utility * sum(compress(weights, poor))
    # A group with a utility each is compared by money per utility as a float, each the
    # exact ratio correctly rounded, as is the price: rounding keeps order, so a float
    # below the price's is a ratio below the price and one above a ratio above it; only an
    # equal float is compared exactly.
    ratios = [None if type(utility) is int else _ratios(money, utility)
              for (utility, _, _), money in zip(groups, moneys, strict=True)]
    for _ in range(0 if single else 6):
        masks, count = [], 0
        for (utility, _, _), money, ratio in zip(groups, moneys, ratios, strict=True):
            if type(utility) is int:
                # Money below price × utility, for an integer, is money below its ceiling.
                threshold = -(-numerator * utility // denominator)
                if min(money) >= threshold:  # nobody poor here: no list of comparisons
                    masks.append(None)
                    continue
                poor = [each < threshold for each in money]
            elif ratio is None:  # money over a scale too large for floats
                poor = [each * denominator < numerator * one
                        for each, one in zip(money, utility, strict=True)]
            else:
                price = numerator / denominator
                poor = [one < price for one in ratio]
                if price in ratio:
                    for position in compress(range(len(ratio)), map(price.__eq__, ratio)):
                        poor[position] = (money[position] * denominator
                                          < numerator * utility[position])
            masks.append(poor)
            count += poor.count(True)
        if count == poor_count:
            return numerator, denominator, moneys, [
                list(compress(range(len(poor)), poor)) if poor else [] for poor in masks]
        if count == size or (poor_count == 0 and 2 * count > size
                             and _available_of(groups, moneys) < cost):
            return None  # (most poor at the first price: can they pay at all?)
        poor_count = count
        numerator, denominator = cost, total
        for (utility, _, weights), money, poor in zip(groups, moneys, masks, strict=True):
            if poor and True in poor:
                numerator -= sum(map(mul, compress(money, poor), compress(weights, poor)))
                denominator -= (utility * sum(compress(weights, poor)) if type(utility) is int
                                else sum(map(mul, compress(utility, poor),
                                             compress(weights, poor))))
    # Walk all supporters, exactly, as (group, position) from the poorest.
    if _available_of(groups, moneys) < cost:
        return None
    entries = sorted(
        (Fraction(each, one), number, position, one, weight)
        for number, ((utility, _, weights), money) in enumerate(zip(groups, moneys, strict=True))
        for position, (each, weight, one) in enumerate(zip(
            money, weights, repeat(utility) if type(utility) is int else utility,
            strict=False)))
    numerator, denominator = cost, total
    poor_positions: list[list[int]] = [[] for _ in groups]
    for _, number, position, utility, weight in entries:
        each = moneys[number][position]
        if numerator * utility <= each * denominator:
            return numerator, denominator, moneys, poor_positions
        poor_positions[number].append(position)
        numerator -= each * weight
        denominator -= utility * weight
    raise AssertionError("an affordable project always has a supporter who is not poor")


def _ratios(money: list[int], utilities: list[int]) -> list[float] | None:
    """Each money per utility, correctly rounded (None if too large for a float)."""
    try:
        return [each / one for each, one in zip(money, utilities, strict=True)]
    except OverflowError:
        return None


def _available_of(groups, moneys) -> int:
    """What the supporters have together (their money read in groups, as by `_price`)."""
    return sum(sum(map(mul, money, weights))
               for (_, _, weights), money in zip(groups, moneys, strict=True))


def _available(prepared: _Prepared, project: str, purse: _Purse) -> int:
    groups = prepared.groups[project]
    return _available_of(groups, [purse.read(members) for _, members, _ in groups])


class _Purse:
    """Each voter type's money in a run, an integer over the run's scale. When the scale is
    multiplied (a payment would leave a fraction), only those who pay are written at the
    new scale: the others are brought to it as they are read (`up[k]`: the current scale
    over the scale of the k-th rescale), rather than all rewritten at each rescale."""

    __slots__ = ("money", "stamp", "up")

    def __init__(self, start: int, types: int) -> None:
        self.money = [start] * types
        self.stamp = [0] * types  # the rescale each type's money was written after
        self.up = [1]

    def read(self, members: Iterable[int]) -> list[int]:
        money, stamp, up = self.money, self.stamp, self.up
        if len(up) == 1:
            return [money[index] for index in members]
        return [money[index] * up[stamp[index]] for index in members]

    def rescale(self, factor: int) -> None:
        self.up = [*(scaled * factor for scaled in self.up), 1]

    def pay(self, members: list[int], read: list[int], factor: int, paid: int,
            poor: list[int]) -> None:
        """Each member pays `paid`, or all it has if at one of the positions `poor`; `read`
        is its money as read before a rescale by `factor`. One loop, no list of what is
        left (what `write` would be given)."""
        money, stamp, current = self.money, self.stamp, len(self.up) - 1
        if current:
            for index, each in zip(members, read, strict=True):
                money[index] = each * factor - paid
                stamp[index] = current
        else:  # no rescale yet: every stamp is 0 already, and the factor is 1
            for index, each in zip(members, read, strict=True):
                money[index] = each - paid
        for position in poor:
            money[members[position]] = 0

    def write(self, members: Iterable[int], values: Iterable[int]) -> None:
        money, stamp, current = self.money, self.stamp, len(self.up) - 1
        if not current:  # no rescale yet: every stamp is 0 already
            for index, value in zip(members, values, strict=True):
                money[index] = value
            return
        for index, value in zip(members, values, strict=True):
            money[index] = value
            stamp[index] = current


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
    scale = prepared.money_scale
    budget_per_voter = prepared.budget_per_voter + extra_per_voter
    purse = _Purse(prepared.share + extra_per_voter * scale, len(prepared.counts))
    projects = part.projects if part is not None else list(prepared.total)
    cost = {p: prepared.cost[p] for p in projects}
    # A lower bound on each candidate's price (prices only rise from round to round), as a
    # pair (numerator, denominator) of integers, and as a float to order them quickly.
    lower = {p: prepared.first_price[p] for p in projects}
    approximate = {p: prepared.first_price_approximate[p] for p in projects}
    remaining = set(projects)
    selected = list(prepared.free) if part is None else []
    rounds: list[Round] = []
    prices: list[tuple[int, int]] = []

    while True:
        if forced is not None:
            if len(prices) == len(forced):
                # The same winners: nobody may afford anything more.
                return all(_available(prepared, p, purse) < cost[p] for p in remaining)
            winner_id, ceiling = forced[len(prices)], ceilings[len(prices)]
            for project in list(remaining):
                if project == winner_id:
                    continue
                bound = lower[project]
                left, right = bound[0] * ceiling[1], ceiling[0] * bound[1]
                if left > right or (left == right and winner_id < project):
                    continue
                found = _price(prepared, project, purse, cost[project])
                if found is None:
                    remaining.discard(project)
                    continue
                price = (found[0], found[1] * scale)
                lower[project] = price
                left, right = price[0] * ceiling[1], ceiling[0] * price[1]
                if not (left > right or (left == right and winner_id < project)):
                    return False
            found = _price(prepared, winner_id, purse, cost[winner_id])
            if found is None:
                return False
            best = (winner_id, *found)
        else:
            best = None  # (project, numerator, denominator, moneys, poor)
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
                found = _price(prepared, project, purse, cost[project])
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
        project, numerator, denominator, moneys, poor = best
        remaining.discard(project)
        selected.append(project)
        prices.append((numerator, denominator * scale))
        # Rescale money so that each rich supporter's payment is a whole number.
        factor = denominator // gcd(numerator, denominator)
        if factor > 1:
            scale *= factor
            purse.rescale(factor)
            cost = {p: cost[p] * factor for p in remaining}
            numerator *= factor
        per_utility = numerator // denominator
        payments = []
        for (utility, members, _), money, poor_positions in zip(
                prepared.groups[project], moneys, poor, strict=True):
            # Money read before the rescale is brought to the new scale as it pays.
            if type(utility) is int:
                purse.pay(members, money, factor, per_utility * utility, poor_positions)
                left = purse.read(members) if explain else None
            else:  # a utility each
                left = [each * factor - per_utility * one
                        for each, one in zip(money, utility, strict=True)]
                for position in poor_positions:  # pays all it has left
                    left[position] = 0
                purse.write(members, left)
            if explain:
                payments += [Payment(index, Fraction(before * factor - after, scale))
                             for index, before, after in zip(members, money, left, strict=True)]
        if explain:
            rounds.append(Round(project, Fraction(numerator, denominator * scale)
                                * prepared.utility_scale, payments))
    left = [Fraction(money, scale) for money in purse.read(range(len(prepared.counts)))
            ] if explain else []
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

    first: dict[int, str] = {}  # voter type -> the first candidate it supports
    for project, groups in prepared.groups.items():
        members = [index for _, indices, _ in groups for index in indices]
        for other in set(map(first.setdefault, members, repeat(project))):
            one, two = root(other), root(project)
            if one != two:
                parent[two] = one
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


def _spent(prepared: _Prepared, projects: Iterable[str]) -> int:
    """What the projects cost together, at the money scale (free projects cost nothing)."""
    return sum(map(prepared.cost.get, projects, repeat(0)))


def _exhaustive(prepared: _Prepared, projects: list[str], spent: int) -> bool:
    limit = prepared.share * prepared.voters  # the budget at the money scale
    chosen = set(projects)
    return not any(p not in chosen and spent + c <= limit for p, c in prepared.cost.items())


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
    # Increments to run plainly before trying to jump (again): a vote that needs only a few
    # increments is done sooner by running them than by proving that a jump holds.
    waiting = [PLAIN_INCREMENTS] * len(parts)
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
        spent = _spent(prepared, outcome)
        if spent > prepared.share * prepared.voters:
            # The previous increment's outcome stands (a run at the undivided budget always
            # fits, so there is one).
            return _in_order(prepared, extra - 1, previous, len(parts)), extra - 1
        if _exhaustive(prepared, outcome, spent):
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




def mes_add1(election: Election) -> list[str]:
    """Equal shares (cost utilities) completed by raising every voter's budget one unit at a
    time while the outcome is not exhaustive and still fits: method_of_equal_shares with
    voter_budget_increment=1."""
    _require(election, APPROVAL, "mes_add1")
    if not election.ballots:
        return []
    return _mes_add1(_Prepared(election, "cost"))[0]


def mes_add1_greedy(election: Election) -> list[str]:
    """`mes_add1` completed greedily by votes (Cost_Sat), as equalshares.net recommends."""
    _require(election, APPROVAL, "mes_add1_greedy")
    if not election.ballots:
        return _greedy(election, "cost")
    prepared = _Prepared(election, "cost")
    # The ballots as the method counted them, for greedy's totals.
    grouped = dict(zip(prepared.ballots, prepared.counts, strict=True))
    return _greedy(election, "cost", initial=_mes_add1(prepared)[0], grouped=grouped)


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
