"""The data protection officer's page (city admins): what is held, why and for how long;
retention periods applied by the daily job, which reports what it removed; and the log of
administrators viewing or exporting personal data."""

from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role
from tenant_apps.audit.models import AuditEntry
from tenant_apps.audit.services import audit_record
from tenant_apps.notifications.models import Kind, Notification
from tenant_apps.privacy.models import PrivacySettings, RetentionRun
from tenant_apps.privacy.services import retention_apply
from tenant_apps.proposals.models import Proposal


def test_page_says_what_is_held_why_and_for_how_long(cluj, signed_in):
    admin = signed_in(cluj, roles=(Role.CITY_ADMIN, Role.EMPLOYEE))
    page = admin.get("/privacy/officer/").content.decode()
    for text in ("Sign-in history", "To let people and administrators spot sign-ins",
                 "90 days", "Unsubmitted drafts", "365 days", "Copies on the network hub",
                 "Scorecards and conflicts of interest"):
        assert text in page
    french = admin.get("/privacy/officer/", HTTP_ACCEPT_LANGUAGE="ro").content.decode()
    assert "Istoricul autentificărilor" in french


def test_retention_is_set_by_the_admin_and_applied_daily(cluj, seeded, signed_in):
    admin = signed_in(cluj, roles=(Role.CITY_ADMIN, Role.EMPLOYEE))
    bad = admin.post("/privacy/officer/", {"draft_days": "0", "notification_days": "30",
                                          "sign_in_days": "30", "audit_days": "400"})
    assert bad.status_code == 400
    assert "Ensure this value is greater than or equal to 1." in bad.content.decode()
    with tenant_context(cluj):
        assert not PrivacySettings.objects.exists()
    saved = admin.post("/privacy/officer/", {"draft_days": "30", "notification_days": "30",
                                            "sign_in_days": "30", "audit_days": "400"})
    assert saved.status_code == 302

    old = timezone.now() - timedelta(days=45)
    with tenant_context(cluj):
        Proposal.objects.filter(pk=seeded.ana_draft.pk).update(updated_at=old)
        Notification.objects.filter(recipient=seeded.bogdan).update(created_at=old)
        sign_in = audit_record(actor=seeded.ana, action="sign_in.succeeded",
                               target=seeded.ana, after={"address": "10.1.1.1"})
        ancient = audit_record(actor=seeded.admin, action="call.created", target=seeded.ana)
        AuditEntry.objects.filter(pk=sign_in.pk).update(at=old)
        AuditEntry.objects.filter(pk=ancient.pk).update(at=old - timedelta(days=400))
        run = retention_apply()
        assert retention_apply() is None  # once a day
        assert not Proposal.objects.filter(pk=seeded.ana_draft.pk).exists()
        assert Proposal.objects.filter(pk=seeded.ana_proposal.pk).exists()
        assert not Notification.objects.filter(recipient=seeded.bogdan).exists()
        assert Notification.objects.filter(recipient=seeded.ana).exists()
        assert not AuditEntry.objects.filter(pk__in=[sign_in.pk, ancient.pk]).exists()
        reported = AuditEntry.objects.get(action="retention.applied")
    assert run.removed == {"proposals.drafts": 1, "notifications.notifications": 1,
                           "audit.sign_ins": 1, "audit.actions": 1}
    assert reported.after == run.removed
    page = admin.get("/privacy/officer/").content.decode()
    assert "<code>proposals.drafts</code>: 1" in page


def test_the_scheduled_job_applies_retention(cluj, seeded, client_for, settings):
    from tenants.scheduling import run_city_jobs

    with tenant_context(cluj):
        Notification.objects.create(recipient=seeded.ana, kind=Kind.RESULTS, title="Old")
        Notification.objects.filter(title="Old").update(
            created_at=timezone.now() - timedelta(days=400))
    run_city_jobs(cluj)
    with tenant_context(cluj):
        run = RetentionRun.objects.get()
        assert run.removed["notifications.notifications"] == 1


def test_admins_viewing_or_exporting_personal_data_are_logged(cluj, seeded, signed_in,
                                                              make_call):
    admin = signed_in(cluj, roles=(Role.CITY_ADMIN, Role.EMPLOYEE))
    assert admin.get(f"/accounts/users/{seeded.ana.pk}/").status_code == 200
    assert admin.get(f"/accounts/users/{seeded.ana.pk}/").status_code == 200  # once
    assert admin.get("/accounts/users/").status_code == 200
    call = seeded.ana_proposal.call
    assert admin.get(f"/evaluation/calls/{call.pk}/ranking.csv").status_code == 200
    page = admin.get("/privacy/officer/").content.decode()
    assert page.count(f"/accounts/users/{seeded.ana.pk}/") == 1
    assert "/accounts/users/</code>" in page
    assert f"Downloaded {call.title}" in page
    with tenant_context(cluj):
        assert AuditEntry.objects.filter(action="personal_data.viewed").count() == 2
        assert AuditEntry.objects.filter(action="personal_data.exported").count() == 1
