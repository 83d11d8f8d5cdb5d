"""Onboarding a city: slug safety, the wizard with live progress, the API, the command,
and provisioning that stops between steps and resumes."""

import io
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django_tenants.utils import schema_exists, tenant_context

from shared_apps.accounts.models import Invitation, Role
from tenants.models import City, CityRecord, ProvisioningJob
from tenants.services import city_onboard, provisioning_retry, provisioning_run

pytestmark = pytest.mark.django_db


def spec(**overrides) -> dict:
    return {"name": "Ghent", "slug": "ghent", "country": "BE", "enabled_languages": ["nl", "en"],
            "default_language": "nl", "timezone": "Europe/Brussels", "currency": "EUR",
            "extra_domains": ["innovatie.gent.example"], "admin_email": "admin@gent.example",
            **overrides}


@pytest.fixture
def partner(api_for, hub):
    return api_for(hub, roles=[Role.PARTNER_ADMIN])


def host_get(client_for, host: str, path: str = "/"):
    return client_for(City.hub()).get(path, HTTP_HOST=host)


@pytest.mark.parametrize(("slug", "expected"), [
    ("ghent'; DROP SCHEMA public CASCADE; --", "lowercase letters"),
    ('x"; drop table tenants_city; --', "lowercase letters"),
    ("public", "reserved"),
    ("pg_temp", "lowercase letters"),
    ("pg-temp", "reserved"),
    ("www", "reserved"),
    ("api", "reserved"),
    ("city-template", "reserved"),
    ("gһent", "look-alike"),  # Cyrillic shha
    ("ｇｈｅｎｔ", "look-alike"),  # full-width letters
    ("gent\u200b", "look-alike"),  # zero-width space
    ("a" * 64, "at most 40"),
    ("a" * 41, "at most 40"),
    ("Ghent", "lowercase letters"),
    ("ghent\n", "lowercase letters"),
    ("-ghent", "lowercase letters"),
    ("gh--ent", "lowercase letters"),
    ("cluj", "already exists"),
])
def test_unsafe_or_taken_slugs_are_refused_with_a_clear_message(partner, slug, expected):
    before = City.objects.count()
    response = partner.post("/api/v1/cities/", spec(slug=slug), content_type="application/json")
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "invalid"
    assert expected in " ".join(body["errors"]["slug"])
    assert City.objects.count() == before
    assert schema_exists("public")


