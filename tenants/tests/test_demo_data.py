"""The demo content as data files: the shipped network, a city added as a file, and a
malformed file reported by its path and key.

The test database already holds cities named like the demo ones, so the network is seeded
here from a copy of tenants/demo_data/ whose city files are new ones.
"""

import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.utils import translation
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role, User
from shared_apps.hub.models import Adoption, CityStatistics, GoodPractice, NetworkEvent
from tenant_apps.calls.models import Call, Phase, Theme
from tenant_apps.implementation.models import Implementation
from tenant_apps.people.models import Department
from tenant_apps.proposals.models import Proposal
from tenants.demo import demo_network_seed
from tenants.demo_files import DEMO_DATA_DIR, DemoDataError, demo_content_load
from tenants.models import City

README = Path(__file__).resolve().parents[2] / "README.md"

# `variant` 0 is Cluj's.
SIBIU = """\
name = "Sibiu"
country = "RO"
language = "ro"
timezone = "Europe/Bucharest"
currency = "RON"
variant = 0
"""
# The README's example of a new demo city, as written there.
LYON = README.read_text().split("```toml\n", 1)[1].split("```", 1)[0]
HUB = """\
share = ["sibiu", "lyon"]

[[adoptions]]
city = "lyon"
practice_of = "sibiu"

[[events]]
title = "Webinar: open data in small steps"
kind = "webinar"
language = "en"
in_days = 7
at = 11:00:00
link = "https://meet.example.eu/open-data"

[history]
days_ago = [30, 10]
share = [0.5, 0.75]
"""


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """The shipped story and languages, with two new demo cities and a hub of their own."""
    directory = tmp_path / "demo_data"
    shutil.copytree(DEMO_DATA_DIR, directory)
    for path in (directory / "cities").glob("*.toml"):
        path.unlink()
    (directory / "cities" / "sibiu.toml").write_text(SIBIU)
    (directory / "cities" / "lyon.toml").write_text(LYON)
    (directory / "hub.toml").write_text(HUB)
    return directory


def test_the_shipped_files_hold_the_demo_cities_of_the_readme():
    content = demo_content_load()
    assert [(city.slug, city.language, city.variant) for city in content.cities] == [
        ("cluj", "ro", 0), ("paris", "fr", 1), ("murcia", "es", 2), ("porto", "pt", 3),
        ("veszprem", "hu", 4), ("rotterdam", "nl", 5), ("torino", "it", 6)]
    readme = " ".join(README.read_text().split())  # as read, whatever the line breaks
    for city in content.cities:
        assert f"{city.name} (`{city.slug}`" in readme
        assert f"<http://{city.slug}.localhost:8000>" in readme
    assert set(content.languages) == {"en", "ro", "fr", "es", "pt", "hu", "nl", "it"}


