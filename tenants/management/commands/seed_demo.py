import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from tenants.demo import demo_network_exists, demo_network_seed
from tenants.demo_files import DemoDataError


class Command(BaseCommand):
    help = (
        "Fill an empty database with the demo partner network (development only): the hub "
        "users and the cities of tenants/demo_data/, each with its people, themes and three "
        "calls (past and implemented, in evaluation, open)."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--if-empty", action="store_true",
            help="Do nothing, successfully, when the network already has cities.",
        )

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "The demo network holds published passwords; it is only seeded with DEBUG on."
            )
        if demo_network_exists():
            if options["if_empty"]:
                self.stdout.write("The network already has cities; demo seed skipped.")
                return
            raise CommandError("The network already has cities; seed only an empty database.")
        started = time.monotonic()
        try:
            demo_network_seed(progress=lambda message: self.stdout.write(f"  {message}"))
        except DemoDataError as error:
            raise CommandError(f"Demo data: {error}") from None
        self.stdout.write(self.style.SUCCESS(
            f"Demo network ready in {time.monotonic() - started:.1f} s."))
