"""The demo's call in its voting phase: seeded with the budgeted vote of story.toml and a
few colleagues' ballots, the demo employee votes on its pages and the city admin's preview
names the winners and explains them."""

import re

import pytest
from django.test import Client
from django.utils import timezone
from django.utils.html import escape
from django_tenants.utils import tenant_context

from tenant_apps.calls.models import Call, Phase
from tenant_apps.proposals.models import Proposal, Status
from tenant_apps.voting.models import Ballot, VotingSetup
from tenant_apps.voting.services import outcome_compute
from tenants.demo import DEMO_PASSWORD
from tenants.demo_files import demo_content_load
from tenants.models import City

HOST = "demo-vote-test.localhost"
CONTENT = demo_content_load()
DEMO_LOGINS = {"employee", "evaluator", "cityadmin"}


@pytest.fixture
def demo_city(make_demo_city) -> City:
    """A new French city, filled by the demo builder as seed_demo fills Paris."""
    city, _counts = make_demo_city(name="Demo Paris", slug="demo-vote-test", country="FR",
                                   language="fr", timezone="Europe/Paris", currency="EUR",
                                   variant=1)
    return city


def _signed_in(username: str) -> Client:
    client = Client(HTTP_HOST=HOST, HTTP_ACCEPT_LANGUAGE="en")
    answer = client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
    assert answer.status_code == 302, answer.content
    return client


def _winners(html: str) -> list[str]:
    listed = re.search(r'<ol id="voting-winners">(.*?)</ol>', html, re.S)
    assert listed, html
    return re.findall(r"<a [^>]*>([^<]*)</a>", listed.group(1))


def test_the_call_in_voting_takes_the_employees_ballot_and_the_admin_previews_winners(
        demo_city):
    plan = CONTENT.voting
    with tenant_context(demo_city):
        call = Call.objects.get(phase=Phase.VOTING)
        now = timezone.now()
        assert call.voting_starts < now < call.results_on
        setup = VotingSetup.objects.get(call=call)
        assert (setup.ballot_type, setup.rule) == (plan.ballot_type, plan.rule)
        proposals = list(Proposal.objects.filter(call=call).select_related("voting_project"))
        titles = {p.title_en: p for p in proposals}
        assert {CONTENT.languages["en"].ideas[code].title for code in
                CONTENT.calls["voting"]} == set(titles)
        assert {p.status for p in proposals} == {Status.SHORTLISTED}
        for code in CONTENT.calls["voting"]:  # Paris counts in euros
            proposal = titles[CONTENT.languages["en"].ideas[code].title]
            assert proposal.voting_project.cost == plan.costs[code]
        voters = set(Ballot.objects.filter(call=call).values_list("voter__username", flat=True))
        assert len(voters) == len(plan.ballots) >= 3
        assert not voters & DEMO_LOGINS  # they can still vote themselves
        dearest = max(proposals, key=lambda p: p.voting_project.cost)

    employee = _signed_in("employee")
    for path in ("/", f"/calls/{call.pk}/"):  # the home page's Vote now, the call's page
        assert f'href="/voting/{call.pk}/ballot/"' in employee.get(path).content.decode()
    ballot = employee.get(f"/voting/{call.pk}/ballot/")
    assert ballot.status_code == 200
    assert f'value="{dearest.pk}"' in ballot.content.decode()
    saved = employee.post(f"/voting/{call.pk}/ballot/", {"choice": [dearest.pk]})
    assert saved.status_code == 302, saved.content
    with tenant_context(demo_city):
        assert Ballot.objects.get(call=call, voter__username="employee").choices == [dearest.pk]
        expected = outcome_compute(call=call)
        winners = [Proposal.objects.get(pk=pk).title for pk in expected["selected"]]

    admin = _signed_in("cityadmin")
    for path in ("/", f"/calls/{call.pk}/"):
        assert f'href="/voting/{call.pk}/preview/"' in admin.get(path).content.decode()
    preview = admin.get(f"/voting/{call.pk}/preview/")
    assert preview.status_code == 200
    html = preview.content.decode()
    assert winners and _winners(html) == [escape(title) for title in winners]
    assert f"Ballots counted: {len(plan.ballots) + 1}." in html
    # Equal shares explains itself: who paid for each winner, why the others lost.
    assert "What each group of supporters paid for each winner" in html
    assert "Why proposals with supporters lost" in html
