"""Test fixtures shared by every test package.

The test cities are made once per session by cloning the migrated template schema, the way
provisioning does; each test then runs inside a transaction that is rolled back.
"""

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client
from django.urls import set_urlconf
from django.utils import translation
from django_tenants.utils import tenant_context

from shared_apps.accounts.models import Role, User
from shared_apps.accounts.services import user_create
from tenant_apps.people.models import Department
from tenant_apps.people.services import department_create
from tenants.models import City
from tenants.services import city_create, template_schema_migrate

TEST_PASSWORD = "Correct-Horse-42"  # noqa: S105

TEST_CITIES = [
    {"name": "Cluj-Napoca", "slug": "cluj", "country": "RO", "default_language": "ro",
     "enabled_languages": ["ro", "en", "hu"], "timezone": "Europe/Bucharest", "currency": "RON"},
    {"name": "Paris", "slug": "paris", "country": "FR", "default_language": "fr",
     "enabled_languages": ["fr", "en"], "timezone": "Europe/Paris", "currency": "EUR"},
    {"name": "Veszprém", "slug": "veszprem", "country": "HU", "default_language": "hu",
     "enabled_languages": ["hu", "en"], "timezone": "Europe/Budapest", "currency": "HUF"},
    {"name": "Rotterdam", "slug": "rotterdam", "country": "NL", "default_language": "nl",
     "enabled_languages": ["nl", "en"], "timezone": "Europe/Amsterdam", "currency": "EUR"},
]


def pytest_configure(config):
    from django.conf import settings

    from innovato.catalogs import compile_catalogs

    compile_catalogs()  # pages are tested in the cities' languages

    # Tests render templates without running collectstatic first.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    # Scheduled jobs run only where a test calls them, never as a side effect of a request.
    settings.RUN_CITY_JOBS_IN_PROCESS = False
    # Background jobs run in the test's own process, even where REDIS_URL names a broker;
    # tests of the real broker switch this off themselves.
    from innovato.celery import app as celery_app

    settings.CELERY_TASK_ALWAYS_EAGER = True
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    # Tests make many people; hashing each password properly would dominate their time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Guessing is slowed down by seconds; the test of that slowdown sets its own pace.
    settings.LOGIN_SLOWDOWN_MAX_SECONDS = 0.01
    _separate_parallel_workers(settings)
    from django.test.signals import setting_changed

    setting_changed.connect(_forget_media_root)


def _forget_media_root(*, setting, **kwargs):
    """django-tenants' storage caches its media root and forgets it only when
    MULTITENANT_RELATIVE_MEDIA_ROOT changes: a test giving uploads a folder of its own
    (`settings.MEDIA_ROOT = tmp_path`) would otherwise write wherever an earlier test did."""
    if setting == "MEDIA_ROOT":
        from django.core.files.storage import storages

        storages["default"].__dict__.pop("relative_media_root", None)


def _separate_parallel_workers(settings) -> None:
    """`run.py test` runs the tests in parallel processes (pytest-xdist). Each has its own
    test database (pytest-django's suffix); give each its own uploads folder and, on the
    production paths, its own Redis database for the caches too, since clearing a cache empties
    the whole Redis database and would wipe a neighbour's keys mid-test. (Celery's broker
    stays shared: the one test with a real worker uses a queue of its own.)"""
    import os
    from urllib.parse import urlparse

    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker:
        return
    index = int(worker.removeprefix("gw"))
    settings.MEDIA_ROOT = settings.MEDIA_ROOT / f"test-{worker}"

    def own_database(url: str) -> str:
        parsed = urlparse(url)
        if parsed.scheme not in ("redis", "rediss"):
            return url
        base = int(parsed.path.strip("/") or 0)
        return parsed._replace(path=f"/{(base + 1 + index) % 16}").geturl()

    for config in settings.CACHES.values():
        if isinstance(config.get("LOCATION"), str):
            config["LOCATION"] = own_database(config["LOCATION"])


