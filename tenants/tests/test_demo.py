"""The demo seed: what a visitor of a demo city sees, and that it stays a development tool.

The test database already holds cities (see conftest.py), so the whole network is not seeded
here; the per-city builder runs on a fresh city instead, the way seed_demo runs it.
"""

from decimal import Decimal
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.utils import timezone, translation
from django.utils.html import escape
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import User
from tenant_apps.audit.models import AuditEntry
from tenant_apps.calls.models import Call, Phase, Theme
from tenant_apps.evaluation.models import Assignment, Scorecard
from tenant_apps.implementation.models import Milestone
from tenant_apps.implementation.selectors import savings_totals
from tenant_apps.notifications.models import Notification
from tenant_apps.proposals.models import CoAuthor, Proposal, Status
from tenants.demo import DEMO_PASSWORD
from tenants.demo_files import demo_content_load
from tenants.models import City

HOST = "demo-ro-test.localhost"
CONTENT = demo_content_load()
TEXTS = CONTENT.languages


@pytest.fixture
def demo_city(make_demo_city) -> City:
    """A new Romanian city, filled by the demo builder as seed_demo fills Cluj."""
    city, counts = make_demo_city(name="Demo Cluj", slug="demo-ro-test", country="RO",
                                  language="ro", timezone="Europe/Bucharest", currency="RON",
                                  variant=0)
    assert counts["calls"] == 4
    return city


def _calls(city: City) -> dict[str, Call]:
    with tenant_context(city):
        return {call.phase: call for call in Call.objects.all()}


def _idea_codes(language: str) -> dict[str, str]:
    """Proposal title in `language` -> idea code."""
    return {text.title: code for code, text in TEXTS[language].ideas.items()}


def test_home_page_lists_the_open_call_in_the_city_language_and_in_english(demo_city):
    open_call = _calls(demo_city)[Phase.SUBMISSION]
    client = Client(HTTP_HOST=HOST)
    # Open calls are for the city's people: visitors see them only with the public teaser.
    assert escape(TEXTS["ro"].calls["open"].title) not in client.get("/").content.decode()
    assert client.post("/accounts/login/", {"username": "employee",
                                            "password": "innovato-demo"}).status_code == 302

    page = client.get("/")
    assert page.status_code == 200
    assert escape(TEXTS["ro"].calls["open"].title) in page.content.decode()

    english = client.get("/?lang=en")
    assert escape(TEXTS["en"].calls["open"].title) in english.content.decode()
    with tenant_context(demo_city):
        assert open_call.evaluation_starts > timezone.now() > open_call.submission_starts
        proposals = Proposal.objects.filter(call=open_call)
        submitted = proposals.filter(status=Status.SUBMITTED)
        assert 2 <= submitted.count() <= 3
        draft = proposals.get(status=Status.DRAFT)
        assert draft.author.username == "employee"
        assert all(p.supports.exists() for p in submitted)
        assert sum(p.comments.count() for p in submitted) >= 2
        assert CoAuthor.objects.filter(proposal__call=open_call, user__username="employee",
                                       state=CoAuthor.State.INVITED).exists()


