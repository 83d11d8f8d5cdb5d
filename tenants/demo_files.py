"""The demo network's content, read from the TOML files of tenants/demo_data/.

story.toml holds what every demo city shares (codes, ideas and their savings, which call each
idea belongs to), hub.toml what the hub shows, languages/<code>.toml the story's texts in one
language and cities/<slug>.toml one demo city. `demo_content_load` reads and checks them all
before anything is seeded: a file that is not shaped as its header says is reported with its
path and the key at fault.
"""

import tomllib
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import time
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from django.apps import apps
from django.conf import settings

DEMO_DATA_DIR = Path(__file__).resolve().parent / "demo_data"

CALL_KINDS = ("past", "voting", "evaluation", "open")
# How many ideas tenants/demo.py may pick from each call's pool (the call in voting takes
# its whole pool).
POOL_SIZES = {"past": 6, "voting": 3, "evaluation": 6, "open": 4}
# Texts that tenants/demo.py uses by position (see the language files' header).
UNTRANSLATED_COUNTS = {"milestones": 4, "updates": 3, "comments": 4, "selected": 2,
                       "not_selected": 2, "scorecard_comments": 4}
MIN_PEOPLE = 5  # two authors and three others discuss the open call's proposals
EVALUATORS = 2
# The colleagues and evaluators who may have voted already in the call in voting.
MAX_BALLOTS = MIN_PEOPLE + EVALUATORS


class DemoDataError(ValueError):
    """A demo data file is missing, unreadable or not shaped as its header says."""


@dataclass(frozen=True)
class CallText:
    title: str
    challenge: str
    eligibility_rules: str


@dataclass(frozen=True)
class IdeaText:
    title: str
    problem: str
    solution: str
    mvp_plan: str


@dataclass(frozen=True)
class Untranslated:
    """What a city writes in its own language only."""

    people: list[tuple[str, str, str]]  # first name, last name, department code
    evaluators: list[tuple[str, str, str]]  # the same, for evaluator2, evaluator3
    milestones: list[str]  # pilot, training, roll-out, evaluation report
    updates: list[str]  # pilot finished, savings confirmed, roll-out late
    comments: list[str]  # praise, a question, the author's answer to it, a suggestion
    selected: list[str]  # committee reasons for selecting
    not_selected: list[str]  # committee reasons for not selecting
    ineligible: str
    scorecard_comments: list[str]  # even: for strong proposals, odd: for weaker ones
    savings_note: str


@dataclass(frozen=True)
class Language:
    """The story's texts in one language."""

    themes: dict[str, str]  # theme code -> name
    departments: dict[str, str]  # department code -> name
    calls: dict[str, CallText]  # by call kind
    criteria: list[tuple[str, str]]  # (name, description), weighted by criteria_weights
    ideas: dict[str, IdeaText]  # idea code -> proposal texts
    untranslated: Untranslated


@dataclass(frozen=True)
class Idea:
    theme: str
    department: str
    money: int  # expected savings per year, in euros
    hours: int  # expected staff hours saved per year


@dataclass(frozen=True)
class DemoCity:
    slug: str
    name: str
    country: str
    language: str
    timezone: str
    currency: str
    variant: int | None
    source: Path


@dataclass(frozen=True)
class HubEvent:
    title: str
    kind: str
    language: str
    in_days: int
    at: time
    link: str
    location: str


@dataclass(frozen=True)
class Hub:
    share: list[str]  # city slugs, in order; the first one's practice is featured
    adoptions: list[tuple[str, str]]  # (adopting city, city whose practice it adopts)
    events: list[HubEvent]
    # (days before the seed, part of the seed day's figures) of each earlier report, oldest
    # first: what the dashboard's charts over time show
    history: list[tuple[int, Decimal]] = field(default_factory=list)


