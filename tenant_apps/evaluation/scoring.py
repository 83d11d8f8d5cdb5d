"""Exact score arithmetic: means and spreads from integer scores and integer weights.

Scores are whole numbers from 0 to 10 and weights whole percentages, so every weighted
score is a rational number. It is kept exact (fractions.Fraction, never a float nor a
database average) and rounded once, half up to two decimals, the way a committee
secretary checking by hand or in a spreadsheet rounds: 6.825 → 6.83.
"""

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from math import isqrt

PLACES = 2
_SCALE = 10**PLACES


def round_half_up(value: Fraction) -> Decimal:
    """`value` rounded half up (away from zero) to two decimals."""
    scaled = abs(value) * _SCALE
    units = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)
    return (Decimal(units if value >= 0 else -units) / _SCALE).quantize(Decimal(1) / _SCALE)


def sqrt_half_up(value: Fraction) -> Decimal:
    """The square root of a non-negative `value`, rounded half up to two decimals, exactly
    (no intermediate rounding: √x·100 ≥ k + ½ exactly when 4·x·100² ≥ (2k + 1)²)."""
    scaled = value * _SCALE**2
    units = isqrt(scaled.numerator // scaled.denominator)
    if 4 * scaled.numerator >= (2 * units + 1) ** 2 * scaled.denominator:
        units += 1
    return (Decimal(units) / _SCALE).quantize(Decimal(1) / _SCALE)


def weighted(total: int, weights: int) -> Fraction:
    """One scorecard's weighted score on 0–10: Σ score × weight over Σ weight."""
    return Fraction(total, weights)


@dataclass(frozen=True)
class Summary:
    """The evaluators' weighted scores of one proposal, exact, and their rounded figures.

    `mean` is the aggregate; `spread` the population standard deviation of the evaluators'
    weighted scores (how far they disagree, 0 when they agree), both rounded once, half up.
    """

    exact_mean: Fraction
    mean: Decimal
    spread: Decimal
    lowest: Decimal
    highest: Decimal
    scorecards: int


def summarise(totals: list[int], weights: int) -> Summary | None:
    """From each submitted scorecard's Σ score × weight and the call's Σ weight; None when
    no scorecard is submitted."""
    if not totals or weights <= 0:
        return None
    count = len(totals)
    scores = [weighted(total, weights) for total in totals]
    mean = sum(scores, Fraction(0)) / count
    variance = sum(((score - mean) ** 2 for score in scores), Fraction(0)) / count
    return Summary(exact_mean=mean, mean=round_half_up(mean), spread=sqrt_half_up(variance),
                   lowest=round_half_up(min(scores)), highest=round_half_up(max(scores)),
                   scorecards=count)
