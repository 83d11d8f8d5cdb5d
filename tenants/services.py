"""Writes on the network's cities: the template schema, onboarding and step-by-step
provisioning, and the lifecycle partner admins drive (suspend, reactivate, archive, export,
restore, delete). Every lifecycle action leaves a CityRecord on the hub."""

import tempfile
from collections.abc import Callable, Iterable
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.management import call_command
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_exists, tenant_context

from innovato.errors import ActionRefused
from innovato.uploads import ARCHIVE_TYPES, upload_check
from tenants import pool
from tenants.models import City, CityRecord, Domain, ProvisioningJob, name_key, slug_skeleton
from tenants.notices import city_admins_tell
from tenants.provisioning import ADDED_STEPS, PROVISIONING_STEPS, plans_offered
from tenants.selectors import site_url
from tenants.signals import city_removing

Progress = Callable[[int, int, str], None]


def template_schema_migrate(*, verbosity: int = 0) -> None:
    """Create the template schema new cities are cloned from, and bring it up to date.
    Spare schemas cloned from an older template are dropped (see tenants.pool)."""
    name = settings.TENANT_BASE_SCHEMA
    if not schema_exists(name):
        with connection.cursor() as cursor:
            cursor.execute(f'CREATE SCHEMA "{name}"')
    call_command("migrate_schemas", schema_name=name, interactive=False, verbosity=verbosity)
    connection.set_schema_to_public()
    pool.pool_discard_stale()


def _actor_name(by) -> str:
    if by is None:
        return ""
    return getattr(by, "display_name", "") or getattr(by, "username", "")


def city_record(*, city: City | None, action: str, by=None, note: str = "",
                details: dict | None = None, slug: str = "") -> CityRecord:
    """Record on the hub that `action` happened to `city`, by whom (None: the system)."""
    with tenant_context(City.hub()):
        return CityRecord.objects.create(
            city=city, city_slug=city.slug if city else slug, action=action,
            by=by if by is not None and by.pk else None, by_name=_actor_name(by),
            note=note, details=details or {},
        )


# --- Onboarding and provisioning ----------------------------------------------------------

def default_base_url(slug: str) -> str:
    return site_url(City(slug=slug))


def _check_plan(plan_code: str) -> None:
    if not plan_code:
        return
    if plan_code not in {code for code, _name in plans_offered()}:
        raise ValidationError({"plan": _("“%(plan)s” is not an available plan.")
                               % {"plan": plan_code}}, code="invalid_plan")


def _slug_conflicts(slug: str, primary: str) -> dict[str, list]:
    """Errors for a slug that looks like another city's, or whose address another city
    already answers at (an extra domain given to it before that was refused)."""
    skeleton = slug_skeleton(slug)
    for other in City.objects.exclude(schema_name=settings.PUBLIC_SCHEMA_NAME).values_list(
            "slug", flat=True):
        if other == slug:  # made meanwhile, by an onboarding running at the same moment
            return {"slug": [_("A city with this slug already exists.")]}
        if slug_skeleton(other) == skeleton:
            return {"slug": [_("“%(slug)s” looks too much like the address of the city "
                               "“%(other)s”; choose one that cannot be mistaken for it.")
                             % {"slug": slug, "other": other}]}
    holder = Domain.objects.filter(domain=primary).select_related("tenant").first()
    if holder is not None:
        return {"slug": [_("The address %(domain)s is already taken by %(city)s.")
                         % {"domain": primary, "city": holder.tenant.name}]}
    return {}


def _city_named_like(name: str) -> City | None:
    key = name_key(name)
    return next((city for city in City.objects.only("name")
                 if name_key(city.name) == key), None)


def _extra_domain_conflict(domain: str) -> str:
    """Why `domain` cannot be a new city's extra domain, or "" when it can."""
    base = settings.BASE_DOMAIN
    if domain == base or domain.endswith(f".{base}"):
        return _("%(domain)s is inside the network's own domain %(base)s, where every "
                 "address belongs to a city by its slug; use a domain of the city's own.") % {
            "domain": domain, "base": base}
    holder = Domain.objects.filter(domain=domain).select_related("tenant").first()
    if holder is not None:
        return _("%(domain)s is already used by %(city)s.") % {
            "domain": domain, "city": holder.tenant.name}
    return ""