def test_the_demo_evaluator_has_a_proposal_left_to_score_in_the_call_in_evaluation(demo_city):
    call = _calls(demo_city)[Phase.EVALUATION]
    with tenant_context(demo_city):
        assert call.anonymous_evaluation
        proposals = Proposal.objects.filter(call=call)
        assert 4 <= proposals.count() <= 6
        assert set(proposals.values_list("status", flat=True)) == {Status.ELIGIBLE}
        committee = set(call.committee.values_list("user__username", flat=True))
        assert {"evaluator", "evaluator2"} <= committee
        evaluator = User.objects.get(username="evaluator")
        unscored = Assignment.objects.filter(proposal__call=call, evaluator=evaluator).exclude(
            scorecard__submitted_at__isnull=False)
        assert unscored.exists()
        assert Scorecard.objects.filter(assignment__proposal__call=call,
                                        submitted_at__isnull=False).count() >= 2
        assignment = unscored.select_related("proposal__author").first()
        title, author = assignment.proposal.title_ro, assignment.proposal.author.display_name
        client = Client(HTTP_HOST=HOST)
        client.force_login(evaluator)

    page = client.get(f"/evaluation/assignments/{assignment.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert escape(title) in html
    assert escape(author) not in html  # the call is anonymous for the jury
    assert client.get("/evaluation/").status_code == 200


def test_the_past_call_has_published_results_implementations_and_realised_savings(demo_city):
    call = _calls(demo_city)[Phase.IMPLEMENTATION]
    now = timezone.now()
    with tenant_context(demo_city):
        assert call.results_published_at < now
        assert call.submission_starts < call.evaluation_starts < call.results_on < now
        proposals = list(Proposal.objects.filter(call=call).select_related("decision"))
        statuses = [p.status for p in proposals]
        assert statuses.count(Status.IMPLEMENTED) >= 2
        assert Status.IMPLEMENTING in statuses
        assert Status.NOT_SELECTED in statuses
        for proposal in proposals:
            if proposal.status != Status.INELIGIBLE:
                assert proposal.decision.reason
                assert proposal.status_reason or proposal.status in (Status.IMPLEMENTED,
                                                                     Status.IMPLEMENTING)
        scorecards = Scorecard.objects.filter(assignment__proposal__call=call)
        assert scorecards.exists()
        assert not scorecards.filter(submitted_at__isnull=True).exists()
        assert not scorecards.filter(weighted_score__isnull=True).exists()

        totals = savings_totals(call=call)
        assert totals["realised_money"] > 0
        assert totals["realised_hours"] > 0
        assert totals["projected_money"] > totals["realised_money"]  # this month: projected
        implementing = Proposal.objects.get(call=call, status=Status.IMPLEMENTING)
        assert any(m.is_overdue() for m in implementing.implementation.milestones.all())
        assert implementing.implementation.updates.count() == 2
        implemented = Proposal.objects.filter(call=call, status=Status.IMPLEMENTED).first()
        assert implemented.implementation.progress == 100
        assert implemented.implementation.milestones.filter(
            state=Milestone.State.DONE).count() == 4
        # Amounts are in the city's currency: lei for Cluj.
        code = _idea_codes("ro")[implemented.title_ro]
        assert implemented.expected_savings_money == Decimal(CONTENT.ideas[code].money * 5)
        # The demo employee co-wrote an implemented proposal.
        assert CoAuthor.objects.filter(proposal__call=call, user__username="employee",
                                       state=CoAuthor.State.ACCEPTED).exists()
        # History has history's dates.
        assert not AuditEntry.objects.filter(at__gt=now).exists()
        assert not Notification.objects.filter(created_at__gt=now).exists()
        assert AuditEntry.objects.filter(at__lt=call.results_on).exists()


def test_texts_are_in_the_city_language_with_english_translations(demo_city):
    ro_codes, en = _idea_codes("ro"), TEXTS["en"]
    with tenant_context(demo_city):
        for phase, call in _calls(demo_city).items():
            kind = {Phase.IMPLEMENTATION: "past", Phase.VOTING: "voting",
                    Phase.EVALUATION: "evaluation", Phase.SUBMISSION: "open"}[phase]
            assert (call.title_ro, call.title_en) == (TEXTS["ro"].calls[kind].title,
                                                      en.calls[kind].title)
            assert call.challenge_en == en.calls[kind].challenge
            names = list(call.criteria.order_by("position").values_list("name_ro", "name_en"))
            assert names == [(ro[0], english[0]) for ro, english in
                             zip(TEXTS["ro"].criteria, en.criteria, strict=True)]
            for proposal in Proposal.objects.filter(call=call):
                code = ro_codes[proposal.title_ro]
                assert code in CONTENT.calls[kind]
                assert proposal.title_en == en.ideas[code].title
                assert proposal.mvp_plan_en == en.ideas[code].mvp_plan
                assert proposal.problem_ro == TEXTS["ro"].ideas[code].problem
        assert sorted(Theme.objects.values_list("name_en", flat=True)) == sorted(
            en.themes.values())
        with translation.override("ro"):
            call = Call.objects.get(phase=Phase.EVALUATION)
            assert call.title == TEXTS["ro"].calls["evaluation"].title
        with translation.override("hu"):  # no Hungarian text: a fallback, never blank
            assert Call.objects.get(pk=call.pk).title in (
                TEXTS["ro"].calls["evaluation"].title, en.calls["evaluation"].title)
        people = User.objects.exclude(username__in=["employee", "evaluator", "cityadmin"])
        assert {(u.first_name, u.last_name) for u in people} >= {
            (first, last) for first, last, _department in TEXTS["ro"].untranslated.people}
        assert User.objects.get(username="evaluator2").check_password(DEMO_PASSWORD)
        assert User.objects.get(username="employee").check_password(DEMO_PASSWORD)


def test_every_language_tells_the_same_story():
    # The shape (every code named, every idea written) is checked as the files are read.
    english = TEXTS["en"]
    assert set(TEXTS) == {code for code, _name in settings.LANGUAGES}
    for language, texts in TEXTS.items():
        if language != "en":
            translated = [code for code, idea in texts.ideas.items()
                          if idea.problem != english.ideas[code].problem]
            assert len(translated) == len(CONTENT.ideas), language


@pytest.mark.parametrize(("language", "letters"), [
    ("ro", "ăâîșț"), ("fr", "éèàçê"), ("es", "áéíóúñ¿"), ("pt", "ãçéêõ"),
    ("hu", "áéíóöőúüű"), ("it", "àèéìòù"), ("nl", "éë"),
])
def test_texts_are_written_with_their_diacritics(language, letters):
    texts = TEXTS[language]
    own = texts.untranslated
    corpus = " ".join([*texts.themes.values(), *(c.challenge for c in texts.calls.values()),
                       *(f"{i.title} {i.problem} {i.solution} {i.mvp_plan}"
                         for i in texts.ideas.values()), *own.updates, *own.comments])
    assert set(letters) <= set(corpus.lower())
    if language == "ro":  # comma below, not the cedilla look-alikes
        assert not set("şţŞŢ") & set(corpus)


def test_seed_demo_is_refused_without_debug(db):
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DEBUG"):
        call_command("seed_demo", stdout=StringIO())


def test_seed_demo_leaves_a_network_with_cities_alone(db):
    out = StringIO()
    with override_settings(DEBUG=True):
        call_command("seed_demo", "--if-empty", stdout=out)
        assert "skipped" in out.getvalue()
        with pytest.raises(CommandError, match="already has cities"):
            call_command("seed_demo", stdout=StringIO())


def test_the_call_in_evaluation_runs_its_budgeted_vote_end_to_end(demo_city, api_for,
                                                                   signed_in):
    """The vote planned in story.toml: the committee shortlists, employees fill baskets
    through the API, and the results page names the winners the rule chose."""
    from tenant_apps.calls.services import call_move_phase
    from tenant_apps.evaluation.services import shortlist_set
    from tenant_apps.voting.models import VotingOutcome, VotingSetup

    call = _calls(demo_city)[Phase.EVALUATION]
    with tenant_context(demo_city):
        setup = VotingSetup.objects.get(call=call)
        assert (setup.ballot_type, setup.rule) == ("knapsack", "mes_add1_greedy")
        admin = call.created_by
        proposals = list(Proposal.objects.filter(call=call).order_by("pk"))
        for proposal in proposals:
            shortlist_set(proposal=proposal, shortlisted=True, by=admin)
        call_move_phase(call=call, to_phase=Phase.VOTING, by=admin)
    first, second = proposals[0].pk, proposals[1].pk
    for choices in ([first], [first], [second]):
        answer = api_for(demo_city).put(f"/api/v1/calls/{call.pk}/ballot/",
                                        {"choices": choices}, content_type="application/json")
        assert answer.status_code == 200, answer.content
    with tenant_context(demo_city):
        call_move_phase(call=call, to_phase=Phase.RESULTS, by=admin)
        winners = VotingOutcome.objects.get(call=call).winners
    assert first in winners  # the most votes, and it fits the budget
    page = signed_in(demo_city).get(f"/voting/{call.pk}/results/")
    assert page.status_code == 200
    assert escape(proposals[0].title) in page.content.decode()
