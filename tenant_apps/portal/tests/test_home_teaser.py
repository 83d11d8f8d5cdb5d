"""A city's home page shows visitors who are not signed in only public information, unless
the city admin turns the public teaser on."""

import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.hub.models import GoodPractice
from tenant_apps.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

ADMIN = [Role.CITY_ADMIN, Role.EMPLOYEE]


@pytest.fixture
def open_call(cluj, make_call, make_proposal):
    call = make_call(cluj, title="Internal: cut paper in the tax office")
    make_proposal(cluj, call)
    make_proposal(cluj, call)
    return call


@pytest.fixture
def featured_practice(paris):
    return GoodPractice.objects.create(
        source_city=paris, source_proposal_id=1, title="Paris shared-desk pilot",
        status=GoodPractice.Status.PUBLISHED, featured=True)


def test_visitors_see_only_the_citys_public_welcome(cluj, client_for, open_call,
                                                    featured_practice):
    page = client_for(cluj).get("/")
    assert page.status_code == 200
    assert "Cluj-Napoca" in page.text
    assert 'href="/accounts/login/' in page.text
    assert "Internal: cut paper" not in page.text
    assert "Submissions close on" not in page.text
    assert "proposals so far" not in page.text
    assert "Open calls" not in page.text
    assert "Paris shared-desk pilot" not in page.text


def test_employees_still_see_open_calls(cluj, signed_in, open_call):
    page = signed_in(cluj).get("/")
    assert "Internal: cut paper" in page.text
    assert "2 proposals so far" in page.text


def test_the_admin_turns_the_public_teaser_on_and_off(cluj, paris, signed_in, client_for,
                                                     api_for, open_call, featured_practice):
    admin = signed_in(cluj, roles=ADMIN)
    settings_page = admin.get("/settings/portal/")
    assert settings_page.status_code == 200
    assert 'name="public_teaser"' in settings_page.text
    saved = admin.post("/settings/portal/", {"public_teaser": "on"}, follow=True)
    assert saved.status_code == 200
    assert "Home page settings saved." in saved.text

    page = client_for(cluj).get("/")
    assert "Internal: cut paper" in page.text
    assert "2 proposals so far" in page.text
    assert "Submissions close on" in page.text
    # Only this city: Paris keeps its home page closed.
    assert "Internal: cut paper" not in client_for(paris).get("/").text
    with tenant_context(cluj):
        entry = AuditEntry.objects.get(action="portal.settings_changed")
        assert (entry.before, entry.after) == ({"public_teaser": False},
                                               {"public_teaser": True})

    api_admin = api_for(cluj, roles=ADMIN)
    assert api_admin.get("/api/v1/portal-settings/").json() == {"public_teaser": True}
    off = api_admin.patch("/api/v1/portal-settings/", {"public_teaser": False},
                          content_type="application/json")
    assert off.status_code == 200
    assert off.json() == {"public_teaser": False}
    assert "Internal: cut paper" not in client_for(cluj).get("/").text


def test_only_city_admins_change_the_home_page_settings(cluj, signed_in, api_for, client_for):
    assert signed_in(cluj).post("/settings/portal/", {"public_teaser": "on"}).status_code == 403
    assert api_for(cluj).patch("/api/v1/portal-settings/", {"public_teaser": True},
                               content_type="application/json").status_code == 403
    assert client_for(cluj).patch("/api/v1/portal-settings/", {"public_teaser": True},
                                  content_type="application/json").status_code in (401, 403)
    invalid = api_for(cluj, roles=ADMIN).patch("/api/v1/portal-settings/",
                                               {"public_teaser": "perhaps"},
                                               content_type="application/json")
    assert invalid.status_code == 400
    with tenant_context(cluj):
        assert not AuditEntry.objects.filter(action="portal.settings_changed").exists()
