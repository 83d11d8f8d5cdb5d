"""Benchmark: employees at a call's submission deadline, open loop, against gunicorn.

Run: .venv/bin/python bench/load_deadline.py [--rate 2] [--seconds 45] [--steps 1,2,3,4,6,8]
Starts gunicorn with the Helm chart's command and worker settings (3 workers × 2 threads,
its timeouts and max-requests) on a throwaway database with one city and two calls. Employees
arrive at a set rate (Poisson arrivals, whatever the server's pace: an open loop) and each
acts as a person does, with pauses of 0.5–2 s between actions: reads the proposal list,
drafts a proposal, submits it, supports two others. During the run the first call's
submission phase closes (the scheduler's move to evaluation): later drafts and submissions
must be refused with 409, and none accepted.

A few visits on the second call come first, unmeasured, to warm the workers up. Then the
same visit is offered at rising rates on the second call, 12 s a step, to find the
highest rate the server holds with p95 under one second and no error.

Prints p50/p95/p99 at the offered load, the errors (anything but the expected 409s), the
writes accepted after the close (must be 0), the lost writes (accepted but not in the
database; must be 0) and the highest rate held, with verdicts.
"""

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from urllib.parse import quote

os.environ.setdefault("TEST_DATABASE_NAME", "innovato_bench_load")

from _compare import verdict
from _setup import ROOT, BenchCity, BenchDatabase

HOST = "deadline.localhost"
P95_LIMIT = 1.0
WARM_UP_SECONDS = 4.0
PEOPLE = 300
TOKEN_USERS: dict[str, int] = {}  # token -> user id, filled by seed()


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    from django.db import connection

    db = connection.settings_dict
    host = quote(db["HOST"], safe="") if db["HOST"].startswith("/") else db["HOST"]
    port = f":{db['PORT']}" if db["PORT"] else ""
    password = f":{quote(db['PASSWORD'])}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{host}{port}/{db['NAME']}"


def helm_web_settings() -> dict:
    """The web deployment's workers, threads and timeout from the chart's values.yaml."""
    import yaml

    values = yaml.safe_load((ROOT / "helm" / "innovato" / "values.yaml").read_text())
    web = values["web"]
    return {"workers": int(web["workers"]), "threads": int(web["threads"]),
            "timeout": int(web["timeout"])}


def gunicorn_command(port: int, web: dict) -> list[str]:
    """helm/innovato/templates/deployment.yaml's command, bound to 127.0.0.1."""
    return [sys.executable, "-m", "gunicorn", "--pythonpath", "platform", "innovato.wsgi",
            "--bind", f"127.0.0.1:{port}", "--workers", str(web["workers"]),
            "--threads", str(web["threads"]), "--timeout", str(web["timeout"]),
            "--graceful-timeout", str(web["timeout"]), "--max-requests", "2000",
            "--max-requests-jitter", "200", "--worker-tmp-dir", "/tmp",  # noqa: S108 (as the chart)
            "--access-logfile", "-"]


def seed() -> tuple[object, object, object, list[str], list[int], list[int]]:
    from django.db import connection
    from django_tenants.utils import tenant_context

    from shared_apps.accounts.models import Role
    from shared_apps.accounts.services import api_token_issue, user_create
    from tenant_apps.calls.models import Call, Phase
    from tenant_apps.calls.services import call_create
    from tenant_apps.proposals.models import Proposal, Status

    bench = BenchCity(slug="deadline")
    city, closing, now = bench.city, bench.call, bench.now
    with tenant_context(city):
        day = __import__("datetime").timedelta(days=1)
        staying = call_create(
            by=bench.admin, title="Greener commuting", challenge="c",
            submission_starts=now - day, evaluation_starts=now + 30 * day,
            results_on=now + 40 * day, implementation_starts=now + 50 * day,
            closes_on=now + 99 * day, criteria=[{"name": "Impact", "weight": 100}])
        Call.objects.filter(pk=staying.pk).update(phase=Phase.SUBMISSION)
        people = [user_create(username=f"employee{i}", roles=[Role.EMPLOYEE])
                  for i in range(PEOPLE)]
        tokens = [api_token_issue(user=person) for person in people]
        TOKEN_USERS.update(zip(tokens, [person.pk for person in people], strict=True))
        early = {}
        for call in (closing, staying):
            early[call.pk] = [p.pk for p in Proposal.objects.bulk_create([
                Proposal(call=call, author=people[i], title=f"Early proposal {i}",
                         problem="p", solution="s", mvp_plan="m", status=Status.SUBMITTED,
                         submitted_at=now - day) for i in range(50)])]
    connection.set_schema_to_public()
    return city, bench.admin, (closing, staying), tokens, early[closing.pk], early[staying.pk]


@dataclass
class Stats:
    latencies: list[float] = field(default_factory=list)
    errors: Counter = field(default_factory=Counter)
    refused_late: int = 0  # 409 after the close: expected
    accepted_late: int = 0  # a draft or submission sent after the close and accepted
    submitted: set = field(default_factory=set)
    supported: set = field(default_factory=set)
    requests: int = 0


