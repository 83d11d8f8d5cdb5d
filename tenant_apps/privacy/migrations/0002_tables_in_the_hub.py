"""The privacy app is installed in the hub's schema as well as the cities' (hub staff's
copies of their data, erasure and retention).

A database made before that records 0001 as applied in the public schema without its
tables: Django records every migration in every schema, also those the tenant router
skipped there. This creates the app's tables where they are missing (the hub's schema of
such a database) and leaves them where 0001 made them (every city, and the hub of a newer
database). Nothing to undo: the tables belong to 0001."""

from django.db import migrations


class CreateMissingTables(migrations.operations.base.Operation):
    """Create the tables of `models` that the schema lacks, as they are in the state."""

    reduces_to_sql = False
    reversible = True

    def __init__(self, models: list[str]) -> None:
        self.models = models

    def state_forwards(self, app_label, state) -> None:
        pass  # the models are 0001's; only the schema catches up

    def database_forwards(self, app_label, schema_editor, from_state, to_state) -> None:
        existing = set(schema_editor.connection.introspection.table_names())
        for name in self.models:
            model = to_state.apps.get_model(app_label, name)
            if (self.allow_migrate_model(schema_editor.connection.alias, model)
                    and model._meta.db_table not in existing):
                schema_editor.create_model(model)

    def database_backwards(self, app_label, schema_editor, from_state, to_state) -> None:
        pass

    def describe(self) -> str:
        return "Create the privacy tables a schema lacks"


class Migration(migrations.Migration):

    dependencies = [
        ("privacy", "0001_initial"),
    ]

    operations = [
        CreateMissingTables(["PrivacySettings", "DataExport", "ErasureRequest",
                             "RetentionRun"]),
    ]