def test_a_city_added_as_a_file_is_seeded_with_the_network(data_dir, db, signed_in):
    content = demo_content_load(data_dir)
    assert {city.slug for city in content.cities} == {"sibiu", "lyon"}

    cities = {city.slug: city for city in demo_network_seed(data_dir=data_dir)}

    sibiu, lyon = cities["sibiu"], cities["lyon"]
    assert (sibiu.name, sibiu.default_language, sibiu.enabled_languages, sibiu.currency) == (
        "Sibiu", "ro", ["ro", "en"], "RON")
    assert (lyon.name, lyon.default_language, lyon.timezone) == ("Lyon", "fr", "Europe/Paris")
    assert lyon.enabled_languages == ["fr", "en"]
    assert City.objects.get(slug="lyon").domains.filter(domain="lyon.localhost").exists()
    for city in (sibiu, lyon):
        texts = content.languages[city.default_language]
        people = texts.untranslated
        with tenant_context(city), translation.override(city.default_language):
            assert sorted(Department.objects.values_list("name", flat=True)) == sorted(
                texts.departments.values())
            assert sorted(Theme.objects.values_list("name", flat=True)) == sorted(
                texts.themes.values())
            assert User.objects.count() == 3 + len(people.evaluators) + len(people.people)
            assert Implementation.objects.count() == 3
            for kind, phase in [("past", Phase.IMPLEMENTATION), ("voting", Phase.VOTING),
                                ("evaluation", Phase.EVALUATION), ("open", Phase.SUBMISSION)]:
                call = Call.objects.get(phase=phase, title=texts.calls[kind].title)
                pool = {texts.ideas[code].title for code in content.calls[kind]}
                titles = set(Proposal.objects.filter(call=call).values_list("title", flat=True))
                assert titles and titles <= pool, kind
                if kind == "voting":  # colleagues have voted; the demo logins may still
                    voters = call.ballots.values_list("voter__username", flat=True)
                    assert len(voters) == len(content.voting.ballots)
                    assert not {"employee", "evaluator", "cityadmin"} & set(voters)
    # Sibiu tells the story as Cluj does (both are variant 0 in Romanian): the counts the
    # seed made for Cluj before its content moved to files.
    with tenant_context(sibiu):
        per_call = {phase: Proposal.objects.filter(call__phase=phase).count()
                    for phase in (Phase.IMPLEMENTATION, Phase.EVALUATION, Phase.SUBMISSION)}
        assert per_call == {Phase.IMPLEMENTATION: 4, Phase.EVALUATION: 5, Phase.SUBMISSION: 3}
    with tenant_context(lyon):  # the adopted practice became a fifth call, a draft
        assert Call.objects.count() == 5
        assert Call.objects.filter(phase=Phase.DRAFT).count() == 1

    practices = GoodPractice.objects.filter(source_city__in=[sibiu, lyon])
    assert practices.filter(status=GoodPractice.Status.PUBLISHED).count() == 2
    assert practices.get(featured=True).source_city == sibiu
    assert Adoption.objects.get(city=lyon).practice.source_city == sibiu
    event = NetworkEvent.objects.get(title="Webinar: open data in small steps")
    assert (event.kind, event.link, event.starts_at.hour) == (
        "webinar", "https://meet.example.eu/open-data", 11)
    # The hub's history: each city reported half its figures 30 days ago, three quarters 10
    # days ago; the coordinator's dashboard draws them over time.
    reported = dict(CityStatistics.objects.filter(city=sibiu).values_list("day", "proposals"))
    today = max(reported)
    proposals_now = reported[today]
    assert proposals_now >= 4
    assert reported == {today - timedelta(days=30): proposals_now // 2,
                        today - timedelta(days=10): proposals_now * 3 // 4,
                        today: proposals_now}
    dashboard = signed_in(City.hub(), roles=[Role.COORDINATOR]).get("/dashboard/").text
    assert 'id="trend-savings-title"' in dashboard and 'id="trend-proposals-title"' in dashboard


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.parametrize(("file", "old", "new", "message"), [
    ("cities/lyon.toml", 'currency = "EUR"\n', "", "cities/lyon.toml: currency: missing"),
    ("cities/lyon.toml", 'language = "fr"', 'language = "de"',
     "cities/lyon.toml: language: 'de' is not a language of languages/"),
    ("cities/lyon.toml", 'name = "Lyon"', 'name = "Lyon"\nnmae = "Lyon"',
     "cities/lyon.toml: nmae: unknown key"),
    ("cities/lyon.toml", 'timezone = "Europe/Paris"', 'timezone = "Paris"',
     "cities/lyon.toml: timezone: 'Paris' is not a time zone"),
    ("story.toml", 'department = "digital", money = 18_000', 'department = "parks", money = 1',
     "story.toml: ideas.past.e-signature.department: 'parks' is not a department"),
    ("story.toml", "money = 18_000", 'money = "lots"',
     "story.toml: ideas.past.e-signature.money: should be a whole number, not 'lots'"),
    ("story.toml", "criteria_weights = [30,", "criteria_weights = [35,",
     "story.toml: criteria_weights: should add up to 100, not 105"),
    ("story.toml", "\n[ideas.open]\n", "\n[ideas.open\n",
     "story.toml: not valid TOML"),
    ("languages/fr.toml", "\n[ideas.chatbot]\n", "\n[ideas.chatbott]\n",
     "languages/fr.toml: ideas.chatbot: missing"),
    ("languages/fr.toml", 'milestones = [\n    "', 'milestones = [\n    "Un de trop",\n    "',
     "languages/fr.toml: untranslated.milestones: should hold 4 texts, not 5"),
    ("languages/fr.toml", "[departments]\n", '[departments]\nparks = "Parcs et jardins"\n',
     "languages/fr.toml: departments.parks: not a department of story.toml"),
    ("story.toml", '["shared-archive", "budget-dashboard"]', '["shared-archive", "chatbot"]',
     "story.toml: voting.ballots[0][1]: 'chatbot' is not an idea of ideas.voting"),
    ("hub.toml", 'share = ["sibiu", "lyon"]', 'share = ["sibiu", "atlantis"]',
     "hub.toml: share[1]: 'atlantis' is not a city of cities/"),
    ("hub.toml", 'city = "lyon"', 'city = "sibiu"',
     "hub.toml: adoptions[0].practice_of: a city cannot adopt its own practice"),
    ("hub.toml", 'kind = "webinar"', 'kind = "party"',
     "hub.toml: events[0].kind: 'party' is not a kind of event (webinar, meeting, workshop)"),
    ("hub.toml", "at = 11:00:00", 'at = "11h"',
     "hub.toml: events[0].at: should be a time (10:00:00), not '11h'"),
    ("hub.toml", "share = [0.5, 0.75]", "share = [0.5]",
     "hub.toml: history.share: should hold 2 numbers, one per days_ago, not 1"),
    ("hub.toml", "share = [0.5, 0.75]", "share = [0.5, 1.5]",
     "hub.toml: history.share[1]: should be a number above 0 and at most 1, not 1.5"),
    ("hub.toml", "days_ago = [30, 10]", "days_ago = [10, 30]",
     "hub.toml: history.days_ago[1]: should be fewer days than the one before it"),
])
def test_a_malformed_file_is_reported_with_its_path_and_key(data_dir, file, old, new, message):
    _edit(data_dir / file, old, new)
    with pytest.raises(DemoDataError) as refused:
        demo_content_load(data_dir)
    assert f"{data_dir}/{message}" in str(refused.value)


