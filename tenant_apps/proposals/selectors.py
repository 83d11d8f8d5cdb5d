"""Reads on proposals: who sees what, lists with their counts, similar titles."""

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

ANONYMOUS_PHASES = (Phase.SUBMISSION, Phase.EVALUATION, Phase.VOTING)


def count_of(related: QuerySet) -> Coalesce:
    """A correlated count of `related` rows per proposal: evaluated only for the rows a
    page returns, and free of the row multiplication of joined counts."""
    counts = (related.filter(proposal=OuterRef("pk")).order_by().values("proposal")
              .annotate(n=Count("*")).values("n"))
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)


def search_config() -> str:
    language = getattr(connection.tenant, "default_language", settings.LANGUAGE_CODE)
    return SEARCH_CONFIGS.get(language, "simple")


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


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams (lowercased words padded with two spaces before, one after), taken
    on the unaccented text."""
    grams: set[str] = set()
    for word in re.findall(r"\w+", unaccented(text).lower()):
        padded = f"  {word} "
        grams.update(padded[i:i + 3] for i in range(len(padded) - 2))
    return grams


def trigram_similarity(a: str, b: str) -> float:
    left, right = trigrams(a), trigrams(b)
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


SIMILARITY_THRESHOLD = 0.3
SIMILAR_CANDIDATES = 2000


def proposals_similar(*, user: User, title: str, call: Call | None = None,
                      exclude: Proposal | None = None, limit: int = 5) -> list[Proposal]:
    """Proposals of this city whose titles resemble `title`, best first.

    Full-text matches on any word (stemmed in the city's language) are joined with trigram
    similarity on titles, computed here so no database extension is needed.
    """
    words = re.findall(r"\w{3,}", title)
    if not words:
        return []
    visible = proposals_visible_to(user).exclude(status=Status.WITHDRAWN)
    if exclude is not None:
        visible = visible.exclude(pk=exclude.pk)
    if call is not None:
        visible = visible.filter(call=call)
    config = search_config()
    query = SearchQuery(" or ".join(words), search_type="websearch", config=config)
    text_hits = set(
        visible.annotate(vector=SearchVector("title", "problem", config=config))
        .filter(vector=query).values_list("pk", flat=True)[:50]
    )
    scored = []
    for pk, candidate in visible.values_list("pk", "title")[:SIMILAR_CANDIDATES]:
        similarity = trigram_similarity(title, candidate)
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


# --- Anonymous evaluation: whose names a reader may see ----------------------------------------


def proposal_author_ids(proposal: Proposal) -> set[int]:
    """The author and co-authors (invited or accepted) of `proposal`: everyone whose name
    would tell who wrote it."""
    ids = {proposal.author_id}
    ids.update(CoAuthor.objects.filter(proposal=proposal)
               .exclude(state=CoAuthor.State.DECLINED).values_list("user_id", flat=True))
    return ids


def readers_without_authors(proposal: Proposal, user_ids: set[int]) -> set[int]:
    """Of `user_ids`, those from whom anonymous evaluation hides who wrote `proposal` (the
    rule of `authors_hidden`, for many readers in one query)."""
    call: Call = proposal.call
    if not (call.anonymous_evaluation and call.phase in ANONYMOUS_PHASES) or not user_ids:
        return set()
    jury = set(CommitteeMember.objects.filter(call=call, user_id__in=user_ids)
               .values_list("user_id", flat=True))
    return jury - {proposal.author_id}


def names_masked_for(proposal: Proposal, user: User) -> set[int]:
    """The ids of the people `user` must see as "Author" on `proposal` (in its discussion):
    its authors and co-authors when the call hides them from `user`, else nobody."""
    if not authors_hidden(proposal, user):
        return set()
    return proposal_author_ids(proposal)
