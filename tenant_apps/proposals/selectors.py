"""Reads on proposals: who sees what, lists with their counts, similar titles."""

import difflib
import functools
import re
import unicodedata

import psycopg
from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.core.exceptions import EmptyResultSet
from django.db import connection
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
)
from django.db.models.expressions import RawSQL
from django.utils import translation
from stop_words import get_stop_words

from innovato.counts import count_of
from shared_apps.accounts.models import Role, User
from tenant_apps.calls.models import Call, Phase, Theme
from tenant_apps.evaluation.models import CommitteeMember
from tenant_apps.people.models import Department
from tenant_apps.proposals.models import (
    EDITABLE_FIELDS,
    PUBLIC_STATUSES,
    TRANSLATED_FIELDS,
    CoAuthor,
    Comment,
    Follow,
    Proposal,
    ProposalVersion,
    PublicationConsent,
    Status,
    Support,
    Vote,
    content_keys,
)
from tenants.language import SEARCH_CONFIGS

# Stop words: those PostgreSQL's configuration of the language drops, plus the stop-words
# package's list, since PostgreSQL's Romanian has none and its French misses "les". Not the
# package's English list: it holds content words too ("room", "problems").
LISTED_STOP_WORDS = {"ro": "romanian", "fr": "french", "es": "spanish", "pt": "portuguese",
                     "hu": "hungarian", "nl": "dutch", "it": "italian"}
ANONYMOUS_PHASES = (Phase.SUBMISSION, Phase.EVALUATION, Phase.VOTING)


def city_language() -> str:
    return getattr(connection.tenant, "default_language", None) or settings.LANGUAGE_CODE


def search_config() -> str:
    return SEARCH_CONFIGS.get(city_language(), "simple")


def _visible_to(user: User) -> Q:
    """Everything but other people's drafts and withdrawn proposals; city admins see all
    but drafts."""
    statuses = ([*PUBLIC_STATUSES, Status.WITHDRAWN] if user.has_role(Role.CITY_ADMIN)
                else PUBLIC_STATUSES)
    # The reader's co-authorships, written out: building them as an ORM subquery took a
    # third of choosing a page of the proposals API's list.
    coauthored = RawSQL(  # noqa: S611 (our own table's name; values are parameters)
        f"SELECT proposal_id FROM {CoAuthor._meta.db_table}"  # noqa: S608
        " WHERE user_id = %s AND state IN (%s, %s)",
        [user.pk, CoAuthor.State.ACCEPTED.value, CoAuthor.State.INVITED.value])
    return Q(status__in=statuses) | Q(author=user) | Q(pk__in=coauthored)


def authors_hidden_from(user: User) -> Q:
    """The proposals whose authors, co-authors and department `user` must not see: those
    of a call evaluated anonymously, while it is, by a committee of which `user` is a
    member, except their own."""
    return (Q(Exists(CommitteeMember.objects.filter(call=OuterRef("call"), user=user)))
            & Q(call__anonymous_evaluation=True, call__phase__in=ANONYMOUS_PHASES)
            & ~Q(author=user))


def proposals_visible_to(user: User) -> QuerySet[Proposal]:
    """Everything but other people's drafts and withdrawn proposals; city admins see all
    but drafts. Annotated with support, comment and vote counts."""
    return (
        Proposal.objects.filter(_visible_to(user))
        .select_related("call", "author", "department", "theme")
        .annotate(
            support_count=count_of(Support.objects.all(), to="proposal"),
            comment_count=count_of(Comment.objects.filter(hidden_at__isnull=True), to="proposal"),
            vote_count=count_of(Vote.objects.all(), to="proposal"),
            anonymised_for_viewer=ExpressionWrapper(authors_hidden_from(user),
                                                    output_field=BooleanField()),
        )
        .order_by("-submitted_at", "-created_at", "-id")
    )


def proposals_listed_for(user: User) -> QuerySet[Proposal]:
    """The proposals `user` sees, newest first, bare: a list filters and pages this, then
    reads the rows of its page with `ProposalRows`."""
    return Proposal.objects.filter(_visible_to(user)).order_by(
        "-submitted_at", "-created_at", "-id")


# The columns of a row of `ProposalRows` that hold each language of a translated text
# ({"title": [("en", "title_en"), …]}) and of the department's name.
TEXT_COLUMNS = {field: [(code, f"{field}_{code}") for code, _name in settings.LANGUAGES]
                for field in TRANSLATED_FIELDS}
DEPARTMENT_NAME_COLUMNS = [f"name_{code}" for code, _name in settings.LANGUAGES]
# The proposal's own columns in such a row, beside its texts.
PLAIN_COLUMNS = ("id", "call_id", "theme_id", "department_id", "status", "status_reason",
                 "expected_savings_money", "expected_savings_hours", "other_benefits",
                 "resources_needed", "submitted_at", "created_at", "updated_at")


