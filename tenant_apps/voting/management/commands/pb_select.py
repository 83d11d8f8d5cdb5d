"""Select winners from a Pabulib `.pb` file with one of the selection rules."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from tenant_apps.voting.pabulib import PabulibError, read_pabulib
from tenant_apps.voting.selection import METHODS, SelectionError, select


class Command(BaseCommand):
    help = ("Read a Pabulib .pb file and print the ids of the selected projects, one per line, "
            "in the order the rule chose them. Approval ballots: greedy, greedy_cardinality, "
            "mes_cost, mes_cardinality, mes_add1, mes_add1_greedy; cumulative: "
            "greedy_cardinal, mes_cardinal; ordinal: greedy_borda, mes_borda.")
    # Reads a file and computes: no database, no city schema, no system checks.
    requires_system_checks = []
    requires_migrations_checks = False

    def add_arguments(self, parser) -> None:
        parser.add_argument("file", help="The .pb file.")
        parser.add_argument("--method", required=True, choices=list(METHODS),
                            help="The selection rule.")

    def handle(self, *args, file: str, method: str, **options) -> None:
        path = Path(file)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CommandError(f"{file}: no such file") from None
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"{file}: cannot be read ({error})") from None
        try:
            election = read_pabulib(text).election()
        except PabulibError as error:
            raise CommandError(f"{file}: {error}") from None
        try:
            selected = select(election, method)
        except SelectionError as error:
            raise CommandError(f"{file}: {error}") from None
        for project in selected:
            self.stdout.write(project)
