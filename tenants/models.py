"""Cities of the network (one PostgreSQL schema each) and the domains they answer at."""

import re
import unicodedata
import zoneinfo

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin

SLUG_PATTERN = re.compile(r"[a-z][a-z0-9-]{0,38}[a-z0-9]")
SLUG_MAX_LENGTH = 40
# Names that would collide with hub hosts, PostgreSQL internals or our own schemas.
RESERVED_SLUGS = frozenset(
    {
        "public", "www", "api", "admin", "hub", "static", "media", "mail", "smtp", "ftp",
        "information-schema", "information_schema", "city-template", "city_template", "test",
        "localhost", "default", "template", "postgres", "root", "billing", "status", "help",
        "docs", "app", "assets", "cdn", "support", "partners", "innovato", "dev", "staging",
    }
)


def network_language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def validate_city_slug(value: str) -> None:
    """A slug becomes both the subdomain and the schema name, so it is kept plain ASCII."""
    if not isinstance(value, str) or not value:
        raise ValidationError(_("Enter a slug."), code="invalid_slug")
    if len(value) > SLUG_MAX_LENGTH:
        raise ValidationError(
            _("Use at most %(max)d characters (this one has %(length)d)."),
            code="slug_too_long", params={"max": SLUG_MAX_LENGTH, "length": len(value)},
        )
    if not value.isascii():
        raise ValidationError(
            _("Use plain ASCII letters only: accented letters and look-alike characters from "
              "other alphabets are not allowed in a slug."),
            code="slug_not_ascii",
        )
    if not SLUG_PATTERN.fullmatch(value) or "--" in value:
        raise ValidationError(
            _(
                "Use 2 to 40 lowercase letters, digits and single hyphens, starting with a "
                "letter and not ending with a hyphen."
            ),
            code="invalid_slug",
        )
    if value in RESERVED_SLUGS or value.startswith(("pg-", "pg_")) or value.replace(
            "-", "_") in RESERVED_SLUGS:
        raise ValidationError(_("“%(slug)s” is reserved."), code="reserved_slug",
                              params={"slug": value})


# The mappings of Unicode's confusables.txt (UTS #39) between the characters a slug may hold:
# every other ASCII letter and digit is its own prototype. Non-ASCII slugs are refused above.
SLUG_CONFUSABLES = str.maketrans({"1": "l", "0": "o", "m": "rn"})


def slug_skeleton(slug: str) -> str:
    """The UTS #39 skeleton of a slug, case-folded: two slugs with one skeleton look alike
    in an address bar (`c1uj` and `cluj`, `rotterdarn` and `rotterdam`, `p0rto`, `porto`)."""
    return slug.lower().translate(SLUG_CONFUSABLES)


