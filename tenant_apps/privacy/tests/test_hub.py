"""On the hub (Host: localhost): network coordinators and partner admins ask for a copy of
their own data and for erasure, as city people do in their city; another partner admin
confirms; the hub's retention runs with the network's jobs; the data protection page is
one click away in the partner admin's menu."""

import io
import json
import zipfile
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection
from django.utils import timezone
from django_tenants.utils import tenant_context

from innovato.errors import ActionRefused
from shared_apps.accounts.models import Role, User
from shared_apps.hub.models import GoodPractice, NetworkEvent, PracticeMessage
from tenant_apps.audit.models import AuditEntry
from tenant_apps.audit.services import audit_record
from tenant_apps.notifications.models import Kind, Notification
from tenant_apps.privacy.models import DataExport, ErasureRequest, RetentionRun
from tenant_apps.privacy.services import erasure_confirm
from tenant_apps.privacy.tests.test_erasure import occurrences
from tenants.models import City, CityRecord
from tenants.scheduling import run_network_jobs

PETRA = {"username": "petra.nagy8", "first_name": "Petra", "last_name": "Nagy-Kis",
         "email": "petra.nagy@network.test"}


@pytest.fixture
def petra(hub, make_user):
    """A coordinator who wrote on the hub: a question on a practice, an event, a note in a
    city's record."""
    user = make_user(hub, username=PETRA["username"], email=PETRA["email"],
                     roles=(Role.COORDINATOR,))
    User.objects.filter(pk=user.pk).update(first_name=PETRA["first_name"],
                                           last_name=PETRA["last_name"], language="fr")
    user.refresh_from_db()
    return user


@pytest.fixture
def her_traces(petra, cluj):
    city = City.objects.get(pk=cluj.pk)
    practice = GoodPractice.objects.create(
        source_city=city, source_proposal_id=1, title="Paperless archive",
        summary="Reviewed with Petra Nagy-Kis", currency="RON",
        status=GoodPractice.Status.PUBLISHED)
    PracticeMessage.objects.create(practice=practice, body="Coordinator's question",
                                   author_city=None, author_user_id=petra.pk,
                                   author_name="Petra Nagy-Kis", author_role="coordinator")
    event = NetworkEvent.objects.create(title="Webinar on archives", language="en",
                                        description="Hosted by petra.nagy@network.test",
                                        starts_at=timezone.now() + timedelta(days=3),
                                        created_by=petra)
    CityRecord.objects.create(city=city, city_slug=city.slug, action="suspend", by=petra,
                              by_name="Petra Nagy-Kis", note="Asked by petra.nagy8")
    return practice, event


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))


