from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innovato.links import url_with_id
from shared_apps.accounts.models import Role, User
from tenant_apps.audit.services import personal_data_access_record
from tenant_apps.calls.models import Call
from tenant_apps.evaluation import export, selectors, services
from tenant_apps.evaluation.models import Assignment, Decision
from tenant_apps.proposals.models import Proposal
from tenant_apps.reports import exports
from tenant_apps.reports.tables import Column, Kind, Table


def _require_admin(request: HttpRequest) -> None:
    if not request.user.has_role(Role.CITY_ADMIN):
        raise PermissionDenied


def _refused(request: HttpRequest, error: ValidationError, back: str) -> HttpResponse:
    return render(request, "action_refused.html",
                  {"message": " ".join(error.messages), "back": back}, status=400)


@login_required
def my_assignments(request: HttpRequest) -> HttpResponse:
    """An evaluator's list of proposals to score."""
    return render(request, "evaluation/assignment_list.html",
                  {"assignments": selectors.assignments_for(request.user)})


@login_required
def my_assignments_csv(request: HttpRequest) -> HttpResponse:
    """The evaluator's assignments as CSV; anonymous calls leave authors out."""
    columns = [Column("call", _("Call"), Kind.TEXT), Column("proposal", _("Proposal"), Kind.TEXT),
               Column("author", _("Author"), Kind.TEXT),
               Column("department", _("Department"), Kind.TEXT),
               Column("submitted", _("Submitted"), Kind.TEXT),
               Column("score", _("Weighted score"), Kind.SCORE)]
    rows = []
    for assignment in selectors.assignments_for(request.user):
        proposal = assignment.proposal
        anonymous = proposal.call.anonymous_evaluation
        scorecard = getattr(assignment, "scorecard", None)
        submitted = bool(scorecard and scorecard.is_submitted)
        rows.append([
            proposal.call.title, proposal.title,
            None if anonymous else proposal.author.display_name,
            None if anonymous or proposal.department is None else proposal.department.name,
            _("yes") if submitted else _("no"),
            scorecard.weighted_score if submitted else None,
        ])
    table = Table(report="evaluations", title=_("My evaluations"), columns=columns, rows=rows)
    return exports.csv_response(table, name="my-evaluations.csv")