def city_onboard(
    *,
    name: str,
    slug: str,
    country: str,
    default_language: str,
    enabled_languages: Iterable[str],
    timezone: str = "Europe/Brussels",
    currency: str = "EUR",
    extra_domains: Iterable[str] = (),
    admin_email: str = "",
    plan: str = "",
    by=None,
    base_url: str = "",
) -> ProvisioningJob:
    """Validate a new city and record it (status `provisioning`, unreachable) with its
    provisioning job; `provisioning_run` then does the work. Nothing is written when any
    field is invalid: the ValidationError names every field at fault."""
    slug = slug or ""  # never trimmed: a slug with spaces or a newline is refused as is
    city = City(
        name=(name or "").strip(),
        slug=slug,
        schema_name=slug.replace("-", "_"),
        country=(country or "").strip().upper(),
        default_language=default_language,
        enabled_languages=list(dict.fromkeys(enabled_languages)),
        timezone=timezone,
        currency=(currency or "").strip().upper(),
        status=City.Status.PROVISIONING,
    )
    errors: dict[str, list] = {}
    try:
        city.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            if field != "schema_name":
                errors.setdefault(field, []).extend(messages)
        # The schema name is derived from the slug: report its faults on the slug.
        if "schema_name" in error.message_dict and "slug" not in errors:
            errors["slug"] = error.message_dict["schema_name"]
    if "slug" not in errors and (
        schema_exists(city.schema_name, case_sensitive=False)
        or City.objects.filter(schema_name__iexact=city.schema_name).exists()
    ):
        errors["slug"] = [_("A city with this slug already exists.")]
    primary = f"{slug}.{settings.BASE_DOMAIN}"
    if "slug" not in errors:
        errors.update(_slug_conflicts(slug, primary))
    if city.name and "name" not in errors:
        twin = _city_named_like(city.name)
        if twin is not None:
            errors["name"] = [_("The network already has a city named “%(name)s”.")
                              % {"name": twin.name}]
    domains = [d.strip().lower().rstrip(".") for d in extra_domains if d and d.strip()]
    for domain in domains:
        candidate = Domain(domain=domain, tenant=city, is_primary=False)
        try:
            candidate.full_clean(exclude=["tenant"])
        except ValidationError as error:
            errors.setdefault("extra_domains", []).extend(
                f"{domain}: {message}" for message in error.messages)
            continue
        message = _extra_domain_conflict(domain)
        if message:
            errors.setdefault("extra_domains", []).append(message)
    if admin_email:
        try:
            validate_email(admin_email)
        except ValidationError:
            errors.setdefault("admin_email", []).append(_("Enter a valid e-mail address."))
    try:
        _check_plan(plan)
    except ValidationError as error:
        errors.update(error.message_dict)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            city.save()
    except IntegrityError:
        # Another onboarding of the same slug committed between the checks above and now.
        raise ValidationError({"slug": [_("A city with this slug already exists.")]},
                              code="slug_taken") from None
    with transaction.atomic():
        job = ProvisioningJob.objects.create(
            city=city, admin_email=admin_email.strip(), plan_code=plan,
            extra_domains=list(dict.fromkeys(domains)),
            invite_base_url=base_url or default_base_url(slug),
            requested_by=by if by is not None and by.pk else None,
        )
        city_record(city=city, action=CityRecord.Action.ONBOARD, by=by,
                    details={"plan": plan, "admin_email": admin_email})
    return job


def _step_schema(job: ProvisioningJob) -> None:
    city = job.city
    if schema_exists(city.schema_name, case_sensitive=False):
        raise ActionRefused(
            _("A database schema named “%(schema)s” already exists; it was not made by this "
              "city's provisioning, so it is left alone.") % {"schema": city.schema_name},
            code="schema_exists")
    if not pool.pool_take(city.schema_name):
        pool.schema_clone_template(city.schema_name)
    connection.set_schema_to_public()


def _step_domains(job: ProvisioningJob) -> None:
    city = job.city
    wanted = [(f"{city.slug}.{settings.BASE_DOMAIN}", True)]
    wanted += [(extra, False) for extra in job.extra_domains]
    for host, is_primary in wanted:
        domain = Domain.objects.filter(domain=host).select_related("tenant").first()
        if domain is None:
            domain = Domain(domain=host, tenant=city, is_primary=is_primary)
            domain.full_clean()
            domain.save()
        elif domain.tenant_id != city.pk:
            # Taken since onboarding was accepted: the city must not open at an address
            # that serves another city.
            raise ActionRefused(_("The address %(domain)s is already taken by %(city)s.")
                                % {"domain": host, "city": domain.tenant.name},
                                code="domain_taken")