class ProposalRows:
    """The proposals of `listed` as a list shows them to `user`: rows keyed by column, in
    the order of `listed`, sliced as `listed` is (so a paginator reads a page of rows in
    one query, the proposals of the page chosen inside it).

    Each row has every language's texts ("title_ro", and the department's "name_ro"), the
    author's columns ("author_username", …), the support, comment and vote counts, whether
    `user` must not see who wrote it ("authors_hidden", as `authors_hidden_from`), and the
    team as [id, username, first name, last name, active, state] lists.

    The query is written out: with the ORM, building and compiling it and building models
    from its rows took longer than the database takes to answer (the proposals API's list
    cost about seven bare API views then). The choice of proposals (visibility, filters,
    search, order, the page) stays with the ORM, as a subquery. The server keeps the
    query prepared on the connection (`prepared_statements`)."""

    ordered = True  # as `listed` is, which must not be DISTINCT (its ids are one column)

    def __init__(self, listed: QuerySet[Proposal], *, user: User) -> None:
        self.listed, self.user = listed, user

    def count(self) -> int:
        return self.listed.count()

    def __getitem__(self, page: slice) -> list[dict]:
        try:
            chosen, chosen_params = (self.listed.values_list("pk", flat=True)[page]
                                     .query.sql_with_params())
        except EmptyResultSet:  # a filter no proposal can match (`pk__in=[]`)
            return []
        # Prepared: parsing and planning this long query cost as much as running it.
        with connection.prepared_statements(), connection.cursor() as cursor:
            cursor.cursor.adapters.register_loader("timestamptz", _COMPILED_MOMENT_READER)
            cursor.execute(_proposal_rows_sql().format(chosen=chosen), [
                [phase.value for phase in ANONYMOUS_PHASES], self.user.pk, self.user.pk,
                *chosen_params])
            columns = [column.name for column in cursor.description]
            return [dict(zip(columns, values, strict=True)) for values in cursor.fetchall()]


# psycopg's own reader of moments, compiled, where Django's is written in Python (reading
# a page's three moments a row with it cost a third of the query). Both give aware
# datetimes, which the API shows in the reader's time zone. Only for this query, which
# reads 150 moments a page: Django's cursors check a `timezone` on their reader, which the
# compiled class can neither carry nor be subclassed to carry, and registering it on every
# cursor would copy the adapters for every query.
_COMPILED_MOMENT_READER = psycopg.adapters.get_loader(
    psycopg.postgres.types["timestamptz"].oid, psycopg.pq.Format.TEXT)


def proposal_row(proposal: Proposal, user: User) -> dict:
    """`proposal`, read as a model with its author and department, as a row of
    `ProposalRows`: a proposal read alone is shown as a list shows it."""
    author, department = proposal.author, proposal.department
    return {
        **{name: getattr(proposal, name) for name in PLAIN_COLUMNS},
        **{column: getattr(proposal, column)
           for columns in TEXT_COLUMNS.values() for _code, column in columns},
        **{column: getattr(department, column) if department else None
           for column in DEPARTMENT_NAME_COLUMNS},
        "author_id": author.pk, "author_username": author.username,
        "author_first_name": author.first_name, "author_last_name": author.last_name,
        "author_is_active": author.is_active,
        "support_count": getattr(proposal, "support_count", 0),
        "comment_count": getattr(proposal, "comment_count", 0),
        "vote_count": getattr(proposal, "vote_count", 0),
        "authors_hidden": authors_hidden(proposal, user),
        "team": [[member.user.pk, member.user.username, member.user.first_name,
                  member.user.last_name, member.user.is_active, member.state]
                 for member in team_of(proposal)],
    }


