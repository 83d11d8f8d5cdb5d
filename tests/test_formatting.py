"""Money, hours and dates read the same on every page, e-mail and spreadsheet, in the reader's
language and the city's currency and time zone; the API and CSV keep machine values.

The expected texts are what Babel writes (narrow no-break spaces in French, no-break spaces
before a currency), as the reader's browser shows them."""

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import openpyxl
import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.hub import boundary
from shared_apps.hub.models import GoodPractice
from tenant_apps.calls.models import Call, Phase
from tenant_apps.implementation.models import Implementation, Milestone, SavingsEntry
from tenant_apps.proposals.models import Status
from tenants.models import City
from tenants.scheduling import run_city_jobs

pytestmark = pytest.mark.django_db

NNBSP, NBSP = "\u202f", "\u00a0"


def implemented_with_savings(city, make_user, make_call, make_proposal, *, money: str,
                             hours: str = "1234.5"):
    """An implemented proposal of `city` whose one month saved `money` and `hours`, shared
    with the network and published. Returns (admin, implementation, practice)."""
    admin = make_user(city, username="admin", roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    call = make_call(city, phase=Phase.IMPLEMENTATION, admin=admin)
    proposal = make_proposal(city, call, status=Status.IMPLEMENTED, title="Paperless")
    with tenant_context(city):
        implementation = Implementation.objects.create(proposal=proposal, lead=admin)
        SavingsEntry.objects.create(implementation=implementation, period=date(2026, 1, 1),
                                    projected_money=Decimal(money),
                                    realised_money=Decimal(money),
                                    projected_hours=Decimal(hours),
                                    realised_hours=Decimal(hours))
        practice = boundary.practice_share(proposal=proposal, by=admin, summary="-",
                                           language=city.default_language)
    GoodPractice.objects.filter(pk=practice.pk).update(status=GoodPractice.Status.PUBLISHED)
    return admin, implementation, practice


@pytest.mark.parametrize(("slug", "money", "shown_money", "shown_hours"), [
    ("paris", "12000", f"12{NNBSP}000{NBSP}€", f"1{NNBSP}234,5 heures"),
    ("cluj", "12000", f"12.000{NBSP}RON", "1.234,5 ore"),
    ("cluj", "12000.50", f"12.000,50{NBSP}RON", "1.234,5 ore"),
    ("veszprem", "12000", f"12{NBSP}000{NBSP}Ft", f"1{NBSP}234,5 óra"),
])
def test_the_same_amount_reads_the_same_on_every_page(slug, money, shown_money, shown_hours,
                                                     make_user, make_call, make_proposal,
                                                     client_for, signed_in, hub):
    city = City.objects.get(slug=slug)
    admin, implementation, practice = implemented_with_savings(
        city, make_user, make_call, make_proposal, money=money)
    reader = client_for(city, HTTP_ACCEPT_LANGUAGE="")  # the city's own language
    with tenant_context(city):
        reader.force_login(admin)
    coordinator = signed_in(hub, roles=[Role.COORDINATOR])
    pages = {
        "implementation overview": reader.get("/implementation/"),
        "implementation page": reader.get(f"/implementation/{implementation.pk}/"),
        "reports": reader.get("/reports/"),
        "practice in the city": reader.get(f"/practices/{practice.pk}/"),
        "practice on the hub": coordinator.get(f"/practices/{practice.pk}/",
                                               {"lang": city.default_language}),
    }
    for name, page in pages.items():
        assert page.status_code == 200, name
        assert f'<html lang="{city.default_language}">' in page.text, name
        assert shown_money in page.text, name
        assert shown_hours in page.text, name
    # The API stays machine-readable, whatever the reader's language.
    api = client_for(city, HTTP_ACCEPT_LANGUAGE="")
    with tenant_context(city):
        api.force_login(admin)
    totals = api.get("/api/v1/savings/totals/").json()
    assert totals["realised_money"] == str(Decimal(money).quantize(Decimal("0.01")))
    assert totals["realised_hours"] == "1234.5"


def test_hub_shows_an_estimate_in_euros_in_whole_units(cluj, make_user, make_call,
                                                     make_proposal, signed_in, hub, settings):
    settings.EXCHANGE_RATES_TO_EUR = {**settings.EXCHANGE_RATES_TO_EUR, "RON": 0.2}
    _admin, _implementation, practice = implemented_with_savings(
        cluj, make_user, make_call, make_proposal, money="12000.50")
    coordinator = signed_in(hub, roles=[Role.COORDINATOR])
    french = coordinator.get(f"/practices/{practice.pk}/", {"lang": "fr"}).text
    assert f"12{NNBSP}000,50{NBSP}RON (≈{NBSP}2{NNBSP}400{NBSP}€)" in french
    english = coordinator.get(f"/practices/{practice.pk}/", {"lang": "en"}).text
    assert f"RON{NBSP}12,000.50 (≈{NBSP}€2,400)" in english
    assert "1,234.5 hours" in english


def test_whole_and_fractional_hours_take_the_right_plural(cluj, make_user, make_call,
                                                         make_proposal, client_for):
    admin, implementation, _practice = implemented_with_savings(
        cluj, make_user, make_call, make_proposal, money="100", hours="1")
    with tenant_context(cluj):
        SavingsEntry.objects.create(implementation=implementation, period=date(2026, 2, 1),
                                    projected_money=100, projected_hours=Decimal("20"))
    reader = client_for(cluj, HTTP_ACCEPT_LANGUAGE="ro")
    with tenant_context(cluj):
        reader.force_login(admin)
    text = reader.get(f"/implementation/{implementation.pk}/").text
    assert "1 oră" in text  # January, realised
    assert "20 de ore" in text  # February, projected
    assert "21 de ore" in text  # projected in all
    english = reader.get(f"/implementation/{implementation.pk}/", HTTP_ACCEPT_LANGUAGE="en")
    assert "1 hour<" in english.text and "21 hours" in english.text


@pytest.mark.parametrize(("slug", "language", "shown"), [
    ("paris", "fr", "31 mars 2030, 00:30"),
    ("cluj", "ro", "31 martie 2030, 01:30"),
    ("cluj", "en", "31 March 2030, 01:30"),
])
def test_a_moment_is_shown_in_the_citys_time_zone_and_the_readers_language(
        slug, language, shown, make_call, signed_in):
    city = City.objects.get(slug=slug)
    call = make_call(city, phase=Phase.SUBMISSION)
    # 23:30 on 30 March in UTC: already the 31st in Paris (winter time) and in Cluj.
    closing = datetime(2030, 3, 30, 23, 30, tzinfo=UTC)
    with tenant_context(city):
        Call.objects.filter(pk=call.pk).update(evaluation_starts=closing)
    reader = signed_in(city, headers={"HTTP_ACCEPT_LANGUAGE": language})
    assert shown in reader.get(f"/calls/{call.pk}/").text
    assert shown in reader.get("/calls/").text  # "Submissions close on …"


def test_an_email_writes_the_date_in_its_recipients_language_as_the_page_does(
        cluj, make_user, make_call, make_proposal, client_for, mailoutbox,
        django_capture_on_commit_callbacks):
    admin, implementation, _practice = implemented_with_savings(
        cluj, make_user, make_call, make_proposal, money="100")
    hungarian = make_user(cluj, username="lead.hu", email="lead.hu@cluj.test")
    with tenant_context(cluj):
        hungarian.language = "hu"
        hungarian.save(update_fields=["language"])
        Implementation.objects.filter(pk=implementation.pk).update(lead=hungarian)
        Milestone.objects.create(implementation=implementation, title="Pilot",
                                 due_on=date(2026, 5, 1))
    with django_capture_on_commit_callbacks(execute=True):
        run_city_jobs(cluj)
    bodies = {mail.to[0]: mail.body for mail in mailoutbox}
    assert "2026. május 1." in bodies["lead.hu@cluj.test"]
    romanian_author = next(address for address in bodies if address != "lead.hu@cluj.test")
    assert "1 mai 2026" in bodies[romanian_author]
    # The implementation page writes the due date the same way for each of them.
    for language, shown in (("hu", "2026. május 1."), ("ro", "1 mai 2026")):
        reader = client_for(cluj, HTTP_ACCEPT_LANGUAGE=language)
        with tenant_context(cluj):
            reader.force_login(admin)
        assert f">{shown}</time>" in reader.get(f"/implementation/{implementation.pk}/").text


def test_spreadsheets_get_numbers_and_csv_gets_machine_values(paris, make_user, make_call,
                                                              make_proposal, client_for):
    admin, _implementation, _practice = implemented_with_savings(
        paris, make_user, make_call, make_proposal, money="12000.50")
    browser = client_for(paris, HTTP_ACCEPT_LANGUAGE="fr")
    with tenant_context(paris):
        browser.force_login(admin)
    workbook = openpyxl.load_workbook(io.BytesIO(browser.get("/reports/savings.xlsx").content))
    header, january = list(workbook.active.iter_rows(max_row=2))
    columns = {cell.value: index for index, cell in enumerate(header)}
    money = january[columns["Économies réalisées (EUR)"]]
    assert money.data_type == "n" and money.value == pytest.approx(12000.5)
    assert money.number_format == "#,##0.00"  # Excel writes it "12 000,50" in French
    hours = january[columns["Heures économisées réelles"]]
    assert hours.data_type == "n" and hours.value == pytest.approx(1234.5)
    rows = list(csv.reader(io.StringIO(
        browser.get("/reports/savings.csv").content.decode("utf-8-sig"))))
    assert rows[1][:3] == ["2026-01", "12000.50", "12000.50"]
