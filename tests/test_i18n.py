"""Every city works in its own language: catalogs, content fallbacks, terminology, formats
and search."""

import subprocess
from datetime import datetime
from pathlib import Path
from shutil import which
from zoneinfo import ZoneInfo

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from tenant_apps.calls.models import Call, Phase
from tenant_apps.proposals.models import Status
from tenant_apps.proposals.selectors import proposal_search

LOCALE = Path(settings.BASE_DIR) / "locale"
NETWORK_LANGUAGES = ["ro", "fr", "es", "pt", "hu", "nl", "it"]


@pytest.mark.parametrize("language", NETWORK_LANGUAGES)
def test_catalog_is_complete(language):
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=language)
    missing = [m.id for m in catalog if m.id and (
        not m.string or (isinstance(m.string, tuple) and not all(m.string)))]
    fuzzy = [m.id for m in catalog if m.id and m.fuzzy]
    assert not missing, f"{len(missing)} untranslated in {language}: {missing[:5]}"
    assert not fuzzy, f"{len(fuzzy)} fuzzy in {language}: {fuzzy[:5]}"


@pytest.mark.skipif(not which("msgfmt"), reason="GNU gettext is not installed")
@pytest.mark.parametrize("language", [*NETWORK_LANGUAGES, "en"])
def test_catalog_passes_msgfmt_check(language):
    path = LOCALE / language / "LC_MESSAGES" / "django.po"
    result = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize(("slug", "language", "open_calls"), [
    ("cluj", "ro", "Apeluri deschise"), ("paris", "fr", "Appels ouverts"),
    ("veszprem", "hu", "Nyitott felhívások"), ("rotterdam", "nl", "Open oproepen"),
])
def test_every_city_home_page_renders_in_its_default_language(signed_in, slug, language,
                                                              open_calls):
    from tenants.models import City

    city = City.objects.get(slug=slug)
    page = signed_in(city, headers={"HTTP_ACCEPT_LANGUAGE": ""}).get("/")
    assert f'<html lang="{language}"' in page.text
    assert open_calls in page.text


@pytest.mark.django_db
def test_content_falls_back_to_the_city_language_then_english(cluj, make_call, api_for):
    call = make_call(cluj)
    with tenant_context(cluj):
        Call.objects.filter(pk=call.pk).update(title_en="Less paper",
                                               title_ro="Mai puțină hârtie", title_hu=None)
        english_only = make_call(cluj, title="Only in English")
        Call.objects.filter(pk=english_only.pk).update(title_ro=None, title_en="Only in English")
    hungarian = api_for(cluj)
    body = hungarian.get(f"/api/v1/calls/{call.pk}/", HTTP_ACCEPT_LANGUAGE="hu").json()
    assert body["title"] == "Mai puțină hârtie"  # the city's language comes before English
    assert body["translations"]["title"] == {"en": "Less paper", "ro": "Mai puțină hârtie"}
    other = hungarian.get(f"/api/v1/calls/{english_only.pk}/", HTTP_ACCEPT_LANGUAGE="hu").json()
    assert other["title"] == "Only in English"
    assert hungarian.get(f"/api/v1/calls/{call.pk}/?lang=en",
                         HTTP_ACCEPT_LANGUAGE="hu").json()["title"] == "Less paper"


@pytest.mark.django_db
def test_an_author_writes_in_their_language_and_adds_a_translation(cluj, api_for, make_call):
    call = make_call(cluj)
    author = api_for(cluj)
    created = author.post("/api/v1/proposals/?lang=ro", {"call": call.pk,
                                                         "title": "Arhivă digitală"},
                          content_type="application/json").json()
    assert created["translations"]["title"] == {"ro": "Arhivă digitală"}
    translated = author.patch(f"/api/v1/proposals/{created['id']}/?lang=en",
                              {"title": "Digital archive"}, content_type="application/json")
    assert translated.json()["translations"]["title"] == {"ro": "Arhivă digitală",
                                                          "en": "Digital archive"}
    assert author.get(f"/api/v1/proposals/{created['id']}/", HTTP_ACCEPT_LANGUAGE="ro").json()[
        "title"] == "Arhivă digitală"


