"""Benchmark: 200 employees at a call's submission deadline, for 60 s, against gunicorn.

Run: .venv/bin/python bench/load_deadline.py [--users 200] [--seconds 60]
Starts gunicorn (gthread) on 127.0.0.1 on a throwaway database with one city whose call
closes soon; 200 simulated employees (asyncio + httpx, one API token each) create and
submit proposals, support each other's and read the list, as fast as the server answers.
Prints the requests, errors, p50/p95/p99 latency and the lost writes: accepted submissions
and supports that the database does not hold afterwards (should be 0).
"""

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections import Counter
from urllib.parse import quote

os.environ.setdefault("TEST_DATABASE_NAME", "innovato_bench_load")

from _setup import ROOT, BenchCity, BenchDatabase

HOST = "deadline.localhost"
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


def seed(users: int) -> tuple[int, list[str], list[int]]:
    from datetime import timedelta

    from django.db import connection
    from django_tenants.utils import tenant_context

    from shared_apps.accounts.models import Role
    from shared_apps.accounts.services import api_token_issue, user_create
    from tenant_apps.proposals.models import Proposal, Status

    # Submissions close a few minutes from now: the rush before the deadline.
    bench = BenchCity(slug="deadline", closes_in=timedelta(minutes=5))
    city, call, now, day = bench.city, bench.call, bench.now, timedelta(days=1)
    with tenant_context(city):
        people = [user_create(username=f"employee{i}", roles=[Role.EMPLOYEE])
                  for i in range(users)]
        tokens = [api_token_issue(user=person) for person in people]
        TOKEN_USERS.update(zip(tokens, [person.pk for person in people], strict=True))
        early = Proposal.objects.bulk_create([
            Proposal(call=call, author=people[i % users], title=f"Early proposal {i}",
                     problem="p", solution="s", mvp_plan="m", status=Status.SUBMITTED,
                     submitted_at=now - day) for i in range(50)])
    connection.set_schema_to_public()
    return call.pk, tokens, [p.pk for p in early]


class Stats:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors: Counter = Counter()
        self.submitted: set[int] = set()
        self.supported: set[tuple[str, int]] = set()

    async def request(self, client, method: str, url: str, token: str, **kwargs):
        started = time.perf_counter()
        try:
            response = await client.request(method, url, headers={
                "Authorization": f"Token {token}"}, **kwargs)
        except Exception as error:
            self.errors[type(error).__name__] += 1
            return None
        self.latencies.append(time.perf_counter() - started)
        if response.status_code >= 400:
            self.errors[f"{method} {url.split('/')[4] if url.count('/') > 4 else url} "
                        f"{response.status_code}"] += 1
            return None
        return response


async def employee(client, stats: Stats, token: str, call_id: int, proposals: list[int],
                   until: float, rng: random.Random) -> None:
    number = 0
    while time.monotonic() < until:
        choice = rng.random()
        if choice < 0.3:
            number += 1
            created = await stats.request(client, "POST", "/api/v1/proposals/", token, json={
                "call": call_id, "title": f"Idea {token[:6]}-{number}",
                "problem": "Forms circulate on paper.", "solution": "Sign them online.",
                "mvp_plan": "Pilot in one department."})
            if created is None:
                continue
            pk = created.json()["id"]
            if await stats.request(client, "POST", f"/api/v1/proposals/{pk}/submit/", token):
                stats.submitted.add(pk)
                proposals.append(pk)
        elif choice < 0.8:
            pk = rng.choice(proposals)
            answer = await stats.request(client, "POST", f"/api/v1/proposals/{pk}/support/",
                                         token)
            if answer is not None and answer.json().get("counted"):
                stats.supported.add((token, pk))
        else:
            await stats.request(client, "GET", "/api/v1/proposals/?page=1", token)


