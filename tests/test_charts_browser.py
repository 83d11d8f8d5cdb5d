"""Bar charts as Chromium draws them: a long label is shortened to fit beside its bar, never
cut off at the chart's edge, whatever its letters."""

import pytest

from innovato import charts
from tests.browser import browser, needs_chromium  # noqa: F401

pytestmark = needs_chromium

LABELS = [
    "An online checker for social benefits",
    "A monthly budget dashboard for department heads",
    "One digital archive for all departments",
    "Közös digitális irattár minden osztálynak",
    "Une archive numérique commune à tous les services",
    "MWMWMWMWMWMWMWMWMWMWMWMWMWMWMWMW",
    "WORKFLOW MANAGEMENT FOR MUNICIPAL WORKS",
    "Short",
]


@pytest.mark.parametrize("width", [640, 360])
def test_every_label_of_a_bar_chart_is_drawn_whole_inside_the_chart(browser, width):
    chart = charts.bar_chart(chart_id="c", title="Votes", description="Votes per proposal",
                             bars=[charts.Bar(label, 10 * (i + 1), str(10 * (i + 1)))
                                   for i, label in enumerate(LABELS)])
    page = browser.new_page()
    page.set_content(f'<!doctype html><html lang="en"><body style="margin:0">'
                     f'<div style="width:{width}px">{chart}</div></body></html>')
    drawn = page.eval_on_selector_all(
        "svg.chart text[text-anchor=end]",
        "texts => texts.map(t => ({text: t.textContent, left: t.getBBox().x,"
        " right: t.getBBox().x + t.getBBox().width}))")
    assert len(drawn) == len(LABELS)
    for label in drawn:
        # In the chart's own units: the labels' column runs from 0 to the axis (200).
        assert label["left"] >= 0, label
        assert label["right"] <= 200, label
    for original, label in zip(LABELS, drawn, strict=True):
        shown = label["text"]
        assert shown == original or (shown.endswith("…")
                                     and original.startswith(shown[:-1].rstrip())), shown
    assert drawn[-1]["text"] == "Short"
    assert drawn[0]["text"].startswith("An online checker")
