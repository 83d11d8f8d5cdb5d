"""Embedded PostgreSQL for machines without DATABASE_URL.

pgserver ships PostgreSQL in a wheel. The cluster keeps its data in the project's var/
folder, is started on first use and is stopped when the last process using it exits.
"""

from pathlib import Path
from urllib.parse import parse_qs, urlparse

DATABASE_NAME = "innovato"


def embedded_database_settings(data_dir: Path) -> dict:
    """Start (or attach to) the embedded cluster and return Django DATABASES settings for it."""
    import warnings

    import psycopg

    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (containers, CI); its fallback is fine.
        warnings.simplefilter("ignore")
        import pgserver

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        server = pgserver.get_server(data_dir)
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
