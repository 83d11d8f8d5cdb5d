"""Why the selection rules chose what they chose, in terms a results page can show.

Pure Python, like `selection`. For greedy rules: the budget line, each project in the order
the rule considered it, with the money spent before it and whether it fitted. For the
Method of Equal Shares: for each winner, what its supporters paid (those who paid the price
in full, and those who paid all they had left); for each project with supporters that lost,
how much money its supporters still had at the end against its cost.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction

from tenant_apps.voting import selection
from tenant_apps.voting.selection import Election

GREEDY_MEASURES = {"greedy": "cost", "greedy_cardinality": "cardinality",
                   "greedy_cardinal": "points", "greedy_borda": "borda"}
EQUAL_SHARES_MEASURES = {"mes_cost": "cost", "mes_cardinality": "cardinality",
                         "mes_cardinal": "points", "mes_borda": "borda",
                         "mes_add1": "cost", "mes_add1_greedy": "cost"}


@dataclass
class BudgetLineEntry:
    """One project as a greedy rule met it."""

    project: str
    cost: Fraction
    score: Fraction  # what the rule counted for it: votes, points or Borda score
    spent_before: Fraction
    selected: bool  # False: it did not fit in what was left


@dataclass
class WinnerShares:
    """Who paid for one winner of equal shares."""

    project: str
    cost: Fraction
    full_payers: int  # supporters who paid the price in full
    full_price_each: Fraction  # what one of them paid (for the first such group)
    full_paid: Fraction
    exhausted_payers: int  # supporters who paid all they had left
    exhausted_paid: Fraction


@dataclass
class LoserMoney:
    """A project somebody wanted that equal shares did not fund."""

    project: str
    cost: Fraction
    supporters: int
    money_at_start: Fraction  # its supporters' money before any selection
    money_left: Fraction  # what they had left at the end: less than its cost


@dataclass
class Explanation:
    method: str
    selected: list[str]
    budget_per_voter: Fraction | None = None
    extra_per_voter: int = 0  # units added to each voter's budget (completed variant)
    winners: list[WinnerShares] = field(default_factory=list)
    losers: list[LoserMoney] = field(default_factory=list)
    budget_line: list[BudgetLineEntry] = field(default_factory=list)


def budget_line(election: Election, method: str, *,
                initial: tuple[str, ...] = ()) -> list[BudgetLineEntry]:
    """The greedy rule's walk down its ranking (after `initial`, already selected)."""
    measure = "cost" if method == "mes_add1_greedy" else GREEDY_MEASURES[method]
    totals = selection._totals(election, measure)
    # Shown as votes: with cost utilities a project's total is its voters times its cost,
    # and greedy ranks by that total over the cost, which is the number of its voters.
    shown = selection._totals(election, "cardinality") if measure == "cost" else totals
    spent = sum((election.costs[p] for p in initial), Fraction(0))
    entries = []
    for project in selection.greedy_ranking(election, measure, skip=initial, totals=totals):
        cost = election.costs[project]
        fits = spent + cost <= election.budget
        entries.append(BudgetLineEntry(project, cost, Fraction(shown[project]), spent, fits))
        if fits:
            spent += cost
    return entries


def explain(election: Election, method: str) -> Explanation:
    """The outcome of `method` with the reasons a results page shows."""
    selected = selection.select(election, method)
    result = Explanation(method, selected)
    if method in GREEDY_MEASURES:
        result.budget_line = budget_line(election, method)
        return result
    if method in ("mes_add1", "mes_add1_greedy"):
        run, extra = selection.mes_add1_run(election)
        result.extra_per_voter = extra
    else:
        run = selection.equal_shares_run(election, EQUAL_SHARES_MEASURES[method])
    result.budget_per_voter = run.budget_per_voter
    counts = [t.count for t in run.voter_types]
    for round_ in run.rounds:
        full = [p for p in round_.payments if p.each and _paid_in_full(run, round_, p)]
        exhausted = [p for p in round_.payments if p not in full and p.each]
        result.winners.append(WinnerShares(
            project=round_.project, cost=Fraction(election.costs[round_.project]),
            full_payers=sum(counts[p.voter_type] for p in full),
            full_price_each=full[0].each if full else Fraction(0),
            full_paid=sum((counts[p.voter_type] * p.each for p in full), Fraction(0)),
            exhausted_payers=sum(counts[p.voter_type] for p in exhausted),
            exhausted_paid=sum((counts[p.voter_type] * p.each for p in exhausted),
                               Fraction(0))))
    won = set(selected)  # with mes_add1_greedy, also what greedy added
    for project, cost in election.costs.items():
        if project in won:
            continue
        backers = [i for i, t in enumerate(run.voter_types) if t.utilities.get(project, 0) > 0]
        if not backers or cost == 0:
            continue
        result.losers.append(LoserMoney(
            project=project, cost=Fraction(cost),
            supporters=sum(counts[i] for i in backers),
            money_at_start=run.budget_per_voter * sum(counts[i] for i in backers),
            money_left=sum((counts[i] * run.left[i] for i in backers), Fraction(0))))
    result.losers.sort(key=lambda loser: (-loser.supporters, loser.project))
    if method == "mes_add1_greedy":
        result.budget_line = budget_line(election, method, initial=tuple(run.selected))
    return result


def _paid_in_full(run, round_, payment) -> bool:
    """A supporter paid the price in full if it still had money left after paying."""
    # The budget after this round is not kept per round; the price times the utility is
    # what a full payer pays.
    utility = run.voter_types[payment.voter_type].utilities.get(round_.project, 0)
    return payment.each == round_.price_per_utility * utility
