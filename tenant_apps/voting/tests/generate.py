"""Random budgeted votes for the tests and the benchmark, and their pabutools twins."""

import random
from fractions import Fraction

from tenant_apps.voting.selection import APPROVAL, CUMULATIVE, ORDINAL, Election


def random_election(rng: random.Random, *, vote_type: str = APPROVAL, projects: int = 8,
                    voters: int = 20, max_ballot: int = 4, cost_levels: int = 6,
                    zero_cost: float = 0.1, decimal: float = 0.2, empty: float = 0.1,
                    popularity: float = 1.0, budget_share: float | None = None) -> Election:
    """Few cost levels and small counts make ties common; some projects cost nothing, some
    costs and the budget have cents, some ballots are empty and some projects get no vote."""
    ids = [str(rng.choice([i, 10 + i, 100 + i])) for i in range(1, projects + 1)]
    ids = list(dict.fromkeys(ids))
    costs = {}
    for project in ids:
        if rng.random() < zero_cost:
            costs[project] = Fraction(0)
        else:
            cost = Fraction(rng.randint(1, cost_levels) * 100)
            if rng.random() < decimal:
                cost += Fraction(rng.randint(1, 99), 100)
            costs[project] = cost
    total = sum(costs.values())
    share = budget_share if budget_share is not None else rng.choice([0.3, 0.5, 0.7])
    budget = Fraction(round(total * Fraction(share).limit_denominator(10)))
    if rng.random() < 0.3 and costs:
        # A budget that some selections hit exactly.
        picked = rng.sample(ids, k=max(1, len(ids) // 3))
        budget = sum(costs[p] for p in picked)
    if rng.random() < decimal:
        budget += Fraction(rng.randint(1, 99), 100)
    weights = [rng.random() ** popularity for _ in ids]
    voted = [p for p in ids if rng.random() > 0.1] or ids[:1]  # some projects get no vote
    voted_weights = [weights[ids.index(p)] for p in voted]
    ballots = []
    for _ in range(voters):
        if rng.random() < empty:
            ballots.append(())
            continue
        size = rng.randint(1, min(max_ballot, len(voted)))
        chosen = []
        while len(chosen) < size:
            project = rng.choices(voted, voted_weights)[0]
            if project not in chosen:
                chosen.append(project)
        if vote_type == APPROVAL:
            ballots.append(tuple(sorted(chosen)))
        elif vote_type == CUMULATIVE:
            ballots.append(tuple((p, rng.randint(1, 5)) for p in sorted(chosen)))
        else:
            ballots.append(tuple(chosen))
    return Election(budget=budget, costs=costs, vote_type=vote_type, ballots=ballots)


def as_pabutools(election: Election):
    """The same vote as a pabutools Instance and Profile."""
    from gmpy2 import mpq
    from pabutools.election import (
        ApprovalBallot,
        ApprovalProfile,
        CumulativeBallot,
        CumulativeProfile,
        Instance,
        OrdinalBallot,
        OrdinalProfile,
        Project,
    )

    projects = {p: Project(p, mpq(cost.numerator, cost.denominator))
                for p, cost in election.costs.items()}
    instance = Instance(projects.values(), budget_limit=mpq(election.budget.numerator,
                                                            election.budget.denominator))
    if election.vote_type == APPROVAL:
        profile = ApprovalProfile(
            [ApprovalBallot(projects[p] for p in ballot) for ballot in election.ballots],
            instance=instance)
    elif election.vote_type == CUMULATIVE:
        profile = CumulativeProfile(
            [CumulativeBallot({projects[p]: mpq(points) for p, points in ballot})
             for ballot in election.ballots], instance=instance)
    else:
        assert election.vote_type == ORDINAL
        profile = OrdinalProfile(
            [OrdinalBallot(projects[p] for p in ballot) for ballot in election.ballots],
            instance=instance)
    return instance, profile


def pabutools_select(election: Election, method: str) -> list[str]:
    """The outcome of pabutools 1.2 for one of our method names."""
    return pabutools_runner(election, method)()


def pabutools_runner(election: Election, method: str):
    """A function running pabutools 1.2's rule for one of our method names on this vote,
    converted once beforehand (so that a benchmark times the rule alone)."""
    from pabutools.election import (
        Additive_Borda_Sat,
        Additive_Cardinal_Sat,
        Cardinality_Sat,
        Cost_Sat,
    )
    from pabutools.rules import greedy_utilitarian_welfare, method_of_equal_shares

    instance, profile = as_pabutools(election)
    greedy_measure = {"greedy": Cost_Sat, "greedy_cardinality": Cardinality_Sat,
                      "greedy_cardinal": Additive_Cardinal_Sat,
                      "greedy_borda": Additive_Borda_Sat}
    mes_measure = {"mes_cost": Cost_Sat, "mes_cardinality": Cardinality_Sat,
                   "mes_cardinal": Additive_Cardinal_Sat, "mes_borda": Additive_Borda_Sat}

    def run() -> list[str]:
        if method in greedy_measure:
            outcome = greedy_utilitarian_welfare(instance, profile,
                                                 sat_class=greedy_measure[method])
        elif method in mes_measure:
            outcome = method_of_equal_shares(instance, profile, sat_class=mes_measure[method])
        else:
            outcome = method_of_equal_shares(instance, profile, sat_class=Cost_Sat,
                                             voter_budget_increment=1)
            if method == "mes_add1_greedy":
                outcome = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat,
                                                     initial_budget_allocation=outcome)
            else:
                assert method == "mes_add1"
        return [p.name for p in outcome]

    return run


def lodz_like(rng: random.Random, *, voters: int = 90_000, projects: int = 160,
              districts: int = 20) -> Election:
    """Shaped like Łódź 2022: 160 projects across districts, each voter approving one to
    five projects of their district, a few projects far more popular than the rest."""
    ids = [str(i) for i in range(1, projects + 1)]
    costs = {p: Fraction(rng.randint(10, 400) * 5000) for p in ids}
    popularity = {p: 1 / (1 + rank) ** 0.8 for rank, p in enumerate(rng.sample(ids, len(ids)))}
    pools = [[p for i, p in enumerate(ids) if i % districts == d] for d in range(districts)]
    ballots = []
    for _ in range(voters):
        pool = rng.choice(pools)
        size = min(rng.choice([1, 1, 2, 2, 3, 3, 4, 5]), len(pool))
        chosen: set[str] = set()
        while len(chosen) < size:
            chosen.add(rng.choices(pool, [popularity[p] for p in pool])[0])
        ballots.append(tuple(sorted(chosen)))
    budget = Fraction(sum(costs.values()) * 3 // 10)
    return Election(budget=budget, costs=costs, vote_type=APPROVAL, ballots=ballots)


def budapest_like(rng: random.Random, *, voters: int = 20_000, projects: int = 40,
                  budget: int = 10**9, unit: int = 1_000_000) -> Election:
    """Shaped like Budapest's community budget: a budget of a billion forints, citywide
    projects of 10 to 200 million, each voter approving up to three of them (one vote
    where every project shares supporters with the others)."""
    ids = [f"B{i:02d}" for i in range(1, projects + 1)]
    costs = {p: Fraction(rng.randint(10, 200) * unit) for p in ids}
    popularity = {p: rng.random() ** 2 for p in ids}
    ballots = []
    for _ in range(voters):
        size = rng.randint(1, 3)
        chosen: set[str] = set()
        while len(chosen) < size:
            chosen.add(rng.choices(ids, [popularity[p] for p in ids])[0])
        ballots.append(tuple(sorted(chosen)))
    return Election(budget=Fraction(budget), costs=costs, vote_type=APPROVAL, ballots=ballots)
