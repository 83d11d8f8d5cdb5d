from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenants.services import template_schema_migrate


class Command(BaseCommand):
    help = "Migrate the hub (public schema), the city template schema, then every city."

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=verbosity)
        template_schema_migrate(verbosity=verbosity)
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=verbosity)
