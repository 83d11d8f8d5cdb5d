"""Reads on proposals: who sees what, lists with their counts, similar titles."""

import functools
import re
import unicodedata

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce
from stop_words import get_stop_words

from shared_apps.accounts.models import Role, User
from tenant_apps.calls.models import Call, Phase
from tenant_apps.evaluation.models import CommitteeMember
from tenant_apps.proposals.models import (
    PUBLIC_STATUSES,
    CoAuthor,
    Comment,
    Proposal,
    Status,
    Support,
    Vote,
)
from tenants.language import SEARCH_CONFIGS

# Stop words: those PostgreSQL's configuration of the language drops, plus the stop-words
# package's list, since PostgreSQL's Romanian has none and its French misses "les". Not the
# package's English list: it holds content words too ("room", "problems").
LISTED_STOP_WORDS = {"ro": "romanian", "fr": "french", "es": "spanish", "pt": "portuguese",
                     "hu": "hungarian", "nl": "dutch", "it": "italian"}
ANONYMOUS_PHASES = (Phase.SUBMISSION, Phase.EVALUATION, Phase.VOTING)


def count_of(related: QuerySet) -> Coalesce:
    """A correlated count of `related` rows per proposal: evaluated only for the rows a
    page returns, and free of the row multiplication of joined counts."""
    counts = (related.filter(proposal=OuterRef("pk")).order_by().values("proposal")
              .annotate(n=Count("*")).values("n"))
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def city_language() -> str:
    return getattr(connection.tenant, "default_language", None) or settings.LANGUAGE_CODE


def search_config() -> str:
    return SEARCH_CONFIGS.get(city_language(), "simple")


def proposals_visible_to(user: User) -> QuerySet[Proposal]:
    """Everything but other people's drafts and withdrawn proposals; city admins see all
    but drafts. Annotated with support, comment and vote counts."""
    own = Q(author=user) | Q(coauthors__user=user, coauthors__state__in=[
        CoAuthor.State.ACCEPTED, CoAuthor.State.INVITED])
    visible = Q(status__in=PUBLIC_STATUSES) | Q(pk__in=Proposal.objects.filter(own).values("pk"))
    if user.has_role(Role.CITY_ADMIN):
        visible |= Q(status=Status.WITHDRAWN)
    return (
        Proposal.objects.filter(visible)
        .select_related("call", "author", "department", "theme")
        .annotate(
            support_count=count_of(Support.objects.all()),
            comment_count=count_of(Comment.objects.filter(hidden_at__isnull=True)),
            vote_count=count_of(Vote.objects.all()),
            anonymised_for_viewer=ExpressionWrapper(
                Q(Exists(CommitteeMember.objects.filter(call=OuterRef("call"), user=user)))
                & Q(call__anonymous_evaluation=True, call__phase__in=ANONYMOUS_PHASES)
                & ~Q(author=user),
                output_field=BooleanField(),
            ),
        )
        .order_by("-submitted_at", "-created_at", "-id")
    )


def authors_hidden(proposal: Proposal, user: User) -> bool:
    """Whether `user` must not see who wrote `proposal` (anonymous evaluation)."""
    annotated = getattr(proposal, "anonymised_for_viewer", None)
    if annotated is not None:
        return bool(annotated)
    call: Call = proposal.call
    return (
        call.anonymous_evaluation
        and call.phase in ANONYMOUS_PHASES
        and proposal.author_id != user.pk
        and CommitteeMember.objects.filter(call=call, user=user).exists()
    )


def proposal_search(queryset: QuerySet[Proposal], text: str) -> QuerySet[Proposal]:
    """Full-text search in the city's language over title, problem and solution."""
    config = search_config()
    vector = (SearchVector("title", weight="A", config=config)
              + SearchVector("problem", "solution", weight="B", config=config))
    query = SearchQuery(text, search_type="websearch", config=config)
    return queryset.annotate(rank=SearchRank(vector, query)).filter(rank__gt=0).order_by("-rank")