@dataclass(frozen=True)
class VotingPlan:
    """The budgeted vote: the ballot type and rule (with their limit or points), each idea's
    cost in euros, the ballots colleagues have cast in the call in voting (idea codes, in
    order of preference) and when the call in evaluation's vote starts (days from the
    seed)."""

    voting_starts: int
    ballot_type: str
    rule: str
    costs: dict[str, Decimal]
    ballots: list[list[str]] = field(default_factory=list)
    max_choices: int | None = None
    points: int | None = None


@dataclass(frozen=True)
class DemoContent:
    themes: list[str]
    departments: list[str]
    criteria_weights: list[int]
    currency_per_euro: dict[str, Decimal]
    ideas: dict[str, Idea]
    calls: dict[str, list[str]]  # call kind -> its pool of idea codes, in order
    languages: dict[str, Language]
    cities: list[DemoCity]  # in the order they are seeded
    hub: Hub
    directory: Path
    voting: VotingPlan


class _Table:
    """A table of one file, whose values are handed out with their shape checked."""

    def __init__(self, path: Path, data: dict[str, Any], at: str = "") -> None:
        self.path, self.data, self.at = path, data, at

    @classmethod
    def read(cls, path: Path) -> "_Table":
        try:
            with path.open("rb") as file:
                return cls(path, tomllib.load(file))
        except FileNotFoundError:
            raise DemoDataError(f"{path}: missing") from None
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
            raise DemoDataError(f"{path}: not valid TOML: {error}") from None

    def where(self, key: str) -> str:
        return f"{self.at}.{key}" if self.at else key

    def fail(self, key: str, problem: str) -> NoReturn:
        raise DemoDataError(f"{self.path}: {self.where(key)}: {problem}")

    def keys(self, required: Iterable[str], optional: Iterable[str] = ()) -> None:
        """Refuse a missing key, and an unknown one (a typo would otherwise go unnoticed)."""
        required, optional = list(required), list(optional)
        for key in required:
            if key not in self.data:
                self.fail(key, "missing")
        for key in self.data:
            if key not in required and key not in optional:
                self.fail(key, f"unknown key (expected {_listed(required + optional)})")

    def value(self, key: str, kind: type | tuple[type, ...], described: str) -> Any:
        if key not in self.data:
            self.fail(key, "missing")
        value = self.data[key]
        if not isinstance(value, kind) or isinstance(value, bool):
            self.fail(key, f"should be {described}, not {_shown(value)}")
        return value

    def text(self, key: str, default: str | None = None) -> str:
        if default is not None and key not in self.data:
            return default
        value = self.value(key, str, "a text")
        if default is None and not value.strip():
            self.fail(key, "should not be empty")
        return value

    def number(self, key: str, *, minimum: int | None = None) -> int:
        value = self.value(key, int, "a whole number")
        if minimum is not None and value < minimum:
            self.fail(key, f"should be at least {minimum}, not {value}")
        return value

    def table(self, key: str) -> "_Table":
        return _Table(self.path, self.value(key, dict, "a table"), self.where(key))

    def tables(self, key: str) -> list["_Table"]:
        values = self.value(key, list, "a list of tables")
        tables = []
        for index, value in enumerate(values):
            if not isinstance(value, dict):
                self.fail(f"{key}[{index}]", f"should be a table, not {_shown(value)}")
            tables.append(_Table(self.path, value, f"{self.where(key)}[{index}]"))
        return tables

    def texts(self, key: str, *, count: int | None = None, minimum: int = 1) -> list[str]:
        values = self.value(key, list, "a list of texts")
        if count is not None and len(values) != count:
            self.fail(key, f"should hold {count} texts, not {len(values)}")
        if len(values) < minimum:
            self.fail(key, f"should hold at least {minimum} texts, not {len(values)}")
        for index, value in enumerate(values):
            if not isinstance(value, str) or not value.strip():
                self.fail(f"{key}[{index}]", f"should be a text, not {_shown(value)}")
        return values

    def code(self, key: str, known: Iterable[str], of: str) -> str:
        value, known = self.text(key), list(known)
        if value not in known:
            self.fail(key, f"{value!r} is not {of} ({_listed(known)})")
        return value

    def named(self, codes: list[str], of: str) -> dict[str, str]:
        """A name for each code of story.toml, and for nothing else."""
        for key in self.data:
            if key not in codes:
                self.fail(key, f"not {of} of story.toml ({_listed(codes)})")
        return {code: self.text(code) for code in codes}


