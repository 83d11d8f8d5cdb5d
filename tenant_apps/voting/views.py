"""Pages of a call's voting phase: setup (city admins), the ballot (employees), the preview
(city admins, during voting), the results and the committee's override."""

from decimal import Decimal, InvalidOperation
from fractions import Fraction

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from innovato import charts, formatting
from innovato.errors import NotAllowed
from shared_apps.accounts.models import Role
from tenant_apps.calls.models import Call, Phase
from tenant_apps.proposals.models import Status
from tenant_apps.voting import selectors, services
from tenant_apps.voting.downloads import pabulib_response
from tenant_apps.voting.models import RULES_FOR, BallotType, Rule, VotingOutcome, VotingSetup


def _call(pk: int) -> Call:
    return get_object_or_404(Call.objects.exclude(phase=Phase.DRAFT), pk=pk)


def _require_admin(request: HttpRequest) -> None:
    if not request.user.has_role(Role.CITY_ADMIN):
        raise NotAllowed(_("Only a city admin can do this."))


def _errors(error: ValidationError) -> list[str]:
    return error.messages


@login_required
def voting_setup(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    call = get_object_or_404(Call, pk=pk)
    setup = VotingSetup.objects.filter(call=call).first() or VotingSetup(call=call)
    proposals = list(call.proposals.filter(status=Status.SHORTLISTED)
                     .select_related("voting_project").order_by("pk"))
    errors = []
    if request.method == "POST":
        costs = {}
        for proposal in proposals:
            text = request.POST.get(f"cost-{proposal.pk}", "").strip().replace(",", ".")
            try:
                costs[proposal.pk] = Decimal(text) if text else None
            except InvalidOperation:
                errors.append(_("“%(text)s” is not an amount.") % {"text": text})
        try:
            max_choices = int(request.POST.get("max_choices") or 0) or None
            points = int(request.POST.get("points") or 0) or None
        except ValueError:
            errors.append(_("Give whole numbers for the limit and the points."))
        if not errors:
            try:
                services.voting_setup_save(
                    call=call, by=request.user, ballot_type=request.POST.get("ballot_type", ""),
                    rule=request.POST.get("rule", ""), max_choices=max_choices, points=points,
                    costs=costs)
            except ValidationError as error:
                errors = _errors(error)
            else:
                messages.success(request, _("The vote is set up."))
                return redirect("voting:setup", pk=call.pk)
    rows = [{"proposal": p, "cost": getattr(getattr(p, "voting_project", None), "cost", "")}
            for p in proposals]
    rules = [(ballot, [(rule, Rule(rule).label) for rule in rules])
             for ballot, rules in RULES_FOR.items()]
    return render(request, "voting/setup.html", {
        "call": call, "setup": setup, "rows": rows, "errors": errors,
        "ballot_types": BallotType.choices, "rules": Rule.choices, "rules_for": rules,
        "editable": call.phase in services.SETUP_PHASES,
        "importable": call.phase == Phase.DRAFT and call.voting_starts is not None},
        status=400 if errors else 200)


@login_required
def pabulib(request: HttpRequest, pk: int) -> HttpResponse:
    """City admins: the call's ballots as a Pabulib `.pb` file (GET); a `.pb` file imported
    into a draft call (POST), then back to the setup page with what was imported or why
    nothing was."""
    _require_admin(request)
    call = get_object_or_404(Call, pk=pk)
    if request.method != "POST":
        if not VotingSetup.objects.filter(call=call).exists():
            raise Http404
        return pabulib_response(call)
    upload = request.FILES.get("pabulib")
    try:
        if upload is None:
            raise ValidationError(_("Choose a .pb file to import."))
        imported = services.pabulib_import(call=call, by=request.user, content=upload.read())
    except ValidationError as error:
        for message in _errors(error):
            messages.error(request, message)
    else:
        messages.success(request, _("Proposals imported: %(projects)s. Ballots imported: "
                                    "%(ballots)s.") % imported)
    return redirect("voting:setup", pk=call.pk)


@login_required
def ballot(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call(pk)
    setup = VotingSetup.objects.filter(call=call).first()
    if setup is None:
        raise Http404
    projects = list(selectors.ballot_projects(call))
    errors = []
    mine = selectors.ballot_of(call, request.user)
    choices = [int(c) for c in (mine.choices if mine else [])]
    points = {int(k): v for k, v in (mine.points if mine else {}).items()}
    if request.method == "POST":
        try:
            if setup.ballot_type == BallotType.RANKING:
                choices = [int(v) for v in (request.POST.get(f"rank-{i}") for i in
                                            range(1, len(projects) + 1)) if v]
            else:
                choices = [int(v) for v in request.POST.getlist("choice")]
            points = {p.proposal_id: int(request.POST.get(f"points-{p.proposal_id}") or 0)
                      for p in projects}
            services.ballot_cast(call=call, voter=request.user, choices=choices, points=points)
        except ValueError:
            errors = [_("Give whole numbers of points.")]
        except ValidationError as error:
            errors = _errors(error)
        else:
            messages.success(request, _("Your ballot is saved. You can change it until voting "
                                        "ends."))
            return redirect("voting:ballot", pk=call.pk)
    slots = range(1, min(setup.max_choices or len(projects), len(projects)) + 1)
    ranks = [{"position": i, "chosen": choices[i - 1] if i <= len(choices) else None}
             for i in slots]
    rows = [{"project": p, "chosen": p.proposal_id in choices,
             "points": points.get(p.proposal_id, 0)} for p in projects]
    return render(request, "voting/ballot.html", {
        "call": call, "setup": setup, "rows": rows, "ranks": ranks, "errors": errors,
        "open": call.phase == Phase.VOTING, "has_ballot": mine is not None,
        "budget": call.budget, "currency": selectors.city_currency(),
        "max_total": setup.points if setup.ballot_type == BallotType.CUMULATIVE
        else call.budget}, status=400 if errors else 200)


def _number(text) -> float:
    """An exact amount kept as text ("74/7") as a number for a chart."""
    return float(Fraction(str(text)))


def _decimal(text) -> Decimal:
    """An exact amount kept as text, rounded to cents for display."""
    value = Fraction(str(text))
    return (Decimal(value.numerator) / Decimal(value.denominator)).quantize(Decimal("0.01"))


def _budget_line_chart(line: list[dict], title: str) -> charts.Chart:
    return charts.bar_chart(
        chart_id="chart-budget-line", title=title,
        description=_("Each proposal's votes; the budget line table says which fitted."),
        bars=[charts.Bar(e["title"], e["raw_score"], e["score"]) for e in line])


def _explained(call: Call, result: dict) -> dict:
    """What the results page shows: winners, budget line, payments, losers, with charts."""
    explanation = result["explanation"]
    projects = {str(p.proposal_id): p for p in selectors.ballot_projects(call)}
    currency = selectors.city_currency()

    def money(text) -> str:
        return formatting.money(_decimal(text), currency)

    def title(pk):
        project = projects.get(str(pk))
        return project.proposal.title if project else str(pk)

    winners = [projects[str(pk)] for pk in result["selected"] if str(pk) in projects]
    line = [{"title": title(e["project"]), "cost": money(e["cost"]),
             "score": formatting.number(_number(e["score"])),
             "spent_before": money(e["spent_before"]),
             "selected": e["selected"], "raw_score": _number(e["score"])}
            for e in explanation.get("budget_line", [])]
    paid = [{"title": title(w["project"]), "cost": money(w["cost"]),
             "full_payers": w["full_payers"],
             "full_each": money(w["full_price_each"]),
             "exhausted_payers": w["exhausted_payers"],
             "exhausted_paid": money(w["exhausted_paid"]),
             "raw_full": _number(w["full_paid"]), "raw_exhausted": _number(w["exhausted_paid"])}
            for w in explanation.get("winners", [])]
    losers = [{"title": title(item["project"]), "cost": money(item["cost"]),
               "supporters": item["supporters"],
               "money_left": money(item["money_left"]),
               "raw_left": _number(item["money_left"]), "raw_cost": _number(item["cost"])}
              for item in explanation.get("losers", [])]
    line_title = _("Budget line: each proposal in the order the rule considered it")
    score_label, chart_title, line_title = {
        "greedy_cardinal": (_("Points"), _("Points per proposal, in the order considered"),
                            line_title),
        "greedy_borda": (_("Borda score"),
                         _("Borda score per proposal, in the order considered"), line_title),
        # The completed rule runs equal shares, then fills what is left greedily: its budget
        # line is that second step.
        "mes_add1_greedy": (_("Votes"), _("Votes per remaining proposal, in the order "
                                          "considered"),
                            _("Filling what equal shares left: the other proposals by votes")),
    }.get(explanation.get("method"),
          (_("Votes"), _("Votes per proposal, in the order considered"), line_title))
    line_last = explanation.get("method") == "mes_add1_greedy"
    drawn = []
    if line and not line_last:
        drawn.append(_budget_line_chart(line, chart_title))
    if paid:
        drawn.append(charts.bar_chart(
            chart_id="chart-paid", title=_("What supporters paid for each winner"),
            description=_("Money paid by the supporters of each winner."),
            bars=[charts.Bar(p["title"], p["raw_full"] + p["raw_exhausted"], p["cost"])
                  for p in paid]))
    if losers:
        drawn.append(charts.bar_chart(
            chart_id="chart-losers", title=_("Money left to supporters of proposals that lost"),
            description=_("What the supporters of each losing proposal still had at the end."),
            bars=[charts.Bar(item["title"], item["raw_left"], item["money_left"])
                  for item in losers]))
    if line and line_last:
        drawn.append(_budget_line_chart(line, chart_title))
    return {"winners": winners, "line": line, "line_title": line_title, "line_last": line_last,
            "score_label": score_label, "paid": paid, "losers": losers,
            "charts": drawn, "ballots": result.get("ballots")}


@login_required
def preview(request: HttpRequest, pk: int) -> HttpResponse:
    _require_admin(request)
    call = _call(pk)
    if not VotingSetup.objects.filter(call=call).exists():
        raise Http404
    result = services.outcome_compute(call=call)
    return render(request, "voting/results.html", {
        "call": call, "preview": True, "rule": Rule(call.voting_setup.rule).label,
        **_explained(call, result)})


@login_required
def results(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call(pk)
    outcome = VotingOutcome.objects.filter(call=call).first()
    is_admin = request.user.has_role(Role.CITY_ADMIN)
    if outcome is None or (call.results_published_at is None and not is_admin):
        return render(request, "calls/results_pending.html", {"call": call}, status=404)
    shown = _explained(call, {"selected": outcome.winners, "explanation": outcome.explanation,
                              "ballots": outcome.ballots_counted})
    return render(request, "voting/results.html", {
        "call": call, "outcome": outcome, "rule": Rule(outcome.rule).label, "preview": False,
        "is_admin": is_admin, "projects": list(selectors.ballot_projects(call)),
        "rule_selected": [int(pk) for pk in outcome.selected], **shown})


@login_required
@require_POST
def override(request: HttpRequest, pk: int) -> HttpResponse:
    call = _call(pk)
    try:
        services.outcome_override(call=call, by=request.user,
                                  selected=[int(v) for v in request.POST.getlist("selected")],
                                  reason=request.POST.get("reason", ""))
    except (ValidationError, ValueError) as error:
        messages.error(request, " ".join(error.messages) if isinstance(error, ValidationError)
                       else _("Choose proposals from the list."))
        response = redirect("voting:results", pk=call.pk)
        response.status_code = 303
        return response
    messages.success(request, _("The committee's choice is recorded."))
    return redirect("voting:results", pk=call.pk)
