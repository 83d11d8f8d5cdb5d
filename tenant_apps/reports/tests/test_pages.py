"""The report pages a city admin reads: charts, tables, links and who may see them."""

import re
import xml.etree.ElementTree as ET

import pytest

from innovato import charts
from shared_apps.accounts.models import Role

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


# Only the project's own SVG output is parsed here, so the stdlib parser is fine (S314).
def svgs_of(html: str) -> list[ET.Element]:
    return [ET.fromstring(svg)  # noqa: S314
            for svg in re.findall(r"<svg\b.*?</svg>", html, flags=re.S)
            if 'class="icon' not in svg.split(">", 1)[0]]  # the header's icons are no charts


def text_of(html: str) -> str:
    """The page's visible text, any run of (Unicode) spaces as one space."""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_city_admin_sees_every_report_of_the_city(cluj, cluj_data, admin_browser):
    response = admin_browser(cluj).get("/reports/?lang=en")
    assert response.status_code == 200
    text = text_of(response.text)
    assert "Reports for Cluj-Napoca" in text
    for stage, count in [("Submitted", 9), ("Eligible", 6), ("Shortlisted", 5),
                         ("Selected", 3), ("Implemented", 1)]:
        assert f"{stage} {count} " in text
    assert "Finance 4 2 3 66.7%" in text
    assert "Mobility 4 2 2 100%" in text
    assert "No department 1 1 – –" in text
    assert "Sustainability 4 44.4%" in text
    # Money in the city's currency, written the English way: whole units when no cents.
    assert ("January 2026 RON 1,800 RON 1,500 18 hours 15 hours RON 1,500 15 hours"
            in text)
    assert "Total RON 3,000 RON 1,700 30 hours 17 hours" in text
    # Both calls have their own report page.
    assert f'href="/reports/calls/{cluj_data.paperless.pk}/"' in response.text
    assert f'href="/reports/calls/{cluj_data.greener.pk}/"' in response.text
    for report in ("funnel", "participation", "themes", "savings"):
        assert f'href="/reports/{report}.csv"' in response.text
        assert f'href="/reports/{report}.xlsx"' in response.text


def test_numbers_follow_the_readers_language(paris, paris_data, admin_browser):
    text = text_of(admin_browser(paris).get("/reports/?lang=fr").text)
    assert "juillet 2025" in text
    assert "98 765,43 €" in text
    assert "Voirie 1 1 1 100 %" in text


def test_call_page_shows_only_that_call(cluj, cluj_data, admin_browser):
    response = admin_browser(cluj).get(f"/reports/calls/{cluj_data.paperless.pk}/?lang=en")
    assert response.status_code == 200
    text = text_of(response.text)
    assert "Reports: Paperless city hall" in text
    assert "Submitted 6 " in text
    assert "Mobility 2 1 2 50%" in text
    assert "No department" not in text
    assert "January 2026 RON 1,500 RON 1,400" in text
    assert f'href="/reports/funnel.csv?call={cluj_data.paperless.pk}"' in response.text


def test_empty_city_says_so(cluj, admin_browser):
    text = text_of(admin_browser(cluj).get("/reports/?lang=en").text)
    assert "No proposal has been submitted yet." in text
    assert "No savings have been recorded yet." in text
    assert "No call has been created yet." in text


def test_unknown_call_is_not_found(cluj, admin_browser):
    browser = admin_browser(cluj)
    assert browser.get("/reports/calls/999999/").status_code == 404
    assert browser.get("/reports/funnel.csv?call=999999").status_code == 404
    assert browser.get("/reports/funnel.csv?call=paperless").status_code == 404
    assert browser.get("/reports/funnel.csv?call=²").status_code == 404
    assert browser.get("/reports/funnel.xlsx?call=99999999999999999999999").status_code == 404
    assert browser.get("/reports/salaries.csv").status_code == 404


