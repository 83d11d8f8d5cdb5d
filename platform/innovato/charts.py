"""Charts drawn on the server as inline SVG: no JavaScript, no build step.

Each chart is an image with a title and a description naming every value, so a screen
reader hears the numbers; the page always follows it with the same data as a table. All
text goes through format_html, so names typed by people are escaped. Here in the platform
so that the cities' reports and the hub's dashboard both draw with it.
"""

import math
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

# Colours from the site's palette, each at least 4.5:1 against white.
INK = "#1b1f24"
MUTED = "#4d5560"
GRID = "#d5d9de"
BLUE = "#0b5cad"
BROWN = "#8a5300"

# site.css caps `svg.chart` at this width: a style attribute would need 'unsafe-inline'.
WIDTH = 640
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif"
# A bar's label is shortened to what fits beside it: the label column (200) less a gap, at the
# chart's font size (14), in ems.
LABEL_EMS = (200 - 8) / 14


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    value_text: str


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]
    colour: str
    dashed: bool = False
    square_markers: bool = False


def _n(number: float) -> str:
    """A coordinate with one decimal, the precision a screen needs."""
    return f"{number:.1f}"


def _em_width(character: str) -> float:
    """A character's width in ems, estimated on the wide side of common sans-serif fonts
    (DejaVu Sans, which Linux browsers fall back to, is among the widest), so a label
    shortened with it fits in any of them."""
    if unicodedata.east_asian_width(character) in ("W", "F"):
        return 1.0
    base = unicodedata.normalize("NFD", character)[0]
    if base in " .,:;'|!ijlIft()[]-":
        return 0.4
    if base in "mwMW@%":
        return 1.0
    if base.isupper() or base.isdigit():
        return 0.78
    return 0.64


def _shorten(text: str, limit: float = LABEL_EMS) -> str:
    """`text`, or as much of it as fits in `limit` ems followed by "…"."""
    if sum(map(_em_width, text)) <= limit:
        return text
    room = limit - _em_width("…")
    for index, character in enumerate(text):
        room -= _em_width(character)
        if room < 0:
            return text[:index].rstrip() + "…"
    return text


class Chart(SafeString):
    """A chart's SVG markup, which knows its title: pages write it as the figure's visible
    caption (`{{ chart.title }}`) while the SVG's own title names the image."""

    title: str

    @classmethod
    def of(cls, svg: str, title: str) -> "Chart":
        chart = cls(svg)
        chart.title = title
        return chart


def _open_svg(chart_id: str, height: float, title: str, description: str) -> list[str]:
    return [
        format_html(
            '<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            'aria-labelledby="{0}-title {0}-desc" viewBox="0 0 {1} {2}" width="100%" '
            'font-family="{3}" font-size="14">',
            chart_id, WIDTH, _n(height), FONT,
        ),
        format_html('<title id="{}-title">{}</title>', chart_id, title),
        format_html('<desc id="{}-desc">{}</desc>', chart_id, description),
    ]


def _close_svg(parts: list[str], title: str) -> Chart:
    parts.append("</svg>")
    # Every part above is built by format_html (or is a constant), so the join is safe.
    return Chart.of(mark_safe("".join(parts)), title)


def bar_chart(*, chart_id: str, title: str, description: str,
              bars: Sequence[Bar]) -> Chart:
    """A horizontal bar chart: one labelled bar per item, its value written after it."""
    label_width, value_width = 200, 120
    plot_width = WIDTH - label_width - value_width
    row_height, bar_height, top = 30, 20, 8
    height = top * 2 + max(len(bars), 1) * row_height
    largest = max((bar.value for bar in bars), default=0) or 1
    summary = "; ".join(f"{bar.label}: {bar.value_text}" for bar in bars)
    parts = _open_svg(chart_id, height, title, f"{description} {summary}".strip())
    parts.append(format_html(
        '<line x1="{0}" y1="{1}" x2="{0}" y2="{2}" stroke="{3}"/>',
        label_width, top, _n(height - top), MUTED,
    ))
    for index, bar in enumerate(bars):
        y = top + index * row_height + (row_height - bar_height) / 2
        middle = y + bar_height / 2
        length = plot_width * max(bar.value, 0) / largest
        parts.append(format_html(
            '<text x="{}" y="{}" dy="0.35em" text-anchor="end" fill="{}">{}</text>',
            label_width - 8, _n(middle), INK, _shorten(bar.label),
        ))
        parts.append(format_html(
            '<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>',
            label_width, _n(y), _n(length), bar_height, BLUE,
        ))
        parts.append(format_html(
            '<text x="{}" y="{}" dy="0.35em" fill="{}" font-weight="600">{}</text>',
            _n(label_width + length + 6), _n(middle), INK, bar.value_text,
        ))
    return _close_svg(parts, title)