class Visit:
    """What one employee does: read, draft, submit, support two proposals, with pauses."""

    def __init__(self, client, stats: Stats, call_id: int, proposals: list[int],
                 closing: list[float], closed_at: list[float]) -> None:
        self.client, self.stats, self.call_id = client, stats, call_id
        self.proposals = proposals
        # Empty until the close starts, and until it is committed.
        self.closing, self.closed_at = closing, closed_at

    def _after_close(self, sent: float) -> bool:
        return bool(self.closed_at) and sent >= self.closed_at[0]

    async def request(self, method: str, url: str, token: str, *, phase_bound=False, **kw):
        stats = self.stats
        sent = time.monotonic()
        stats.requests += 1
        try:
            response = await self.client.request(
                method, url, headers={"Authorization": f"Token {token}"}, **kw)
        except Exception as error:
            stats.errors[type(error).__name__] += 1
            return None
        stats.latencies.append(time.monotonic() - sent)
        if phase_bound and response.status_code == 409 and self.closing:
            stats.refused_late += 1
            return None
        if response.status_code >= 400:
            kind = url.rstrip("/").split("/")[-1] if "?" not in url else "list"
            stats.errors[f"{method} {kind if not kind.isdigit() else 'proposal'} "
                         f"{response.status_code}"] += 1
            return None
        if phase_bound and self._after_close(sent):
            stats.accepted_late += 1
        return response

    async def run(self, token: str, rng: random.Random, number: int) -> None:
        async def pause():
            await asyncio.sleep(rng.uniform(0.5, 2.0))

        await self.request("GET", "/api/v1/proposals/?page=1", token)
        await pause()
        created = await self.request("POST", "/api/v1/proposals/", token, phase_bound=True,
                                     json={"call": self.call_id, "title": f"Idea {number}",
                                           "problem": "Forms circulate on paper.",
                                           "solution": "Sign them online.",
                                           "mvp_plan": "Pilot in one department."})
        if created is not None:
            await pause()
            pk = created.json()["id"]
            if await self.request("POST", f"/api/v1/proposals/{pk}/submit/", token,
                                  phase_bound=True):
                self.stats.submitted.add(pk)
                self.proposals.append(pk)
        for _ in range(2):
            await pause()
            pk = rng.choice(self.proposals)
            answer = await self.request("POST", f"/api/v1/proposals/{pk}/support/", token)
            if answer is not None and answer.json().get("counted"):
                self.stats.supported.add((token, pk))


async def offer(client, *, rate: float, seconds: float, call_id: int, proposals: list[int],
                tokens: list[str], seed: int, close=None, close_after: float = 0.0) -> Stats:
    """Employees arrive at `rate` a second for `seconds`; returns when every visit ended.
    `close`, if given, runs (in a thread) `close_after` seconds in."""
    stats, closing_started, closed_at = Stats(), [], []
    rng = random.Random(seed)  # noqa: S311
    visits = []

    async def closer():
        await asyncio.sleep(close_after)
        closing_started.append(time.monotonic())
        await asyncio.to_thread(close)
        closed_at.append(time.monotonic())

    closing = asyncio.create_task(closer()) if close else None
    started = time.monotonic()
    number = 0
    while True:
        await asyncio.sleep(rng.expovariate(rate))
        if time.monotonic() - started > seconds:
            break
        number += 1
        visit = Visit(client, stats, call_id, proposals, closing_started, closed_at)
        visit_rng = random.Random(seed * 100_003 + number)  # noqa: S311
        visits.append(asyncio.create_task(visit.run(
            tokens[(seed * 7919 + number) % len(tokens)], visit_rng, number)))
    await asyncio.gather(*visits)
    if closing:
        await closing
    return stats


def quantile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 \
        else (values[0] if values else float("nan"))


def lost_writes(stats: Stats, city) -> tuple[int, int]:
    from django_tenants.utils import tenant_context

    from tenant_apps.proposals.models import Proposal, Status, Support

    with tenant_context(city):
        held = set(Proposal.objects.filter(pk__in=stats.submitted, status=Status.SUBMITTED)
                   .values_list("pk", flat=True))
        pairs = set(Support.objects.values_list("user_id", "proposal_id"))
        supports_held = sum((TOKEN_USERS[token], pk) in pairs for token, pk in stats.supported)
    return len(stats.submitted - held), len(stats.supported) - supports_held


