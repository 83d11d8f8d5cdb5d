"""Embedded PostgreSQL for machines without DATABASE_URL.

pgserver ships PostgreSQL in a wheel. The cluster keeps its data in the project's var/
folder, is started on first use and is stopped when the last process using it exits.
"""

import atexit
import contextlib
import json
import os
import signal
from pathlib import Path
from urllib.parse import parse_qs, urlparse

DATABASE_NAME = "innovato"
# pgserver counts the processes using a cluster in this file, and stops the cluster when the
# last of them exits.
HANDLE_FILE = ".handle_pids.json"


def _handle_list(path: Path):
    """pgserver's handle file, read tolerantly and written atomically: a process stopped
    half-way through a write no longer leaves it empty or cut short."""
    from pgserver.utils import DiskList  # pgserver is imported only when it is used

    class SafeHandleList(DiskList):
        def get(self) -> list[int]:
            try:
                values = json.loads(self.path.read_text() or "[]")
            except (OSError, ValueError):
                return []
            if not isinstance(values, list):
                return []
            return [value for value in values if isinstance(value, int)]

        def put(self, values: list[int]) -> None:
            temporary = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
            temporary.write_text(json.dumps(values))
            os.replace(temporary, self.path)

    return SafeHandleList(path)


def handle_file_repair(data_dir: Path) -> None:
    """Keep only live processes in the handle file. A process killed before its exit hook
    ran leaves its id behind, and the cluster would then never be stopped; a damaged file
    would stop pgserver from starting at all."""
    import psutil
    from pgserver.postgres_server import PostgresServer

    path = data_dir / HANDLE_FILE
    if not path.exists():
        return
    with PostgresServer._lock:
        handles = _handle_list(path)
        alive = [pid for pid in handles.get()
                 if pid == os.getpid() or psutil.pid_exists(pid)]
        try:
            damaged = json.loads(path.read_text()) != alive
        except ValueError:
            damaged = True
        if damaged:
            handles.put(alive)


def _ignore_ctrl_c_from_now_on() -> None:
    with contextlib.suppress(ValueError):  # only the main thread may set signal handlers
        signal.signal(signal.SIGINT, signal.SIG_IGN)


def embedded_database_settings(data_dir: Path) -> dict:
    """Start (or attach to) the embedded cluster and return Django DATABASES settings for it."""
    import warnings

    import psycopg

    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); its fallback is fine.
        warnings.simplefilter("ignore")
        import pgserver

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    handle_file_repair(data_dir)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = pgserver.get_server(data_dir)
    server.global_process_id_list = _handle_list(data_dir / HANDLE_FILE)
    # Exit hooks run last registered first: this one, before pgserver's that stops the
    # cluster when this process is its last user. A Ctrl-C landing meanwhile (the terminal
    # sends it to every process of `run.py serve`) would cut that hook short and leave the
    # cluster running with nobody to stop it.
    atexit.register(_ignore_ctrl_c_from_now_on)
    uri = urlparse(server.get_uri())
    socket_dir = parse_qs(uri.query)["host"][0]
    with psycopg.connect(
        host=socket_dir, user="postgres", dbname="postgres", autocommit=True
    ) as db:
        exists = db.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]
        ).fetchone()
        if not exists:
            db.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    return {
        "NAME": DATABASE_NAME,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": socket_dir,
        "PORT": "",
    }