def _listed(values: Iterable[str]) -> str:
    return ", ".join(values)


def _shown(value: Any) -> str:
    kind = type(value).__name__
    return f"{value!r}" if isinstance(value, str | int | float) else f"a {kind}"


def _story(path: Path) -> dict[str, Any]:
    story = _Table.read(path)
    story.keys(["themes", "departments", "criteria_weights", "currency_per_euro", "ideas",
                "voting"])
    themes = story.texts("themes")
    departments = story.texts("departments")
    weights = story.value("criteria_weights", list, "a list of whole numbers")
    if not weights or not all(isinstance(w, int) and not isinstance(w, bool) for w in weights):
        story.fail("criteria_weights", "should be a list of whole numbers")
    if sum(weights) != 100:  # as every call's criteria must
        story.fail("criteria_weights", f"should add up to 100, not {sum(weights)}")
    rates = story.table("currency_per_euro")
    currency_per_euro = {}
    for currency in rates.data:
        rate = rates.value(currency, (int, float), "a number")
        if rate <= 0:
            rates.fail(currency, "should be more than zero")
        currency_per_euro[currency] = Decimal(str(rate))
    pools = story.table("ideas")
    pools.keys(CALL_KINDS)
    ideas, calls = {}, {}
    for kind in CALL_KINDS:
        pool = pools.table(kind)
        if len(pool.data) < POOL_SIZES[kind]:
            pools.fail(kind, f"should hold at least {POOL_SIZES[kind]} ideas, not "
                             f"{len(pool.data)}")
        for code in pool.data:
            if code in ideas:
                pool.fail(code, "already an idea of another call")
            idea = pool.table(code)
            idea.keys(["theme", "department", "money", "hours"])
            ideas[code] = Idea(theme=idea.code("theme", themes, "a theme"),
                               department=idea.code("department", departments, "a department"),
                               money=idea.number("money", minimum=0),
                               hours=idea.number("hours", minimum=0))
        calls[kind] = list(pool.data)
    return {"themes": themes, "departments": departments, "criteria_weights": weights,
            "currency_per_euro": currency_per_euro, "ideas": ideas, "calls": calls,
            "voting": _voting(story, calls)}


def _voting(story: "_Table", calls: dict[str, list[str]]) -> VotingPlan:
    # The ballot type and rule, and whether a ballot fits them, are checked by the voting
    # app when the demo sets the vote up and casts the ballots.
    plan = story.table("voting")
    plan.keys(["voting_starts", "ballot_type", "rule", "costs", "ballots"],
              ["max_choices", "points"])
    ballot_type, rule = plan.text("ballot_type"), plan.text("rule")
    ideas = calls["voting"] + calls["evaluation"]
    costs = plan.table("costs")
    costs.keys(ideas)
    ballots = plan.value("ballots", list, "a list of ballots")
    if len(ballots) > MAX_BALLOTS:
        plan.fail("ballots", f"should hold at most {MAX_BALLOTS} ballots (the colleagues "
                             f"and evaluators every language names), not {len(ballots)}")
    for index, ballot in enumerate(ballots):
        if not isinstance(ballot, list):
            plan.fail(f"ballots[{index}]", f"should be a list of ideas, not {_shown(ballot)}")
        for position, code in enumerate(ballot):
            if code not in calls["voting"]:
                plan.fail(f"ballots[{index}][{position}]",
                          f"{_shown(code)} is not an idea of ideas.voting "
                          f"({_listed(calls['voting'])})")
        if len(set(ballot)) != len(ballot):
            plan.fail(f"ballots[{index}]", "names an idea twice")
    return VotingPlan(
        voting_starts=plan.number("voting_starts"), ballot_type=ballot_type, rule=rule,
        costs={code: Decimal(costs.number(code, minimum=0)) for code in ideas},
        ballots=ballots,
        max_choices=plan.number("max_choices", minimum=1) if "max_choices" in plan.data
        else None,
        points=plan.number("points", minimum=1) if "points" in plan.data else None)


