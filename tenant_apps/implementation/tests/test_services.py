"""The rules of implementation, through its services, in a real city schema."""

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import tenant_context

from innovato.errors import ActionRefused, NotAllowed
from tenant_apps.audit.models import AuditEntry
from tenant_apps.calls.models import Call, Phase
from tenant_apps.implementation import selectors, services
from tenant_apps.implementation.models import Implementation, Milestone, SavingsEntry
from tenant_apps.notifications.models import Kind, Notification
from tenant_apps.notifications.registry import render_all
from tenant_apps.proposals.models import CoAuthor, Proposal, Status

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


# --- Starting ----------------------------------------------------------------------------------


def test_city_admin_starts_a_selected_proposal(team):
    with tenant_context(team.city):
        implementation = services.implementation_start(proposal=team.proposal, lead=team.lead,
                                                       by=team.admin)
        team.proposal.refresh_from_db()
        assert team.proposal.status == Status.IMPLEMENTING
        assert implementation.lead == team.lead
        assert implementation.progress == 0
        entry = AuditEntry.objects.get(action="implementation.started")
        assert entry.actor == team.admin
        assert entry.after == {"lead": "lead", "progress": 0}
        assert AuditEntry.objects.filter(action="proposal.implementation_started",
                                         before={"status": "selected"}).exists()


def test_implementation_can_start_in_the_implementation_phase(team):
    with tenant_context(team.city):
        Call.objects.filter(pk=team.call.pk).update(phase=Phase.IMPLEMENTATION)
        services.implementation_start(proposal=team.proposal, lead=team.lead, by=team.admin)
        assert Implementation.objects.count() == 1


@pytest.mark.parametrize("status", [Status.SHORTLISTED, Status.NOT_SELECTED, Status.IMPLEMENTED])
def test_only_selected_proposals_start_and_nothing_changes(team, status):
    with tenant_context(team.city):
        Proposal.objects.filter(pk=team.proposal.pk).update(status=status)
        team.proposal.refresh_from_db()
        with pytest.raises(ActionRefused) as refused:
            services.implementation_start(proposal=team.proposal, lead=team.lead, by=team.admin)
        assert refused.value.code == "wrong_status"
        team.proposal.refresh_from_db()
        assert team.proposal.status == status
        assert not Implementation.objects.exists()
        assert not AuditEntry.objects.filter(action__startswith="implementation.").exists()


@pytest.mark.parametrize("phase", [Phase.EVALUATION, Phase.VOTING, Phase.CLOSED])
def test_implementation_waits_for_the_results(team, phase):
    with tenant_context(team.city):
        Call.objects.filter(pk=team.call.pk).update(phase=phase)
        with pytest.raises(ActionRefused) as refused:
            services.implementation_start(proposal=team.proposal, lead=team.lead, by=team.admin)
        assert refused.value.code == "wrong_phase"
        assert Proposal.objects.get(pk=team.proposal.pk).status == Status.SELECTED
        assert not Implementation.objects.exists()


def test_only_city_admins_start(team):
    with tenant_context(team.city):
        for person in (team.author, team.lead, team.employee):
            with pytest.raises(NotAllowed):
                services.implementation_start(proposal=team.proposal, lead=team.lead, by=person)
        assert not Implementation.objects.exists()


def test_a_proposal_starts_once(started, team):
    with tenant_context(team.city), pytest.raises(ActionRefused):
        services.implementation_start(proposal=team.proposal, lead=team.lead, by=team.admin)


# --- Progress and finishing --------------------------------------------------------------------


def test_lead_and_admin_set_progress_others_cannot(started, team):
    with tenant_context(team.city):
        services.implementation_set_progress(implementation=started, progress=40, by=team.lead)
        services.implementation_set_progress(implementation=started, progress=55, by=team.admin)
        for person in (team.author, team.coauthor, team.employee):
            with pytest.raises(NotAllowed):
                services.implementation_set_progress(implementation=started, progress=90,
                                                     by=person)
        started.refresh_from_db()
        assert started.progress == 55
        entries = AuditEntry.objects.filter(action="implementation.progress").order_by("id")
        assert [(e.actor.username, e.before, e.after) for e in entries] == [
            ("lead", {"progress": 0}, {"progress": 40}),
            ("admin", {"progress": 40}, {"progress": 55}),
        ]


@pytest.mark.parametrize("value", [-1, 101, "50", 12.5, True])
def test_progress_is_a_whole_percentage(started, team, value):
    with tenant_context(team.city):
        with pytest.raises(ValidationError) as error:
            services.implementation_set_progress(implementation=started, progress=value,
                                                 by=team.lead)
        assert "progress" in error.value.message_dict
        started.refresh_from_db()
        assert started.progress == 0