def _step_admin(job: ProvisioningJob) -> None:
    if not job.admin_email:
        return
    from shared_apps.accounts.models import Invitation, Role, User
    from shared_apps.accounts.services import invitation_create, user_create

    requester = job.requested_by
    with tenant_context(job.city):
        if Invitation.objects.filter(email__iexact=job.admin_email).exists():
            return
        # The invitation names who invites; the partner admin is a hub user, so the city
        # gets an inactive, role-less account that stands for the network.
        inviter = User.objects.filter(username="innovato-network").first() or user_create(
            username="innovato-network",
            first_name=_actor_name(requester) or "Innovato",
            last_name="" if requester else _("network"),
        )
        if inviter.is_active:
            inviter.is_active = False
            inviter.save(update_fields=["is_active"])
        invitation_create(email=job.admin_email, roles=[Role.CITY_ADMIN, Role.EMPLOYEE],
                          invited_by=inviter, base_url=job.invite_base_url)


def _step_activate(job: ProvisioningJob) -> None:
    city = job.city
    hosts = [f"{city.slug}.{settings.BASE_DOMAIN}", *job.extra_domains]
    owned = set(Domain.objects.filter(domain__in=hosts, tenant=city)
                .values_list("domain", flat=True))
    missing = [host for host in hosts if host not in owned]
    if missing:
        raise ActionRefused(_("The address %(domain)s does not lead to this city.")
                            % {"domain": missing[0]}, code="domain_taken")
    city.status = City.Status.ACTIVE
    city.save(update_fields=["status"])


_STEP_FUNCTIONS = {
    "schema": _step_schema,
    "domains": _step_domains,
    "admin": _step_admin,
    "activate": _step_activate,
}


class ProvisioningFailed(Exception):
    def __init__(self, job: ProvisioningJob, step: str, error: Exception) -> None:
        super().__init__(f"{job.city.slug}: step {step} failed: {error}")
        self.job = job
        self.step = step
        self.error = error


def provisioning_run(*, job: ProvisioningJob, until: str | None = None,
                     progress: Progress | None = None) -> ProvisioningJob:
    """Run the job's remaining steps, each in its own transaction, recording each as done.

    A failing step is rolled back, the job is marked failed with the reason and
    ProvisioningFailed is raised; the city stays `provisioning`, so it is not reachable.
    Running again resumes at the first step not done. `until` stops after that step (used
    to show and test an interruption between steps)."""
    connection.set_schema_to_public()
    job = ProvisioningJob.objects.select_related("city", "requested_by").get(pk=job.pk)
    if job.state == ProvisioningJob.State.DONE:
        return job
    job.attempts += 1
    job.state = ProvisioningJob.State.RUNNING
    job.error = ""
    job.save(update_fields=["attempts", "state", "error", "updated_at"])
    total = len(PROVISIONING_STEPS)
    for index, (step, label) in enumerate(PROVISIONING_STEPS):
        if step in job.steps_done:
            continue
        job.current_step = step
        job.save(update_fields=["current_step", "updated_at"])
        if progress:
            progress(index, total, _(label))
        try:
            with transaction.atomic():
                (_STEP_FUNCTIONS.get(step) or ADDED_STEPS[step])(job)
                connection.set_schema_to_public()
                job.steps_done = [*job.steps_done, step]
                if step == "activate":
                    job.state = ProvisioningJob.State.DONE
                    job.current_step = ""
                    job.finished_at = timezone.now()
                job.save()
        except Exception as error:
            connection.set_schema_to_public()
            job.refresh_from_db()
            job.state = ProvisioningJob.State.FAILED
            job.error = getattr(error, "message", None) or str(error) or type(error).__name__
            job.save(update_fields=["state", "error", "updated_at"])
            city_record(city=job.city, action=CityRecord.Action.PROVISIONING_FAILED,
                        note=job.error, details={"step": step})
            raise ProvisioningFailed(job, step, error) from error
        if progress:
            progress(index + 1, total, _(label))
        if until == step and step != "activate":
            job.state = ProvisioningJob.State.PENDING
            job.save(update_fields=["state", "updated_at"])
            return job
    job.city.refresh_from_db()
    city_record(city=job.city, action=CityRecord.Action.PROVISIONED, by=job.requested_by,
                details={"attempts": job.attempts})
    return job