def main() -> None:
    import logging

    import httpx

    logging.getLogger("httpx").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser()
    parser.add_argument("--rate", type=float, default=2.0, help="employees arriving a second")
    parser.add_argument("--seconds", type=float, default=45.0)
    parser.add_argument("--step-seconds", type=float, default=12.0)
    parser.add_argument("--steps", default="1,2,3,4,6,8",
                        help="arrival rates tried, in order, for the highest rate held")
    options = parser.parse_args()

    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    web = helm_web_settings()
    with BenchDatabase():
        city, admin, (closing, staying), tokens, early_closing, early_staying = seed()
        port = free_port()
        env = dict(os.environ, DATABASE_URL=database_url(),
                   DJANGO_SETTINGS_MODULE="innovato.settings",
                   PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "platform")]))
        for name in ("TEST_DATABASE_NAME", "DEBUG", "HTTPS_ONLY", "REDIS_URL"):
            env.pop(name, None)
        # The access log and Django's warnings (a 409 for each late write) go to a file.
        server_log = tempfile.NamedTemporaryFile(  # noqa: SIM115
            mode="w+", prefix="bench-gunicorn-", suffix=".log")
        server = subprocess.Popen(gunicorn_command(port, web), cwd=ROOT, env=env,
                                  stdout=server_log, stderr=subprocess.STDOUT)

        def close_submissions() -> None:
            from django.db import connection, transaction
            from django_tenants.utils import tenant_context

            from tenant_apps.calls.models import Phase
            from tenant_apps.calls.services import call_move_phase

            with tenant_context(city), transaction.atomic():
                call_move_phase(call=closing, to_phase=Phase.EVALUATION, by=admin)
            connection.close()  # this thread's connection

        async def run_all():
            # Idle connections are dropped before gunicorn's own keep-alive (2 s) closes
            # them, so a request is never sent on a connection the server is closing.
            limits = httpx.Limits(max_connections=400, max_keepalive_connections=400,
                                  keepalive_expiry=1.0)
            async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits,
                                         headers={"Host": HOST}, timeout=60.0) as client:
                # Not measured: a few visits first, so that each gunicorn worker has built
                # its URL resolvers, templates and catalogs before the deadline's load
                # (without this, the first run's p95 measured the cold start).
                await offer(client, rate=options.rate, seconds=WARM_UP_SECONDS,
                            call_id=staying.pk, proposals=early_staying, tokens=tokens, seed=99)
                main_run = await offer(client, rate=options.rate, seconds=options.seconds,
                                       call_id=closing.pk, proposals=early_closing,
                                       tokens=tokens, seed=1, close=close_submissions,
                                       close_after=options.seconds * 0.6)
                steps = []
                for number, rate in enumerate(float(r) for r in options.steps.split(",")):
                    step = await offer(client, rate=rate, seconds=options.step_seconds,
                                       call_id=staying.pk, proposals=early_staying,
                                       tokens=tokens, seed=100 + number)
                    steps.append((rate, step))
                    if step.errors or quantile(step.latencies, 95) >= P95_LIMIT:
                        break
                return main_run, steps

        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/healthz",
                                 headers={"Host": HOST}).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    server_log.seek(0)
                    raise SystemExit("gunicorn did not start:\n" + server_log.read()[-3000:])
                time.sleep(0.3)
            started = time.monotonic()
            main_run, steps = asyncio.run(run_all())
            elapsed = time.monotonic() - started
        finally:
            server.terminate()
            server.wait(timeout=60)
            server_log.close()
        lost = [lost_writes(main_run, city)] + [lost_writes(step, city) for _r, step in steps]

    run = main_run
    errors = sum(run.errors.values())
    print(f"call deadline, open loop: {options.rate:g} employees arriving a second for "
          f"{options.seconds:.0f} s ({run.requests} requests, {run.requests / options.seconds:.1f}"
          f"/s), pauses 0.5–2 s; gunicorn as the Helm chart runs it ({web['workers']} workers × "
          f"{web['threads']} threads); the call's submissions close at "
          f"{options.seconds * 0.6:.0f} s")
    print(f"latency p50 {quantile(run.latencies, 50) * 1000:.0f} ms, "
          f"p95 {quantile(run.latencies, 95) * 1000:.0f} ms, "
          f"p99 {quantile(run.latencies, 99) * 1000:.0f} ms")
    print(f"late drafts and submissions refused (409): {run.refused_late}, accepted after the "
          f"close: {run.accepted_late}")
    print(f"accepted submissions: {len(run.submitted)}, supports: {len(run.supported)}")
    for kind, count in run.errors.most_common(5):
        print(f"  error {count:>6}  {kind}")
    print(f"rising rates on an open call, {options.step_seconds:g} s a step:")
    held = 0.0
    all_errors = errors
    for rate, step in steps:
        p95 = quantile(step.latencies, 95)
        step_errors = sum(step.errors.values())
        all_errors += step_errors
        ok = not step_errors and p95 < P95_LIMIT
        print(f"  {rate:>5g} employees/s ({step.requests / options.step_seconds:>5.1f} requests/s):"
              f" p50 {quantile(step.latencies, 50) * 1000:>5.0f} ms, p95 {p95 * 1000:>5.0f} ms,"
              f" errors {step_errors}{'' if ok else '  <- not held'}")
        if ok:
            held = max(held, rate)
        else:
            break
    lost_total = sum(a + b for a, b in lost)
    print(f"lost writes (accepted, not in the database): {lost_total}; total time "
          f"{elapsed:.0f} s")
    verdict("p95 at the offered load", quantile(run.latencies, 95), P95_LIMIT, unit=" s")
    verdict("errors", all_errors, 0)
    verdict("writes accepted after the close", run.accepted_late, 0)
    verdict("lost writes", lost_total, 0)
    verdict("highest arrival rate held (p95 < 1 s, 0 errors), employees/s", held,
            options.rate, at_most=False)


if __name__ == "__main__":
    main()