@login_required
def scorecard(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(
        Assignment.objects.select_related("proposal__call", "proposal__author",
                                          "proposal__department"),
        pk=pk, evaluator=request.user)
    call = assignment.proposal.call
    criteria = list(call.criteria.all())
    card = getattr(assignment, "scorecard", None)
    existing = {s.criterion_id: s for s in card.scores.all()} if card else {}
    status = 200
    error = None
    if request.method == "POST":
        scores = {}
        for criterion in criteria:
            raw = request.POST.get(f"score-{criterion.pk}", "").strip()
            scores[criterion.pk] = {
                "value": int(raw) if raw.isdigit() else (raw or None),
                "comment": request.POST.get(f"comment-{criterion.pk}", ""),
            }
        try:
            services.scorecard_save(assignment=assignment, by=request.user, scores=scores,
                                    comment=request.POST.get("comment", ""),
                                    submit="submit" in request.POST)
        except ValidationError as invalid:
            error, status = " ".join(invalid.messages), 400
        else:
            messages.success(request, _("Scorecard submitted. Thank you.")
                             if "submit" in request.POST else _("Scores saved as a draft."))
            return redirect("evaluation:scorecard", pk=assignment.pk)
    rows = [{"criterion": c, "score": existing.get(c.pk)} for c in criteria]
    return render(request, "evaluation/scorecard.html", {
        "assignment": assignment, "proposal": assignment.proposal, "call": call,
        "rows": rows, "card": card, "error": error,
        "anonymous": call.anonymous_evaluation, "values": range(11)}, status=status)


@require_POST
@login_required
def declare_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    assignment = get_object_or_404(Assignment, pk=pk, evaluator=request.user)
    try:
        replacement = services.conflict_declare(assignment=assignment, by=request.user,
                                                reason=request.POST.get("reason", ""))
    except ValidationError as error:
        return _refused(request, error, request.path)
    if replacement is None:
        messages.success(request, _("Conflict of interest recorded; the city's administrators "
                                    "will find another evaluator."))
    else:
        messages.success(request, _("Conflict of interest recorded; the proposal goes to "
                                    "another evaluator."))
    return redirect("evaluation:mine")


@dataclass(frozen=True, slots=True)
class _EligibilityRow:
    pk: int
    title: str
    url: str
    status: str
    action: str
    confirm: str


def _eligibility_rows(call: Call, proposals: list[Proposal]) -> list[_EligibilityRow]:
    """The check list's rows, each value read once: the template then only places them (a
    call can hold dozens of proposals, and each lookup in a template costs more than here)."""
    confirm = _("Record the eligibility of “%(title)s”?")
    rows = []
    for proposal in proposals:
        title = proposal.title
        rows.append(_EligibilityRow(
            pk=proposal.pk, title=title, url=proposal.get_absolute_url(),
            status=proposal.get_status_display(),
            action=url_with_id("evaluation:eligibility", proposal.pk, call.pk),
            confirm=confirm % {"title": title}))
    return rows


@login_required
def call_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    """A city admin's desk for one call: committee, eligibility, assignments, ranking,
    decisions."""
    _require_admin(request)
    call = get_object_or_404(Call, pk=pk)
    to_check, ranking = selectors.evaluation_desk(call)
    committee, candidates = selectors.committee_and_candidates(call)
    return render(request, "evaluation/call_evaluation.html", {
        "call": call,
        "committee": committee,
        "candidates": candidates,
        "to_check": _eligibility_rows(call, to_check),
        "ranking": ranking,
        "outcomes": Decision.Outcome.choices,
    })


def _admin_action(request: HttpRequest, call_pk: int, done: str, perform) -> HttpResponse:
    _require_admin(request)
    back = f"/evaluation/calls/{call_pk}/"
    try:
        perform()
    except ValidationError as error:
        return _refused(request, error, back)
    messages.success(request, done)
    return redirect(back)


@require_POST
@login_required
def committee_change(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    user = get_object_or_404(User, pk=request.POST.get("user") or 0)
    if request.POST.get("remove"):
        return _admin_action(request, pk, _("Removed from the committee."),
                             lambda: services.committee_remove(call=call, user=user,
                                                               by=request.user))
    return _admin_action(request, pk, _("Added to the committee."),
                         lambda: services.committee_add(call=call, user=user, by=request.user))


@require_POST
@login_required
def eligibility(request: HttpRequest, pk: int, proposal_id: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=proposal_id, call_id=pk)
    return _admin_action(request, pk, _("Eligibility recorded."),
                         lambda: services.eligibility_set(
                             proposal=proposal, eligible=request.POST.get("eligible") == "yes",
                             reason=request.POST.get("reason", ""), by=request.user))


@require_POST
@login_required
def assign_automatically(request: HttpRequest, pk: int) -> HttpResponse:
    call = get_object_or_404(Call, pk=pk)
    per_proposal = request.POST.get("per_proposal", "")
    return _admin_action(request, pk, _("Evaluators assigned."),
                         lambda: services.assignments_auto(
                             call=call, by=request.user,
                             per_proposal=int(per_proposal) if per_proposal.isdigit() else None))


@require_POST
@login_required
def assign(request: HttpRequest, pk: int, proposal_id: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=proposal_id, call_id=pk)
    evaluator = get_object_or_404(User, pk=request.POST.get("evaluator") or 0)
    return _admin_action(request, pk, _("Evaluator assigned."),
                         lambda: services.assignment_create(proposal=proposal,
                                                            evaluator=evaluator,
                                                            by=request.user))


@require_POST
@login_required
def decide(request: HttpRequest, pk: int, proposal_id: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=proposal_id, call_id=pk)
    return _admin_action(request, pk, _("Decision recorded."),
                         lambda: services.decision_record(
                             proposal=proposal, outcome=request.POST.get("outcome", ""),
                             reason=request.POST.get("reason", ""), by=request.user))


@require_POST
@login_required
def shortlist(request: HttpRequest, pk: int, proposal_id: int) -> HttpResponse:
    proposal = get_object_or_404(Proposal, pk=proposal_id, call_id=pk)
    return _admin_action(request, pk, _("Shortlist updated."),
                         lambda: services.shortlist_set(
                             proposal=proposal, shortlisted=not request.POST.get("undo"),
                             by=request.user))


@login_required
def ranking_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The ranking as CSV; on an anonymous call, a jury member gets no author names."""
    _require_admin(request)
    call = get_object_or_404(Call, pk=pk)
    hide_authors = selectors.authors_hidden_from(call, request.user)
    columns = [Column("rank", _("Rank"), Kind.COUNT), Column("title", _("Proposal"), Kind.TEXT)]
    if not hide_authors:
        columns.append(Column("author", _("Author"), Kind.TEXT))
    columns += [Column("status", _("Status"), Kind.TEXT),
                Column("score", _("Score"), Kind.SCORE),
                Column("spread", _("Spread"), Kind.SCORE),
                Column("scorecards", _("Scorecards"), Kind.COUNT),
                Column("decision", _("Decision"), Kind.TEXT),
                Column("reason", _("Reason"), Kind.TEXT)]
    ranking = selectors.ranked(call)
    # The authors in one read, rather than one per row.
    authors = {} if hide_authors else User.objects.only(
        "username", "first_name", "last_name").in_bulk(
        {row.proposal.author_id for row in ranking})
    rows = []
    for row in ranking:
        decision = getattr(row.proposal, "decision", None)
        author = authors.get(row.proposal.author_id)
        values = {"rank": row.rank, "title": row.proposal.title,
                  "author": author.display_name if author else None,
                  "status": str(row.proposal.get_status_display()), "score": row.aggregate,
                  "spread": row.spread, "scorecards": row.proposal.scorecards,
                  "decision": str(decision.get_outcome_display()) if decision else None,
                  "reason": decision.reason if decision else None}
        rows.append([values[column.key] for column in columns])
    table = Table(report="ranking", title=call.title, columns=columns, rows=rows)
    if not hide_authors:
        personal_data_access_record(by=request.user, what=request.path, target=call,
                                    exported=True)
    return exports.csv_response(table, name=f"ranking-call-{call.pk}.csv")


@login_required
def proposals_export(request: HttpRequest, pk: int, extension: str) -> HttpResponse:
    """Every proposal of a call with its fields, team, scores, decision and savings, as
    CSV or XLSX; for city admins."""
    _require_admin(request)
    call = get_object_or_404(Call, pk=pk)
    table = export.proposals_table(call, viewer=request.user,
                                   currency=request.tenant.currency)
    name = exports.filename(city_slug=request.tenant.slug, report="proposals", call=call,
                            extension=extension)
    personal_data_access_record(by=request.user, what=request.path, target=call,
                                exported=True)
    if extension == "xlsx":
        return exports.xlsx_response(table, name=name)
    return exports.csv_response(table, name=name)