@functools.cache
def _proposal_rows_sql() -> str:
    """ProposalRows' query, with `{chosen}` for the query of the proposals' ids (an
    ARRAY of a subquery keeps its order)."""
    texts = ", ".join(f"p.{column}" for columns in TEXT_COLUMNS.values()
                      for _code, column in columns)
    department_names = ", ".join(f"d.{column}" for column in DEPARTMENT_NAME_COLUMNS)
    plain = ", ".join(f"p.{column}" for column in PLAIN_COLUMNS)
    users = User._meta.db_table
    return f"""
        SELECT {plain},
               {texts}, {department_names},
               u.id AS author_id, u.username AS author_username,
               u.first_name AS author_first_name, u.last_name AS author_last_name,
               u.is_active AS author_is_active,
               (SELECT count(*) FROM {Support._meta.db_table} s
                 WHERE s.proposal_id = p.id) AS support_count,
               (SELECT count(*) FROM {Comment._meta.db_table} m
                 WHERE m.proposal_id = p.id AND m.hidden_at IS NULL) AS comment_count,
               (SELECT count(*) FROM {Vote._meta.db_table} v
                 WHERE v.proposal_id = p.id) AS vote_count,
               (c.anonymous_evaluation AND c.phase = ANY(%s) AND p.author_id <> %s
                AND EXISTS (SELECT 1 FROM {CommitteeMember._meta.db_table} j
                             WHERE j.call_id = p.call_id AND j.user_id = %s)
               ) AS authors_hidden,
               (SELECT coalesce(json_agg(json_build_array(
                           t.id, t.username, t.first_name, t.last_name, t.is_active, a.state)
                           ORDER BY a.id), '[]')
                  FROM {CoAuthor._meta.db_table} a JOIN {users} t ON t.id = a.user_id
                 WHERE a.proposal_id = p.id) AS team
          FROM unnest(ARRAY({{chosen}})) WITH ORDINALITY AS chosen(id, position)
          JOIN {Proposal._meta.db_table} p ON p.id = chosen.id
          JOIN {users} u ON u.id = p.author_id
          JOIN {Call._meta.db_table} c ON c.id = p.call_id
          LEFT JOIN {Department._meta.db_table} d ON d.id = p.department_id
         ORDER BY chosen.position"""  # noqa: S608 (names of our own tables)


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


def proposal_visible(proposal: Proposal, user: User) -> bool:
    """The rule of `proposals_visible_to` for one loaded proposal: everything but other
    people's drafts and withdrawn proposals; city admins see withdrawn ones too."""
    if proposal.status in PUBLIC_STATUSES:
        return True
    if proposal.status == Status.WITHDRAWN and user.has_role(Role.CITY_ADMIN):
        return True
    return proposal.author_id == user.pk or coauthor_state(proposal, user) in (
        CoAuthor.State.ACCEPTED, CoAuthor.State.INVITED)


def proposal_for_user(*, user: User, pk: int) -> Proposal:
    """Proposal `pk` if `user` sees it (else Proposal.DoesNotExist), with its call, author,
    decision, implementation and team. Read by its key and decided here: far cheaper than
    filtering `proposals_visible_to` for one row."""
    proposal = (Proposal.objects.select_related("call", "author", "decision", "implementation")
                .prefetch_related(Prefetch("coauthors", queryset=CoAuthor.objects
                                           .select_related("user").order_by("pk")))
                .get(pk=pk))
    if not proposal_visible(proposal, user):
        raise Proposal.DoesNotExist
    return proposal


def support_and_follow(proposal: Proposal, user: User) -> tuple[int, bool, bool]:
    """How many support `proposal`, whether `user` does, and whether `user` follows it: one
    query, written out since the ORM takes longer to build it than the database to answer."""
    supports, follows = Support._meta.db_table, Follow._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT (SELECT count(*) FROM {supports} WHERE proposal_id = %(p)s),"  # noqa: S608
            f" EXISTS (SELECT 1 FROM {supports} WHERE proposal_id = %(p)s AND user_id = %(u)s),"
            f" EXISTS (SELECT 1 FROM {follows} WHERE proposal_id = %(p)s AND user_id = %(u)s)",
            {"p": proposal.pk, "u": user.pk})
        total, supported, following = cursor.fetchone()
    return total, supported, following


def consented(proposal: Proposal, user: User) -> bool:
    """Whether `user` agreed to be named if `proposal` is shared with the network."""
    return PublicationConsent.objects.filter(proposal=proposal, user=user).exists()


def discussion_of(proposal: Proposal) -> list[Comment]:
    """`proposal`'s top-level comments in order, each with its replies in `thread`, in one
    query."""
    comments = list(Comment.objects.filter(proposal=proposal).select_related("author"))
    replies: dict[int, list[Comment]] = {}
    for comment in comments:
        if comment.parent_id is not None:
            replies.setdefault(comment.parent_id, []).append(comment)
    for comment in comments:
        comment.thread = replies.get(comment.pk, [])
    return [comment for comment in comments if comment.parent_id is None]


def loaded_team(proposal: Proposal) -> list[CoAuthor] | None:
    """`proposal`'s co-authors as they were read with it (the prefetched `coauthors` of
    `proposal_for_user`), or None if they were not."""
    if "coauthors" in getattr(proposal, "_prefetched_objects_cache", {}):
        return list(proposal.coauthors.all())
    return None


def team_of(proposal: Proposal) -> list[CoAuthor]:
    """`proposal`'s co-authors with their users, as loaded with it or else read now."""
    team = loaded_team(proposal)
    if team is None:
        team = list(proposal.coauthors.select_related("user").order_by("pk"))
    return team