def name_key(name: str) -> str:
    """A city's name as people tell names apart: case, accents and spacing ignored."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(bare.split())


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("“%(tz)s” is not a known time zone."), code="invalid_timezone",
                              params={"tz": value})


class City(TenantMixin):
    """A city of the network. Its schema holds all of its people and innovation data."""

    class Status(models.TextChoices):
        PROVISIONING = "provisioning", _("Provisioning")
        ACTIVE = "active", _("Active")
        SUSPENDED = "suspended", _("Suspended")
        ARCHIVED = "archived", _("Archived")

    name = models.CharField(_("name"), max_length=100)
    slug = models.CharField(_("slug"), max_length=40, unique=True, validators=[validate_city_slug])
    country = models.CharField(_("country"), max_length=2, help_text=_("ISO 3166-1 alpha-2 code"))
    default_language = models.CharField(_("default language"), max_length=8)
    enabled_languages = ArrayField(
        models.CharField(max_length=8), verbose_name=_("enabled languages"), default=list
    )
    timezone = models.CharField(_("time zone"), max_length=64, default="Europe/Brussels",
                                validators=[validate_timezone])
    currency = models.CharField(_("currency"), max_length=3, default="EUR",
                                help_text=_("ISO 4217 code"))
    status = models.CharField(_("status"), max_length=16, choices=Status.choices,
                              default=Status.PROVISIONING)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    # Schemas are made by tenants.provisioning (a clone of the template), step by step, never
    # as a side effect of saving the row.
    auto_create_schema = False
    auto_drop_schema = False

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=["provisioning", "active", "suspended", "archived"]),
                name="city_status_known",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def hub(cls) -> "City":
        """The hub is the public schema; it is not a row of its own."""
        return cls(
            schema_name=settings.PUBLIC_SCHEMA_NAME,
            name="Innovato",
            slug="",
            default_language=settings.LANGUAGE_CODE,
            enabled_languages=network_language_codes(),
            status=cls.Status.ACTIVE,
        )

    @property
    def is_hub(self) -> bool:
        return self.schema_name == settings.PUBLIC_SCHEMA_NAME

    def clean(self) -> None:
        known = set(network_language_codes())
        unknown = [code for code in self.enabled_languages if code not in known]
        if unknown:
            raise ValidationError(
                {"enabled_languages": _("Unknown language: %(codes)s.")
                 % {"codes": ", ".join(unknown)}}
            )
        if not self.enabled_languages:
            raise ValidationError({"enabled_languages": _("Enable at least one language.")})
        if self.default_language not in self.enabled_languages:
            raise ValidationError(
                {"default_language": _("The default language must be one of the enabled ones.")}
            )
        if not re.fullmatch(r"[A-Z]{2}", self.country or ""):
            raise ValidationError({"country": _("Use a two-letter country code such as RO.")})
        if not re.fullmatch(r"[A-Z]{3}", self.currency or ""):
            raise ValidationError({"currency": _("Use a three-letter currency code such as EUR.")})


class Domain(DomainMixin):
    """A host name a city answers at. Every city has `<slug>.<BASE_DOMAIN>` as primary."""

    class Meta:
        verbose_name = _("domain")
        verbose_name_plural = _("domains")

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered so a renamed domain's old routing entry can be dropped too.
        instance.loaded_domain = instance.__dict__.get("domain")
        return instance

    def save(self, *args, **kwargs):
        self.domain = self.domain.strip().lower().rstrip(".")
        super().save(*args, **kwargs)
        self.loaded_domain = self.domain


class ProvisioningJob(models.Model):
    """The steps that turn a new City row into a reachable city, recorded as they finish.

    Each step runs in its own transaction and is recorded in it, so after a crash the job
    knows exactly which steps are done; `tenants.provisioning.provisioning_run` resumes.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting")
        RUNNING = "running", _("Running")
        FAILED = "failed", _("Failed")
        DONE = "done", _("Done")

    city = models.OneToOneField(City, on_delete=models.CASCADE, related_name="provisioning",
                                verbose_name=_("city"))
    state = models.CharField(_("state"), max_length=16, choices=State.choices,
                             default=State.PENDING)
    current_step = models.CharField(_("current step"), max_length=32, blank=True)
    steps_done = ArrayField(models.CharField(max_length=32), default=list, blank=True,
                            verbose_name=_("steps done"))
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    admin_email = models.EmailField(_("first city admin's e-mail"), blank=True)
    plan_code = models.CharField(_("plan"), max_length=40, blank=True)
    extra_domains = ArrayField(models.CharField(max_length=253), default=list, blank=True,
                               verbose_name=_("extra domains"))
    invite_base_url = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                     null=True, blank=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("provisioning job")
        verbose_name_plural = _("provisioning jobs")

    def __str__(self) -> str:
        return f"{self.city.slug}: {self.state}"


class CityRecord(models.Model):
    """The hub's record of what partner admins (and billing) did to a city, who and when.

    Kept when the city itself is deleted: the slug and the actor's name are copied.
    """

    class Action(models.TextChoices):
        ONBOARD = "onboard", _("Onboarding requested")
        PROVISIONED = "provisioned", _("Provisioned")
        PROVISIONING_FAILED = "provisioning_failed", _("Provisioning failed")
        RETRY = "retry", _("Provisioning retried")
        ABANDON = "abandon", _("Provisioning abandoned")
        SUSPEND = "suspend", _("Suspended")
        REACTIVATE = "reactivate", _("Reactivated")
        ARCHIVE = "archive", _("Archived")
        EXPORT = "export", _("Exported")
        RESTORE = "restore", _("Restored from an export")
        DELETE = "delete", _("Deleted")
        BILLING = "billing", _("Billing")

    city = models.ForeignKey(City, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="records", verbose_name=_("city"))
    city_slug = models.CharField(_("city"), max_length=40)
    action = models.CharField(_("action"), max_length=32, choices=Action.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                           blank=True, related_name="+", verbose_name=_("by"))
    by_name = models.CharField(_("by"), max_length=150, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    note = models.TextField(_("note"), blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("city record")
        verbose_name_plural = _("city records")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.city_slug} {self.action} {self.at:%Y-%m-%d %H:%M}"
