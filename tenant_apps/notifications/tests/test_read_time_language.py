"""Notifications are written in the reader's current language when they are read."""

import pytest
from django.utils import translation
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.accounts.services import api_token_issue
from tenant_apps.calls.models import Call, Phase
from tenant_apps.calls.services import call_move_phase
from tenant_apps.notifications.models import Kind, Notification
from tenant_apps.notifications.registry import registered_kinds

pytestmark = pytest.mark.django_db


def _choose_language(client, language):
    response = client.post("/notifications/preferences/",
                           {"language": language, "email": Kind.values})
    assert response.status_code == 302


def test_a_notification_follows_its_reader_to_another_language(
        cluj, signed_in, client_for, make_call, mailoutbox,
        django_capture_on_commit_callbacks):
    me = signed_in(cluj, headers={"HTTP_ACCEPT_LANGUAGE": ""})
    _choose_language(me, "ro")
    call = make_call(cluj, phase=Phase.SUBMISSION, title="Paperless city hall")
    with tenant_context(cluj):
        Call.objects.filter(pk=call.pk).update(title_ro="Primăria fără hârtie",
                                            title_en="Paperless city hall")
        with django_capture_on_commit_callbacks(execute=True):
            call_move_phase(call=Call.objects.get(pk=call.pk), to_phase=Phase.EVALUATION,
                            by=_any_admin())
        token = api_token_issue(user=me.user)

    romanian = me.get("/notifications/").text
    assert "„Primăria fără hârtie” se află acum în faza „evaluare”" in romanian
    mail = next(m for m in mailoutbox if m.to == [me.user.email])
    assert "Primăria fără hârtie" in mail.subject

    _choose_language(me, "en")
    english = me.get("/notifications/").text
    assert "“Paperless city hall” is now in the evaluation phase" in english
    assert "Primăria" not in english

    # The page's script reads the API with the person's session (and language cookie)...
    [item] = me.get("/api/v1/notifications/").json()["results"]
    assert item["title"] == "“Paperless city hall” is now in the evaluation phase"
    assert item["body"] == "The call “Paperless city hall” moved to the evaluation phase."
    assert me.get(f"/api/v1/notifications/{item['id']}/").json()["title"] == item["title"]
    # ...and a client with a token asks for its language.
    api = client_for(cluj, HTTP_AUTHORIZATION=f"Token {token}", HTTP_ACCEPT_LANGUAGE="hu")
    hungarian = api.get("/api/v1/notifications/").json()["results"][0]["title"]
    # No Hungarian title: the call is named in the city's default language, as everywhere.
    assert hungarian == "Szakaszváltás: „Primăria fără hârtie” – értékelés"


def _any_admin():
    from shared_apps.accounts.models import User

    return User.objects.filter(roles__contains=[Role.CITY_ADMIN]).first()


def test_a_gone_object_is_named_by_its_fallback_text(cluj, signed_in, make_call,
                                                        django_capture_on_commit_callbacks):
    me = signed_in(cluj)
    call = make_call(cluj, phase=Phase.SUBMISSION, title="Short-lived call")
    with tenant_context(cluj):
        with django_capture_on_commit_callbacks(execute=True):
            call_move_phase(call=call, to_phase=Phase.EVALUATION, by=_any_admin())
        Call.objects.filter(pk=call.pk).delete()
    page = me.get("/notifications/")
    assert page.status_code == 200
    assert "“Short-lived call” is now in the evaluation phase" in page.text


def test_rows_written_before_the_change_keep_their_text(cluj, signed_in):
    me = signed_in(cluj)
    with tenant_context(cluj):
        Notification.objects.create(recipient=me.user, kind=Kind.RESULTS,
                                    title="Rezultatele au fost publicate", body="Vezi apelul.")
    page = me.get("/notifications/").text
    assert "Rezultatele au fost publicate" in page


def test_every_kind_has_a_renderer():
    with translation.override("en"):
        assert set(Kind.values) <= registered_kinds()
