"""Many employees pressing "support" at the same moment are each counted exactly once."""

from datetime import timedelta

from django.utils import timezone
from django_tenants.utils import tenant_context

from conftest import CRITERIA, run_in_threads
from shared_apps.accounts.models import Role
from shared_apps.accounts.services import user_create
from tenant_apps.calls.models import Call, Phase
from tenant_apps.calls.services import call_create
from tenant_apps.proposals import services
from tenant_apps.proposals.models import Proposal, Status, Support


def test_thirty_employees_clicking_twice_at_once_are_each_counted_once(committed_city):
    city = committed_city
    now = timezone.now()
    day = timedelta(days=1)
    with tenant_context(city):
        admin = user_create(username="admin", roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
        call = call_create(by=admin, title="Concurrent", challenge="c",
                           submission_starts=now - day, evaluation_starts=now + 9 * day,
                           results_on=now + 19 * day, implementation_starts=now + 29 * day,
                           closes_on=now + 99 * day, criteria=CRITERIA)
        Call.objects.filter(pk=call.pk).update(phase=Phase.SUBMISSION)
        call.refresh_from_db()
        proposal = Proposal.objects.create(call=call, author=admin, title="Idea",
                                           status=Status.SUBMITTED)
        fans = [user_create(username=f"fan{i}", roles=[Role.EMPLOYEE]) for i in range(30)]

    # Every fan clicks twice at once: 60 requests, 30 supports (each its own connection,
    # within PostgreSQL's default 100 beside the test's own).
    jobs = [lambda fan=fan: services.support_add(proposal=proposal, user=fan)
            for fan in fans] * 2
    results = run_in_threads(city, jobs)
    assert not [r for r in results if isinstance(r, Exception)], results
    assert results.count(True) == 30
    assert results.count(False) == 30
    with tenant_context(city):
        assert Support.objects.filter(proposal=proposal).count() == 30
