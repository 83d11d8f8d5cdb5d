"""Two partner admins onboarding the same slug at the same moment: one city, and a clear
refusal for the other (committed rows: each request runs on its own connection)."""

import threading

from django.db import connection
from django.test import Client

from shared_apps.accounts.models import ApiToken, Role, User
from tenant_apps.audit.models import AuditEntry
from tenants.models import City, CityRecord


def spec(**overrides) -> dict:
    return {"name": "Racing", "slug": "racing", "country": "BE", "enabled_languages": ["en"],
            "default_language": "en", **overrides}


def test_two_onboardings_of_one_slug_at_once_get_one_city_and_one_clear_refusal(
        django_db_blocker, django_db_setup):
    """Both requests pass the form checks together; the database lets one city in and the
    other partner admin is told, in JSON, that the slug is taken."""
    from django.db import connection as db

    with django_db_blocker.unblock():
        # Committed rows: each thread has its own connection and cannot see into this test's.
        from shared_apps.accounts.services import api_token_issue, user_create

        db.set_schema_to_public()
        partner = user_create(username="race-partner", roles=[Role.PARTNER_ADMIN])
        token = api_token_issue(user=partner)
        barrier = threading.Barrier(2)
        answers: list = [None, None]

        def onboard(index: int) -> None:
            try:
                client = Client(HTTP_HOST="localhost", HTTP_AUTHORIZATION=f"Token {token}",
                                HTTP_ACCEPT_LANGUAGE="en")
                client.raise_request_exception = False
                barrier.wait()
                answers[index] = client.post("/api/v1/cities/",
                                             spec(name=f"Racing {index}"),
                                             content_type="application/json")
            finally:
                db.close()

        try:
            threads = [threading.Thread(target=onboard, args=(i,)) for i in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            statuses = sorted(answer.status_code for answer in answers)
            assert statuses in ([202, 400], [202, 409]), [a.content for a in answers]
            refused = next(a for a in answers if a.status_code != 202)
            body = refused.json()
            # the slug (or, if the winner's address was already made, the address) is taken
            assert body["detail"] and "already" in str(body.get("errors", body)), body
            assert City.objects.filter(slug="racing").count() == 1
        finally:
            connection.set_schema_to_public()
            from tenants.services import _city_remove

            for city in City.objects.filter(slug="racing"):
                _city_remove(city)
            # Plain deletes: the hub's schema has none of the city tables a cascade would visit.
            CityRecord.objects.filter(city_slug="racing")._raw_delete(db.alias)
            ApiToken.objects.filter(user=partner)._raw_delete(db.alias)
            AuditEntry.objects.filter(actor=partner)._raw_delete(db.alias)
            User.objects.filter(pk=partner.pk)._raw_delete(db.alias)
