"""The whole innovation cycle of one city through the REST API: a call is opened, employees
propose and co-author, the committee scores, results are published, the winner is
implemented and its realised savings are counted."""

from datetime import timedelta

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.accounts.services import api_token_issue

pytestmark = pytest.mark.django_db

EVALUATOR = [Role.EMPLOYEE, Role.EVALUATOR]


@pytest.fixture
def people(cluj, make_user, client_for):
    """API clients for the people of the cycle, each with their own token."""

    def api(username, roles):
        user = make_user(cluj, username=username, roles=roles)
        with tenant_context(cluj):
            token = api_token_issue(user=user)
        client = client_for(cluj, HTTP_AUTHORIZATION=f"Token {token}")
        client.user = user
        return client

    return {
        "admin": api("carla.admin", [Role.CITY_ADMIN, Role.EMPLOYEE]),
        "author": api("ana.author", [Role.EMPLOYEE]),
        "coauthor": api("cosmin.coauthor", [Role.EMPLOYEE]),
        "rival": api("radu.rival", [Role.EMPLOYEE]),
        "colleague": api("corina.colleague", [Role.EMPLOYEE]),
        "eval1": api("elena.eval", EVALUATOR),
        "eval2": api("emil.eval", EVALUATOR),
    }


def ok(response, status=200):
    assert response.status_code == status, (response.status_code, response.content[:500])
    return response.json()


