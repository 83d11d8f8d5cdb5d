"""Background jobs know their city: a task sent from a city's schema runs in that schema.

The eager tests always run (tasks run in-process, as on a machine without a broker); the
worker test runs a real Celery worker on the Redis at REDIS_URL and is skipped without it.
"""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection
from django_tenants.utils import tenant_context

from innovato.celery import app as celery_app
from tenant_apps.calls.models import Call, Phase
from tenants.tasks import run_jobs_for_all_cities, run_jobs_for_city

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def eager():
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def _call_due_for_evaluation(make_call, city) -> Call:
    """A call still in submission whose dates say evaluation has begun."""
    call = make_call(city, phase=Phase.EVALUATION)
    with tenant_context(city):
        Call.objects.filter(pk=call.pk).update(phase=Phase.SUBMISSION)
    return call


def _phase(city, call) -> str:
    with tenant_context(city):
        return Call.objects.get(pk=call.pk).phase


def test_a_task_sent_from_a_city_runs_in_that_city_only(eager, cluj, paris, make_call):
    in_cluj = _call_due_for_evaluation(make_call, cluj)
    in_paris = _call_due_for_evaluation(make_call, paris)

    with tenant_context(cluj):
        run_jobs_for_city.delay()
        assert connection.schema_name == "cluj"  # the task put the schema back

    assert _phase(cluj, in_cluj) == Phase.EVALUATION
    assert _phase(paris, in_paris) == Phase.SUBMISSION


def test_beat_task_dispatches_one_task_per_active_city(eager, cluj, paris, make_call):
    in_cluj = _call_due_for_evaluation(make_call, cluj)
    in_paris = _call_due_for_evaluation(make_call, paris)

    sent = run_jobs_for_all_cities.delay()

    assert sent.result >= 2
    assert _phase(cluj, in_cluj) == Phase.EVALUATION
    assert _phase(paris, in_paris) == Phase.EVALUATION
    assert connection.schema_name == "public"


def test_city_task_refuses_to_run_without_a_city(eager, db):
    with pytest.raises(RuntimeError, match="without a city"):
        run_jobs_for_city.delay()


def test_messages_carry_the_schema_they_were_sent_from(cluj):
    from tenant_schemas_celery.task import headers_with_schema

    with tenant_context(cluj):
        assert headers_with_schema({})["_schema_name"] == "cluj"
    assert headers_with_schema({})["_schema_name"] == "public"


def _database_url() -> str:
    settings = connection.settings_dict
    host = settings["HOST"]
    host = quote(host, safe="") if host.startswith("/") else host
    port = f":{settings['PORT']}" if settings["PORT"] else ""
    password = f":{quote(settings['PASSWORD'])}" if settings["PASSWORD"] else ""
    return f"postgres://{settings['USER']}{password}@{host}{port}/{settings['NAME']}"


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a real Redis)")
def test_a_real_worker_on_redis_runs_the_task_in_the_city_it_came_from(
        committed_city, django_db_blocker):
    from datetime import timedelta

    from django.utils import timezone

    from shared_apps.accounts.models import Role
    from shared_apps.accounts.services import user_create
    from tenant_apps.calls.services import call_create

    queue = f"innovato-test-{uuid.uuid4().hex[:8]}"
    with django_db_blocker.unblock():
        start = timezone.now() - timedelta(days=11)
        day = timedelta(days=1)
        with tenant_context(committed_city):
            admin = user_create(username="admin", roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
            call = call_create(by=admin, title="Due", challenge="c",
                               submission_starts=start, evaluation_starts=start + 10 * day,
                               results_on=start + 20 * day,
                               implementation_starts=start + 25 * day,
                               closes_on=start + 365 * day,
                               criteria=[{"name": "Impact", "weight": 100}])
            Call.objects.filter(pk=call.pk).update(phase=Phase.SUBMISSION)
        connection.set_schema_to_public()

    env = dict(os.environ, DATABASE_URL=_database_url(),
               PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "platform")]),
               DJANGO_SETTINGS_MODULE="innovato.settings")
    env.pop("TEST_DATABASE_NAME", None)
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "innovato", "worker", "--pool", "solo",
         "--queues", queue, "--hostname", f"{queue}@%h", "--without-mingle",
         "--without-gossip", "--without-heartbeat", "--loglevel", "WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    try:
        with django_db_blocker.unblock():
            with tenant_context(committed_city):
                run_jobs_for_city.apply_async(queue=queue)
            deadline = time.monotonic() + 60
            phase = Phase.SUBMISSION
            while time.monotonic() < deadline and phase == Phase.SUBMISSION:
                assert worker.poll() is None, worker.stdout.read()
                time.sleep(0.5)
                with tenant_context(committed_city):
                    phase = Call.objects.get(pk=call.pk).phase
            connection.set_schema_to_public()
        assert phase == Phase.EVALUATION
    finally:
        celery_app.conf.task_always_eager = previous
        worker.terminate()
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