def _nice_top(value: float) -> float:
    """The smallest 1, 2 or 5 times a power of ten at or above `value` (five even ticks)."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def line_chart(*, chart_id: str, title: str, description: str, categories: Sequence[str],
               series: Sequence[Series], legend: Sequence[str], axis_label: str,
               tick_text: Callable[[float], str]) -> Chart:
    """A line chart over `categories` (months), one line per series.

    Lines differ by colour, dash and marker shape, never by colour alone; `legend` gives
    each series' legend text (with its total, say). A None value breaks its line.
    """
    left, right, top, bottom = 84, 44, 56, 44
    height = 320
    plot_width, plot_height = WIDTH - left - right, height - top - bottom
    highest = max((value for line in series for value in line.values if value is not None),
                  default=0)
    ceiling = _nice_top(highest)

    def x_of(index: int) -> float:
        if len(categories) == 1:
            return left + plot_width / 2
        return left + plot_width * index / (len(categories) - 1)

    def y_of(value: float) -> float:
        return top + plot_height * (1 - value / ceiling)

    parts = _open_svg(chart_id, height, title, description)
    for position, (line, text) in enumerate(zip(series, legend, strict=True)):
        x = left + position * (plot_width / max(len(series), 1))
        parts.append(_line_sample(line, x, 16))
        parts.append(format_html('<text x="{}" y="16" dy="0.35em" fill="{}">{}</text>',
                                 _n(x + 34), INK, text))
    parts.append(format_html(
        '<text x="{}" y="{}" dy="0.35em" fill="{}" font-size="12">{}</text>',
        4, 40, MUTED, axis_label,
    ))
    for tick in range(6):
        value = ceiling * tick / 5
        y = y_of(value)
        parts.append(format_html(
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}"/>',
            left, _n(y), WIDTH - right, _n(y), GRID,
        ))
        parts.append(format_html(
            '<text x="{}" y="{}" dy="0.35em" text-anchor="end" fill="{}" font-size="12">{}'
            "</text>", left - 6, _n(y), MUTED, tick_text(value),
        ))
    # Label at most about eight months so the labels never overlap.
    every = max(1, math.ceil(len(categories) / 8))
    for index, category in enumerate(categories):
        if index % every == 0 or index == len(categories) - 1:
            parts.append(format_html(
                '<text x="{}" y="{}" text-anchor="middle" fill="{}" font-size="12">{}</text>',
                _n(x_of(index)), height - bottom + 20, MUTED, category,
            ))
    for line in series:
        parts.extend(_line_path(line, x_of, y_of))
        for index, value in enumerate(line.values):
            if value is not None:
                tooltip = f"{categories[index]}, {line.name}: {tick_text(value)}"
                parts.append(_marker(line, x_of(index), y_of(value), tooltip))
    return _close_svg(parts, title)


def _dash(line: Series) -> str:
    return "6 4" if line.dashed else "none"


def _line_sample(line: Series, x: float, y: float) -> str:
    return format_html(
        '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="2.5" '
        'stroke-dasharray="{}"/>{}',
        _n(x), _n(y), _n(x + 28), _n(y), line.colour, _dash(line),
        _marker(line, x + 14, y, ""),
    )


def _line_path(line: Series, x_of: Callable[[int], float],
               y_of: Callable[[float], float]) -> list[str]:
    """One polyline per run of known values, so an unknown month leaves a gap."""
    runs: list[list[str]] = [[]]
    for index, value in enumerate(line.values):
        if value is None:
            runs.append([])
        else:
            runs[-1].append(f"{_n(x_of(index))},{_n(y_of(value))}")
    return [
        format_html(
            '<polyline points="{}" fill="none" stroke="{}" stroke-width="2.5" '
            'stroke-dasharray="{}"/>',
            " ".join(run), line.colour, _dash(line),
        )
        for run in runs if len(run) > 1
    ]


def _marker(line: Series, x: float, y: float, tooltip: str) -> str:
    tip = format_html("<title>{}</title>", tooltip) if tooltip else ""
    if line.square_markers:
        return format_html('<rect x="{}" y="{}" width="8" height="8" fill="{}">{}</rect>',
                           _n(x - 4), _n(y - 4), line.colour, tip)
    return format_html('<circle cx="{}" cy="{}" r="4.5" fill="{}">{}</circle>',
                       _n(x), _n(y), line.colour, tip)
