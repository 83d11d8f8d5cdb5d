from django.core.management import call_command
from django.core.management.base import BaseCommand

from tenants.pool import pool_fill
from tenants.services import template_schema_migrate


class Command(BaseCommand):
    help = (
        "Migrate the hub (public schema), the city template schema, then every city: cities "
        "already up to date are skipped, the others are migrated in parallel. Then fill the "
        "pool of spare schemas."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--parallel", type=int, default=None,
            help="Worker processes for the cities (default: TENANT_MIGRATION_PARALLEL).",
        )

    def handle(self, *args, **options) -> None:
        verbosity = options["verbosity"]
        call_command("migrate_schemas", shared=True, interactive=False, verbosity=verbosity)
        template_schema_migrate(verbosity=verbosity)
        call_command("migrate_schemas", tenant=True, interactive=False, verbosity=verbosity,
                     executor="parallel", parallel=options["parallel"])
        # Spares cloned from the template as it is now: the first onboardings after a deploy
        # take one instead of cloning on the spot.
        pool_fill()