def test_finishing_as_implemented(started, team):
    with tenant_context(team.city):
        services.implementation_finish(implementation=started, outcome=Status.IMPLEMENTED,
                                       by=team.lead)
        started.refresh_from_db()
        team.proposal.refresh_from_db()
        assert started.finished_at is not None
        assert started.progress == 100
        assert team.proposal.status == Status.IMPLEMENTED
        entry = AuditEntry.objects.get(action="implementation.finished")
        assert entry.before == {"progress": 0, "status": "implementing"}
        assert entry.after == {"progress": 100, "status": "implemented"}


def test_a_finished_implementation_refuses_changes_and_keeps_its_state(started, team):
    with tenant_context(team.city):
        services.implementation_set_progress(implementation=started, progress=30, by=team.lead)
        services.implementation_finish(implementation=started, outcome=Status.ABANDONED,
                                       reason="No budget left.", by=team.admin)
        audit_count = AuditEntry.objects.count()
        refusals = [
            lambda: services.implementation_set_progress(implementation=started, progress=50,
                                                         by=team.lead),
            lambda: services.implementation_finish(implementation=started,
                                                   outcome=Status.IMPLEMENTED, by=team.admin),
            lambda: services.milestone_add(implementation=started, title="Late",
                                           due_on=date(2027, 1, 1), by=team.lead),
            lambda: services.savings_record(implementation=started, period=date(2026, 3, 1),
                                            projected_money=10, by=team.lead),
        ]
        for refused in refusals:
            with pytest.raises(ActionRefused):
                refused()
        started.refresh_from_db()
        team.proposal.refresh_from_db()
        assert started.progress == 30
        assert team.proposal.status == Status.ABANDONED
        assert team.proposal.status_reason == "No budget left."
        assert not started.milestones.exists() and not started.savings.exists()
        assert AuditEntry.objects.count() == audit_count


def test_unknown_outcome_is_refused(started, team):
    with tenant_context(team.city):
        with pytest.raises(ValidationError):
            services.implementation_finish(implementation=started, outcome="selected",
                                           by=team.admin)
        assert Implementation.objects.get(pk=started.pk).finished_at is None


def test_employee_cannot_finish(started, team):
    with tenant_context(team.city), pytest.raises(NotAllowed):
        services.implementation_finish(implementation=started, outcome=Status.IMPLEMENTED,
                                       by=team.author)


def test_admin_hands_the_lead_over(started, team):
    with tenant_context(team.city):
        services.implementation_set_lead(implementation=started, lead=team.employee,
                                         by=team.admin)
        with pytest.raises(NotAllowed):
            services.implementation_set_lead(implementation=started, lead=team.lead,
                                             by=team.employee)
        assert Implementation.objects.get(pk=started.pk).lead == team.employee
        entry = AuditEntry.objects.get(action="implementation.lead_changed")
        assert (entry.before, entry.after) == ({"lead": "lead"}, {"lead": "bystander"})


# --- Milestones --------------------------------------------------------------------------------


def test_milestones_are_planned_and_completed(started, team):
    with tenant_context(team.city):
        milestone = services.milestone_add(implementation=started, title=" Pilot ",
                                           due_on=date(2026, 3, 1), by=team.lead)
        assert (milestone.title, milestone.state, milestone.completed_on) == (
            "Pilot", Milestone.State.PLANNED, None)
        services.milestone_update(milestone=milestone, state=Milestone.State.DONE, by=team.admin)
        milestone.refresh_from_db()
        assert milestone.state == Milestone.State.DONE
        assert milestone.completed_on == timezone.localdate()
        services.milestone_update(milestone=milestone, state=Milestone.State.IN_PROGRESS,
                                  title="Pilot, second round", by=team.lead)
        milestone.refresh_from_db()
        assert milestone.completed_on is None
        assert milestone.title == "Pilot, second round"
        actions = list(AuditEntry.objects.filter(target_id=started.pk,
                                                 action__startswith="milestone.")
                       .order_by("id").values_list("action", flat=True))
        assert actions == ["milestone.added", "milestone.updated", "milestone.updated"]


def test_milestones_need_a_title_and_the_right_people(started, team):
    with tenant_context(team.city):
        with pytest.raises(ValidationError) as error:
            services.milestone_add(implementation=started, title="  ", due_on=date(2026, 3, 1),
                                   by=team.lead)
        assert "title" in error.value.message_dict
        with pytest.raises(NotAllowed):
            services.milestone_add(implementation=started, title="Mine",
                                   due_on=date(2026, 3, 1), by=team.author)
        assert not Milestone.objects.exists()


