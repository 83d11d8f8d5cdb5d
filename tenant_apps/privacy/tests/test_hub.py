"""On the hub: network staff ask for a copy of their data and for erasure there, partner
admins answer, and the hub's schema keeps none of the erased person's name, e-mail or
username."""

import io
import json
import zipfile

from django.conf import settings
from django.core import mail

from shared_apps.accounts.models import Role, User
from shared_apps.hub.models import GoodPractice, PracticeMessage
from tenant_apps.privacy.models import DataExport, ErasureRequest
from tenant_apps.privacy.tests.test_erasure import occurrences
from tenants.models import City


def test_staff_copy_and_erasure_on_the_hub(hub, cluj, sign_in_as, make_user,
                                           django_capture_on_commit_callbacks):
    coordinator = make_user(hub, username="petra.nagy8", roles=(Role.COORDINATOR,),
                            email="petra.nagy@network.test")
    User.objects.filter(pk=coordinator.pk).update(first_name="Petra", last_name="Nagy-Kis")
    coordinator.refresh_from_db()
    partner = make_user(hub, username="partner.one", roles=(Role.PARTNER_ADMIN,))
    practice = GoodPractice.objects.create(
        source_city=City.objects.get(pk=cluj.pk), source_proposal_id=1, title="Archive",
        summary="Reviewed by Petra Nagy-Kis", currency="RON",
        status=GoodPractice.Status.PUBLISHED)
    PracticeMessage.objects.create(practice=practice, body="Coordinator's question",
                                   author_city=None, author_user_id=coordinator.pk,
                                   author_name="Petra Nagy-Kis", author_role="coordinator")

    staff = sign_in_as(hub, coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        assert staff.post("/privacy/copies/").status_code == 302
    export = DataExport.objects.get(user=coordinator)
    assert export.state == DataExport.State.READY
    assert [message.to for message in mail.outbox] == [["petra.nagy@network.test"]]
    response = staff.get(f"/privacy/copies/{export.pk}/download/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    sections = {key: section["data"] for key, section in
                json.loads(archive.read("personal-data.json"))["sections"].items()}
    assert sections["accounts.account"]["email"] == "petra.nagy@network.test"
    assert [m["body"] for m in sections["hub.own"]["practice_messages"]] == [
        "Coordinator's question"]
    assert "proposals.proposals" not in sections  # a city's data, not the hub's

    assert staff.post("/privacy/erasure/", {"confirm": "on"}).status_code == 302
    request = ErasureRequest.objects.get(user=coordinator)
    partner_client = sign_in_as(hub, partner)
    officer = partner_client.get("/privacy/officer/")
    assert officer.status_code == 200 and "Petra Nagy-Kis" in officer.content.decode()
    assert staff.get("/privacy/officer/").status_code == 403
    done = partner_client.post(f"/privacy/officer/erasures/{request.pk}/confirm/")
    assert done.status_code == 302
    for needle in ("Petra Nagy-Kis", "petra.nagy@network.test", "petra.nagy8"):
        assert occurrences(settings.PUBLIC_SCHEMA_NAME, needle) == [], needle
    assert PracticeMessage.objects.get().author_name == "Former employee 1"
    assert not User.objects.get(pk=coordinator.pk).is_active
