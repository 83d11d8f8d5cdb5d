"""CSV and XLSX downloads: the numbers of the page, aggregates only, as attachments."""

import csv
import io
from datetime import datetime

import openpyxl
import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import User
from tenant_apps.calls.models import Theme

pytestmark = pytest.mark.django_db


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def read_xlsx(response) -> list[tuple]:
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return list(workbook.active.values)


def test_funnel_as_csv(cluj, cluj_data, admin_browser):
    response = admin_browser(cluj).get("/reports/funnel.csv?lang=en")
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="cluj-funnel-city-{today}.csv"')
    assert read_csv(response) == [
        ["Stage", "Proposals", "Share of submitted"],
        ["Submitted", "9", "1.0000"],
        ["Eligible", "6", "0.6667"],
        ["Shortlisted", "5", "0.5556"],
        ["Selected", "3", "0.3333"],
        ["Implemented", "1", "0.1111"],
    ]


def test_participation_of_a_call_as_csv(cluj, cluj_data, admin_browser):
    call = cluj_data.paperless
    response = admin_browser(cluj).get(f"/reports/participation.csv?call={call.pk}&lang=en")
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="cluj-participation-call-{call.pk}-{today}.csv"')
    assert read_csv(response) == [
        ["Department", "Proposals submitted", "Authors", "Members", "Participation rate"],
        ["Finance", "4", "2", "3", "0.6667"],
        ["Mobility", "2", "1", "2", "0.5000"],
    ]


def test_savings_as_csv_name_the_currency(cluj, cluj_data, admin_browser):
    rows = read_csv(admin_browser(cluj).get("/reports/savings.csv?lang=en"))
    assert rows[0] == [
        "Month", "Projected savings (RON)", "Realised savings (RON)", "Projected hours saved",
        "Realised hours saved", "Cumulative realised savings (RON)",
        "Cumulative realised hours"]
    assert rows[1] == ["2026-01", "1800.00", "1500.00", "18.0", "15.0", "1500.00", "15.0"]
    assert rows[2] == ["2026-02", "1000.00", "", "10.0", "", "1500.00", "15.0"]
    assert rows[-1] == ["Total", "3000.00", "1700.00", "30.0", "17.0", "", ""]


def test_savings_as_xlsx(cluj, cluj_data, admin_browser):
    response = admin_browser(cluj).get("/reports/savings.xlsx?lang=en")
    assert response.status_code == 200
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == (
        f'attachment; filename="cluj-savings-city-{today}.xlsx"')
    rows = read_xlsx(response)
    assert rows[0][:3] == ("Month", "Projected savings (RON)", "Realised savings (RON)")
    assert rows[1] == (datetime(2026, 1, 1), 1800, 1500, 18, 15, 1500, 15)
    assert rows[2] == (datetime(2026, 2, 1), 1000, None, 10, None, 1500, 15)
    assert rows[4] == (datetime(2026, 4, 1), 200, 200, 2, 2, 1700, 17)
    assert rows[5] == ("Total", 3000, 1700, 30, 17, None, None)


def test_participation_and_themes_as_xlsx(cluj, cluj_data, admin_browser):
    browser = admin_browser(cluj)
    participation = read_xlsx(browser.get("/reports/participation.xlsx?lang=en"))
    assert participation == [
        ("Department", "Proposals submitted", "Authors", "Members", "Participation rate"),
        ("Finance", 4, 2, 3, 0.6667),
        ("Mobility", 4, 2, 2, 1),
        ("No department", 1, 1, None, None),
    ]
    themes = read_xlsx(browser.get(f"/reports/themes.xlsx?call={cluj_data.greener.pk}"
                                   "&lang=en"))
    assert themes == [("Theme", "Proposals", "Share of proposals"),
                      ("Sustainability", 2, 0.6667), ("No theme", 1, 0.3333)]


def test_names_that_look_like_formulas_stay_text(cluj, make_call, make_proposal,
                                                 admin_browser):
    with tenant_context(cluj):
        theme = Theme.objects.create(name='=HYPERLINK("http://evil.test")', code="evil")
    make_proposal(cluj, make_call(cluj), theme=theme)
    browser = admin_browser(cluj)
    assert read_csv(browser.get("/reports/themes.csv"))[1][0] == (
        '\'=HYPERLINK("http://evil.test")')
    workbook = openpyxl.load_workbook(io.BytesIO(browser.get("/reports/themes.xlsx").content))
    cell = workbook.active["A2"]
    assert cell.value == '=HYPERLINK("http://evil.test")'
    assert cell.data_type == "s"


def test_exports_hold_no_personal_data(cluj, cluj_data, admin_browser):
    browser = admin_browser(cluj)
    with tenant_context(cluj):
        people = [value for pair in User.objects.values_list("username", "email")
                  for value in pair if value]
    assert people
    for report in ("funnel", "participation", "themes", "savings"):
        content = browser.get(f"/reports/{report}.csv").content.decode("utf-8-sig")
        for value in people:
            assert value not in content