# --- Overdue milestones ------------------------------------------------------------------------


def test_overdue_milestones_are_notified_once(started, team, make_user):
    invited = make_user(team.city, username="invited")
    today = date(2026, 6, 10)
    with tenant_context(team.city):
        CoAuthor.objects.create(proposal=team.proposal, user=invited, invited_by=team.author)

        def make(title, due, state=Milestone.State.PLANNED):
            return Milestone.objects.create(implementation=started, title=title, due_on=due,
                                            state=state)

        late = make("Train the staff", today - timedelta(days=1))
        make("Late but done", today - timedelta(days=5), Milestone.State.DONE)
        make("Late but cancelled", today - timedelta(days=5), Milestone.State.CANCELLED)
        make("Due today", today)

        assert services.milestones_notify_overdue(today=today) == 1
        notified = render_all(Notification.objects.filter(kind=Kind.MILESTONE_OVERDUE))
        assert sorted(n.recipient.username for n in notified) == ["author", "coauthor", "lead"]
        assert all("Train the staff" in n.title for n in notified)
        assert all(n.url == started.get_absolute_url() for n in notified)
        late.refresh_from_db()
        assert late.overdue_notified_at is not None

        assert services.milestones_notify_overdue(today=today) == 0
        assert services.milestones_notify_overdue(today=today + timedelta(days=3)) == 1
        # "Due today" has become overdue; nothing else is told twice.
        assert Notification.objects.filter(kind=Kind.MILESTONE_OVERDUE).count() == 6


def test_a_new_due_date_gets_its_own_reminder(started, team):
    with tenant_context(team.city):
        milestone = Milestone.objects.create(implementation=started, title="Pilot",
                                             due_on=date(2026, 1, 1))
        assert services.milestones_notify_overdue(today=date(2026, 1, 5)) == 1
        services.milestone_update(milestone=milestone, due_on=date(2026, 2, 1), by=team.lead)
        assert services.milestones_notify_overdue(today=date(2026, 1, 20)) == 0
        assert services.milestones_notify_overdue(today=date(2026, 2, 2)) == 1


def test_finished_implementations_get_no_reminders(started, team):
    with tenant_context(team.city):
        Milestone.objects.create(implementation=started, title="Pilot", due_on=date(2026, 1, 1))
        services.implementation_finish(implementation=started, outcome=Status.ABANDONED,
                                       by=team.admin)
        assert services.milestones_notify_overdue(today=date(2026, 6, 1)) == 0
        assert not Notification.objects.filter(kind=Kind.MILESTONE_OVERDUE).exists()


# --- Updates -----------------------------------------------------------------------------------


def test_the_team_posts_updates_others_cannot(started, team):
    with tenant_context(team.city):
        for person in (team.lead, team.author, team.coauthor, team.admin):
            services.update_post(implementation=started, author=person, body="News")
        with pytest.raises(NotAllowed):
            services.update_post(implementation=started, author=team.employee, body="Hello")
        assert started.updates.count() == 4
        with pytest.raises(ValidationError):
            services.update_post(implementation=started, author=team.lead, body="  ")
        with pytest.raises(ValidationError) as error:
            services.update_post(implementation=started, author=team.lead, body="See",
                                 evidence_url="not a link")
        assert "evidence_url" in error.value.message_dict
        assert started.updates.count() == 4


def test_updates_carry_evidence(started, team, evidence_cleanup):
    with tenant_context(team.city):
        update = services.update_post(
            implementation=started, author=team.lead, body="Pilot report attached",
            evidence=SimpleUploadedFile("../report.pdf", PDF, content_type="application/pdf"),
            evidence_url="https://intranet.example/pilot")
        assert update.evidence_name == "report.pdf"
        assert update.evidence.name.startswith(f"implementation/{started.pk}/")
        assert update.evidence.read() == PDF


@pytest.mark.parametrize(("name", "content", "code"), [
    ("script.exe", b"MZ...", "file_type"),
    ("photo.png", PDF, "file_content"),
    ("huge.txt", b"x" * (services.ATTACHMENT_MAX_BYTES + 1), "file_size"),
])
def test_evidence_of_a_wrong_kind_is_refused(started, team, name, content, code):
    with tenant_context(team.city):
        with pytest.raises(ValidationError) as error:
            services.update_post(implementation=started, author=team.lead, body="Look",
                                 evidence=SimpleUploadedFile(name, content))
        assert error.value.error_dict["evidence"][0].code == code
        assert not started.updates.exists()


# --- Savings -----------------------------------------------------------------------------------


