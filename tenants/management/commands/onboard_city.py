"""Onboard a city from the command line, with a progress bar; or resume one (--retry)."""

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from tenants.models import City, ProvisioningJob
from tenants.services import (
    ProvisioningFailed,
    city_onboard,
    provisioning_abandon,
    provisioning_retry,
    provisioning_run,
)

BAR_WIDTH = 30


class Command(BaseCommand):
    help = ("Onboard a city: validate, clone the template schema, add its domains, invite its "
            "first admin, open its billing account, open it. With --retry SLUG, resume a "
            "provisioning that stopped; with --abandon SLUG, remove it.")

    def add_arguments(self, parser) -> None:
        parser.add_argument("--name")
        parser.add_argument("--slug")
        parser.add_argument("--country")
        parser.add_argument("--languages", help="Enabled languages, comma-separated: ro,en")
        parser.add_argument("--default-language")
        parser.add_argument("--timezone", default="Europe/Brussels")
        parser.add_argument("--currency", default="EUR")
        parser.add_argument("--domain", action="append", default=[],
                            help="An extra domain (repeat for several).")
        parser.add_argument("--admin-email", default="")
        parser.add_argument("--plan", default="")
        parser.add_argument("--retry", metavar="SLUG")
        parser.add_argument("--abandon", metavar="SLUG")

    def _bar(self, done: int, total: int, label: str) -> None:
        filled = round(BAR_WIDTH * done / total)
        line = f"[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {done}/{total} {label}"
        self.stdout.write(line)
        self.stdout.flush()

    def _job(self, slug: str) -> ProvisioningJob:
        job = ProvisioningJob.objects.select_related("city").filter(city__slug=slug).first()
        if job is None:
            raise CommandError(f"No provisioning job for “{slug}”.")
        return job

    def handle(self, *args, **options) -> None:
        try:
            if options["abandon"]:
                provisioning_abandon(job=self._job(options["abandon"]))
                self.stdout.write(f"Removed the unfinished city {options['abandon']}.")
                return
            if options["retry"]:
                job = provisioning_retry(job=self._job(options["retry"]), progress=self._bar)
            else:
                missing = [name for name in ("name", "slug", "country", "languages")
                           if not options[name]]
                if missing:
                    raise CommandError("Missing: " + ", ".join(f"--{m}" for m in missing))
                languages = [code.strip() for code in options["languages"].split(",")
                             if code.strip()]
                job = city_onboard(
                    name=options["name"], slug=options["slug"], country=options["country"],
                    default_language=options["default_language"] or languages[0],
                    enabled_languages=languages, timezone=options["timezone"],
                    currency=options["currency"], extra_domains=options["domain"],
                    admin_email=options["admin_email"], plan=options["plan"])
                job = provisioning_run(job=job, progress=self._bar)
        except ValidationError as error:
            messages = [f"{field}: {msg}" for field, msgs in error.message_dict.items()
                        for msg in msgs] if hasattr(error, "error_dict") else error.messages
            raise CommandError("\n".join(messages)) from error
        except ProvisioningFailed as failure:
            raise CommandError(
                f"Provisioning stopped at step “{failure.step}”: {failure.job.error}\n"
                f"The city is not reachable. Resume with --retry {failure.job.city.slug} or "
                f"remove it with --abandon {failure.job.city.slug}.") from failure
        city = City.objects.get(pk=job.city_id)
        self.stdout.write(self.style.SUCCESS(
            f"{city.name} is {city.get_status_display().lower()} at {job.invite_base_url}/"))
