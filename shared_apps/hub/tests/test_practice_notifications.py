"""Cities hear what happens to the practices they share and adopt."""

import pytest
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from shared_apps.hub.models import GoodPractice
from shared_apps.hub.tests import test_practices
from tenants.scheduling import run_city_jobs

pytestmark = pytest.mark.django_db

cluj_admin, implemented = test_practices.cluj_admin, test_practices.implemented  # fixtures
share = test_practices.share


def _titles(client) -> str:
    return client.get("/notifications/").text


def test_the_sharing_city_hears_of_changes_asked_and_publication(
        cluj, hub, cluj_admin, implemented, signed_in, mailoutbox,
        django_capture_on_commit_callbacks):
    practice = share(cluj, cluj_admin, implemented)
    admin = signed_in(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    employee = signed_in(cluj)
    coordinator = signed_in(hub, roles=[Role.COORDINATOR])
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(f"/practices/{practice.pk}/review/",
                         {"action": "changes", "comment": "Add the costs, please."})
    page = _titles(admin)
    assert "Changes are asked for your practice “Digital signatures for internal approvals”" \
        in page
    assert "Add the costs, please." in page
    assert admin.user.email in [m.to[0] for m in mailoutbox]
    assert "Changes are asked" not in _titles(employee)

    # The admin reads in Romanian: the practice is named in Romanian.
    ro = signed_in(cluj, roles=[Role.CITY_ADMIN], headers={"HTTP_ACCEPT_LANGUAGE": "ro"})
    with django_capture_on_commit_callbacks(execute=True):
        coordinator.post(f"/practices/{practice.pk}/review/", {"action": "publish"})
    assert "Semnătura digitală pentru aprobări interne" in _titles(ro)
    assert "Your practice “Digital signatures for internal approvals” is published" \
        in _titles(admin)


def test_adopters_hear_of_updates_and_withdrawal(
        cluj, paris, hub, cluj_admin, implemented, signed_in, make_user,
        django_capture_on_commit_callbacks):
    practice = share(cluj, cluj_admin, implemented)
    GoodPractice.objects.filter(pk=practice.pk).update(status=GoodPractice.Status.PUBLISHED)
    paris_admin = signed_in(paris, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    assert paris_admin.post(f"/practices/{practice.pk}/adopt/",
                            {"target_kind": "call"}).status_code == 302
    source_admin = make_user(cluj, roles=[Role.CITY_ADMIN])  # the source city adopted nothing
    with django_capture_on_commit_callbacks(execute=True):
        share(cluj, cluj_admin, implemented)  # shared again: the snapshot is refreshed
    page = _titles(paris_admin)
    assert "Cluj-Napoca updated “Digital signatures for internal approvals”" in page

    cluj_page = signed_in(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    assert cluj_page.post(f"/practices/{practice.pk}/withdraw/").status_code == 302
    page = _titles(paris_admin)
    assert "Cluj-Napoca withdrew “Digital signatures for internal approvals”" in page
    with tenant_context(cluj):
        assert not source_admin.notifications.filter(kind__startswith="practice").exists()


def test_city_admins_get_one_daily_digest_of_new_practices(
        cluj, paris, hub, cluj_admin, implemented, signed_in, mailoutbox,
        django_capture_on_commit_callbacks):
    paris_admin = signed_in(paris, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    with django_capture_on_commit_callbacks(execute=True):
        run_city_jobs(paris)
    assert "new practice" not in _titles(paris_admin)  # nothing published: no digest

    practice = share(cluj, cluj_admin, implemented)
    coordinator = signed_in(hub, roles=[Role.COORDINATOR])
    coordinator.post(f"/practices/{practice.pk}/review/", {"action": "publish"})
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        run_city_jobs(paris)
        run_city_jobs(paris)  # a second run the same day sends nothing more
    page = _titles(paris_admin)
    assert page.count("</strong> 1 new practice in the network") == 1
    assert "Digital signatures for internal approvals (Cluj-Napoca)" in page
    assert [m.to[0] for m in mailoutbox] == [paris_admin.user.email]
    # The source city is not told of its own practice.
    cluj_reader = signed_in(cluj, roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
    with django_capture_on_commit_callbacks(execute=True):
        run_city_jobs(cluj)
    assert "new practice" not in _titles(cluj_reader)


def test_the_new_kinds_are_on_the_preferences_page(cluj, signed_in):
    page = signed_in(cluj, roles=[Role.CITY_ADMIN]).get("/notifications/preferences/").text
    for label in ("Reviews of practices my city shares",
                  "Practices my city adopted: updates and withdrawals",
                  "New practices in the network (daily digest)",
                  "Questions and answers on good practices"):
        assert label in page