def provisioning_retry(*, job: ProvisioningJob, by=None,
                       progress: Progress | None = None) -> ProvisioningJob:
    """Resume a failed or interrupted provisioning at its first unfinished step."""
    if job.state == ProvisioningJob.State.DONE:
        raise ActionRefused(_("This city is already provisioned."), code="already_done")
    city_record(city=job.city, action=CityRecord.Action.RETRY, by=by,
                details={"steps_done": job.steps_done})
    return provisioning_run(job=job, progress=progress)


def provisioning_abandon(*, job: ProvisioningJob, by=None) -> None:
    """Clean up a city whose provisioning did not finish: drop its schema and its rows.
    The slug is free again afterwards."""
    city = job.city
    if city.status != City.Status.PROVISIONING:
        raise ActionRefused(_("Only a city still being provisioned can be abandoned."),
                            code="not_provisioning")
    _city_remove(city)
    city_record(city=None, slug=city.slug, action=CityRecord.Action.ABANDON, by=by,
                details={"steps_done": job.steps_done})


def _city_remove(city: City) -> None:
    connection.set_schema_to_public()
    with transaction.atomic():
        city_removing.send(sender=City, city=city)
        Domain.objects.filter(tenant=city).delete()
        ProvisioningJob.objects.filter(city=city).delete()
        if schema_exists(city.schema_name):
            with connection.cursor() as cursor:
                cursor.execute(f"DROP SCHEMA {connection.ops.quote_name(city.schema_name)} "
                               "CASCADE")
        City.objects.filter(pk=city.pk).delete()


def city_create(
    *,
    name: str,
    slug: str,
    country: str,
    default_language: str,
    enabled_languages: Iterable[str],
    timezone: str = "Europe/Brussels",
    currency: str = "EUR",
    extra_domains: Iterable[str] = (),
) -> City:
    """Create a city: its row, its schema (a spare or a clone of the template), its domains,
    then open it. A failure removes whatever was made and raises."""
    job = city_onboard(name=name, slug=slug, country=country,
                       default_language=default_language,
                       enabled_languages=enabled_languages, timezone=timezone,
                       currency=currency, extra_domains=extra_domains)
    try:
        job = provisioning_run(job=job)
    except ProvisioningFailed as failure:
        _city_remove(job.city)
        raise failure.error from failure
    return job.city


# --- Lifecycle ------------------------------------------------------------------------------

def _refuse_unless(city: City, allowed: Iterable[str], message: str) -> None:
    if city.status not in allowed:
        raise ActionRefused(message, code="wrong_status")


def _reason_line(reason: str) -> str:
    return "\n\n" + _("Reason: %(reason)s") % {"reason": reason} if reason else ""


def _check_confirmation(city: City, confirm_slug: str | None) -> None:
    if confirm_slug is not None and confirm_slug.strip() != city.slug:
        raise ValidationError(
            {"confirm": [_("Type the city's slug, “%(slug)s”, to confirm.")
                         % {"slug": city.slug}]}, code="confirmation_mismatch")


def _set_status(city: City, status: str) -> City:
    connection.set_schema_to_public()
    city.status = status
    city.save(update_fields=["status"])  # signals: the routing cache forgets its hosts
    return city


@transaction.atomic
def city_suspend(*, city: City, by=None, reason: str = "",
                 confirm_slug: str | None = None) -> City:
    """Close a city for now: its site shows a notice, sign-ins and the API are refused,
    its data is kept. A person confirms by typing the slug (`confirm_slug`); the
    scheduler and billing, acting on rules rather than clicks, pass none."""
    _check_confirmation(city, confirm_slug)
    _refuse_unless(city, [City.Status.ACTIVE],
                   _("Only an active city can be suspended (this one is %(status)s).")
                   % {"status": city.get_status_display()})
    _set_status(city, City.Status.SUSPENDED)
    city_record(city=city, action=CityRecord.Action.SUSPEND, by=by, note=reason)
    city_admins_tell(city=city, message=lambda: (
        _("%(city)s is suspended on Innovato") % {"city": city.name},
        _("The Innovato platform of %(city)s has been suspended: nobody of the city can sign "
          "in or use the API until it is reactivated. All data is kept.")
        % {"city": city.name} + _reason_line(reason)))
    return city