def test_whole_cycle_from_submission_to_realised_savings(cluj, people):
    admin, author, coauthor = people["admin"], people["author"], people["coauthor"]
    now = timezone.now()
    day = timedelta(days=1)
    post = lambda client, path, data=None: client.post(  # noqa: E731
        path, data or {}, content_type="application/json")

    # A city admin prepares the call and opens it.
    call = ok(post(admin, "/api/v1/calls/", {
        "title": "Less paper in internal processes",
        "challenge": "Approvals and forms still circulate on paper.",
        "submission_starts": (now - day).isoformat(),
        "evaluation_starts": (now + 10 * day).isoformat(),
        "results_on": (now + 20 * day).isoformat(),
        "implementation_starts": (now + 30 * day).isoformat(),
        "closes_on": (now + 365 * day).isoformat(), "publish_scores": True,
        "criteria": [{"name": "Innovation", "weight": 40}, {"name": "Feasibility", "weight": 35},
                     {"name": "Sustainability", "weight": 25}]}), 201)
    call_id = call["id"]
    criteria = [c["id"] for c in call["criteria"]]
    ok(post(admin, f"/api/v1/calls/{call_id}/phase/", {"phase": "submission"}))

    # Employees write proposals; a colleague co-authors; the city supports and comments.
    draft = ok(post(author, "/api/v1/proposals/", {
        "call": call_id, "title": "Digital signatures for internal approvals",
        "problem": "Approvals take a week on paper.", "solution": "Sign in the intranet.",
        "mvp_plan": "One department for a month.", "expected_savings_money": "12000",
        "expected_savings_hours": "800"}), 201)
    proposal = draft["id"]
    ok(post(author, f"/api/v1/proposals/{proposal}/coauthors/",
            {"username": "cosmin.coauthor"}), 201)
    ok(post(coauthor, f"/api/v1/proposals/{proposal}/coauthors/answer/", {"accept": True}))
    ok(post(author, f"/api/v1/proposals/{proposal}/submit/"))
    other = ok(post(people["rival"], "/api/v1/proposals/", {
        "call": call_id, "title": "Print quotas per department", "problem": "Too much paper.",
        "solution": "Quotas.", "mvp_plan": "Try in finance."}), 201)["id"]
    ok(post(people["rival"], f"/api/v1/proposals/{other}/submit/"))
    assert ok(post(people["colleague"], f"/api/v1/proposals/{proposal}/support/"))["counted"]
    ok(post(people["colleague"], f"/api/v1/proposals/{proposal}/comments/",
            {"body": "The archive would love this."}), 201)

    # Evaluation: eligibility, committee, balanced assignment, scorecards.
    ok(post(admin, f"/api/v1/calls/{call_id}/phase/", {"phase": "evaluation"}))
    for pid in (proposal, other):
        ok(post(admin, f"/api/v1/evaluation/proposals/{pid}/eligibility/", {"eligible": True}))
    for evaluator in ("eval1", "eval2"):
        ok(post(admin, f"/api/v1/evaluation/calls/{call_id}/committee/",
                {"user": people[evaluator].user.pk}))
    assert ok(post(admin, f"/api/v1/evaluation/calls/{call_id}/assign/",
                   {"per_proposal": 2}), 201) == {"created": 4}
    grades = {("eval1", proposal): [9, 8, 9], ("eval2", proposal): [8, 8, 7],
              ("eval1", other): [4, 6, 5], ("eval2", other): [5, 5, 5]}
    for evaluator in ("eval1", "eval2"):
        for assignment in ok(people[evaluator].get("/api/v1/assignments/"))["results"]:
            values = grades[(evaluator, assignment["proposal"]["id"])]
            ok(post(people[evaluator], f"/api/v1/assignments/{assignment['id']}/submit/", {
                "scores": [{"criterion": c, "value": v, "comment": "Scored."}
                           for c, v in zip(criteria, values, strict=True)]}))
    ranking = ok(admin.get(f"/api/v1/evaluation/calls/{call_id}/ranking/"))
    assert [row["proposal"] for row in ranking] == [proposal, other]
    assert ranking[0]["aggregate"] == "8.20"  # mean of 8.65 and 7.75

    ok(post(admin, f"/api/v1/evaluation/proposals/{proposal}/decision/",
            {"outcome": "selected", "reason": "Large, measurable savings; easy to test."}))
    ok(post(admin, f"/api/v1/evaluation/proposals/{other}/decision/",
            {"outcome": "not_selected", "reason": "Quotas would slow urgent work."}))

    # Results: everyone is told; the authors read the committee's reason.
    ok(post(admin, f"/api/v1/calls/{call_id}/phase/", {"phase": "results"}))
    results = ok(people["colleague"].get(f"/api/v1/calls/{call_id}/results/"))["results"]
    assert [(r["proposal"], r["score"]) for r in results] == [(proposal, "8.20")]
    inbox = ok(people["rival"].get("/api/v1/notifications/"))["results"]
    assert any("Quotas would slow urgent work." in n["body"] for n in inbox)

    # Implementation: a lead, a milestone, an update and monthly savings.
    ok(post(admin, f"/api/v1/calls/{call_id}/phase/", {"phase": "implementation"}))
    implementation = ok(post(admin, "/api/v1/implementations/",
                             {"proposal": proposal, "lead": author.user.pk}), 201)["id"]
    milestone = ok(post(author, "/api/v1/milestones/", {
        "implementation": implementation, "title": "Pilot in finance",
        "due_on": (now + 30 * day).date().isoformat()}), 201)
    ok(author.patch(f"/api/v1/milestones/{milestone['id']}/", {"state": "done"},
                    content_type="application/json"))
    ok(post(coauthor, "/api/v1/implementation-updates/", {
        "implementation": implementation, "body": "Pilot done: 40 approvals signed online.",
        "evidence_url": "https://intranet.example/pilot-report"}), 201)
    for period, realised, hours in (("2026-09-01", "900", "60"), ("2026-10-01", "1100", "75")):
        ok(post(author, "/api/v1/savings/", {
            "implementation": implementation, "period": period, "projected_money": "1000",
            "realised_money": realised, "projected_hours": "66", "realised_hours": hours}), 201)
    ok(post(author, f"/api/v1/implementations/{implementation}/finish/",
            {"outcome": "implemented"}))

    totals = ok(admin.get("/api/v1/savings/totals/", {"call": call_id}))
    assert (totals["projected_money"], totals["realised_money"]) == ("2000.00", "2000.00")
    assert totals["realised_hours"] == "135.0"
    assert ok(author.get(f"/api/v1/proposals/{proposal}/"))["status"] == "implemented"

    # Every state change is in the audit trail, with who did it.
    actions = {entry["action"] for entry in ok(admin.get("/api/v1/audit/",
                                                         {"page_size": 200}))["results"]}
    assert {"call.created", "call.phase_changed", "proposal.submitted", "proposal.eligibility",
            "scorecard.submitted", "proposal.decision"} <= actions
    assert any(action.startswith("savings") for action in actions), actions
