import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shared_apps.accounts.models import Role, User
from tenant_apps.calls.models import Call
from tenant_apps.evaluation import selectors, services
from tenant_apps.evaluation.models import Assignment, Decision
from tenant_apps.proposals.models import Proposal, Status


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
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="my-evaluations.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Call"), _("Proposal"), _("Author"), _("Department"), _("Submitted"),
                     _("Weighted score")])
    for assignment in selectors.assignments_for(request.user):
        proposal = assignment.proposal
        anonymous = proposal.call.anonymous_evaluation
        scorecard = getattr(assignment, "scorecard", None)
        writer.writerow([
            proposal.call.title, proposal.title,
            "" if anonymous else proposal.author.display_name,
            "" if anonymous or proposal.department is None else proposal.department.name,
            _("yes") if scorecard and scorecard.is_submitted else _("no"),
            scorecard.weighted_score if scorecard and scorecard.is_submitted else "",
        ])
    return response


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


@login_required
def call_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    """A city admin's desk for one call: committee, eligibility, assignments, ranking,
    decisions."""
    _require_admin(request)
    call = get_object_or_404(Call, pk=pk)
    proposals = (Proposal.objects.filter(call=call, status__in=[
        Status.SUBMITTED, Status.ELIGIBLE, Status.INELIGIBLE])
        .select_related("author").order_by("submitted_at", "pk"))
    committee = selectors.committee_of(call)
    member_ids = {member.user_id for member in committee}
    return render(request, "evaluation/call_evaluation.html", {
        "call": call,
        "committee": committee,
        "candidates": User.objects.filter(roles__contains=[Role.EVALUATOR], is_active=True)
        .exclude(pk__in=member_ids).order_by("username"),
        "to_check": proposals,
        "ranking": selectors.ranked(call),
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
    _require_admin(request)
    call = get_object_or_404(Call, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="ranking-call-{call.pk}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("Rank"), _("Proposal"), _("Author"), _("Status"), _("Score"),
                     _("Spread"), _("Scorecards"), _("Decision"), _("Reason")])
    for row in selectors.ranked(call):
        decision = getattr(row.proposal, "decision", None)
        writer.writerow([row.rank or "", row.proposal.title, row.proposal.author.display_name,
                         row.proposal.get_status_display(),
                         "" if row.aggregate is None else row.aggregate,
                         "" if row.spread is None else row.spread, row.proposal.scorecards,
                         decision.get_outcome_display() if decision else "",
                         decision.reason if decision else ""])
    return response
