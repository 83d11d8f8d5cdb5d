#!/usr/bin/env python3
"""Set up and run Innovato with nothing but Python 3.11 on the machine.

    python3 run.py serve   # the whole demo network at http://localhost:8000
    python3 run.py test    # lint and every test

Both create the virtual environment in .venv (reinstalling when pyproject.toml changes),
compile the translation catalogs and use the embedded PostgreSQL unless DATABASE_URL is set.
"""

import hashlib
import os
import signal
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / "python"


def sh(*args: str | Path, env: dict | None = None) -> None:
    process = subprocess.Popen([str(a) for a in args], cwd=ROOT, env=env)
    try:
        returncode = process.wait()
    except KeyboardInterrupt:
        returncode = stop_after_interrupt(process)
    if returncode != 0:
        sys.exit(returncode)


def stop_after_interrupt(process: subprocess.Popen) -> int:
    """Ctrl-C reached the child too (same process group): give it time to shut down and
    stop the embedded PostgreSQL, where subprocess.run would kill it after a quarter of a
    second and leave the database running. Further Ctrl-Cs are ignored meanwhile."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    return 130


def ensure_environment() -> None:
    if sys.version_info[:2] != (3, 11):
        sys.exit(f"Innovato needs Python 3.11; this is {sys.version.split()[0]}.")
    if not PYTHON.exists():
        print("Creating the virtual environment in .venv …", flush=True)
        venv.create(VENV, with_pip=True)
    stamp = VENV / ".installed"
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not stamp.exists() or stamp.read_text() != wanted:
        print("Installing dependencies …", flush=True)
        sh(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        sh(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[dev]")
        stamp.write_text(wanted)
    sh(PYTHON, "-m", "innovato.catalogs", env=project_env())


def project_env(**extra: str) -> dict:
    env = dict(os.environ, **extra)
    env["PYTHONPATH"] = os.pathsep.join(
        filter(None, [str(ROOT), str(ROOT / "platform"), env.get("PYTHONPATH")])
    )
    env.setdefault("DJANGO_SETTINGS_MODULE", "innovato.settings")
    return env


def serve(args: list[str]) -> None:
    env = project_env()
    env.setdefault("DEBUG", "true")
    env.setdefault("SITE_PORT", (args[0] if args else "8000").rsplit(":", 1)[-1])
    manage = [PYTHON, "manage.py"]
    sh(*manage, "migrate_network", "--verbosity", "0", env=env)
    sh(*manage, "seed_demo", "--if-empty", env=env)
    address = args[0] if args else "8000"
    print(f"\nHub:    http://localhost:{address.rsplit(':', 1)[-1]}/", flush=True)
    print(f"Cities: http://cluj.localhost:{address.rsplit(':', 1)[-1]}/ and the others\n",
          flush=True)
    sh(*manage, "runserver", address, env=env)


def test(args: list[str]) -> None:
    env = project_env()
    sh(BIN / "ruff", "check", ".", env=env)
    sh(PYTHON, "-m", "pytest", *parallel(args), *args, env=env)


def parallel(args: list[str]) -> list[str]:
    """One test process per core (pytest-xdist), each with its own test database; a test
    file stays in one process, so its module fixtures are built once. `-n 0` (or any `-n`
    of your own) overrides it."""
    if any(a.startswith(("-n", "--numprocesses")) for a in args):
        return []
    return ["-n", "auto", "--maxprocesses", "4", "--dist", "loadfile"]


def main() -> None:
    commands = {"serve": serve, "test": test}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        sys.exit(__doc__)
    ensure_environment()
    commands[sys.argv[1]](sys.argv[2:])


if __name__ == "__main__":
    main()
