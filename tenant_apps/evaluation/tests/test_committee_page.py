"""The committee page: no preset decision, full reasons and a confirmation before deciding."""

import re

import pytest
from django_tenants.utils import tenant_context

from tenant_apps.evaluation import services
from tenant_apps.proposals.models import Proposal, Status


def _admin_client(client_for, city, admin):
    client = client_for(city)
    with tenant_context(city):
        client.force_login(admin)
    return client


@pytest.mark.django_db
def test_no_decision_is_preset_and_deciding_asks_first(cluj, evaluation_call, make_proposal,
                                                       client_for):
    proposal = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE, title="Solar roofs")
    admin = _admin_client(client_for, cluj, evaluation_call.admin)
    page = admin.get(f"/evaluation/calls/{evaluation_call.pk}/").content.decode()
    picker = re.search(rf'<select id="outcome-{proposal.pk}".*?</select>', page, re.S).group(0)
    assert re.search(r'<option value="" selected>Choose a decision', picker)
    assert picker.count(" selected>") == 1 and "required" in picker
    form = re.search(r"<form[^>]*/decision/\"[^>]*>", page, re.S)
    assert 'data-confirm="Record this decision on “Solar roofs”' in form.group(0)

    url = f"/evaluation/calls/{evaluation_call.pk}/proposals/{proposal.pk}/decision/"
    refused = admin.post(url,
                         {"outcome": "", "reason": "Good"})
    assert refused.status_code == 400
    assert "Choose a decision before recording it." in refused.content.decode()
    with tenant_context(cluj):
        assert Proposal.objects.get(pk=proposal.pk).status == Status.ELIGIBLE


@pytest.mark.django_db
def test_a_recorded_reason_is_shown_in_full(cluj, evaluation_call, make_proposal, client_for):
    proposal = make_proposal(cluj, evaluation_call, status=Status.ELIGIBLE)
    reason = ("The savings are well documented and the pilot can start in spring; " * 6).strip()
    with tenant_context(cluj):
        services.decision_record(proposal=proposal, outcome="not_selected", reason=reason,
                                 by=evaluation_call.admin)
    admin = _admin_client(client_for, cluj, evaluation_call.admin)
    page = admin.get(f"/evaluation/calls/{evaluation_call.pk}/").content.decode()
    assert f'<p class="decision-reason">{reason}</p>' in page
    picker = re.search(rf'<select id="outcome-{proposal.pk}".*?</select>', page, re.S).group(0)
    assert '<option value="not_selected" selected>' in picker
    assert '<option value="" selected>' not in picker