@pytest.fixture(scope="session")
def django_db_setup(request, django_test_environment, django_db_blocker,
                    django_db_modify_db_settings):
    """The test database, always (pytest-django would skip it when no selected test asks
    for `db`, and then `committed_city` would write to the development database); one per
    parallel worker (`django_db_modify_db_settings` names it after the worker)."""
    from django.test.utils import setup_databases, teardown_databases

    with django_db_blocker.unblock():
        config = setup_databases(verbosity=request.config.option.verbose, interactive=False,
                                 aliases={"default"})
        template_schema_migrate()
        for spec in TEST_CITIES:
            city_create(**spec, extra_domains=[f"innovation.{spec['slug']}.example"])
        connection.set_schema_to_public()
    yield
    with django_db_blocker.unblock():
        teardown_databases(config, verbosity=request.config.option.verbose)


@pytest.fixture(autouse=True)
def _fresh_state():
    """Caches and the connection's schema are per process; reset them around each test."""
    for alias in ("default", "routing"):
        caches[alias].clear()
    yield
    translation.deactivate()  # requests leave their language active in the thread
    # A streamed answer (a download) the test did not read to the end never finishes its
    # request, so the URL conf of its site (the hub's, say) would stay the thread's.
    set_urlconf(None)
    connection.set_schema_to_public()
    for alias in ("default", "routing"):
        caches[alias].clear()


@pytest.fixture
def cluj(db) -> City:
    return City.objects.get(slug="cluj")


@pytest.fixture
def paris(db) -> City:
    return City.objects.get(slug="paris")


@pytest.fixture
def hub(db) -> City:
    return City.hub()


def host_of(city: City) -> str:
    return "localhost" if city.is_hub else f"{city.slug}.localhost"


@pytest.fixture
def client_for():
    """A browser-like test client for a city (or the hub), addressed by its Host header.

    It asks for English unless told otherwise, so tests can read the messages they assert
    on; tests of the language choice pass HTTP_ACCEPT_LANGUAGE="" (no preference)."""

    def make(city: City, **headers) -> Client:
        headers.setdefault("HTTP_ACCEPT_LANGUAGE", "en")
        return Client(HTTP_HOST=host_of(city), **headers)

    return make


@pytest.fixture
def make_user(db):
    """Create a user inside `city`'s schema (the hub's for City.hub())."""
    counter = iter(range(1, 10_000))

    def make(city: City, *, username: str | None = None, roles=(Role.EMPLOYEE,),
             password: str = TEST_PASSWORD, email: str | None = None) -> User:
        username = username or f"person{next(counter)}"
        with tenant_context(city):
            return user_create(
                username=username,
                email=email if email is not None else f"{username}@{city.slug or 'hub'}.test",
                password=password,
                roles=roles,
            )

    return make


@pytest.fixture
def make_department(db):
    def make(city: City, *, name: str = "Digital services", code: str = "") -> Department:
        with tenant_context(city):
            return department_create(names={"en": name}, code=code)

    return make


@pytest.fixture
def signed_in(client_for, make_user):
    """A client signed in on `city` as a new user with `roles`; the user is `client.user`."""

    def make(city: City, *, roles=(Role.EMPLOYEE,), headers=None, **user_kwargs) -> Client:
        user = make_user(city, roles=roles, **user_kwargs)
        client = client_for(city, **(headers or {}))
        with tenant_context(city):  # the session row lives in the city's schema
            client.force_login(user)
        client.user = user
        return client

    return make


@pytest.fixture
def api_for(client_for, make_user):
    """A client that calls the API of `city` with a token of a new user with `roles`."""
    from shared_apps.accounts.services import api_token_issue

    def make(city: City, *, roles=(Role.EMPLOYEE,), **user_kwargs) -> Client:
        user = make_user(city, roles=roles, **user_kwargs)
        with tenant_context(city):
            token = api_token_issue(user=user)
        client = client_for(city, HTTP_AUTHORIZATION=f"Token {token}")
        client.user = user
        client.token = token
        return client

    return make


# --- Innovation cycle -------------------------------------------------------------------------