@transaction.atomic
def city_reactivate(*, city: City, by=None, reason: str = "") -> City:
    """Open a suspended or archived city again."""
    _refuse_unless(city, [City.Status.SUSPENDED, City.Status.ARCHIVED],
                   _("Only a suspended or archived city can be reactivated (this one is "
                     "%(status)s).") % {"status": city.get_status_display()})
    _set_status(city, City.Status.ACTIVE)
    city_record(city=city, action=CityRecord.Action.REACTIVATE, by=by, note=reason)
    city_admins_tell(city=city, message=lambda: (
        _("%(city)s is open again on Innovato") % {"city": city.name},
        _("The Innovato platform of %(city)s is open again: everyone can sign in and work "
          "as before.") % {"city": city.name} + _reason_line(reason)))
    return city


@transaction.atomic
def city_archive(*, city: City, by=None, reason: str = "",
                 confirm_slug: str | None = None) -> City:
    """Make a city read-only: its pages and API can be read, every change is refused.
    Confirmed like `city_suspend`."""
    _check_confirmation(city, confirm_slug)
    _refuse_unless(city, [City.Status.ACTIVE, City.Status.SUSPENDED],
                   _("Only an active or suspended city can be archived (this one is "
                     "%(status)s).") % {"status": city.get_status_display()})
    _set_status(city, City.Status.ARCHIVED)
    city_record(city=city, action=CityRecord.Action.ARCHIVE, by=by, note=reason)
    city_admins_tell(city=city, message=lambda: (
        _("%(city)s is archived on Innovato") % {"city": city.name},
        _("The Innovato platform of %(city)s has been archived: it can still be read, but "
          "nothing can be changed any more. All data is kept.")
        % {"city": city.name} + _reason_line(reason)))
    return city


def city_export(*, city: City, by=None) -> BinaryIO:
    """The city's export archive (zip) in an anonymous temporary file, rewound for reading.

    The file has no name on disk, so no copy of the city's data outlives the download, nor
    an export that fails half-way: closing the file (as a response does) frees it."""
    from tenants.export import export_archive_write

    _refuse_unless(city, [City.Status.ACTIVE, City.Status.SUSPENDED, City.Status.ARCHIVED],
                   _("A city still being provisioned has nothing to export."))
    archive = tempfile.TemporaryFile(suffix=".zip")  # noqa: SIM115 (the response closes it)
    try:
        summary = export_archive_write(city, archive)
    except BaseException:
        archive.close()
        raise
    archive.seek(0)
    city_record(city=city, action=CityRecord.Action.EXPORT, by=by, details=summary)
    return archive


def city_restore(*, archive, name: str, slug: str, by=None, admin_email: str = "",
                 base_url: str = "") -> City:
    """Make a new city from an export archive (a path or file object): a fresh schema from
    the template, then every exported record loaded into it."""
    from tenants.export import export_archive_read, records_load

    if isinstance(archive, UploadedFile):
        upload_check(archive, field="archive", accepted=ARCHIVE_TYPES, max_bytes=None)
    manifest, records = export_archive_read(archive)
    source = manifest["city"]
    job = city_onboard(
        name=name, slug=slug, country=source["country"],
        default_language=source["default_language"],
        enabled_languages=source["enabled_languages"], timezone=source["timezone"],
        currency=source["currency"], admin_email="", by=by, base_url=base_url,
    )
    try:
        job = provisioning_run(job=job, until="domains")
        with tenant_context(job.city), transaction.atomic():
            count = records_load(records)
        job = provisioning_run(job=job)
    except Exception:
        _city_remove(job.city)
        raise
    city = job.city
    city_record(city=city, action=CityRecord.Action.RESTORE, by=by,
                details={"from": source["slug"], "records": count})
    return city


def city_delete(*, city: City, confirm_slug: str, by=None) -> None:
    """Delete an archived city for good (schema, domains, row), once its slug is typed."""
    _refuse_unless(city, [City.Status.ARCHIVED],
                   _("Archive the city before deleting it."))
    if (confirm_slug or "").strip() != city.slug:
        raise ActionRefused(
            _("Type the city's slug “%(slug)s” exactly to confirm the deletion.")
            % {"slug": city.slug}, code="confirmation_mismatch")
    slug = city.slug
    _city_remove(city)
    city_record(city=None, slug=slug, action=CityRecord.Action.DELETE, by=by)
