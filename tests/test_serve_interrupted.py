"""`python3 run.py serve`, interrupted with Ctrl-C at any moment, stops the embedded
PostgreSQL and starts again cleanly, even after its handle file was damaged."""

import contextlib
import json
import os
import random
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _ctrl_c_as_in_a_terminal() -> None:
    """A terminal starts its command with Ctrl-C's default action. A test run started in
    the background of a script inherits SIGINT ignored (shells do that to background jobs),
    and Python would keep ignoring it: the test would not be pressing a real Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


class Serve:
    """`run.py serve` in its own process group, as a terminal runs it."""

    def __init__(self, var_dir: Path) -> None:
        self.var_dir = var_dir
        self.port = free_port()
        env = {k: v for k, v in os.environ.items()
               if k not in ("DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL")}
        env.update(INNOVATO_VAR_DIR=str(var_dir), PYTHONUNBUFFERED="1")
        self.log = (var_dir / f"serve-{self.port}.log").open("w")
        self.process = subprocess.Popen(
            [sys.executable, "run.py", "serve", f"127.0.0.1:{self.port}"], cwd=ROOT, env=env,
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True,
            preexec_fn=_ctrl_c_as_in_a_terminal)

    def answers(self, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                request = urllib.request.Request(f"http://127.0.0.1:{self.port}/healthz",
                                                 headers={"Host": "localhost"})
                with urllib.request.urlopen(request, timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        return True
            except OSError:
                pass
            if self.process.poll() is not None:
                return False
            time.sleep(0.3)
        return False

    def ctrl_c(self) -> int:
        """What a terminal does on Ctrl-C: SIGINT to the whole foreground process group."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGINT)
        try:
            code = self.process.wait(timeout=120)
        except subprocess.TimeoutExpired:
            # Say what still runs and what the server wrote, then clean up.
            left = [f"{p.pid} {p.status()} {' '.join(p.cmdline())[:120]}"
                    for p in psutil.process_iter() if _in_group(p, self.process.pid)]
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGKILL)
            self.log.close()
            log = (self.var_dir / f"serve-{self.port}.log").read_text()[-3000:]
            raise AssertionError("serve did not stop within 120 s of Ctrl-C; still running:\n"
                                 + "\n".join(left) + "\n--- its log ---\n" + log) from None
        self.log.close()
        return code


def _in_group(process, group: int) -> bool:
    with contextlib.suppress(psutil.Error, ProcessLookupError):
        return os.getpgid(process.pid) == group
    return False


def postgres_running(pgdata: Path) -> bool:
    pid_file = pgdata / "postmaster.pid"
    if not pid_file.exists():
        return False
    pid = int(pid_file.read_text().split()[0])
    return psutil.pid_exists(pid) and psutil.Process(pid).status() != psutil.STATUS_ZOMBIE


def handle_pids(pgdata: Path) -> list[int]:
    path = pgdata / ".handle_pids.json"
    return json.loads(path.read_text()) if path.exists() else []


def test_interrupted_serve_stops_its_database_and_starts_again(tmp_path):
    var_dir = tmp_path / "var"
    var_dir.mkdir()
    pgdata = var_dir / "pgdata"
    first = Serve(var_dir)
    assert first.answers(timeout=600), (var_dir / f"serve-{first.port}.log").read_text()
    first.ctrl_c()
    assert not postgres_running(pgdata)
    assert handle_pids(pgdata) == []

    # Ctrl-C at random moments: while setting up, migrating, seeding or serving
    rng = random.Random(20261130)  # noqa: S311 (moments, not secrets)
    for _ in range(3):
        serve = Serve(var_dir)
        time.sleep(rng.uniform(0.5, 6.0))
        serve.ctrl_c()
        assert not postgres_running(pgdata), (var_dir / f"serve-{serve.port}.log").read_text()
        assert all(psutil.pid_exists(pid) is False for pid in handle_pids(pgdata))

    # a handle file left empty (a write cut short) does not stop the next start
    (pgdata / ".handle_pids.json").write_text("")
    again = Serve(var_dir)
    assert again.answers(timeout=300), (var_dir / f"serve-{again.port}.log").read_text()
    again.ctrl_c()
    assert not postgres_running(pgdata)


ATTACH_THEN_CTRL_C_AT_EXIT = """
import os, signal, sys, time
from pathlib import Path

import pgserver
from innovato.embedded_db import embedded_database_settings

pgdata = Path(sys.argv[1])
embedded_database_settings(pgdata)
handles = pgserver.get_server(pgdata).global_process_id_list
write = handles.put

def put_after_ctrl_c(values):
    os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C as the exit hook rewrites the handle file
    time.sleep(0.2)
    write(values)

handles.put = put_after_ctrl_c
print("attached", flush=True)
"""


def test_ctrl_c_while_a_process_exits_still_stops_the_database(tmp_path):
    """A process that used the embedded database stops it on exit, as the last user, even
    when Ctrl-C lands during that exit (seen when a Ctrl-C met `seed_demo` finishing)."""
    pgdata = tmp_path / "pgdata"
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "platform")])
    child = subprocess.run([sys.executable, "-c", ATTACH_THEN_CTRL_C_AT_EXIT, str(pgdata)],
                           cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    try:
        assert "attached" in child.stdout, child.stderr
        assert not postgres_running(pgdata), child.stderr
        assert handle_pids(pgdata) == []
    finally:
        if postgres_running(pgdata):  # left running by a failure: stop it here
            os.kill(int((pgdata / "postmaster.pid").read_text().split()[0]), signal.SIGTERM)