@pytest.mark.django_db
def test_a_city_renames_key_terms(cluj, signed_in, api_for):
    admin = signed_in(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE],
                      headers={"HTTP_ACCEPT_LANGUAGE": ""})
    page = admin.get("/settings/terminology/")
    assert page.status_code == 200
    saved = admin.post("/settings/terminology/", {"calls-ro": "Concursuri de idei",
                                                  "proposals-ro": "Idei"})
    assert saved.status_code == 302
    home = admin.get("/calls/")
    assert "Concursuri de idei" in home.text
    assert ">Idei</a>" in home.text
    english = api_for(cluj).get("/api/v1/terminology/").json()["terms"]
    assert english["ro"]["calls"] == "Concursuri de idei"
    assert english["en"]["calls"] == "Calls"
    refused = api_for(cluj).put("/api/v1/terminology/", {"key": "calls", "language": "ro",
                                                         "text": "X"},
                                content_type="application/json")
    assert refused.status_code == 403
    not_offered = api_for(cluj, roles=[Role.CITY_ADMIN]).put(
        "/api/v1/terminology/", {"key": "calls", "language": "fr", "text": "Appels"},
        content_type="application/json")
    assert not_offered.status_code == 400


@pytest.mark.django_db
def test_dates_and_numbers_follow_the_locale_and_the_city_time_zone(paris, make_call,
                                                                    signed_in):
    call = make_call(paris, budget=25000)
    with tenant_context(paris):  # 12:00 in UTC is 14:00 in Paris in summer
        Call.objects.filter(pk=call.pk).update(
            submission_starts=datetime(2030, 6, 3, 12, 0, tzinfo=ZoneInfo("UTC")))
    page = signed_in(paris, headers={"HTTP_ACCEPT_LANGUAGE": ""}).get(f"/calls/{call.pk}/")
    assert "3 juin 2030, 14:00" in page.text
    assert "25\u202f000\u00a0€" in page.text


@pytest.mark.django_db
@pytest.mark.parametrize(("city_slug", "title", "query"), [
    ("cluj", "Digitalizarea arhivelor primăriei", "arhiva"),
    ("paris", "Dématérialisation des factures", "facture"),
    ("veszprem", "Elektronikus aláírások bevezetése", "aláírás"),
    ("rotterdam", "Digitale handtekeningen voor goedkeuringen", "handtekening"),
])
def test_proposal_search_finds_inflected_forms(make_call, make_proposal, city_slug, title,
                                               query):
    from tenants.models import City

    city = City.objects.get(slug=city_slug)
    call = make_call(city, phase=Phase.SUBMISSION)
    wanted = make_proposal(city, call, title=title, status=Status.SUBMITTED)
    make_proposal(city, call, title="Parking", status=Status.SUBMITTED)
    with tenant_context(city):
        from tenant_apps.proposals.models import Proposal

        found = list(proposal_search(Proposal.objects.all(), query))
    assert [p.pk for p in found] == [wanted.pk]


@pytest.mark.skipif(not which("xgettext"), reason="GNU gettext is not installed")
def test_catalogs_hold_every_string_of_the_code(tmp_path):
    """makemessages on a copy of the code finds no string the catalogs lack."""
    import os
    import shutil
    import sys

    root = Path(settings.BASE_DIR)
    for name in ("platform", "tenants", "shared_apps", "tenant_apps", "locale"):
        shutil.copytree(root / name, tmp_path / name,
                        ignore=shutil.ignore_patterns("__pycache__", "tests", "*.mo"))
    shutil.copy(root / "manage.py", tmp_path / "manage.py")
    env = dict(os.environ, DATABASE_URL="postgres://unused@localhost/unused",
               INNOVATO_VAR_DIR=str(tmp_path / "var"))
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "ro", "--no-obsolete",
         "--no-location",
         # Overrides of Django's admin templates keep their words, which Django's own
         # catalogs translate (the admin is for the platform's operators).
         "--ignore=platform/innovato/templates/admin"],
        cwd=tmp_path, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr

    def ids(path: Path) -> set:
        with path.open("rb") as po_file:
            return {m.id if isinstance(m.id, str) else m.id[0]
                    for m in read_po(po_file, locale="ro") if m.id}

    fresh = ids(tmp_path / "locale" / "ro" / "LC_MESSAGES" / "django.po")
    committed = ids(root / "locale" / "ro" / "LC_MESSAGES" / "django.po")
    assert not fresh - committed, f"missing from the catalogs: {sorted(fresh - committed)[:10]}"