def unaccented(text: str) -> str:
    """Without diacritics, so "semnatura" typed on an English keyboard matches "semnătura"."""
    return "".join(c for c in unicodedata.normalize("NFKD", text)
                   if not unicodedata.combining(c))


@functools.cache
def _listed_stop_words(language: str) -> frozenset[str]:
    name = LISTED_STOP_WORDS.get(language)
    return frozenset(get_stop_words(name)) if name else frozenset()


def stop_words_among(words: set[str], language: str) -> set[str]:
    """Which of the lowercased `words` are stop words ("pentru", "pour", "the") of the
    language (see LISTED_STOP_WORDS). One query."""
    stop = words & _listed_stop_words(language)
    config = SEARCH_CONFIGS.get(language)
    if config and words:
        with connection.cursor() as cursor:
            cursor.execute("SELECT w FROM unnest(%s::text[]) AS w "
                           "WHERE to_tsvector(%s::regconfig, w) = ''::tsvector",
                           [sorted(words), config])
            stop.update(word for (word,) in cursor.fetchall())
    return stop


def _words(text: str) -> list[str]:
    return re.findall(r"\w{2,}", text.lower())


def meaningful_words(words: list[str], stop: set[str]) -> list[str]:
    """`words` less the stop words and numbers, without diacritics."""
    return [unaccented(word) for word in words
            if word not in stop and unaccented(word) not in stop and not word.isdigit()]


def trigrams(words: list[str]) -> set[str]:
    """pg_trgm's trigrams of `words` (each padded with two spaces before, one after)."""
    grams: set[str] = set()
    for word in words:
        padded = f"  {word} "
        grams.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return grams


def trigram_similarity(left: set[str], right: set[str]) -> float:
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


SIMILARITY_THRESHOLD = 0.3
SIMILAR_CANDIDATES = 2000


def proposals_similar(*, user: User, title: str, call: Call | None = None,
                      exclude: Proposal | None = None, limit: int = 5) -> list[Proposal]:
    """Proposals of this city whose titles resemble `title`, best first.

    Only meaningful words count (the city language's stop words are ignored): a proposal
    is suggested when its title or problem shares a word stem with `title` (full-text
    search in the city's language) or its title's meaningful words are close as strings
    (trigram similarity computed here on unaccented text, so no database extension is
    needed and "semnatura" finds "semnătura").
    """
    language = city_language()
    typed = _words(title)
    if not typed:
        return []
    visible = proposals_visible_to(user).exclude(status=Status.WITHDRAWN)
    if exclude is not None:
        visible = visible.exclude(pk=exclude.pk)
    if call is not None:
        visible = visible.filter(call=call)
    candidates = [(pk, _words(candidate))
                  for pk, candidate in visible.values_list("pk", "title")[:SIMILAR_CANDIDATES]]
    vocabulary = set(typed).union(*(words for _pk, words in candidates))
    stop = stop_words_among(vocabulary | {unaccented(word) for word in vocabulary}, language)
    wanted = meaningful_words(typed, stop)
    if not wanted:
        return []
    config = search_config()
    # The typed words as written (stemming needs their diacritics), less the stop words.
    query = SearchQuery(" or ".join(word for word in typed if unaccented(word) in wanted),
                        search_type="websearch", config=config)
    text_hits = set(
        visible.annotate(vector=SearchVector("title", "problem", config=config))
        .filter(vector=query).values_list("pk", flat=True)[:50]
    )
    wanted_grams = trigrams(wanted)
    scored = []
    for pk, words in candidates:
        similarity = trigram_similarity(wanted_grams, trigrams(meaningful_words(words, stop)))
        if pk in text_hits:
            similarity = max(similarity, SIMILARITY_THRESHOLD) + 0.1
        if similarity >= SIMILARITY_THRESHOLD:
            scored.append((similarity, pk))
    best = [pk for _score, pk in sorted(scored, reverse=True)[:limit]]
    by_pk = visible.in_bulk(best)
    return [by_pk[pk] for pk in best if pk in by_pk]


def proposal_for_user(*, user: User, pk: int) -> Proposal:
    return proposals_visible_to(user).prefetch_related(
        "attachments", "coauthors__user").get(pk=pk)
