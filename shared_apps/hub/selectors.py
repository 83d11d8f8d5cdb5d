"""Reads on the hub: the directory of cities, good practices, events and the network
dashboard (which reads only the statistics read model, never a city's schema)."""

import time
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.cache import caches
from django.db.models import (
    Case,
    Count,
    DecimalField,
    ExpressionWrapper,
    F,
    Max,
    Prefetch,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.http import HttpRequest
from django.utils import timezone, translation
from django.utils.translation import get_language_info

from innovato.counts import count_of
from shared_apps.hub.models import (
    Adoption,
    CityStatistics,
    Collection,
    GoodPractice,
    NetworkDailyStatistics,
    NetworkEvent,
    PracticeMessage,
    network_today,
)
from tenants.language import SEARCH_CONFIGS
from tenants.models import City
from tenants.selectors import cities_listed, city_url

SEARCHED_FIELDS = ("title", "summary", "problem", "solution", "results", "theme")


@dataclass(frozen=True)
class CityLink:
    city: City
    url: str
    language_names: list[str]


def text_language(request: HttpRequest, named: str = "") -> str:
    """The language of the text a request sends: named in the data, else `?lang=`, else the
    page's language. A `?lang=` the city does not offer is returned as asked (the request
    then runs in another language), so the caller can refuse it rather than store the text
    under the wrong language."""
    asked = (named or request.GET.get("lang", "")).strip().lower().split("-")[0]
    return asked or request.LANGUAGE_CODE


def network_cities(request: HttpRequest) -> list[CityLink]:
    return [
        CityLink(
            city=city,
            url=city_url(request, city),
            language_names=[get_language_info(code)["name_local"]
                            for code in city.enabled_languages],
        )
        for city in cities_listed()
    ]


# --- Good practices ---------------------------------------------------------------------------


def savings_in_euros() -> Case:
    """A practice's realised savings converted to euros at the configured rates, in SQL, so
    the database filters and sorts on it (NULL for a currency without a rate)."""
    money = DecimalField(max_digits=20, decimal_places=2)
    return Case(*[When(currency=code, then=ExpressionWrapper(
        F("realised_savings_money") * Value(Decimal(str(rate))), output_field=money))
        for code, rate in settings.EXCHANGE_RATES_TO_EUR.items()],
        default=Value(None), output_field=money)


def with_savings_in_euros(practices: QuerySet[GoodPractice]) -> QuerySet[GoodPractice]:
    """`practices` with `savings_eur`, their savings in euros (`savings_in_euros`), for the
    reads that show, filter or sort on it: only those, as the expression (a case per
    currency) costs more to build and compile than the rest of a page's query."""
    if "savings_eur" in practices.query.annotations:
        return practices
    return practices.annotate(savings_eur=savings_in_euros())


def practices_published() -> QuerySet[GoodPractice]:
    """What every city and the hub may read: published practices with adoption counts."""
    return (GoodPractice.objects.filter(status=GoodPractice.Status.PUBLISHED)
            .select_related("source_city")
            .annotate(adoption_count=count_of(Adoption.objects.all(), to="practice")))


def practices_for_review() -> QuerySet[GoodPractice]:
    """Coordinators see every practice but withdrawn ones, those waiting first."""
    return (GoodPractice.objects.exclude(status=GoodPractice.Status.WITHDRAWN)
            .select_related("source_city")
            .annotate(adoption_count=count_of(Adoption.objects.all(), to="practice")))


def practices_readable_by_city(city: City) -> QuerySet[GoodPractice]:
    """What a city's admins may read: published practices and their own city's under
    review."""
    return practices_for_review().filter(Q(status=GoodPractice.Status.PUBLISHED)
                                         | Q(source_city=city))


def collections_for(*, hub_view: bool) -> QuerySet[Collection]:
    """Collections with their practices: every practice for coordinators, only published
    ones for the cities."""
    practices = (GoodPractice.objects.exclude(status=GoodPractice.Status.WITHDRAWN)
                 if hub_view else GoodPractice.objects.filter(
                     status=GoodPractice.Status.PUBLISHED))
    return Collection.objects.prefetch_related(
        Prefetch("practices", queryset=practices))


def practice_search(practices: QuerySet[GoodPractice], text: str) -> QuerySet[GoodPractice]:
    """Full-text search across every translation, each in its own language: a practice
    matches when the text of some language matches the query stemmed in that same language
    (a rank alone would count half-matches made by another language's stemmer)."""
    vectors = {f"search_{code}": SearchVector(*[f"{field}_{code}" for field in SEARCHED_FIELDS],
                                              config=config)
               for code, config in SEARCH_CONFIGS.items()}
    queries = {f"search_{code}": SearchQuery(text, search_type="websearch", config=config)
               for code, config in SEARCH_CONFIGS.items()}
    rank = reduce(lambda a, b: a + b, [SearchRank(F(name), queries[name]) for name in vectors])
    return (practices.annotate(**vectors)
            .filter(reduce(or_, [Q(**{name: query}) for name, query in queries.items()]))
            .annotate(rank=rank).order_by("-rank", "-id"))


def practices_filtered(practices: QuerySet[GoodPractice], *, text: str = "", theme: str = "",
                       city: str = "", min_savings: Decimal | None = None,
                       max_savings: Decimal | None = None,
                       min_adoptions: int | None = None, tag: str = "",
                       collection: int | None = None,
                       ordering: str = "") -> QuerySet[GoodPractice]:
    """Filter (savings in euros, whatever the source city's currency) and, with `ordering`
    "savings" or "-savings", sort on the savings in euros."""
    if min_savings is not None or max_savings is not None or ordering in PRACTICE_ORDERINGS:
        practices = with_savings_in_euros(practices)
    if theme:
        practices = practices.filter(reduce(or_, [Q(**{f"theme_{code}__iexact": theme})
                                                  for code in SEARCH_CONFIGS]))
    if city:
        practices = practices.filter(source_city__slug=city)
    if min_savings is not None:
        practices = practices.filter(savings_eur__gte=min_savings)
    if max_savings is not None:
        practices = practices.filter(savings_eur__lte=max_savings)
    if min_adoptions is not None:
        practices = practices.filter(adoption_count__gte=min_adoptions)
    if tag:
        practices = practices.filter(tags__contains=[tag.lower()])
    if collection:
        practices = practices.filter(collections__pk=collection)
    if text.strip():
        practices = practice_search(practices, text)
    if ordering in PRACTICE_ORDERINGS:
        practices = practices.order_by(PRACTICE_ORDERINGS[ordering], "-id")
    return practices


PRACTICES_VERSION_KEY = "hub:practices-version"
PRACTICE_OPTIONS_SECONDS = 300


def practice_filter_options(practices: QuerySet[GoodPractice], *,
                            audience: str = "") -> dict[str, list]:
    """The themes, source cities and tags present among `practices`, as (value, label)
    pairs for the filters' choices: only values that can match something are offered; and
    every collection, as (id, name) pairs.

    With `audience` (which practices `practices` are: "published", "review"), they are kept
    in the routing cache, shared by the hub and every city (practices are the network's),
    until any practice or collection changes (`practices_changed`) or for five minutes at
    most: three queries over every practice were most of the practices page's cost, and the
    collections' query was a tenth of what remained."""
    if not audience:
        return _practice_filter_options(practices)
    routing = caches["routing"]
    language = translation.get_language() or settings.LANGUAGE_CODE
    version = routing.get(PRACTICES_VERSION_KEY, 0)
    return routing.get_or_set(f"hub:practice-filters:{audience}:{language}:{version}",
                              lambda: _practice_filter_options(practices),
                              PRACTICE_OPTIONS_SECONDS)


def practices_changed(**_signal) -> None:
    """Any practice or collection saved or deleted: the filter choices are read afresh."""
    caches["routing"].set(PRACTICES_VERSION_KEY, time.time_ns(), None)


def _practice_filter_options(practices: QuerySet[GoodPractice]) -> dict[str, list]:
    plain = GoodPractice.objects.filter(pk__in=practices.values("pk"))
    language = translation.get_language() or settings.LANGUAGE_CODE
    codes = list(SEARCH_CONFIGS)
    fields = [f"theme_{code}" for code in codes]
    themes = set()
    for values in plain.values_list(*fields).distinct():
        by_code = dict(zip(codes, values, strict=True))
        # The theme in the reader's language, else the first language that has one; the
        # filter matches a theme in any language, so either value works.
        theme = by_code.get(language[:2]) or next((v for v in values if v), "")
        if theme:
            themes.add(theme)
    cities = City.objects.filter(pk__in=plain.values("source_city")).order_by("name")
    tags = {tag for row in plain.values_list("tags", flat=True) for tag in row or []}
    return {"themes": [(theme, theme) for theme in sorted(themes, key=str.casefold)],
            "cities": [(city.slug, city.name) for city in cities],
            "tags": [(tag, tag) for tag in sorted(tags, key=str.casefold)],
            "collections": [(str(pk), name) for pk, name
                            in Collection.objects.order_by("name").values_list("pk", "name")]}


PRACTICE_ORDERINGS = {"savings": F("savings_eur").asc(nulls_first=True),
                      "-savings": F("savings_eur").desc(nulls_last=True)}


def practice_lineage(practice: GoodPractice) -> list[Adoption]:
    """Source → adopters → outcomes."""
    return list(practice.adoptions.select_related("city").order_by("created_at"))


def events_upcoming() -> QuerySet[NetworkEvent]:
    return NetworkEvent.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at")


# --- Network dashboard ------------------------------------------------------------------------


def exchange_rate(currency: str) -> Decimal:
    return Decimal(str(settings.EXCHANGE_RATES_TO_EUR.get(currency, 1)))


def report_stale_before() -> object:
    """A city whose last report is older than this has stopped reporting."""
    return timezone.now() - timezone.timedelta(minutes=settings.CITY_REPORT_STALE_AFTER_MINUTES)


def dashboard_latest() -> QuerySet[CityStatistics]:
    """Each city's most recent row of the read model, by city name (one query), with
    `stale` set where the city has not reported for longer than the configured time."""
    return (CityStatistics.objects.filter(is_latest=True).select_related("city")
            .annotate(stale=Case(When(computed_at__lt=report_stale_before(), then=Value(True)),
                                 default=Value(False)),
                      realised_money_eur=money_in_euros("realised_money"))
            .order_by("city__name", "city_id"))


def money_in_euros(field: str) -> Case:
    """`field`, an amount in the row's `currency`, converted to euros at the configured rates
    in SQL (NULL for a currency without a rate)."""
    money = DecimalField(max_digits=20, decimal_places=2)
    return Case(*[When(currency=code, then=ExpressionWrapper(
        F(field) * Value(Decimal(str(rate))), output_field=money))
        for code, rate in settings.EXCHANGE_RATES_TO_EUR.items()],
        default=Value(None), output_field=money)


@dataclass
class NetworkTotals:
    cities: int = 0
    calls: int = 0
    proposals: int = 0
    authors: int = 0
    employees: int = 0
    selected: int = 0
    implemented: int = 0
    realised_money_eur: Decimal = Decimal(0)
    realised_hours: Decimal = Decimal(0)
    practices_shared: int = 0
    practices_adopted: int = 0
    updated_at: object = None  # when the newest of these figures was computed

    @property
    def participation_rate(self) -> Decimal | None:
        if not self.employees:
            return None
        return (Decimal(self.authors) / self.employees * 100).quantize(Decimal("0.1"))


COUNTED = ("calls", "proposals", "authors", "employees", "selected", "implemented",
           "practices_shared", "practices_adopted")


def dashboard_totals() -> NetworkTotals:
    """The network's totals over every city's latest figures, summed in the database per
    currency (one query, whatever the number of cities), with the time of the newest."""
    totals = NetworkTotals()
    per_currency = (dashboard_latest().order_by().values("currency")
                    .annotate(cities=Count("pk"), money=Sum("realised_money"),
                              hours=Sum("realised_hours"), latest=Max("computed_at"),
                              **{field: Sum(field) for field in COUNTED}))
    for row in per_currency:
        totals.cities += row["cities"]
        totals.updated_at = max(filter(None, (totals.updated_at, row["latest"])), default=None)
        for field in COUNTED:
            setattr(totals, field, getattr(totals, field) + (row[field] or 0))
        totals.realised_money_eur += (row["money"] or 0) * exchange_rate(row["currency"])
        totals.realised_hours += row["hours"] or 0
    totals.realised_money_eur = totals.realised_money_eur.quantize(Decimal("1"))
    return totals


def dashboard_trend(days: int = 90) -> list[dict]:
    """Network totals per day over the last `days` days (one query)."""
    since = network_today() - timezone.timedelta(days=days)
    rows = (NetworkDailyStatistics.objects.filter(day__gte=since)
            .values("day", "currency", "proposals", "implemented", "realised_money", "cities"))
    by_day: dict = defaultdict(lambda: {"proposals": 0, "implemented": 0,
                                        "realised_money_eur": Decimal(0), "cities": 0})
    for row in rows:
        day = by_day[row["day"]]
        day["proposals"] += row["proposals"]
        day["implemented"] += row["implemented"]
        day["cities"] += row["cities"]
        day["realised_money_eur"] += row["realised_money"] * exchange_rate(row["currency"])
    return [{"day": day, **values} for day, values in sorted(by_day.items())]


def practice_messages(practice: GoodPractice) -> QuerySet[PracticeMessage]:
    """`practice`'s discussion, oldest first (one query whatever its length)."""
    return PracticeMessage.objects.filter(practice=practice).select_related("author_city")