def test_savings_are_recorded_per_month_and_replaced(started, team):
    with tenant_context(team.city):
        services.savings_record(implementation=started, period=date(2026, 3, 17),
                                projected_money="1000.50", projected_hours=40, by=team.lead)
        entry = services.savings_record(
            implementation=started, period=datetime(2026, 3, 2, 12, tzinfo=UTC),
            projected_money=1000, realised_money=Decimal("850.25"), projected_hours=40,
            realised_hours="32.5", note="First month", by=team.admin)
        assert SavingsEntry.objects.count() == 1
        entry.refresh_from_db()
        assert entry.period == date(2026, 3, 1)
        assert (entry.projected_money, entry.realised_money) == (Decimal("1000.00"),
                                                                Decimal("850.25"))
        assert (entry.projected_hours, entry.realised_hours) == (Decimal("40.0"),
                                                                Decimal("32.5"))
        audits = AuditEntry.objects.filter(action="savings.recorded").order_by("id")
        assert audits[0].before is None
        assert audits[1].before["projected_money"] == "1000.50"
        assert audits[1].after["realised_money"] == "850.25"


@pytest.mark.parametrize("field", ["projected_money", "realised_money", "projected_hours",
                                   "realised_hours"])
def test_negative_savings_are_refused(started, team, field):
    with tenant_context(team.city):
        with pytest.raises(ValidationError) as error:
            services.savings_record(implementation=started, period=date(2026, 3, 1),
                                    by=team.lead, **{field: "-5"})
        assert error.value.message_dict[field] == ["Savings cannot be negative."]
        assert not SavingsEntry.objects.exists()


def test_employees_and_authors_cannot_record_savings(started, team):
    with tenant_context(team.city):
        for person in (team.employee, team.author, team.coauthor):
            with pytest.raises(NotAllowed):
                services.savings_record(implementation=started, period=date(2026, 3, 1),
                                        projected_money=10, by=person)
        assert not SavingsEntry.objects.exists()


def test_implemented_proposals_keep_recording_realised_savings(started, team):
    with tenant_context(team.city):
        services.implementation_finish(implementation=started, outcome=Status.IMPLEMENTED,
                                       by=team.admin)
        services.savings_record(implementation=started, period=date(2026, 9, 1),
                                projected_money=100, realised_money=120, by=team.lead)
        assert SavingsEntry.objects.get().realised_money == 120


def test_totals_per_implementation_call_and_city(started, team, make_call, make_proposal):
    other_call = make_call(team.city, phase=Phase.IMPLEMENTATION, admin=team.admin,
                           title="Greener fleet")
    other = make_proposal(team.city, other_call, author=team.author, status=Status.SELECTED)
    with tenant_context(team.city):
        second = services.implementation_start(proposal=other, lead=team.lead, by=team.admin)
        record = services.savings_record
        record(implementation=started, period=date(2026, 1, 1), projected_money=100,
               realised_money=90, projected_hours=10, realised_hours=9, by=team.lead)
        record(implementation=started, period=date(2026, 2, 1), projected_money=100,
               projected_hours=10, by=team.lead)  # realised not known yet
        record(implementation=second, period=date(2026, 2, 1), projected_money=50,
               realised_money=70, projected_hours=5, realised_hours="6.5", by=team.lead)

        assert selectors.savings_totals() == {
            "projected_money": Decimal("250.00"), "realised_money": Decimal("160.00"),
            "projected_hours": Decimal("25.0"), "realised_hours": Decimal("15.5")}
        assert selectors.savings_totals(call=team.call)["realised_money"] == Decimal("90.00")
        per_call = {call.title: call for call in selectors.savings_totals_per_call()}
        assert per_call["Paperless city hall"].projected_money == Decimal("200.00")
        assert per_call["Paperless city hall"].implementation_count == 1
        assert per_call["Greener fleet"].realised_hours == Decimal("6.5")
        months = list(selectors.savings_by_month())
        assert [(m["period"], m["projected_money"], m["realised_money"]) for m in months] == [
            (date(2026, 1, 1), Decimal("100.00"), Decimal("90.00")),
            (date(2026, 2, 1), Decimal("150.00"), Decimal("70.00")),
        ]
        listed = {i.pk: i for i in selectors.implementations_list()}
        assert listed[started.pk].projected_money == Decimal("200.00")
        assert listed[started.pk].realised_hours == Decimal("9.0")
        assert listed[second.pk].milestone_count == 0


def test_ready_to_start_lists_selected_proposals_only(team, started, make_proposal):
    waiting = make_proposal(team.city, team.call, author=team.author, status=Status.SELECTED,
                            title="Waiting")
    make_proposal(team.city, team.call, author=team.author, status=Status.NOT_SELECTED)
    with tenant_context(team.city):
        assert list(selectors.proposals_ready_to_start()) == [waiting]
