"""A city's export archive, and loading one into a new city.

The archive is a zip file:
- `manifest.json`: format, the city's settings, its schema, when, the models exported;
- `schema.sql`: `pg_dump` of the city's schema (when a pg_dump binary is available; the
  embedded PostgreSQL wheel ships one). Restorable with `psql` into a database that has no
  schema of that name;
- `data/<app>.<model>.json`: every record, in Django's serialization format (what
  `city_restore` loads into a new city);
- `data/<app>.<model>.csv`: the same records as CSV, for spreadsheets.

Sessions and API tokens are left out: they are live credentials, not data.
"""

import csv
import io
import json
import logging
import os
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import BinaryIO

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from innovato.errors import ActionRefused
from tenants.models import City

logger = logging.getLogger(__name__)
FORMAT = 1
# Sessions, credentials and secrets never leave the platform in an export, neither as
# records nor as rows of the schema dump: a restored city signs everyone in again, sets up
# its second factors, provider secret and directory token anew.
EXCLUDED_MODELS = {"sessions.session", "accounts.usersession", "accounts.apitoken",
                   "authtoken.token", "authtoken.tokenproxy", "mfa.authenticator",
                   "socialaccount.socialapp", "socialaccount.socialtoken",
                   "provisioning.scimtoken", "privacy.dataexport"}


def _app_label(dotted: str) -> str:
    for config in apps.get_app_configs():
        if config.name == dotted:
            return config.label
    return dotted.rsplit(".", 1)[-1]


def exported_models() -> list:
    """Concrete models of the city apps, parents before children."""
    app_list = {}
    for dotted in settings.TENANT_APPS:
        config = apps.get_app_config(_app_label(dotted))
        models = [m for m in config.get_models()
                  if not m._meta.proxy and m._meta.managed
                  and m._meta.label_lower not in EXCLUDED_MODELS]
        if models:
            app_list[config] = models
    return serializers.sort_dependencies(app_list.items(), allow_cycles=True)


def pg_dump_binaries() -> list[str]:
    """pg_dump candidates: the embedded server's own first (same version), then PATH's."""
    found = []
    try:
        import pgserver

        candidate = Path(pgserver.__file__).parent / "pginstall" / "bin" / "pg_dump"
        if candidate.exists():
            found.append(str(candidate))
    except ImportError:
        pass
    on_path = shutil.which("pg_dump")
    if on_path and on_path not in found:
        found.append(on_path)
    return found


def pg_dump_binary() -> str | None:
    binaries = pg_dump_binaries()
    return binaries[0] if binaries else None


def schema_dump(schema: str) -> bytes | None:
    """`pg_dump` of one schema (committed data: pg_dump has its own connection), or None
    when no pg_dump binary that suits the server is available."""
    errors = []
    for binary in pg_dump_binaries():
        try:
            return _schema_dump_with(binary, schema)
        except RuntimeError as error:
            errors.append(str(error))
    if errors:
        logger.warning("No schema dump for %s: %s", schema, " / ".join(errors))
    return None


def _schema_dump_with(binary: str, schema: str) -> bytes:
    params = connection.settings_dict
    command = [binary, "--no-owner", "--no-privileges", "--schema", schema,
               "--dbname", params["NAME"], "--username", params.get("USER") or "postgres"]
    command += [f"--exclude-table-data={schema}.{table}" for table in _excluded_tables()]
    if params.get("HOST"):
        command += ["--host", params["HOST"]]
    if params.get("PORT"):
        command += ["--port", str(params["PORT"])]
    env = {**os.environ, "PGPASSWORD": params.get("PASSWORD") or ""}
    result = subprocess.run(command, capture_output=True, env=env, timeout=600, check=False)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.decode(errors="replace")[:2000])
    return result.stdout


def _excluded_tables() -> list[str]:
    return sorted({apps.get_model(label)._meta.db_table for label in EXCLUDED_MODELS})


def _csv(model, queryset) -> str:
    fields = [f for f in model._meta.concrete_fields]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([f.attname for f in fields])
    for row in queryset.values_list(*[f.attname for f in fields]):
        writer.writerow([json.dumps(v, cls=DjangoJSONEncoder) if isinstance(v, list | dict)
                         else v for v in row])
    return out.getvalue()


def export_archive_write(city: City, target: BinaryIO) -> dict:
    """Write the archive into `target` (a binary file open for writing); returns a summary."""
    counts: dict[str, int] = {}
    models = exported_models()
    dump = schema_dump(city.schema_name)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        with tenant_context(city):
            for model in models:
                queryset = model._default_manager.using("default").order_by("pk")
                label = model._meta.label_lower
                archive.writestr(f"data/{label}.json",
                                 serializers.serialize("json", queryset.iterator()))
                archive.writestr(f"data/{label}.csv", _csv(model, queryset))
                counts[label] = queryset.count()
        if dump is not None:
            archive.writestr("schema.sql", dump)
        manifest = {
            "format": FORMAT,
            "exported_at": timezone.now().isoformat(),
            "schema": city.schema_name,
            "schema_dump": dump is not None,
            "city": {field: getattr(city, field) for field in (
                "name", "slug", "country", "default_language", "enabled_languages",
                "timezone", "currency", "status")},
            "models": [m._meta.label_lower for m in models],
            "counts": counts,
        }
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
    connection.set_schema_to_public()
    return {"records": sum(counts.values()), "schema_dump": dump is not None}


def export_archive_read(archive) -> tuple[dict, list[tuple[str, str]]]:
    """The manifest and the JSON records (label, text) of an archive, in load order."""
    try:
        with zipfile.ZipFile(archive) as opened:
            manifest = json.loads(opened.read("manifest.json"))
            if manifest.get("format") != FORMAT:
                raise ActionRefused(_("This export archive has an unknown format."),
                                    code="bad_archive")
            records = [(label, opened.read(f"data/{label}.json").decode())
                       for label in manifest["models"]]
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise ActionRefused(_("This file is not an Innovato export archive."),
                            code="bad_archive") from error
    return manifest, records


def records_load(records: list[tuple[str, str]]) -> int:
    """Replace the current schema's records with `records` (inside a transaction)."""
    models = [apps.get_model(label) for label, _text in records]
    tables = sorted({m._meta.db_table for m in models})
    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables)
                       + " CASCADE")
    count = 0
    for _label, text in records:
        for obj in serializers.deserialize("json", text, ignorenonexistent=True):
            obj.save()
            count += 1
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(statement)
    return count