CRITERIA = [
    {"name": "Innovation", "weight": 40, "description": "How new is it for the city?"},
    {"name": "Feasibility", "weight": 35, "description": "Can it be done with our means?"},
    {"name": "Sustainability", "weight": 25, "description": "Will it last?"},
]


@pytest.fixture
def make_call(db):
    """Create a call in `city`, placed in `phase` (dates are set around now to match)."""
    from datetime import timedelta

    from django.utils import timezone

    from tenant_apps.calls.models import Call, Phase
    from tenant_apps.calls.services import call_create

    offsets = {  # days from now at which each phase starts, per current phase
        Phase.DRAFT: 5, Phase.SUBMISSION: -1, Phase.EVALUATION: -11, Phase.VOTING: -16,
        Phase.RESULTS: -21, Phase.IMPLEMENTATION: -26, Phase.CLOSED: -400,
    }

    def make(city: City, *, phase: str = Phase.SUBMISSION, title: str = "Paperless city hall",
             voting: bool = False, anonymous: bool = False, publish_scores: bool = True,
             criteria=None, evaluators_per_proposal: int = 2, admin: User | None = None,
             **extra) -> Call:
        start = timezone.now() + timedelta(days=offsets[phase])
        day = timedelta(days=1)
        with tenant_context(city):
            admin = admin or user_create(username=f"calladmin{Call.objects.count()}",
                                         roles=[Role.CITY_ADMIN, Role.EMPLOYEE])
            call = call_create(
                by=admin, title=title,
                challenge="How can we cut paper use in internal processes?",
                eligibility_rules="Any employee; MVP must be testable within 3 months.",
                submission_starts=start, evaluation_starts=start + 10 * day,
                voting_starts=start + 15 * day if voting else None,
                results_on=start + 20 * day, implementation_starts=start + 25 * day,
                closes_on=start + 365 * day, criteria=criteria or CRITERIA,
                anonymous_evaluation=anonymous, publish_scores=publish_scores,
                evaluators_per_proposal=evaluators_per_proposal, **extra,
            )
            Call.objects.filter(pk=call.pk).update(phase=phase)
            call.refresh_from_db()
        return call

    return make


@pytest.fixture
def make_proposal(db, make_user):
    """Create a proposal in `call` by `author` (a new employee if omitted), in `status`."""
    from tenant_apps.proposals.models import Proposal, Status

    def make(city: City, call, *, author: User | None = None, status: str = Status.SUBMITTED,
             title: str = "Digital signatures for internal approvals", **fields) -> Proposal:
        author = author or make_user(city)
        with tenant_context(city):
            proposal = Proposal.objects.create(
                call=call, author=author, title=title,
                problem=fields.pop("problem", "Approvals circulate on paper for days."),
                solution=fields.pop("solution", "Sign approvals digitally in the intranet."),
                mvp_plan=fields.pop("mvp_plan", "Pilot in one department for a month."),
                status=status,
                submitted_at=None if status == Status.DRAFT else call.submission_starts,
                **fields,
            )
        return proposal

    return make


@pytest.fixture
def committed_city(django_db_setup, django_db_blocker):
    """A throwaway city whose rows are really committed, for tests in which several
    connections (threads) must see the same data. Dropped afterwards.

    Such tests must not use the `db` fixture (nor fixtures built on it): that would wrap
    them in a transaction the threads cannot see into."""
    from tenants.models import Domain

    with django_db_blocker.unblock():
        city = city_create(name="Concurrency", slug="concurrency", country="BE",
                           default_language="en", enabled_languages=["en"])
        try:
            yield city
        finally:
            connection.set_schema_to_public()
            Domain.objects.filter(tenant=city).delete()
            city.delete(force_drop=True)


def run_in_threads(city: City, functions) -> list:
    """Run each function in its own thread and database connection, all at once."""
    import threading

    from django.db import connection as thread_connection

    barrier = threading.Barrier(len(functions))
    results: list = [None] * len(functions)

    def worker(index, function):
        try:
            with tenant_context(city):
                barrier.wait()
                results[index] = function()
        except Exception as error:  # reported to the test, which asserts on it
            results[index] = error
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=worker, args=(i, f)) for i, f in enumerate(functions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
