"""Erasure: a person asks, a city admin confirms (or the city's delay passes); the person's
name, e-mail and username are gone from every text of the city's schema and of the hub,
while the city's reports and savings stay as they were."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tenants.utils import schema_context, tenant_context

from shared_apps.accounts.models import Role, User, UserSession
from shared_apps.hub.models import GoodPractice, PracticeMessage
from tenant_apps.audit.models import AuditEntry
from tenant_apps.privacy.models import ErasureRequest, PrivacySettings
from tenant_apps.privacy.services import erasure_request, erasures_due_carry_out
from tenant_apps.privacy.tests.conftest import ANA
from tenant_apps.proposals.models import Comment, Proposal

TEXT_TYPES = ("text", "character varying", "json", "jsonb")


def occurrences(schema: str, needle: str) -> list[str]:
    """Every `table.column` of `schema` whose text (JSON as text) contains `needle`."""
    found = []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT c.table_name, c.column_name FROM information_schema.columns c "
            "JOIN information_schema.tables t USING (table_schema, table_name) "
            "WHERE c.table_schema = %s AND t.table_type = 'BASE TABLE' "
            "AND c.data_type = ANY(%s)", [schema, list(TEXT_TYPES)])
        for table, column in cursor.fetchall():
            cursor.execute(
                f'SELECT count(*) FROM "{schema}"."{table}" '  # noqa: S608
                f'WHERE "{column}"::text ILIKE %s', [f"%{needle}%"])
            if cursor.fetchone()[0]:
                found.append(f"{table}.{column}")
    return found


def reports_page(client) -> str:
    """The content of the city's reports page (funnel, participation, themes, savings):
    from its heading to its end, without the per-response CSRF tokens."""
    response = client.get("/reports/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    page = response.content.decode()
    page = page[page.index("<h1>"):page.index("</main>")]
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", page)


def identifiers_left(city) -> dict[str, list[str]]:
    left = {}
    for needle in (f"{ANA['first_name']} {ANA['last_name']}", ANA["email"], ANA["username"]):
        for schema in (city.schema_name, settings.PUBLIC_SCHEMA_NAME):
            where = occurrences(schema, needle)
            if where:
                left[f"{needle} in {schema}"] = where
    return left


def test_erasure_asked_then_confirmed_leaves_no_trace_and_keeps_the_figures(
        cluj, seeded, sign_in_as, api_for):
    admin = sign_in_as(cluj, seeded.admin)
    reports_before = admin.get("/api/v1/reports/").json()
    page_before = reports_page(admin)
    ana = sign_in_as(cluj, seeded.ana)
    assert identifiers_left(cluj)  # the seed names her everywhere

    response = ana.post("/privacy/erasure/", {"confirm": "on"})
    assert response.status_code == 302
    with tenant_context(cluj):
        request = ErasureRequest.objects.get(user=seeded.ana)
    assert request.state == ErasureRequest.State.REQUESTED
    officer = admin.get("/privacy/officer/", HTTP_ACCEPT_LANGUAGE="en")
    assert "Ana Popescu-Vlad" in officer.content.decode()

    response = admin.post(f"/privacy/officer/erasures/{request.pk}/confirm/")
    assert response.status_code == 302

    assert identifiers_left(cluj) == {}
    with tenant_context(cluj):
        user = User.objects.get(pk=seeded.ana.pk)
        assert user.display_name == "Fost angajat 1"  # in the city's language
        assert not user.is_active and not user.has_usable_password()
        assert not UserSession.objects.filter(user_id=user.pk).exists()
        # What the city must keep stays, under the pseudonym.
        kept = Proposal.objects.get(pk=seeded.ana_proposal.pk)
        assert kept.status == "implemented" and kept.author_id == user.pk
        assert not Proposal.objects.filter(pk=seeded.ana_draft.pk).exists()
        assert Comment.objects.get(author=seeded.bogdan).body == (
            "Bogdan says: thanks Fost angajat 1, well done")
        entry = AuditEntry.objects.get(action="personal_data.erased")
        assert entry.actor_id == seeded.admin.pk and entry.after["pseudonym"] == "Fost angajat 1"
    practice = GoodPractice.objects.get(source_proposal_id=seeded.ana_proposal.pk)
    assert practice.author_names == ["Bogdan Ionescu-Mare"]
    assert PracticeMessage.objects.get(practice=practice).author_name == "Fost angajat 1"

    assert admin.get("/api/v1/reports/").json() == reports_before
    assert reports_page(admin) == page_before
    # Her session ended with the erasure.
    assert ana.get("/privacy/").status_code == 302


def test_the_pseudonym_number_is_stable_and_never_reused(cluj, seeded, make_user):
    other = make_user(cluj, username="carol.dan9")
    with tenant_context(cluj):
        first = erasure_request(user=seeded.ana)
        second = erasure_request(user=other)
        from tenant_apps.privacy.services import erasure_confirm

        erasure_confirm(request=first, by=seeded.admin)
        erasure_confirm(request=second, by=seeded.admin)
        names = dict(User.objects.filter(pk__in=[seeded.ana.pk, other.pk])
                     .values_list("pk", "first_name"))
    assert names == {seeded.ana.pk: "Fost angajat 1", other.pk: "Fost angajat 2"}


def test_automatic_erasure_after_the_citys_delay(cluj, seeded):
    with tenant_context(cluj):
        PrivacySettings.objects.create(erasure_after_days=30)
        request = erasure_request(user=seeded.ana)
        assert erasures_due_carry_out(now=timezone.now() + timedelta(days=29)) == 0
        assert erasures_due_carry_out(now=timezone.now() + timedelta(days=31)) == 1
        request.refresh_from_db()
    assert request.state == ErasureRequest.State.DONE and request.automatic
    assert identifiers_left(cluj) == {}


def test_refusal_is_explained_to_the_person(cluj, seeded, sign_in_as):
    ana = sign_in_as(cluj, seeded.ana)
    ana.post("/privacy/erasure/", {"confirm": "on"})
    with tenant_context(cluj):
        request = ErasureRequest.objects.get(user=seeded.ana)
    admin = sign_in_as(cluj, seeded.admin)
    empty = admin.post(f"/privacy/officer/erasures/{request.pk}/refuse/", {"reason": " "},
                       HTTP_ACCEPT_LANGUAGE="en")
    assert empty.status_code == 409
    assert b"Say why the request is refused." in empty.content
    admin.post(f"/privacy/officer/erasures/{request.pk}/refuse/",
               {"reason": "Disciplinary file open until March"})
    with tenant_context(cluj):
        request.refresh_from_db()
        assert request.state == ErasureRequest.State.REFUSED
        assert User.objects.get(pk=seeded.ana.pk).username == ANA["username"]
    page = ana.get("/notifications/?lang=en").content.decode()
    assert "Disciplinary file open until March" in page


def test_what_people_may_not_do(cluj, seeded, sign_in_as, api_for):
    ana = sign_in_as(cluj, seeded.ana)
    unticked = ana.post("/privacy/erasure/?lang=en", {})
    assert unticked.status_code == 400
    assert b"Tick the box to confirm." in unticked.content
    ana.post("/privacy/erasure/", {"confirm": "on"})
    again = ana.post("/privacy/erasure/?lang=en", {"confirm": "on"})
    assert again.status_code == 409
    with tenant_context(cluj):
        request = ErasureRequest.objects.get(user=seeded.ana)
    # Only city admins see the officer's page and confirm.
    bogdan = sign_in_as(cluj, seeded.bogdan)
    assert bogdan.get("/privacy/officer/").status_code == 403
    assert bogdan.post(f"/privacy/officer/erasures/{request.pk}/confirm/").status_code == 403
    employee_api = api_for(cluj)
    assert employee_api.post(
        f"/api/v1/privacy/erasure-requests/{request.pk}/confirm/").status_code == 404
    with tenant_context(cluj):
        assert ErasureRequest.objects.get(pk=request.pk).state == "requested"


def test_erasure_through_the_api(cluj, seeded, api_for):
    employee = api_for(cluj, username="dora.lup5")
    admin = api_for(cluj, roles=(Role.CITY_ADMIN, Role.EMPLOYEE))
    created = employee.post("/api/v1/privacy/erasure-requests/")
    assert created.status_code == 201
    pk = created.json()["id"]
    refused = employee.post(f"/api/v1/privacy/erasure-requests/{pk}/confirm/")
    assert refused.status_code == 403
    confirmed = admin.post(f"/api/v1/privacy/erasure-requests/{pk}/confirm/")
    assert confirmed.status_code == 200
    assert confirmed.json()["state"] == "done"
    assert confirmed.json()["person"] == "Fost angajat 1"
    # The erased person's token ended with them.
    assert employee.get("/api/v1/privacy/erasure-requests/").status_code == 401


@pytest.mark.parametrize("roles", [(Role.CITY_ADMIN, Role.EMPLOYEE)])
def test_the_last_city_admin_cannot_be_erased(cluj, make_user, roles):
    with tenant_context(cluj):
        User.objects.filter(roles__contains=[Role.CITY_ADMIN]).update(is_active=False)
    only = make_user(cluj, roles=roles)
    with tenant_context(cluj):
        request = erasure_request(user=only)
        PrivacySettings.objects.create(erasure_after_days=1)
        assert erasures_due_carry_out(now=timezone.now() + timedelta(days=2)) == 0
        request.refresh_from_db()
    assert request.state == ErasureRequest.State.REQUESTED
    with schema_context(cluj.schema_name):
        assert User.objects.get(pk=only.pk).is_active


def test_other_cities_and_namesakes(cluj, paris, seeded, make_user):
    """Paris was told of Ana's question on the hub: that notification names her no more. A
    colleague of the same name keeps hers."""
    from tenant_apps.notifications.models import Kind, Notification
    from tenant_apps.privacy.services import erasure_confirm

    namesake = make_user(cluj, username="ana.other")
    paris_admin = make_user(paris, roles=(Role.CITY_ADMIN,))
    with tenant_context(cluj):
        User.objects.filter(pk=namesake.pk).update(first_name="Ana", last_name="Popescu-Vlad")
    with tenant_context(paris):
        Notification.objects.create(
            recipient=paris_admin, kind=Kind.PRACTICE_DISCUSSION,
            params={"practice": "Digital archive", "name": "Ana Popescu-Vlad",
                    "city": cluj.name, "reply": False})
    with tenant_context(cluj):
        erasure_confirm(request=erasure_request(user=seeded.ana), by=seeded.admin)
        assert User.objects.get(pk=namesake.pk).get_full_name() == "Ana Popescu-Vlad"
    with tenant_context(paris):
        assert Notification.objects.get(recipient=paris_admin).params["name"] == (
            "Fost angajat 1")
