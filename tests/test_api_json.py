"""The API's JSON, as a client parses it: byte for byte what DRF's JSON renderer writes
(the API writes it with orjson, for speed), including texts in any script, decimals, moments,
translated error messages, and the two line separators a JavaScript parser would choke on."""

import json
from decimal import Decimal

import pytest
from django_tenants.utils import tenant_context
from rest_framework.renderers import JSONRenderer as DrfJSONRenderer

from shared_apps.accounts.models import Role
from tenant_apps.calls.models import Phase
from tenant_apps.proposals.models import Proposal

pytestmark = pytest.mark.django_db

# A title with the two characters JSON allows raw and JavaScript does not (U+2028, U+2029),
# Romanian and Hungarian letters, an emoji, quotes and a backslash.
TITLE = "Ședințe\u2028online\u2029— Őszi “terv” 🚲 \\ C:\\docs"


def _as_drf_writes_it(response) -> bytes:
    return DrfJSONRenderer().render(response.data)


@pytest.fixture
def cluj_with_a_proposal(cluj, make_call, make_proposal):
    call = make_call(cluj, phase=Phase.SUBMISSION)
    proposal = make_proposal(cluj, call, title=TITLE,
                             expected_savings_money=Decimal("1234.50"),
                             expected_savings_hours=Decimal("12.5"))
    return call, proposal


def test_every_answer_is_the_json_drf_would_write(cluj, hub, api_for, cluj_with_a_proposal):
    call, proposal = cluj_with_a_proposal
    admin = api_for(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    answers = {
        "proposals": admin.get("/api/v1/proposals/"),
        "a proposal": admin.get(f"/api/v1/proposals/{proposal.pk}/"),
        "calls": admin.get("/api/v1/calls/"),
        "a call": admin.get(f"/api/v1/calls/{call.pk}/"),
        "reports": admin.get("/api/v1/reports/"),
        "users": admin.get("/api/v1/users/"),
        "a refusal in Romanian": admin.get("/api/v1/proposals/?status=nonsense",
                                           HTTP_ACCEPT_LANGUAGE="ro"),
        "a missing proposal": admin.get("/api/v1/proposals/999999/"),
        "cities on the hub": api_for(hub, roles=[Role.PARTNER_ADMIN]).get("/api/v1/cities/"),
    }
    for name, response in answers.items():
        assert response["Content-Type"] == "application/json", name
        assert response.content == _as_drf_writes_it(response), name

    listed = answers["proposals"].json()["results"][0]
    assert listed["title"] == TITLE
    assert listed["expected_savings_money"] == "1234.50"
    assert listed["submitted_at"].endswith("Z") or "+" in listed["submitted_at"]
    # Escaped, so the answer can be embedded in a page's script as it is.
    assert b"\\u2028online\\u2029" in answers["proposals"].content
    assert "Ședințe".encode() in answers["proposals"].content  # UTF-8, not \\u escapes
    assert answers["a refusal in Romanian"].status_code == 400
    assert answers["a missing proposal"].status_code == 404


def test_an_indented_answer_on_request(cluj, api_for, cluj_with_a_proposal):
    """`Accept: application/json; indent=2` gives the same JSON, indented."""
    _call, proposal = cluj_with_a_proposal
    reader = api_for(cluj)
    compact = reader.get(f"/api/v1/proposals/{proposal.pk}/")
    indented = reader.get(f"/api/v1/proposals/{proposal.pk}/",
                          HTTP_ACCEPT="application/json; indent=2")
    assert indented.content.startswith(b'{\n  "id": ')
    assert json.loads(indented.content) == json.loads(compact.content)


def test_a_moment_is_shown_in_the_city_time_and_utc_ends_in_z(cluj, api_for,
                                                              cluj_with_a_proposal):
    """Cluj's answers give moments in Cluj's time with its offset, as the proposal page
    does; the same moment in UTC would end in Z, as DRF writes it."""
    _call, proposal = cluj_with_a_proposal
    with tenant_context(cluj):
        submitted = Proposal.objects.get(pk=proposal.pk).submitted_at
    shown = api_for(cluj).get(f"/api/v1/proposals/{proposal.pk}/").json()["submitted_at"]
    assert shown[-6:] in ("+02:00", "+03:00")  # Europe/Bucharest, winter or summer
    from datetime import datetime
    assert datetime.fromisoformat(shown) == submitted
