"""Committee evaluation: committee, assignments, conflicts, scorecards, ranking, decisions,
results and anonymisation."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import tenant_context

from conftest import CRITERIA, run_in_threads
from shared_apps.accounts.models import Role
from tenant_apps.calls.models import Phase
from tenant_apps.evaluation import services
from tenant_apps.evaluation.models import Assignment, CommitteeMember, Scorecard
from tenant_apps.notifications.models import Notification
from tenant_apps.notifications.registry import render_all
from tenant_apps.proposals.models import Proposal, Status

EVALUATOR = [Role.EMPLOYEE, Role.EVALUATOR]


@pytest.mark.django_db
def test_committee_members_need_the_evaluator_role(cluj, evaluation_call, api_for, make_user):
    admin = api_for(cluj, roles=[Role.CITY_ADMIN])
    plain = make_user(cluj, username="plain")
    response = admin.post(f"/api/v1/evaluation/calls/{evaluation_call.pk}/committee/",
                          {"user": plain.pk}, content_type="application/json")
    assert response.status_code == 409
    members = admin.get(f"/api/v1/evaluation/calls/{evaluation_call.pk}/committee/").json()
    assert sorted(m["username"] for m in members) == ["eval0", "eval1", "eval2"]


@pytest.mark.django_db
def test_balanced_automatic_assignment_never_gives_authors_their_own(cluj, evaluation_call,
                                                                     make_proposal, api_for):
    own = make_proposal(cluj, evaluation_call, author=evaluation_call.evaluators[0],
                        status=Status.ELIGIBLE)
    for _i in range(5):
        make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE)
    make_proposal(cluj, evaluation_call, status=Status.SUBMITTED)  # not checked yet
    admin = api_for(cluj, roles=[Role.CITY_ADMIN])
    response = admin.post(f"/api/v1/evaluation/calls/{evaluation_call.pk}/assign/",
                          {"per_proposal": 2}, content_type="application/json")
    assert response.json() == {"created": 12}
    with tenant_context(cluj):
        loads = sorted(Assignment.objects.filter(evaluator__in=evaluation_call.evaluators)
                       .values_list("evaluator__username", flat=True))
        assert [loads.count(f"eval{i}") for i in range(3)] == [4, 4, 4]
        assert not Assignment.objects.filter(proposal=own,
                                             evaluator=evaluation_call.evaluators[0]).exists()
    again = admin.post(f"/api/v1/evaluation/calls/{evaluation_call.pk}/assign/", {},
                       content_type="application/json")
    assert again.json() == {"created": 0}


@pytest.mark.django_db
def test_conflict_of_interest_hands_the_proposal_to_someone_else(cluj, evaluation_call,
                                                                 make_proposal, client_for):
    proposal = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE)
    with tenant_context(cluj):
        services.assignments_auto(call=evaluation_call, by=evaluation_call.admin,
                                  per_proposal=2)
        assignment = Assignment.objects.filter(proposal=proposal).first()
        from shared_apps.accounts.services import api_token_issue
        token = api_token_issue(user=assignment.evaluator)
    api = client_for(cluj, HTTP_AUTHORIZATION=f"Token {token}")
    assert api.post(f"/api/v1/assignments/{assignment.pk}/conflict/", {"reason": ""},
                    content_type="application/json").status_code == 400
    response = api.post(f"/api/v1/assignments/{assignment.pk}/conflict/",
                        {"reason": "My brother wrote it."}, content_type="application/json")
    assert response.json() == {"replacement_assigned": True}
    with tenant_context(cluj):
        active = Assignment.objects.filter(proposal=proposal, conflict_declared_at__isnull=True)
        assert active.count() == 2
        assert assignment.evaluator_id not in set(active.values_list("evaluator_id", flat=True))
    assert api.get(f"/api/v1/assignments/{assignment.pk}/").status_code == 404


def _assign(cluj, call, proposal, evaluator):
    with tenant_context(cluj):
        return services.assignment_create(proposal=proposal, evaluator=evaluator, by=call.admin)


def _api_as(client_for, cluj, user):
    from shared_apps.accounts.services import api_token_issue

    with tenant_context(cluj):
        token = api_token_issue(user=user)
    return client_for(cluj, HTTP_AUTHORIZATION=f"Token {token}")


@pytest.mark.django_db
def test_scorecard_weighted_score_and_lock(cluj, evaluation_call, make_proposal, client_for,
                                           scores):
    proposal = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE)
    evaluator = evaluation_call.evaluators[0]
    assignment = _assign(cluj, evaluation_call, proposal, evaluator)
    api = _api_as(client_for, cluj, evaluator)
    url = f"/api/v1/assignments/{assignment.pk}/"

    draft = api.put(url + "scorecard/", {"scores": scores([8, None, None])},
                    content_type="application/json")
    assert draft.status_code == 200
    assert draft.json()["submitted_at"] is None
    incomplete = api.post(url + "submit/", {"scores": scores([8, None, None])},
                          content_type="application/json")
    assert incomplete.status_code == 400
    out_of_range = api.post(url + "submit/", {"scores": scores([8, 11, 5])},
                            content_type="application/json")
    assert out_of_range.status_code == 400

    submitted = api.post(url + "submit/", {"scores": scores([8, 6, 10]), "comment": "Solid."},
                         content_type="application/json")
    assert submitted.status_code == 200
    assert submitted.json()["weighted_score"] == "7.80"  # 8×.40 + 6×.35 + 10×.25

    changed = api.put(url + "scorecard/", {"scores": scores([1, 1, 1])},
                      content_type="application/json")
    assert changed.status_code == 409
    assert api.post(url + "submit/", {"scores": scores([1, 1, 1])},
                    content_type="application/json").status_code == 409
    with tenant_context(cluj):
        card = Scorecard.objects.get(assignment=assignment)
        assert card.weighted_score == Decimal("7.80")
        assert sorted(card.scores.values_list("value", flat=True)) == [6, 8, 10]


@pytest.mark.django_db
def test_only_the_assigned_evaluator_scores(cluj, evaluation_call, make_proposal, client_for,
                                            scores):
    proposal = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE)
    assignment = _assign(cluj, evaluation_call, proposal, evaluation_call.evaluators[0])
    other = _api_as(client_for, cluj, evaluation_call.evaluators[1])
    response = other.post(f"/api/v1/assignments/{assignment.pk}/submit/",
                          {"scores": scores([5, 5, 5])}, content_type="application/json")
    assert response.status_code == 404


@pytest.mark.django_db
def test_scoring_outside_evaluation_is_refused(cluj, evaluation_call, make_proposal,
                                               client_for, scores):
    proposal = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE)
    assignment = _assign(cluj, evaluation_call, proposal, evaluation_call.evaluators[0])
    with tenant_context(cluj):
        evaluation_call.phase = Phase.RESULTS
        evaluation_call.save()
    api = _api_as(client_for, cluj, evaluation_call.evaluators[0])
    response = api.post(f"/api/v1/assignments/{assignment.pk}/submit/",
                        {"scores": scores([5, 5, 5])}, content_type="application/json")
    assert response.status_code == 409
    with tenant_context(cluj):
        assert not Scorecard.objects.filter(assignment=assignment).exists()


@pytest.mark.django_db
def test_ranking_shows_mean_and_spread_and_decisions_need_a_reason(
        cluj, evaluation_call, make_proposal, client_for, api_for, scores):
    strong = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE, title="Strong")
    weak = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE, title="Weak")
    for proposal, grid in ((strong, ([9, 9, 9], [7, 7, 7])), (weak, ([2, 2, 2], [4, 4, 4]))):
        for evaluator, values in zip(evaluation_call.evaluators[:2], grid, strict=True):
            assignment = _assign(cluj, evaluation_call, proposal, evaluator)
            _api_as(client_for, cluj, evaluator).post(
                f"/api/v1/assignments/{assignment.pk}/submit/", {"scores": scores(values)},
                content_type="application/json")
    admin = _api_as(client_for, cluj, evaluation_call.admin)
    ranking = admin.get(f"/api/v1/evaluation/calls/{evaluation_call.pk}/ranking/").json()
    assert [(r["title"], r["rank"], r["aggregate"], r["scorecards"]) for r in ranking] == [
        ("Strong", 1, "8.00", 2), ("Weak", 2, "3.00", 2)]
    assert Decimal(ranking[0]["spread"]) == Decimal("1.00")  # standard deviation of 9 and 7

    no_reason = admin.post(f"/api/v1/evaluation/proposals/{strong.pk}/decision/",
                           {"outcome": "selected", "reason": " "},
                           content_type="application/json")
    assert no_reason.status_code == 400
    decided = admin.post(f"/api/v1/evaluation/proposals/{strong.pk}/decision/",
                         {"outcome": "selected", "reason": "Clear savings, ready to test."},
                         content_type="application/json")
    assert decided.json()["status"] == "selected"
    assert api_for(cluj).post(f"/api/v1/evaluation/proposals/{weak.pk}/decision/",
                              {"outcome": "selected", "reason": "x"},
                              content_type="application/json").status_code == 403


@pytest.mark.django_db
def test_publishing_results_tells_everyone_and_authors_why(cluj, evaluation_call,
                                                           make_proposal, signed_in, api_for):
    chosen = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE, title="Chosen idea")
    rejected = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE, title="Other idea")
    with tenant_context(cluj):
        services.decision_record(proposal=chosen, outcome="selected",
                                 reason="Best value for money.", by=evaluation_call.admin)
        services.decision_record(proposal=rejected, outcome="not_selected",
                                 reason="Overlaps with an existing project.",
                                 by=evaluation_call.admin)
    admin = api_for(cluj, roles=[Role.CITY_ADMIN])
    admin.post(f"/api/v1/calls/{evaluation_call.pk}/phase/", {"phase": "results"},
               content_type="application/json")
    with tenant_context(cluj):
        [told] = render_all([Notification.objects.get(recipient=rejected.author,
                                                      kind="decision")])
        assert "Overlaps with an existing project." in told.body
        assert Notification.objects.filter(kind="results").count() >= 5
    page = signed_in(cluj).get(f"/calls/{evaluation_call.pk}/results/")
    assert page.status_code == 200
    assert "Chosen idea" in page.text and "Best value for money." in page.text
    assert "Other idea" not in page.text
    api_results = api_for(cluj).get(f"/api/v1/calls/{evaluation_call.pk}/results/").json()
    assert [r["title"] for r in api_results["results"]] == ["Chosen idea"]


@pytest.mark.django_db
def test_results_are_not_shown_before_publication(cluj, evaluation_call, signed_in):
    assert signed_in(cluj).get(f"/calls/{evaluation_call.pk}/results/").status_code == 404


@pytest.mark.django_db
def test_anonymous_evaluation_hides_authors_in_pages_api_and_exports(
        cluj, make_call, make_user, make_proposal, make_department, signed_in, client_for):
    admin = make_user(cluj, username="admin", roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    call = make_call(cluj, phase=Phase.EVALUATION, anonymous=True, admin=admin)
    department = make_department(cluj, name="Registry office", code="registry")
    author = make_user(cluj, username="ioana.popescu")
    with tenant_context(cluj):
        author.first_name, author.last_name = "Ioana", "Popescu"
        author.save()
    proposal = make_proposal(cluj, call, author=author, status=Status.ELIGIBLE,
                             department=department, title="Queue-free registry")
    evaluator = make_user(cluj, username="jury", roles=EVALUATOR)
    with tenant_context(cluj):
        CommitteeMember.objects.create(call=call, user=evaluator)
        assignment = services.assignment_create(proposal=proposal, evaluator=evaluator,
                                                by=admin)
    secrets = ("ioana.popescu", "Ioana", "Popescu", "Registry office")

    browser = client_for(cluj)
    with tenant_context(cluj):
        browser.force_login(evaluator)
    pages = [browser.get("/evaluation/"), browser.get(f"/evaluation/assignments/{assignment.pk}/"),
             browser.get(f"/proposals/{proposal.pk}/"), browser.get("/proposals/"),
             browser.get("/evaluation/assignments.csv")]
    api = _api_as(client_for, cluj, evaluator)
    pages += [api.get("/api/v1/assignments/"), api.get(f"/api/v1/proposals/{proposal.pk}/"),
              api.get("/api/v1/proposals/")]
    for response in pages:
        assert response.status_code == 200
        body = response.content.decode()
        assert "Queue-free registry" in body
        for secret in secrets:
            assert secret not in body, (response.request["PATH_INFO"], secret)

    # Employees outside the committee still see who wrote it.
    assert "ioana.popescu" in signed_in(cluj).get(f"/api/v1/proposals/{proposal.pk}/").text \
        or "Popescu" in signed_in(cluj).get(f"/proposals/{proposal.pk}/").text


def test_two_evaluators_submitting_at_once_are_each_counted_once(committed_city):
    from shared_apps.accounts.services import user_create
    from tenant_apps.calls.models import Call
    from tenant_apps.calls.services import call_create

    city = committed_city
    now = timezone.now()
    day = timedelta(days=1)
    with tenant_context(city):
        admin = user_create(username="admin", roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
        author = user_create(username="author", roles=[Role.EMPLOYEE])
        call = call_create(by=admin, title="Concurrent", challenge="c",
                           submission_starts=now - 11 * day, evaluation_starts=now - day,
                           results_on=now + 9 * day, implementation_starts=now + 19 * day,
                           closes_on=now + 99 * day, criteria=CRITERIA)
        Call.objects.filter(pk=call.pk).update(phase=Phase.EVALUATION)
        call.refresh_from_db()
        proposal = Proposal.objects.create(call=call, author=author, title="Idea",
                                           status=Status.ELIGIBLE)
        criteria = list(call.criteria.values_list("pk", flat=True))
        evaluators, assignments = [], []
        for i in range(2):
            evaluator = user_create(username=f"e{i}", roles=EVALUATOR)
            CommitteeMember.objects.create(call=call, user=evaluator)
            evaluators.append(evaluator)
            assignments.append(services.assignment_create(proposal=proposal,
                                                          evaluator=evaluator, by=admin))

    def submit(assignment, evaluator, value):
        return lambda: services.scorecard_save(
            assignment=assignment, by=evaluator, submit=True,
            scores={pk: {"value": value} for pk in criteria})

    jobs = [submit(a, e, v) for a, e, v in zip(assignments, evaluators, (6, 8), strict=True)]
    jobs += jobs  # each evaluator double-clicks
    results = run_in_threads(city, jobs)
    assert sum(isinstance(r, Scorecard) for r in results) == 2, results
    assert all(getattr(r, "code", None) == "locked" for r in results
               if not isinstance(r, Scorecard)), results
    with tenant_context(city):
        assert Scorecard.objects.filter(submitted_at__isnull=False).count() == 2
        from tenant_apps.evaluation.selectors import ranked
        assert ranked(call)[0].aggregate == Decimal("7.00")


def _submit_all(cluj, client_for, call, proposal, grids, scores):
    for evaluator, values in zip(call.evaluators, grids, strict=False):
        assignment = _assign(cluj, call, proposal, evaluator)
        response = _api_as(client_for, cluj, evaluator).post(
            f"/api/v1/assignments/{assignment.pk}/submit/", {"scores": scores(values)},
            content_type="application/json")
        assert response.status_code == 200, response.content


@pytest.mark.django_db
def test_a_mean_ending_in_five_rounds_half_up_in_page_api_and_csv(
        cluj, evaluation_call, make_proposal, client_for, scores):
    # 7.00 and 6.65 (6×.40 + 5×.35 + 10×.25): the mean is exactly 6.825, which a committee
    # secretary rounds to 6.83 by hand or in a spreadsheet.
    proposal = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE, title="Halfway")
    _submit_all(cluj, client_for, evaluation_call, proposal, ([7, 7, 7], [6, 5, 10]), scores)
    admin = _api_as(client_for, cluj, evaluation_call.admin)
    ranking = admin.get(f"/api/v1/evaluation/calls/{evaluation_call.pk}/ranking/").json()
    assert ranking[0]["aggregate"] == "6.83"
    assert ranking[0]["spread"] == "0.18"  # population standard deviation 0.175, half up

    browser = client_for(cluj)
    with tenant_context(cluj):
        browser.force_login(evaluation_call.admin)
    page = browser.get(f"/evaluation/calls/{evaluation_call.pk}/").content.decode()
    assert "6.83" in page and "6.82" not in page
    csv_text = browser.get(f"/evaluation/calls/{evaluation_call.pk}/ranking.csv").content.decode()
    row = next(line for line in csv_text.splitlines() if "Halfway" in line)
    assert ",6.83," in row and ",0.18," in row


@pytest.mark.django_db
def test_the_mean_of_three_evaluators_is_exact_before_rounding(
        cluj, evaluation_call, make_proposal, client_for, scores):
    # 7.00 + 7.00 + 6.65 = 20.65; / 3 = 6.88333…: rounding is done once, on the exact rational.
    proposal = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE)
    _submit_all(cluj, client_for, evaluation_call, proposal,
                ([7, 7, 7], [7, 7, 7], [6, 5, 10]), scores)
    with tenant_context(cluj):
        from tenant_apps.evaluation.selectors import ranked
        row = ranked(evaluation_call)[0]
    assert row.aggregate == Decimal("6.88")
    assert row.spread == Decimal("0.16")  # sqrt(2 × 0.35² / 9) = 0.16499…
    assert (row.lowest, row.highest) == (Decimal("6.65"), Decimal("7.00"))


def _active_loads(cluj, call, evaluators):
    with tenant_context(cluj):
        return [Assignment.objects.filter(proposal__call=call, evaluator=evaluator,
                                          conflict_declared_at__isnull=True).count()
                for evaluator in evaluators]


@pytest.mark.django_db
def test_replacements_after_conflicts_keep_the_committee_evenly_loaded(
        cluj, make_call, make_user, make_proposal, client_for):
    admin = make_user(cluj, username="admin", roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    call = make_call(cluj, phase=Phase.EVALUATION, admin=admin)
    evaluators = [make_user(cluj, username=f"jury{i}", roles=EVALUATOR) for i in range(4)]
    admin_api = _api_as(client_for, cluj, admin)
    for evaluator in evaluators:
        assert admin_api.post(f"/api/v1/evaluation/calls/{call.pk}/committee/",
                              {"user": evaluator.pk},
                              content_type="application/json").status_code == 200
    proposals = [make_proposal(cluj, call, status=Status.ELIGIBLE, title=f"Idea {i}")
                 for i in range(19)]
    assert admin_api.post(f"/api/v1/evaluation/calls/{call.pk}/assign/", {"per_proposal": 2},
                          content_type="application/json").json() == {"created": 38}
    assert sorted(_active_loads(cluj, call, evaluators)) == [9, 9, 10, 10]

    # The first evaluator starts scoring two proposals: a started scorecard never moves.
    with tenant_context(cluj):
        criteria = list(call.criteria.values_list("pk", flat=True))
        started = list(Assignment.objects.filter(evaluator=evaluators[0])
                       .order_by("pk")[:2])
    first = _api_as(client_for, cluj, evaluators[0])
    for assignment in started:
        assert first.put(f"/api/v1/assignments/{assignment.pk}/scorecard/",
                         {"scores": [{"criterion": criteria[0], "value": 7}]},
                         content_type="application/json").status_code == 200

    # The last evaluator steps back from three proposals, one after the other.
    last = _api_as(client_for, cluj, evaluators[3])
    with tenant_context(cluj):
        stepped_back = list(Assignment.objects.filter(evaluator=evaluators[3])
                            .order_by("pk")[:3])
    for assignment in stepped_back:
        response = last.post(f"/api/v1/assignments/{assignment.pk}/conflict/",
                             {"reason": "I worked on this with the author."},
                             content_type="application/json")
        assert response.json() == {"replacement_assigned": True}
        loads = _active_loads(cluj, call, evaluators)
        assert max(loads) - min(loads) <= 1, loads

    with tenant_context(cluj):
        for proposal in proposals:
            active = Assignment.objects.filter(proposal=proposal,
                                               conflict_declared_at__isnull=True)
            assert active.count() == 2, proposal.title
        for assignment in stepped_back:
            assert not Assignment.objects.filter(
                proposal=assignment.proposal, evaluator=evaluators[3],
                conflict_declared_at__isnull=True).exists()
        for assignment in started:
            assert Assignment.objects.get(pk=assignment.pk).evaluator == evaluators[0]
    committee = admin_api.get(f"/api/v1/evaluation/calls/{call.pk}/committee/").json()
    assert sorted(member["load"] for member in committee) == [9, 9, 10, 10]


@pytest.mark.django_db
def test_a_proposal_nobody_can_take_over_is_flagged_to_the_admins(
        cluj, make_call, make_user, make_proposal, client_for):
    admin = make_user(cluj, username="admin", roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    call = make_call(cluj, phase=Phase.EVALUATION, admin=admin)
    evaluators = [make_user(cluj, username=f"jury{i}", roles=EVALUATOR) for i in range(2)]
    with tenant_context(cluj):
        for evaluator in evaluators:
            services.committee_add(call=call, user=evaluator, by=admin)
    proposal = make_proposal(cluj, call, status=Status.ELIGIBLE, title="Orphaned idea")
    with tenant_context(cluj):
        services.assignments_auto(call=call, by=admin, per_proposal=2)
        assignment = Assignment.objects.get(proposal=proposal, evaluator=evaluators[1])
    response = _api_as(client_for, cluj, evaluators[1]).post(
        f"/api/v1/assignments/{assignment.pk}/conflict/", {"reason": "My own team."},
        content_type="application/json")
    assert response.json() == {"replacement_assigned": False}

    admin_api = _api_as(client_for, cluj, admin)
    [told] = [n for n in admin_api.get("/api/v1/notifications/").json()["results"]
              if n["kind"] == "evaluator_missing"]
    assert "Orphaned idea" in told["title"]
    row = admin_api.get(f"/api/v1/evaluation/calls/{call.pk}/ranking/").json()[0]
    assert (row["assigned"], row["evaluators_missing"]) == (1, 1)
    browser = client_for(cluj)
    with tenant_context(cluj):
        browser.force_login(admin)
    page = browser.get(f"/evaluation/calls/{call.pk}/").content.decode()
    assert "Evaluators missing: 1" in page