def test_a_malformed_file_stops_the_seed_before_anything_is_written(data_dir, db):
    (data_dir / "languages" / "ro.toml").unlink()
    with pytest.raises(DemoDataError, match=r"cities/sibiu\.toml: language: 'ro' is not"):
        demo_network_seed(data_dir=data_dir)
    assert not City.objects.filter(slug__in=["sibiu", "lyon"]).exists()
    assert not User.objects.filter(username="coordinator").exists()


def test_a_ballot_the_voting_app_refuses_stops_the_seed_with_its_key(data_dir, db):
    # Every idea of the call in voting: more than its budget, refused for a basket ballot.
    _edit(data_dir / "story.toml", '["shared-archive", "budget-dashboard"]',
          '["shared-archive", "budget-dashboard", "field-tablets", "staff-training"]')
    (data_dir / "cities" / "lyon.toml").unlink()
    (data_dir / "hub.toml").write_text("share = []\nadoptions = []\nevents = []\n")
    # Said as the voting app says it, in the city's language (Sibiu's is Romanian) and its
    # money (lei).
    with pytest.raises(DemoDataError, match=r"story\.toml: voting\.ballots\[0\]: .* "
                                            r"265\.000\sRON, .* 200\.000\sRON"):
        demo_network_seed(data_dir=data_dir)
    assert not City.objects.filter(slug="sibiu").exists()


def test_the_demo_logins_departments_are_required(data_dir, db):
    # Renamed everywhere, so the files agree with each other; the demo logins (in code)
    # still work in human resources.
    for path in [data_dir / "story.toml", *(data_dir / "languages").glob("*.toml")]:
        text = path.read_text().replace('"human-resources"', '"staff"')
        path.write_text(text.replace("\nhuman-resources = ", "\nstaff = "))
    demo_content_load(data_dir)
    with pytest.raises(DemoDataError, match=r"story\.toml: departments: should include "
                                            r"human-resources"):
        demo_network_seed(data_dir=data_dir)
    assert not City.objects.filter(slug__in=["sibiu", "lyon"]).exists()


def test_a_city_the_platform_refuses_is_reported_with_its_file(data_dir, db):
    (data_dir / "cities" / "sibiu.toml").unlink()
    (data_dir / "cities" / "lyon.toml").rename(data_dir / "cities" / "Lyon_2.toml")
    (data_dir / "hub.toml").write_text("share = []\nadoptions = []\nevents = []\n")
    with pytest.raises(DemoDataError, match=r"cities/Lyon_2\.toml: slug: "):
        demo_network_seed(data_dir=data_dir)
    assert not City.objects.filter(slug="Lyon_2").exists()