def _sign_in(client_for, hub, user):
    from conftest import TEST_PASSWORD

    client = client_for(hub)
    response = client.post("/accounts/login/", {"username": user.username,
                                                "password": TEST_PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return client


def test_hub_staff_get_a_copy_of_their_own_data(hub, petra, her_traces, client_for,
                                                signed_in, make_user,
                                                django_capture_on_commit_callbacks):
    staff = _sign_in(client_for, hub, petra)
    page = staff.get("/privacy/")
    assert page.status_code == 200
    assert "Demander une copie de mes données" in page.content.decode()  # her language
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post("/privacy/copies/").status_code == 302
    export = DataExport.objects.get(user=petra)
    assert export.state == DataExport.State.READY and export.language == "fr"
    # Told by e-mail (the hub has no notification centre), in her language.
    [message] = mail.outbox
    assert message.to == [PETRA["email"]]
    assert "copie" in message.subject.lower()
    assert "http://localhost/privacy/" in message.body

    archive = _zip(staff.get(f"/privacy/copies/{export.pk}/download/"))
    document = json.loads(archive.read("personal-data.json"))
    sections = {key: section["data"] for key, section in document["sections"].items()}
    assert sections["accounts.account"]["email"] == PETRA["email"]
    assert [m["body"] for m in sections["hub.staff"]["practice_messages"]] == [
        "Coordinator's question"]
    assert [e["title"] for e in sections["hub.staff"]["events"]] == ["Webinar on archives"]
    assert sections["audit.sign_ins"]  # she signed in above
    # Only the hub's kinds of data: no city's proposals, no hub copies of a city person.
    assert "proposals.proposals" not in sections and "hub.copies" not in sections
    html = archive.read("personal-data.html").decode()
    assert 'lang="fr"' in html and "Petra Nagy-Kis" in html

    # Nobody else downloads it, not even a partner admin.
    partner = signed_in(hub, roles=(Role.PARTNER_ADMIN,))
    assert partner.get(f"/privacy/copies/{export.pk}/download/").status_code == 404

    # The API does the same; the copy expires with the network's jobs.
    staff_api = client_for(hub, HTTP_AUTHORIZATION=f"Token {_token(petra)}")
    with django_capture_on_commit_callbacks(execute=True):
        created = staff_api.post("/api/v1/privacy/copies/")
    assert created.status_code == 202, created.content
    assert [row["state"] for row in staff_api.get("/api/v1/privacy/copies/").json()["results"]] == [
        "ready", "ready"]
    DataExport.objects.update(expires_at=timezone.now() - timedelta(minutes=1))
    run_network_jobs()
    assert staff.get(f"/privacy/copies/{export.pk}/download/").status_code == 404
    assert set(DataExport.objects.values_list("state", flat=True)) == {"expired"}


def _token(user) -> str:
    from shared_apps.accounts.services import api_token_issue

    return api_token_issue(user=user)


def test_erasure_on_the_hub_leaves_no_trace_of_her_and_keeps_the_hubs_work(
        hub, cluj, petra, her_traces, client_for, make_user,
        django_capture_on_commit_callbacks):
    practice, event = her_traces
    first = make_user(hub, username="partner.one", roles=(Role.PARTNER_ADMIN,))
    # Cluj's admins were told of her question on their practice.
    cluj_admin = make_user(cluj, roles=(Role.CITY_ADMIN,))
    with tenant_context(cluj):
        Notification.objects.create(
            recipient=cluj_admin, kind=Kind.PRACTICE_DISCUSSION,
            params={"practice": "Paperless archive", "name": "Petra Nagy-Kis", "city": "",
                    "reply": False})
    staff = _sign_in(client_for, hub, petra)
    assert staff.get("/privacy/officer/").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        asked = staff.post("/privacy/erasure/", {"confirm": "on"})
    assert asked.status_code == 302
    request = ErasureRequest.objects.get(user=petra)
    # Partner admins are told by e-mail.
    assert any(message.to == [first.email] for message in mail.outbox)

    partner = _sign_in(client_for, hub, first)
    officer = partner.get("/privacy/officer/").content.decode()
    assert "Petra Nagy-Kis" in officer
    assert "For the network's data protection officer" in officer
    done = partner.post(f"/privacy/officer/erasures/{request.pk}/confirm/")
    assert done.status_code == 302

    for needle in ("Petra Nagy-Kis", "Nagy-Kis", PETRA["email"], PETRA["username"]):
        assert occurrences(settings.PUBLIC_SCHEMA_NAME, needle) == [], needle
    erased = User.objects.get(pk=petra.pk)
    assert erased.display_name == "Former staff member 1"
    assert not erased.is_active and not erased.has_usable_password()
    # The hub's work stays, under the pseudonym.
    assert PracticeMessage.objects.get(practice=practice).author_name == "Former staff member 1"
    kept = NetworkEvent.objects.get(pk=event.pk)
    assert kept.title == "Webinar on archives" and kept.created_by_id == petra.pk
    assert GoodPractice.objects.get(pk=practice.pk).title == "Paperless archive"
    assert CityRecord.objects.get(by=petra).by_name == "Former staff member 1"
    with tenant_context(cluj):
        told = Notification.objects.get(recipient=cluj_admin)
    assert told.params["name"] == "Former staff member 1"
    entry = AuditEntry.objects.get(action="personal_data.erased")
    assert entry.actor_id == first.pk and entry.after["pseudonym"] == "Former staff member 1"
    # Her session ended with the erasure.
    assert staff.get("/privacy/").status_code == 302


def test_a_partner_admin_is_erased_by_another_and_never_the_last(hub, make_user, client_for,
                                                                 api_for):
    User.objects.filter(roles__contains=[Role.PARTNER_ADMIN]).update(is_active=False)
    alone = make_user(hub, username="partner.alone", roles=(Role.PARTNER_ADMIN,))
    own = api_for(hub, roles=(Role.PARTNER_ADMIN,))
    created = own.post("/api/v1/privacy/erasure-requests/")
    assert created.status_code == 201
    pk = created.json()["id"]
    # Not by herself ...
    mine = own.post(f"/api/v1/privacy/erasure-requests/{pk}/confirm/",
                    HTTP_ACCEPT_LANGUAGE="en")
    assert mine.status_code == 409
    assert "Another partner admin must confirm your own erasure." in mine.content.decode()
    # ... nor by a coordinator ...
    coordinator = api_for(hub, roles=(Role.COORDINATOR,))
    assert coordinator.post(f"/api/v1/privacy/erasure-requests/{pk}/confirm/"
                            ).status_code == 404
    # ... but by another partner admin.
    other = _sign_in(client_for, hub, alone)
    assert other.post(f"/privacy/officer/erasures/{pk}/confirm/").status_code == 302
    assert ErasureRequest.objects.get(pk=pk).state == "done"


def test_a_refusal_on_the_hub_reaches_the_person_by_e_mail(hub, petra, client_for, make_user,
                                                           django_capture_on_commit_callbacks):
    partner_admin = make_user(hub, roles=(Role.PARTNER_ADMIN,))
    staff = _sign_in(client_for, hub, petra)
    staff.post("/privacy/erasure/", {"confirm": "on"})
    request = ErasureRequest.objects.get(user=petra)
    assert staff.post(f"/privacy/officer/erasures/{request.pk}/refuse/",
                      {"reason": "No"}).status_code == 403
    partner = _sign_in(client_for, hub, partner_admin)
    with django_capture_on_commit_callbacks(execute=True):
        refused = partner.post(f"/privacy/officer/erasures/{request.pk}/refuse/",
                               {"reason": "Audit of the 2026 grants still open"})
    assert refused.status_code == 302
    assert ErasureRequest.objects.get(pk=request.pk).state == "refused"
    [message] = [m for m in mail.outbox if m.to == [PETRA["email"]]]
    assert "Audit of the 2026 grants still open" in message.body
    assert User.objects.get(pk=petra.pk).username == PETRA["username"]


def test_the_last_active_partner_admin_is_never_erased(hub, make_user, client_for):
    User.objects.filter(roles__contains=[Role.PARTNER_ADMIN]).update(is_active=False)
    only = make_user(hub, username="the.only", roles=(Role.PARTNER_ADMIN,))
    request = ErasureRequest.objects.create(user=only)
    with pytest.raises(ActionRefused) as refused:
        erasure_confirm(request=request, by=None)
    assert refused.value.code == "last_admin"
    assert User.objects.get(pk=only.pk).is_active
    assert ErasureRequest.objects.get(pk=request.pk).state == "requested"


def test_hub_retention_runs_with_the_network_jobs(hub, petra, signed_in):
    partner = signed_in(hub, roles=(Role.PARTNER_ADMIN,))
    page = partner.get("/privacy/officer/").content.decode()
    assert 'name="sign_in_days"' in page and 'name="audit_days"' in page
    assert 'name="draft_days"' not in page  # no drafts on the hub
    assert "Unsubmitted drafts" not in page
    saved = partner.post("/privacy/officer/", {"sign_in_days": "30", "audit_days": "400"})
    assert saved.status_code == 302

    old = timezone.now() - timedelta(days=45)
    sign_in = audit_record(actor=petra, action="sign_in.succeeded", target=petra,
                           after={"address": "10.1.1.1"})
    fresh = audit_record(actor=petra, action="sign_in.succeeded", target=petra,
                         after={"address": "10.1.1.2"})
    ancient = audit_record(actor=petra, action="event.created", target=petra)
    AuditEntry.objects.filter(pk=sign_in.pk).update(at=old)
    AuditEntry.objects.filter(pk=ancient.pk).update(at=old - timedelta(days=400))
    run_network_jobs()
    assert not AuditEntry.objects.filter(pk__in=[sign_in.pk, ancient.pk]).exists()
    assert AuditEntry.objects.filter(pk=fresh.pk).exists()
    run = RetentionRun.objects.get()
    assert run.removed == {"audit.sign_ins": 1, "audit.actions": 1}
    assert connection.schema_name == settings.PUBLIC_SCHEMA_NAME
    # A partner admin looking at a coordinator's page is in the officer's log.
    assert partner.get(f"/accounts/users/{petra.pk}/").status_code == 200
    page = partner.get("/privacy/officer/").content.decode()
    assert "audit.sign_ins" in page
    assert f"/accounts/users/{petra.pk}/" in page


def test_the_pages_are_in_the_hub_staffs_menus(hub, signed_in):
    partner = signed_in(hub, roles=(Role.PARTNER_ADMIN,))
    page = partner.get("/").content.decode()
    assert 'href="/privacy/officer/"' in page and 'href="/privacy/"' in page
    coordinator = signed_in(hub, roles=(Role.COORDINATOR,))
    page = coordinator.get("/").content.decode()
    assert 'href="/privacy/"' in page and 'href="/privacy/officer/"' not in page


def test_a_database_made_before_gets_the_hubs_tables(hub, capsys):
    """Its public schema recorded the privacy app's first migration without running it
    (the app was then a city app only): the next migration makes the tables there, and
    leaves the cities' as they are."""
    from django.core.management import call_command

    tables = ["privacy_privacysettings", "privacy_dataexport", "privacy_erasurerequest",
              "privacy_retentionrun"]
    with connection.cursor() as cursor:
        cursor.execute("SET search_path TO public")
        for table in tables:
            cursor.execute(f'DROP TABLE public."{table}" CASCADE')
        cursor.execute("DELETE FROM public.django_migrations WHERE app = 'privacy' "
                       "AND name <> '0001_initial'")
    call_command("migrate_schemas", "privacy", schema_name="public", interactive=False)
    call_command("migrate_schemas", "privacy", schema_name="cluj", interactive=False)
    connection.set_schema_to_public()
    with connection.cursor() as cursor:
        cursor.execute("SELECT table_schema, table_name FROM information_schema.tables "
                       "WHERE table_name = ANY(%s) AND table_schema IN ('public', 'cluj')",
                       [tables])
        found = set(cursor.fetchall())
    assert found == {(schema, table) for schema in ("public", "cluj") for table in tables}
    assert ErasureRequest.objects.count() == 0  # usable
