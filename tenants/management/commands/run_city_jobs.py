from django.core.management.base import BaseCommand

from tenants.scheduling import run_jobs_for_all_cities


class Command(BaseCommand):
    help = "Run every active city's scheduled jobs once (phase changes, overdue milestones)."

    def handle(self, *args, **options) -> None:
        count = run_jobs_for_all_cities()
        self.stdout.write(f"Scheduled jobs ran for {count} cities.")