def test_a_slug_refusal_is_translated(partner):
    response = partner.post("/api/v1/cities/", spec(slug="public"),
                            content_type="application/json", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 400
    assert response.json()["errors"]["slug"] != ["“public” is reserved."]


def test_only_partner_admins_onboard(api_for, hub, cluj):
    coordinator = api_for(hub, roles=[Role.COORDINATOR])
    assert coordinator.post("/api/v1/cities/", spec(),
                            content_type="application/json").status_code == 403
    # the directory stays public
    assert coordinator.get("/api/v1/cities/").status_code == 200
    city_admin = api_for(cluj, roles=[Role.CITY_ADMIN])
    assert city_admin.post("/api/v1/cities/", spec(),
                           content_type="application/json").status_code == 404  # hub-only route


def test_api_onboarding_provisions_invites_and_reports_progress(
        partner, client_for, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = partner.post("/api/v1/cities/", spec(), content_type="application/json")
    assert response.status_code == 202, response.content
    assert response["Location"] == "/api/v1/cities/ghent/provisioning/"
    progress = partner.get("/api/v1/cities/ghent/provisioning/").json()
    assert progress["finished"] is True
    assert [s["state"] for s in progress["steps"]] == ["done"] * 5
    city = City.objects.get(slug="ghent")
    assert city.status == City.Status.ACTIVE
    assert set(city.domains.values_list("domain", flat=True)) == {
        "ghent.localhost", "innovatie.gent.example"}
    assert host_get(client_for, "ghent.localhost").status_code == 200
    assert host_get(client_for, "innovatie.gent.example").status_code == 200
    # the first admin is invited inside the new city's schema, linked at its primary domain
    with tenant_context(city):
        invitation = Invitation.objects.get()
        assert invitation.email == "admin@gent.example"
        assert set(invitation.roles) == {Role.CITY_ADMIN, Role.EMPLOYEE}
    message = mail.outbox[-1]
    assert message.to == ["admin@gent.example"]
    link = re.search(r"http://\S+", message.body).group(0)
    assert link.startswith("http://ghent.localhost/accounts/")
    path = link.removeprefix("http://ghent.localhost")
    assert host_get(client_for, "ghent.localhost", path).status_code == 200
    actions = list(CityRecord.objects.filter(city=city).values_list("action", flat=True))
    assert set(actions) >= {"onboard", "provisioned"}
    assert CityRecord.objects.filter(city=city, action="onboard").get().by_name == \
        partner.user.username


def test_invalid_fields_are_reported_per_field(partner):
    response = partner.post("/api/v1/cities/", spec(
        slug="leuven", country="Belgium", default_language="fr", timezone="Mars/Olympus",
        currency="euro", admin_email="nope", extra_domains=["bad domain"], plan="gold"),
        content_type="application/json")
    assert response.status_code == 400
    assert {"country", "currency", "admin_email"} <= set(response.json()["errors"])
    response = partner.post("/api/v1/cities/", spec(
        slug="leuven", country="be", default_language="fr", timezone="Mars/Olympus",
        extra_domains=["bad domain", "localhost"], plan="gold"),
        content_type="application/json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"default_language", "timezone", "extra_domains", "plan"} <= set(errors)
    assert not City.objects.filter(slug="leuven").exists()


def test_the_wizard_shows_live_progress(signed_in, hub, client_for):
    browser = signed_in(hub, roles=[Role.PARTNER_ADMIN])
    page = browser.get("/partners/cities/new/")
    assert page.status_code == 200
    assert "Onboard a city" in page.text
    refused = browser.post("/partners/cities/new/", {
        "name": "X", "slug": "pg_catalog", "country": "BE", "enabled_languages": ["en"],
        "default_language": "en", "timezone": "Europe/Brussels", "currency": "EUR"})
    assert refused.status_code == 400
    assert "lowercase letters" in refused.text
    response = browser.post("/partners/cities/new/", {
        "name": "Leuven", "slug": "leuven", "country": "BE", "enabled_languages": ["nl", "en"],
        "default_language": "nl", "timezone": "Europe/Brussels", "currency": "EUR",
        "extra_domains": "", "admin_email": "boss@leuven.example", "plan": ""})
    assert response.status_code == 302
    assert response["Location"] == "/partners/cities/leuven/"
    detail = browser.get("/partners/cities/leuven/")
    assert detail.status_code == 200
    assert "htmx" in detail.text
    assert 'id="provisioning"' in detail.text
    partial = browser.get("/partners/cities/leuven/progress/", HTTP_HX_REQUEST="true")
    assert partial.status_code == 200
    assert "The city is ready." in partial.text
    assert "hx-trigger" not in partial.text  # finished: polling stops
    assert host_get(client_for, "leuven.localhost").status_code == 200


def test_the_progress_panel_polls_while_provisioning(signed_in, hub):
    job = city_onboard(**spec(slug="bruges", extra_domains=[]))
    provisioning_run(job=job, until="schema")
    browser = signed_in(hub, roles=[Role.PARTNER_ADMIN])
    partial = browser.get("/partners/cities/bruges/progress/")
    assert 'hx-trigger="every 1s"' in partial.text
    assert partial.text.count("done") >= 1


def test_non_partner_admins_cannot_open_the_wizard(signed_in, hub, client_for):
    assert signed_in(hub, roles=[Role.COORDINATOR]).get(
        "/partners/cities/new/").status_code == 403
    assert client_for(hub).get("/partners/cities/new/").status_code == 302


def test_provisioning_interrupted_between_steps_is_unreachable_and_resumes(client_for):
    job = city_onboard(**spec(slug="namur", extra_domains=["innovation.namur.example"]))
    for stop_after in ("schema", "domains", "admin"):
        job = provisioning_run(job=job, until=stop_after)
        city = City.objects.get(slug="namur")
        assert city.status == City.Status.PROVISIONING
        assert schema_exists("namur")
        assert host_get(client_for, "namur.localhost").status_code == 404
        assert host_get(client_for, "innovation.namur.example").status_code == 404
    assert job.steps_done == ["schema", "domains", "admin"]
    job = provisioning_retry(job=job)
    assert job.state == ProvisioningJob.State.DONE
    assert job.attempts == 4
    assert host_get(client_for, "namur.localhost").status_code == 200
    with tenant_context(job.city):
        assert Invitation.objects.count() == 1  # the resumed run did not invite twice


def test_a_failed_step_leaves_the_city_unreachable_and_abandon_cleans_up(partner, client_for):
    # A schema of that name already exists (not made by this city): the schema step fails.
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute('CREATE SCHEMA "mons"')
    response = partner.post("/api/v1/cities/", spec(slug="mons", extra_domains=[]),
                            content_type="application/json")
    assert response.status_code == 400  # refused before anything is written
    with connection.cursor() as cursor:
        cursor.execute('DROP SCHEMA "mons"')
    job = city_onboard(**spec(slug="mons", extra_domains=[]))
    with connection.cursor() as cursor:
        cursor.execute('CREATE SCHEMA "mons"')  # appears between validation and the step
    from tenants.services import ProvisioningFailed, provisioning_abandon

    with pytest.raises(ProvisioningFailed):
        provisioning_run(job=job)
    job.refresh_from_db()
    assert job.state == ProvisioningJob.State.FAILED
    assert "already exists" in job.error
    progress = partner.get("/api/v1/cities/mons/provisioning/").json()
    assert [s["state"] for s in progress["steps"]][:2] == ["failed", "pending"]
    assert host_get(client_for, "mons.localhost").status_code == 404
    with connection.cursor() as cursor:
        cursor.execute('DROP SCHEMA "mons"')
    provisioning_abandon(job=job, by=partner.user)
    assert not City.objects.filter(slug="mons").exists()
    assert CityRecord.objects.filter(city_slug="mons", action="abandon").exists()


def test_the_command_onboards_with_a_progress_bar(client_for):
    out = io.StringIO()
    call_command("onboard_city", name="Liège", slug="liege", country="BE",
                 languages="fr,en", admin_email="admin@liege.example", stdout=out)
    text = out.getvalue()
    assert "[" + "#" * 30 + "] 5/5" in text
    assert "1/5" in text
    assert "liege.localhost" in text
    assert host_get(client_for, "liege.localhost").status_code == 200


def test_the_command_refuses_a_bad_slug_clearly():
    with pytest.raises(CommandError, match="reserved"):
        call_command("onboard_city", name="X", slug="public", country="BE", languages="en",
                     stdout=io.StringIO())


def test_city_create_keeps_its_signature():
    from tenants.services import city_create

    city = city_create(name="Aalst", slug="aalst", country="be", default_language="nl",
                       enabled_languages=["nl"], timezone="Europe/Brussels", currency="eur",
                       extra_domains=["aalst.example"])
    assert city.status == City.Status.ACTIVE
    assert city.country == "BE"
    assert schema_exists("aalst")


def test_a_spare_schema_from_the_pool_is_used_and_a_stale_one_is_not():
    from django.db import connection

    from tenants import pool

    assert pool.pool_fill(size=1) == 1
    spare = pool.pool_schemas()[0]
    job = city_onboard(**spec(slug="hasselt", extra_domains=[], admin_email=""))
    provisioning_run(job=job)
    assert spare not in pool.pool_schemas()
    assert schema_exists("hasselt")
    # a spare that misses a migration of the template is dropped, never used
    pool.pool_fill(size=1)
    stale = pool.pool_schemas()[0]
    with connection.cursor() as cursor:
        cursor.execute(f'DELETE FROM "{stale}".django_migrations WHERE id = '  # noqa: S608
                       f'(SELECT max(id) FROM "{stale}".django_migrations)')
    assert pool.pool_discard_stale() == 1
    assert pool.pool_schemas() == []


def test_cities_onboarded_in_a_row_each_get_a_spare_schema(partner, settings):
    """Even from an empty pool (a fresh install, or a deploy that made every spare stale),
    each onboarding tops the pool up before its city is provisioned: every new city's schema
    is a renamed spare, never a template cloned while the partner waits."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tenants import pool

    settings.CITY_SCHEMA_POOL_SIZE = 1
    assert pool.pool_schemas() == []
    for slug in ("ghent", "aalst", "hasselt"):
        with CaptureQueriesContext(connection) as queries:
            response = partner.post("/api/v1/cities/", spec(slug=slug, name=slug.title(),
                                                            extra_domains=[]),
                                    content_type="application/json")
        assert response.status_code == 202
        assert City.objects.get(slug=slug).status == City.Status.ACTIVE
        renamed = [q["sql"] for q in queries.captured_queries
                   if q["sql"].startswith("ALTER SCHEMA") and f'RENAME TO "{slug}"' in q["sql"]]
        assert len(renamed) == 1, f"{slug}: its schema was not taken from the pool"
        assert len(pool.pool_schemas()) == 1  # and the pool is full again for the next one


def test_migrate_network_leaves_the_pool_full(settings):
    from tenants import pool

    settings.CITY_SCHEMA_POOL_SIZE = 1
    assert pool.pool_schemas() == []
    call_command("migrate_network", verbosity=0, stdout=io.StringIO())
    assert len(pool.pool_schemas()) == 1