def _people(table: _Table, key: str, departments: list[str], *, count: int | None = None,
            minimum: int = 1) -> list[tuple[str, str, str]]:
    people = table.tables(key)
    if count is not None and len(people) != count:
        table.fail(key, f"should name {count} people, not {len(people)}")
    if len(people) < minimum:
        table.fail(key, f"should name at least {minimum} people, not {len(people)}")
    for person in people:
        person.keys(["first", "last", "department"])
    return [(person.text("first"), person.text("last"),
             person.code("department", departments, "a department of story.toml"))
            for person in people]


def _language(path: Path, story: dict[str, Any]) -> Language:
    texts = _Table.read(path)
    texts.keys(["themes", "departments", "calls", "criteria", "ideas", "untranslated"])
    calls = texts.table("calls")
    calls.keys(CALL_KINDS)
    call_texts = {}
    for kind in CALL_KINDS:
        call = calls.table(kind)
        call.keys(["title", "challenge", "eligibility_rules"])
        call_texts[kind] = CallText(call.text("title"), call.text("challenge"),
                                    call.text("eligibility_rules"))
    criteria = texts.tables("criteria")
    weights = story["criteria_weights"]
    if len(criteria) != len(weights):
        texts.fail("criteria", f"should hold {len(weights)} criteria (one per weight of "
                               f"story.toml), not {len(criteria)}")
    for criterion in criteria:
        criterion.keys(["name", "description"])
    ideas = texts.table("ideas")
    ideas.keys(story["ideas"])
    idea_texts = {}
    for code in story["ideas"]:
        idea = ideas.table(code)
        idea.keys(["title", "problem", "solution", "mvp_plan"])
        title = idea.text("title")
        if len(title) > 200:
            idea.fail("title", f"should be at most 200 characters, not {len(title)}")
        idea_texts[code] = IdeaText(title, idea.text("problem"), idea.text("solution"),
                                    idea.text("mvp_plan"))
    own = texts.table("untranslated")
    own.keys(["people", "evaluators", *UNTRANSLATED_COUNTS, "ineligible", "savings_note"])
    departments = story["departments"]
    return Language(
        themes=texts.table("themes").named(story["themes"], "a theme"),
        departments=texts.table("departments").named(departments, "a department"),
        calls=call_texts,
        criteria=[(criterion.text("name"), criterion.text("description"))
                  for criterion in criteria],
        ideas=idea_texts,
        untranslated=Untranslated(
            people=_people(own, "people", departments, minimum=MIN_PEOPLE),
            evaluators=_people(own, "evaluators", departments, count=EVALUATORS),
            **{key: own.texts(key, count=count) for key, count in UNTRANSLATED_COUNTS.items()},
            ineligible=own.text("ineligible"),
            savings_note=own.text("savings_note"),
        ),
    )


def _city(path: Path, languages: dict[str, Language]) -> DemoCity:
    city = _Table.read(path)
    city.keys(["name", "country", "language", "timezone", "currency"], optional=["variant"])
    timezone = city.text("timezone")
    if timezone not in zoneinfo.available_timezones():
        city.fail("timezone", f"{timezone!r} is not a time zone (such as Europe/Paris)")
    return DemoCity(
        slug=path.stem, name=city.text("name"), country=city.text("country"),
        language=city.code("language", languages, "a language of languages/"),
        timezone=timezone, currency=city.text("currency"),
        variant=city.number("variant") if "variant" in city.data else None, source=path,
    )