def coauthor_state(proposal: Proposal, user: User) -> str | None:
    """`user`'s place in `proposal`'s team (invited, accepted, declined) or None, read from
    the team loaded with the proposal where it was."""
    team = loaded_team(proposal)
    if team is not None:
        return next((c.state for c in team if c.user_id == user.pk), None)
    return (CoAuthor.objects.filter(proposal=proposal, user=user)
            .values_list("state", flat=True).first())


# --- Anonymous evaluation: whose names a reader may see ----------------------------------------


def proposal_author_ids(proposal: Proposal) -> set[int]:
    """The author and co-authors (invited or accepted) of `proposal`: everyone whose name
    would tell who wrote it."""
    team = loaded_team(proposal)
    if team is not None:
        return {proposal.author_id} | {c.user_id for c in team
                                       if c.state != CoAuthor.State.DECLINED}
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


# --- Versions of a submitted proposal ----------------------------------------------------------


def history_visible_to(proposal: Proposal, user: User) -> bool:
    """Its authors (author and accepted co-authors) and the city admins read a proposal's
    versions; evaluators never do, and an admin on the jury of an anonymous call neither,
    since the versions say who wrote them."""
    if (proposal.author_id == user.pk
            or coauthor_state(proposal, user) == CoAuthor.State.ACCEPTED):
        return True
    return user.has_role(Role.CITY_ADMIN) and not authors_hidden(proposal, user)


def proposal_versions(proposal: Proposal) -> QuerySet[ProposalVersion]:
    """A proposal's versions, first to last, with who made them."""
    return ProposalVersion.objects.filter(proposal=proposal).select_related("by").order_by(
        "number")


def in_language(content: dict, name: str) -> str:
    """A translated text of a version in the active language, else the city's, else the
    first language it was written in (as proposals fall back)."""
    city_language = getattr(connection.tenant, "default_language", None)
    codes = [translation.get_language(), city_language, settings.LANGUAGE_CODE,
             *(code for code, _name in settings.LANGUAGES)]
    for code in codes:
        if code and (value := content.get(f"{name}_{code}")):
            return value
    return ""


def word_diff(before: str, after: str) -> list[tuple[str, str]]:
    """`before` → `after` as ("same" | "removed" | "added", text) runs of whole words."""
    old, new = re.split(r"(\s+)", before), re.split(r"(\s+)", after)
    runs: list[tuple[str, str]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(("same", "".join(old[i1:i2])))
            continue
        if i1 < i2:
            runs.append(("removed", "".join(old[i1:i2])))
        if j1 < j2:
            runs.append(("added", "".join(new[j1:j2])))
    return [run for run in runs if run[1]]


def version_history(proposal: Proposal) -> list[dict]:
    """The versions of `proposal`, newest first, each with what changed from the one before:
    per field (and language, for texts written in several) a word diff."""
    versions = list(proposal_versions(proposal))

    def names_of(model, name: str) -> dict:
        # Names only matter to a change, so not for a single version.
        ids = {v.content.get(name) for v in versions} - {None} if len(versions) > 1 else set()
        return {row.pk: row.name for row in model.objects.filter(pk__in=ids)} if ids else {}

    names = {"department": names_of(Department, "department"), "theme": names_of(Theme, "theme")}

    def shown(name: str, key: str, content: dict) -> str:
        value = content.get(key)
        if name in names:
            return names[name].get(value, "") if value is not None else ""
        return "" if value is None else str(value)

    history, previous = [], None
    for version in versions:
        changes = []
        for name in EDITABLE_FIELDS if previous is not None else ():
            label = str(Proposal._meta.get_field(name).verbose_name)
            keys = content_keys(name)
            for key in keys:
                before, after = shown(name, key, previous), shown(name, key, version.content)
                if before != after:
                    changes.append({
                        "label": label[:1].upper() + label[1:]
                        + (f" ({key.rsplit('_', 1)[1].upper()})" if len(keys) > 1 else ""),
                        "diff": word_diff(before, after),
                    })
        history.append({"version": version, "changes": changes})
        previous = version.content
    return history[::-1]


def drafts_of(user: User) -> QuerySet[Proposal]:
    """The user's own unsubmitted proposals, last edited first."""
    return (Proposal.objects.filter(author=user, status=Status.DRAFT)
            .select_related("call").order_by("-updated_at", "-pk"))


def coauthor_invitations_for(user: User) -> QuerySet[CoAuthor]:
    """Invitations to co-author a proposal that the user has not answered yet."""
    return (CoAuthor.objects.filter(user=user, state=CoAuthor.State.INVITED)
            .select_related("proposal", "invited_by").order_by("-invited_at"))
