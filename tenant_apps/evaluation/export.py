"""A call's proposals as one table for city admins: fields, team, scores per criterion,
ranking, decision and savings. The page download, the API and both file formats (CSV and
XLSX, see `tenant_apps.reports.exports`) read this one table.

Headers are in the reader's language; cells keep machine values (numbers stay numbers).
On an anonymous call, a viewer who sits on its jury gets neither authors nor departments.
"""

from typing import Any

from django.utils.translation import gettext as _

from shared_apps.accounts.models import User
from tenant_apps.calls.models import Call
from tenant_apps.evaluation import selectors
from tenant_apps.reports.tables import Column, Kind, Table


def _columns(criteria: list, *, currency: str, hide_authors: bool) -> list[Column]:
    columns = [
        Column("id", _("ID"), Kind.COUNT),
        Column("title", _("Title"), Kind.TEXT),
        Column("status", _("Status"), Kind.TEXT),
        Column("theme", _("Theme"), Kind.TEXT),
    ]
    if not hide_authors:
        columns += [
            Column("department", _("Department"), Kind.TEXT),
            Column("authors", _("Authors and co-authors"), Kind.TEXT),
        ]
    columns += [
        Column("problem", _("Problem"), Kind.TEXT),
        Column("solution", _("Proposed solution"), Kind.TEXT),
        Column("mvp_plan", _("MVP plan"), Kind.TEXT),
        Column("expected_money",
               _("Expected savings per year (%(currency)s)") % {"currency": currency},
               Kind.MONEY),
        Column("expected_hours", _("Staff hours saved per year"), Kind.HOURS),
    ]
    columns += [Column(f"criterion_{criterion.pk}",
                       _("Mean score: %(criterion)s") % {"criterion": criterion.name},
                       Kind.SCORE) for criterion in criteria]
    columns += [
        Column("aggregate", _("Weighted mean (0–10)"), Kind.SCORE),
        Column("spread", _("Spread"), Kind.SCORE),
        Column("scorecards", _("Scorecards"), Kind.COUNT),
        Column("rank", _("Rank"), Kind.COUNT),
        Column("decision", _("Decision"), Kind.TEXT),
        Column("reason", _("Reason"), Kind.TEXT),
        Column("realised_money",
               _("Realised savings (%(currency)s)") % {"currency": currency}, Kind.MONEY),
        Column("realised_hours", _("Realised hours saved"), Kind.HOURS),
    ]
    return columns


def proposals_table(call: Call, *, viewer: User, currency: str) -> Table:
    """Every proposal of `call` but drafts, as a table; a fixed number of queries."""
    hide_authors = selectors.authors_hidden_from(call, viewer)
    criteria = list(call.criteria.all())
    ranking = {row.proposal.pk: row for row in selectors.ranked(call)}
    means = selectors.criterion_means(call)
    savings = selectors.realised_savings(call)
    columns = _columns(criteria, currency=currency, hide_authors=hide_authors)
    rows = []
    for proposal in selectors.proposals_for_export(call):
        ranked = ranking.get(proposal.pk)
        decision = getattr(proposal, "decision", None)
        realised = savings.get(proposal.pk, (None, None))
        values: dict[str, Any] = {
            "id": proposal.pk,
            "title": proposal.title,
            "status": str(proposal.get_status_display()),
            "theme": proposal.theme.name if proposal.theme else None,
            "department": proposal.department.name if proposal.department else None,
            "authors": "; ".join([proposal.author.display_name] + [
                coauthor.user.display_name for coauthor in proposal.accepted_coauthors]),
            "problem": proposal.problem,
            "solution": proposal.solution,
            "mvp_plan": proposal.mvp_plan,
            "expected_money": proposal.expected_savings_money,
            "expected_hours": proposal.expected_savings_hours,
            "aggregate": ranked.aggregate if ranked else None,
            "spread": ranked.spread if ranked else None,
            "scorecards": ranked.proposal.scorecards if ranked else 0,
            "rank": ranked.rank if ranked else None,
            "decision": str(decision.get_outcome_display()) if decision else None,
            "reason": decision.reason if decision else None,
            "realised_money": realised[0],
            "realised_hours": realised[1],
        }
        for criterion in criteria:
            values[f"criterion_{criterion.pk}"] = means.get((proposal.pk, criterion.pk))
        rows.append([values[column.key] for column in columns])
    return Table(report="proposals", title=call.title, columns=columns, rows=rows)