async def run_load(port: int, tokens: list[str], call_id: int, proposals: list[int],
                   seconds: float) -> tuple[Stats, float]:
    import httpx

    stats = Stats()
    limits = httpx.Limits(max_connections=len(tokens), max_keepalive_connections=len(tokens))
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", limits=limits,
                                 headers={"Host": HOST}, timeout=30.0) as client:
        started = time.monotonic()
        until = started + seconds
        await asyncio.gather(*(employee(client, stats, token, call_id, proposals, until,
                                        random.Random(index))  # noqa: S311
                               for index, token in enumerate(tokens)))
        elapsed = time.monotonic() - started
    return stats, elapsed


def lost_writes(stats: Stats, tokens: list[str]) -> tuple[int, int]:
    from django_tenants.utils import tenant_context

    from tenant_apps.proposals.models import Proposal, Status, Support
    from tenants.models import City

    with tenant_context(City.objects.get(slug="deadline")):
        held = set(Proposal.objects.filter(pk__in=stats.submitted, status=Status.SUBMITTED)
                   .values_list("pk", flat=True))
        user_of = TOKEN_USERS  # only digests are stored: remember whose each token is
        pairs = set(Support.objects.values_list("user_id", "proposal_id"))
        supports_held = sum((user_of[token], pk) in pairs for token, pk in stats.supported)
    return len(stats.submitted - held), len(stats.supported) - supports_held


def main() -> None:
    import logging

    logging.getLogger("httpx").setLevel(logging.WARNING)
    parser = argparse.ArgumentParser()
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=8)
    options = parser.parse_args()

    with BenchDatabase():
        call_id, tokens, proposals = seed(options.users)
        port = free_port()
        env = dict(os.environ, DATABASE_URL=database_url(), DJANGO_SETTINGS_MODULE=(
            "innovato.settings"), PYTHONPATH=os.pathsep.join([str(ROOT), str(ROOT / "platform")]),
            LOG_LEVEL="WARNING")
        for name in ("TEST_DATABASE_NAME", "DEBUG", "HTTPS_ONLY", "REDIS_URL"):
            env.pop(name, None)
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--pythonpath", "platform", "innovato.wsgi",
             "--bind", f"127.0.0.1:{port}", "--workers", str(options.workers),
             "--worker-class", "gthread", "--threads", str(options.threads),
             "--timeout", "60", "--backlog", "512", "--keep-alive", "30", "--log-level", "warning"],
            cwd=ROOT, env=env)
        try:
            import httpx

            deadline = time.monotonic() + 60
            while True:
                try:
                    if httpx.get(f"http://127.0.0.1:{port}/healthz",
                                 headers={"Host": HOST}).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("gunicorn did not start")
                time.sleep(0.3)
            stats, elapsed = asyncio.run(run_load(port, tokens, call_id, proposals,
                                                  options.seconds))
        finally:
            server.terminate()
            server.wait(timeout=30)
        lost_submissions, lost_supports = lost_writes(stats, tokens)

    latencies = sorted(stats.latencies)
    errors = sum(stats.errors.values())
    total = len(latencies) + sum(v for k, v in stats.errors.items() if " " not in k)
    quantiles = statistics.quantiles(latencies, n=100)
    print(f"{options.users} employees at a call deadline for {elapsed:.0f}s against gunicorn "
          f"({options.workers} workers x {options.threads} threads) on 127.0.0.1")
    print(f"requests: {total:,} ({total / elapsed:.0f}/s), errors: {errors} "
          f"({errors / max(total, 1):.2%})")
    for kind, count in stats.errors.most_common(5):
        print(f"  {count:>6}  {kind}")
    print(f"latency p50 {quantiles[49] * 1000:.0f} ms, p95 {quantiles[94] * 1000:.0f} ms, "
          f"p99 {quantiles[98] * 1000:.0f} ms")
    print(f"accepted submissions: {len(stats.submitted):,}, lost: {lost_submissions}")
    print(f"accepted supports: {len(stats.supported):,}, lost: {lost_supports}")


if __name__ == "__main__":
    main()