def test_a_call_of_another_city_is_not_found(cluj, paris_data, admin_browser):
    browser = admin_browser(cluj)
    # Cluj has no call at all, so Paris's call id names nothing here.
    assert browser.get(f"/reports/calls/{paris_data.pk}/").status_code == 404
    assert browser.get(f"/reports/themes.xlsx?call={paris_data.pk}").status_code == 404


@pytest.mark.parametrize("roles", [[Role.EMPLOYEE], [Role.EVALUATOR, Role.EMPLOYEE]])
def test_only_city_admins_see_reports(cluj, cluj_data, signed_in, roles):
    browser = signed_in(cluj, roles=roles)
    for path in ["/reports/", f"/reports/calls/{cluj_data.paperless.pk}/",
                 "/reports/funnel.csv", "/reports/savings.xlsx"]:
        assert browser.get(path).status_code == 403, path


def test_anonymous_visitors_are_sent_to_sign_in(cluj, client_for):
    response = client_for(cluj).get("/reports/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/accounts/login/")


def test_another_citys_data_never_appears(cluj, cluj_data, paris_data, admin_browser):
    response = admin_browser(cluj).get("/reports/?lang=en")
    for paris_only in ("Voirie", "Mobilité douce", "Vélo pour tous", "98,765", "87,654",
                       "July 2025"):
        assert paris_only not in response.text


def test_charts_are_well_formed_accessible_svg(cluj, cluj_data, admin_browser):
    html = admin_browser(cluj).get("/reports/?lang=en").text
    svgs = svgs_of(html)
    # Funnel, participation, themes, savings in money and in hours.
    assert len(svgs) == 5
    for svg in svgs:
        assert svg.get("role") == "img"
        title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
        assert title is not None and title.text
        assert desc is not None and desc.text
        assert svg.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    funnel = svgs[0]
    assert funnel.find(f"{SVG}title").text == "Proposal funnel"
    labels = [text.text for text in funnel.iter(f"{SVG}text")]
    assert labels[:2] == ["Submitted", "9"]
    assert "Submitted: 9" in funnel.find(f"{SVG}desc").text
    # Every chart is followed by the table of its data, before the next report begins.
    for chart in re.finditer(r'<svg\b(?![^>]*class="icon).*?</svg>', html, flags=re.S):
        rest = html[chart.end():]
        assert "<table" in rest[:rest.index("<h2")]


def test_chart_text_is_escaped():
    svg = charts.bar_chart(
        chart_id="c", title='Ideas <b>"bold"</b> & more', description="<script>x</script>",
        bars=[charts.Bar('<img src=x onerror="alert(1)">', 3, "3"),
              charts.Bar("R&D", 0, "0")],
    )
    assert "<script>" not in svg and "<img" not in svg
    tree = ET.fromstring(svg)  # noqa: S314
    assert tree.find(f"{SVG}title").text == 'Ideas <b>"bold"</b> & more'
    assert [text.text for text in tree.iter(f"{SVG}text")][2:4] == ["R&D", "0"]


def test_line_chart_leaves_gaps_for_unknown_values():
    svg = charts.line_chart(
        chart_id="s", title="Savings", description="Per month",
        categories=["Jan", "Feb", "Mar", "Apr"],
        series=[charts.Series("Projected", [1.0, 2.0, 3.0, 4.0], colour=charts.BLUE),
                charts.Series("Realised", [1.0, None, 3.0, 4.0], colour=charts.BROWN,
                              square_markers=True)],
        legend=["Projected: 10", "Realised: 8"], axis_label="EUR", tick_text=str,
    )
    tree = ET.fromstring(svg)  # noqa: S314
    assert len(list(tree.iter(f"{SVG}polyline"))) == 2  # one for projected, one after the gap
    assert len(list(tree.iter(f"{SVG}rect"))) == 4  # three square markers, one in the legend
    assert "Realised: 8" in [text.text for text in tree.iter(f"{SVG}text")]
