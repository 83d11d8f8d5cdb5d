"""The numbers behind each report, per call and city-wide (data in conftest.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context

from tenant_apps.reports import selectors

pytestmark = pytest.mark.django_db


def funnel_counts(**kwargs) -> dict[str, int]:
    return {stage.stage: stage.proposals for stage in selectors.funnel(**kwargs)}


def test_funnel_counts_a_proposal_in_every_stage_it_passed(cluj, cluj_data):
    with tenant_context(cluj):
        assert funnel_counts(call=cluj_data.paperless) == {
            "submitted": 6, "eligible": 4, "shortlisted": 3, "selected": 2, "implemented": 1}
        assert funnel_counts(call=cluj_data.greener) == {
            "submitted": 3, "eligible": 2, "shortlisted": 2, "selected": 1, "implemented": 0}
        city = selectors.funnel()
    assert {stage.stage: stage.proposals for stage in city} == {
        "submitted": 9, "eligible": 6, "shortlisted": 5, "selected": 3, "implemented": 1}
    assert [stage.share_of_submitted for stage in city] == [
        Decimal("1.0000"), Decimal("0.6667"), Decimal("0.5556"), Decimal("0.3333"),
        Decimal("0.1111")]


def test_funnel_of_an_empty_call_is_all_zeros(cluj, make_call):
    call = make_call(cluj)
    with tenant_context(cluj):
        stages = selectors.funnel(call=call)
    assert [stage.proposals for stage in stages] == [0, 0, 0, 0, 0]
    assert all(stage.share_of_submitted is None for stage in stages)


def test_participation_by_department(cluj, cluj_data):
    with tenant_context(cluj):
        city = selectors.participation_by_department()
        paperless = selectors.participation_by_department(call=cluj_data.paperless)
    assert [(row.department, row.proposals, row.authors, row.members, row.participation_rate)
            for row in city] == [
        ("Finance", 4, 2, 3, Decimal("0.6667")),
        ("Mobility", 4, 2, 2, Decimal("1.0000")),
        ("No department", 1, 1, None, None),
    ]
    # The loner's proposals in this call are a draft and a withdrawn one: no such row.
    assert [(row.department, row.proposals, row.authors, row.members, row.participation_rate)
            for row in paperless] == [
        ("Finance", 4, 2, 3, Decimal("0.6667")),
        ("Mobility", 2, 1, 2, Decimal("0.5000")),
    ]


def test_participation_lists_departments_without_proposals(cluj, make_department):
    make_department(cluj, name="Archives")
    with tenant_context(cluj):
        rows = selectors.participation_by_department()
    assert [(row.department, row.proposals, row.members, row.participation_rate)
            for row in rows] == [("Archives", 0, 0, None)]


def test_proposals_by_theme(cluj, cluj_data):
    with tenant_context(cluj):
        city = selectors.proposals_by_theme()
        paperless = selectors.proposals_by_theme(call=cluj_data.paperless)
        greener = selectors.proposals_by_theme(call=cluj_data.greener)
    assert [(row.theme, row.proposals, row.share) for row in city] == [
        ("Sustainability", 4, Decimal("0.4444")),
        ("Optimisation", 2, Decimal("0.2222")),
        ("No theme", 3, Decimal("0.3333")),
    ]
    assert [(row.theme, row.proposals) for row in paperless] == [
        ("Optimisation", 2), ("Sustainability", 2), ("No theme", 2)]
    # Optimisation is neither a theme of this call nor used by its proposals.
    assert [(row.theme, row.proposals) for row in greener] == [
        ("Sustainability", 2), ("No theme", 1)]


def test_savings_over_time_sums_months_and_fills_gaps(cluj, cluj_data):
    with tenant_context(cluj):
        paperless = selectors.savings_over_time(call=cluj_data.paperless)
        city = selectors.savings_over_time()
    assert [(row.month, row.projected_money, row.realised_money, row.projected_hours,
             row.realised_hours, row.cumulative_realised_money, row.cumulative_realised_hours)
            for row in paperless] == [
        (date(2026, 1, 1), Decimal("1500.00"), Decimal("1400.00"), Decimal("15.0"),
         Decimal("14.0"), Decimal("1400.00"), Decimal("14.0")),
        (date(2026, 2, 1), Decimal("1000.00"), None, Decimal("10.0"), None,
         Decimal("1400.00"), Decimal("14.0")),
        (date(2026, 3, 1), Decimal("0"), None, Decimal("0"), None,
         Decimal("1400.00"), Decimal("14.0")),
        (date(2026, 4, 1), Decimal("200.00"), Decimal("200.00"), Decimal("2.0"),
         Decimal("2.0"), Decimal("1600.00"), Decimal("16.0")),
    ]
    assert [(row.projected_money, row.realised_money) for row in city] == [
        (Decimal("1800.00"), Decimal("1500.00")), (Decimal("1000.00"), None),
        (Decimal("0"), None), (Decimal("200.00"), Decimal("200.00"))]
    assert city[-1].cumulative_realised_money == Decimal("1700.00")
    assert city[-1].cumulative_realised_hours == Decimal("17.0")


def test_savings_of_a_call_without_implementation_are_empty(cluj, make_call):
    call = make_call(cluj)
    with tenant_context(cluj):
        assert selectors.savings_over_time(call=call) == []


def test_each_city_reports_only_its_own_data(cluj, paris, cluj_data, paris_data):
    with tenant_context(paris):
        assert funnel_counts() == {"submitted": 1, "eligible": 1, "shortlisted": 1,
                                   "selected": 1, "implemented": 1}
        assert [row.department for row in selectors.participation_by_department()] == [
            "Voirie"]
        assert [row.theme for row in selectors.proposals_by_theme()] == ["Mobilité douce"]
        assert [row.realised_money for row in selectors.savings_over_time()] == [
            Decimal("87654.32")]
    with tenant_context(cluj):
        assert funnel_counts()["submitted"] == 9
        assert "Voirie" not in [row.department
                                for row in selectors.participation_by_department()]
