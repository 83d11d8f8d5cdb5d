"""A small city whose reports are known by heart, and a busy one for counting queries.

Cluj (two calls):
  Finance (3 members: a1, a2, m3), Mobility (2 members: b1, b2), `loner` has no department.
  Paperless: a1 submitted+eligible (Optimisation), a2 shortlisted+implementing
  (Sustainability), b1 implemented+ineligible (no theme), loner draft+withdrawn.
  Greener: b2 not selected+abandoned (Sustainability), loner submitted (no theme).
  Savings (money/hours, realised after the slash):
    implementing: 2026-01 1000/800 10/8, 2026-02 1000/– 10/–
    implemented:  2026-01 500/600 5/6,   2026-04 200/200 2/2
    abandoned:    2026-01 300/100 3/1
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from tenant_apps.calls.models import Call, Phase, Theme
from tenant_apps.implementation.models import Implementation, SavingsEntry
from tenant_apps.people.services import profile_set_department
from tenant_apps.proposals.models import Proposal, Status


@dataclass
class CityData:
    paperless: Call
    greener: Call


def add_savings(proposal: Proposal, *entries: tuple) -> Implementation:
    """`entries` are (period, projected money, realised money, projected h, realised h)."""
    implementation = Implementation.objects.create(proposal=proposal)
    for period, projected, realised, projected_hours, realised_hours in entries:
        SavingsEntry.objects.create(
            implementation=implementation, period=period,
            projected_money=Decimal(projected),
            realised_money=None if realised is None else Decimal(realised),
            projected_hours=Decimal(projected_hours),
            realised_hours=None if realised_hours is None else Decimal(realised_hours),
        )
    return implementation


@pytest.fixture
def cluj_data(cluj, make_user, make_call, make_department, make_proposal) -> CityData:
    finance = make_department(cluj, name="Finance")
    mobility = make_department(cluj, name="Mobility")
    a1, a2, m3, b1, b2, loner = (make_user(cluj) for _ in range(6))
    with tenant_context(cluj):
        for user in (a1, a2, m3):
            profile_set_department(user=user, department=finance)
        for user in (b1, b2):
            profile_set_department(user=user, department=mobility)
        optimisation = Theme.objects.create(name="Optimisation", code="optimisation")
        sustainability = Theme.objects.create(name="Sustainability", code="sustainability")
    paperless = make_call(cluj, phase=Phase.IMPLEMENTATION, title="Paperless city hall")
    greener = make_call(cluj, phase=Phase.IMPLEMENTATION, title="Greener fleet")
    with tenant_context(cluj):
        paperless.themes.add(optimisation, sustainability)
        greener.themes.add(sustainability)

    def propose(call, author, status, theme=None):
        return make_proposal(cluj, call, author=author, status=status, theme=theme)

    propose(paperless, a1, Status.SUBMITTED, optimisation)
    propose(paperless, a1, Status.ELIGIBLE, optimisation)
    propose(paperless, a2, Status.SHORTLISTED, sustainability)
    implementing = propose(paperless, a2, Status.IMPLEMENTING, sustainability)
    implemented = propose(paperless, b1, Status.IMPLEMENTED)
    propose(paperless, b1, Status.INELIGIBLE)
    propose(paperless, loner, Status.DRAFT)
    propose(paperless, loner, Status.WITHDRAWN)
    propose(greener, b2, Status.NOT_SELECTED, sustainability)
    abandoned = propose(greener, b2, Status.ABANDONED, sustainability)
    propose(greener, loner, Status.SUBMITTED)
    with tenant_context(cluj):
        add_savings(implementing, (date(2026, 1, 1), "1000.00", "800.00", "10.0", "8.0"),
                    (date(2026, 2, 1), "1000.00", None, "10.0", None))
        add_savings(implemented, (date(2026, 1, 1), "500.00", "600.00", "5.0", "6.0"),
                    (date(2026, 4, 1), "200.00", "200.00", "2.0", "2.0"))
        add_savings(abandoned, (date(2026, 1, 1), "300.00", "100.00", "3.0", "1.0"))
    return CityData(paperless=paperless, greener=greener)


@pytest.fixture
def paris_data(paris, make_user, make_call, make_department, make_proposal) -> Call:
    """Paris has its own department, theme and savings, none of which Cluj may show."""
    voirie = make_department(paris, name="Voirie")
    author = make_user(paris)
    with tenant_context(paris):
        profile_set_department(user=author, department=voirie)
        theme = Theme.objects.create(name="Mobilité douce", code="mobilite-douce")
    call = make_call(paris, phase=Phase.IMPLEMENTATION, title="Vélo pour tous")
    proposal = make_proposal(paris, call, author=author, status=Status.IMPLEMENTED,
                             theme=theme)
    with tenant_context(paris):
        add_savings(proposal, (date(2025, 7, 1), "98765.43", "87654.32", "321.0", "123.0"))
    return call


@pytest.fixture
def admin_browser(signed_in):
    def make(city):
        return signed_in(city, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])

    return make


@pytest.fixture
def grow_city(make_user, make_call, make_department, make_proposal):
    """Adds proposals to a city, spread over departments, themes and implementations, so
    every report has more rows when there are more proposals."""
    state = {"call": None, "authors": [], "themes": [], "made": 0}

    def grow(city, count: int) -> Call:
        if state["call"] is None:
            state["call"] = make_call(city, phase=Phase.IMPLEMENTATION)
        call = state["call"]
        for _ in range(count):
            index = state["made"]
            state["made"] += 1
            if index % 5 == 0:
                department = make_department(city, name=f"Department {index}")
                author = make_user(city)
                with tenant_context(city):
                    profile_set_department(user=author, department=department)
                    theme = Theme.objects.create(name=f"Theme {index}", code=f"theme-{index}")
                    call.themes.add(theme)
                state["authors"].append(author)
                state["themes"].append(theme)
            proposal = make_proposal(
                city, call, author=state["authors"][-1], theme=state["themes"][-1],
                status=[Status.SUBMITTED, Status.ELIGIBLE, Status.SHORTLISTED,
                        Status.IMPLEMENTING, Status.IMPLEMENTED][index % 5],
            )
            if proposal.status in (Status.IMPLEMENTING, Status.IMPLEMENTED):
                with tenant_context(city):
                    add_savings(proposal, (date(2020 + index // 12, index % 12 + 1, 1),
                                           "100.00", "90.00", "1.0", "0.5"))
        return call

    return grow