def _hub(path: Path, cities: list[DemoCity]) -> Hub:
    hub = _Table.read(path)
    hub.keys(["share", "adoptions", "events"], optional=["history"])
    slugs = [city.slug for city in cities]
    share = hub.texts("share", minimum=0)
    for index, slug in enumerate(share):
        if slug not in slugs:
            hub.fail(f"share[{index}]", f"{slug!r} is not a city of cities/ ({_listed(slugs)})")
    adoptions = []
    for adoption in hub.tables("adoptions"):
        adoption.keys(["city", "practice_of"])
        pair = (adoption.code("city", slugs, "a city of cities/"),
                adoption.code("practice_of", share, "a city of share"))
        if pair[0] == pair[1]:
            adoption.fail("practice_of", "a city cannot adopt its own practice")
        if pair in adoptions:
            adoption.fail("city", f"{pair[0]!r} already adopts the practice of {pair[1]!r}")
        adoptions.append(pair)
    # Looked up, not imported: the hub's models are none of this module's business otherwise.
    event_kinds = apps.get_model("hub", "NetworkEvent").Kind.values
    events = []
    for event in hub.tables("events"):
        event.keys(["title", "kind", "language", "in_days", "at"], optional=["link", "location"])
        events.append(HubEvent(
            title=event.text("title"),
            kind=event.code("kind", event_kinds, "a kind of event"),
            language=event.code("language", [code for code, _name in settings.LANGUAGES],
                                "a language of the platform"),
            in_days=event.number("in_days"), at=event.value("at", time, "a time (10:00:00)"),
            link=event.text("link", default=""), location=event.text("location", default=""),
        ))
    return Hub(share=share, adoptions=adoptions, events=events,
               history=_history(hub.table("history")) if "history" in hub.data else [])


def _history(table: "_Table") -> list[tuple[int, Decimal]]:
    """`days_ago` and `share`, two lists of one length: each earlier report, oldest first,
    with the part (a number above 0 and at most 1) of the seed day's figures it showed."""
    table.keys(["days_ago", "share"])
    days = table.value("days_ago", list, "a list of whole numbers")
    shares = table.value("share", list, "a list of numbers")
    if len(days) != len(shares):
        table.fail("share", f"should hold {len(days)} numbers, one per days_ago, "
                            f"not {len(shares)}")
    for index, value in enumerate(days):
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            table.fail(f"days_ago[{index}]", f"should be a whole number of at least 1, "
                                             f"not {_shown(value)}")
        if index and value >= days[index - 1]:
            table.fail(f"days_ago[{index}]", "should be fewer days than the one before it "
                                             "(oldest report first)")
    for index, value in enumerate(shares):
        if not isinstance(value, int | float) or isinstance(value, bool) or not 0 < value <= 1:
            table.fail(f"share[{index}]", f"should be a number above 0 and at most 1, "
                                          f"not {_shown(value)}")
    return [(day, Decimal(str(share))) for day, share in zip(days, shares, strict=True)]


def demo_content_load(directory: Path = DEMO_DATA_DIR) -> DemoContent:
    """Read and check the demo data files of `directory` (shaped as tenants/demo_data/).

    Raises DemoDataError, naming the file and the key, when a file is missing or malformed.
    """
    directory = Path(directory)
    story = _story(directory / "story.toml")
    platform_languages = [code for code, _name in settings.LANGUAGES]
    languages = {}
    for path in sorted((directory / "languages").glob("*.toml")):
        if path.stem not in platform_languages:
            raise DemoDataError(f"{path}: {path.stem!r} is not a language of the platform "
                                f"({_listed(platform_languages)})")
        languages[path.stem] = _language(path, story)
    if "en" not in languages:
        raise DemoDataError(f"{directory / 'languages' / 'en.toml'}: missing (every demo "
                            "city carries the English texts as its translation)")
    cities = [_city(path, languages) for path in sorted((directory / "cities").glob("*.toml"))]
    if not cities:
        raise DemoDataError(f"{directory / 'cities'}: no city file (<slug>.toml)")
    cities.sort(key=lambda city: (city.variant is None, city.variant or 0, city.slug))
    return DemoContent(**story, languages=languages, cities=cities,
                       hub=_hub(directory / "hub.toml", cities), directory=directory)
