"""Side-by-side timing that a change of machine load cannot tilt, and the verdict lines.

Every benchmark compares sides (small vs large, page vs bare view, routed vs bypassed).
Timing one side after the other lets a burst of load from another process land on one side
only; here the sides take turns (request by request, or round by round where switching
sides costs something), each round is summarised by its median per side, and a ratio is
taken within each round, between measurements a moment apart. What is printed is the
median over the rounds with its spread (the interquartile range of the per-round values),
and a met/MISSED verdict against the target.
"""

import statistics
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Spread:
    """Median and interquartile range of per-round values."""

    median: float
    low: float  # first quartile
    high: float  # third quartile

    @classmethod
    def of(cls, values: Iterable[float]) -> "Spread":
        values = sorted(values)
        if len(values) < 2:
            return cls(values[0], values[0], values[0])
        low, _median, high = statistics.quantiles(values, n=4, method="inclusive")
        return cls(statistics.median(values), low, high)

    def ms(self) -> str:
        return f"{self.median * 1000:.1f} ms (IQR {self.low * 1000:.1f}–{self.high * 1000:.1f})"

    def ratio(self) -> str:
        return f"{self.median:.2f} (IQR {self.low:.2f}–{self.high:.2f})"


def alternate(sides: dict[str, Callable[[], object]], *, rounds: int = 12, per_round: int = 7,
              warmup: int = 3, between: Callable[[str], None] | None = None,
              ) -> dict[str, list[float]]:
    """Time each side `per_round` times in every round. Returns, per side, the median
    seconds of each round.

    Without `between`, the sides take turns request by request (A B, B A, A B…), so both
    sides of a round see the same moments of load. `between(side)` runs before each side's
    turn, outside the timing (switching databases, refilling a pool…); then the sides take
    turns round by round instead, the first side of a round alternating."""
    names = list(sides)
    for name in names:
        if between:
            between(name)
        for _ in range(warmup):
            sides[name]()
    per_round_medians: dict[str, list[float]] = {name: [] for name in names}

    def timed(name: str) -> float:
        started = time.perf_counter()
        sides[name]()
        return time.perf_counter() - started

    for number in range(rounds):
        timings: dict[str, list[float]] = {name: [] for name in names}
        if between is None:
            for turn in range(per_round):
                for name in names if (number + turn) % 2 == 0 else reversed(names):
                    timings[name].append(timed(name))
        else:
            for name in names if number % 2 == 0 else reversed(names):
                between(name)
                timings[name] = [timed(name) for _ in range(per_round)]
        for name in names:
            per_round_medians[name].append(statistics.median(timings[name]))
    return per_round_medians


def ratios(rounds: dict[str, list[float]], numerator: str, denominator: str) -> Spread:
    """The per-round ratio numerator / denominator, summarised over the rounds."""
    return Spread.of(a / b for a, b in zip(rounds[numerator], rounds[denominator], strict=True))


def verdict(label: str, value: float, target: float, *, at_most: bool = True,
            unit: str = "") -> bool:
    """Print `label: value — target ≤ target: met` (or MISSED); returns whether it was met."""
    met = value <= target if at_most else value >= target
    sign = "≤" if at_most else "≥"
    shown = f"{value:.2f}" if isinstance(value, float) else f"{value}"
    print(f"verdict  {label}: {shown}{unit}, target {sign} {target:g}{unit}: "
          f"{'met' if met else 'MISSED'}")
    return met


def ratio_table(title: str, small_label: str, large_label: str,
                rows: list[tuple[str, dict[str, list[float]], str, str]], target: float,
                ) -> bool:
    """Print one line per comparison (medians of each side and the per-round ratio with its
    spread) and a verdict per line; `rows` are (name, rounds, large side, small side)."""
    print(title)
    print(f"{'':16}{small_label:>14}{large_label:>14}   ratio (IQR over rounds)")
    all_met = True
    for name, rounds, large, small in rows:
        spread = ratios(rounds, large, small)
        print(f"{name:16}{statistics.median(rounds[small]) * 1000:>12.1f}ms"
              f"{statistics.median(rounds[large]) * 1000:>12.1f}ms   {spread.ratio()}")
    for name, rounds, large, small in rows:
        all_met &= verdict(f"{name} {large_label} / {small_label}",
                           ratios(rounds, large, small).median, target)
    return all_met
