"""The network hub, in the public schema: good practices shared by cities, their adoptions,
collections, network events and a small read model of per-city statistics.

No row here points into a city's schema with a foreign key: a practice remembers the id of
the proposal it was shared from, and an adoption the id of what it created in the adopting
city. Crossing between schemas happens only in shared_apps.hub.boundary.
"""

from datetime import date
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innovato.choices import ChoiceLabels
from innovato.links import url_with_id
from tenants.models import City


class GoodPractice(ChoiceLabels, models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Waiting for review")
        PUBLISHED = "published", _("Published")
        CHANGES_REQUESTED = "changes_requested", _("Changes requested")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    source_city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="practices",
                                    verbose_name=_("source city"))
    source_proposal_id = models.BigIntegerField()
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"))
    problem = models.TextField(_("problem"), blank=True)
    solution = models.TextField(_("solution"), blank=True)
    mvp_plan = models.TextField(_("MVP plan"), blank=True)
    results = models.TextField(_("results and evidence"), blank=True)
    theme = models.CharField(_("theme"), max_length=120, blank=True)
    tags = ArrayField(models.CharField(max_length=40), default=list, blank=True,
                      verbose_name=_("tags"))
    realised_savings_money = models.DecimalField(_("realised savings"), max_digits=14,
                                                 decimal_places=2, default=0,
                                                 validators=[MinValueValidator(0)])
    realised_savings_hours = models.DecimalField(_("realised hours saved"), max_digits=10,
                                                 decimal_places=1, default=0,
                                                 validators=[MinValueValidator(0)])
    currency = models.CharField(max_length=3)
    contact_role = models.CharField(_("contact (role)"), max_length=200, blank=True,
                                    help_text=_("A role, not a person: e.g. Head of IT."))
    # Filled only with the names of authors who recorded their consent in their city.
    author_names = ArrayField(models.CharField(max_length=200), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.SUBMITTED, db_index=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    featured = models.BooleanField(_("featured"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("good practice")
        verbose_name_plural = _("good practices")
        ordering = ["-featured", "-published_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["source_city", "source_proposal_id"],
                                               name="practice_once_per_proposal")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return url_with_id("practices:detail", self.pk)


class PracticeTranslation(models.Model):
    """One change to a practice's text in one language, made by a coordinator on the hub or
    by a city admin from their city's site: who, from which city, when and which fields."""

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE,
                                 related_name="translation_history")
    language = models.CharField(_("language"), max_length=8)
    fields = ArrayField(models.CharField(max_length=20), default=list)
    # Empty for the hub's coordinators; the user's id is in that city's (or the hub's) schema.
    city = models.ForeignKey(City, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+")
    by_user_id = models.BigIntegerField()
    by_name = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]


class Collection(models.Model):
    """Practices a coordinator groups together, e.g. "Paperless administration"."""

    name = models.CharField(_("name"), max_length=150)
    description = models.TextField(_("description"), blank=True)
    practices = models.ManyToManyField(GoodPractice, blank=True, related_name="collections")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Adoption(ChoiceLabels, models.Model):
    """A city taking up another city's practice, and what came of it."""

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", _("Adopted")
        ADAPTED = "adapted", _("Adapted")
        IMPLEMENTED = "implemented", _("Implemented")
        ABANDONED = "abandoned", _("Abandoned")

    class Target(models.TextChoices):
        CALL = "call", _("a draft call")
        PROPOSAL = "proposal", _("a draft proposal")

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE,
                                 related_name="adoptions")
    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="adoptions")
    target_kind = models.CharField(max_length=10, choices=Target.choices)
    target_id = models.BigIntegerField()
    outcome = models.CharField(_("outcome"), max_length=12, choices=Outcome.choices,
                               default=Outcome.ADOPTED)
    realised_savings_money = models.DecimalField(_("realised savings"), max_digits=14,
                                                 decimal_places=2, default=0,
                                                 validators=[MinValueValidator(0)])
    realised_savings_hours = models.DecimalField(_("realised hours saved"), max_digits=10,
                                                 decimal_places=1, default=0,
                                                 validators=[MinValueValidator(0)])
    outcome_note = models.TextField(_("what happened"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at"]
        constraints = [models.UniqueConstraint(fields=["practice", "city"],
                                               name="adoption_once_per_city")]


class NetworkEvent(models.Model):
    class Kind(models.TextChoices):
        WEBINAR = "webinar", _("Webinar")
        MEETING = "meeting", _("Transnational meeting")
        WORKSHOP = "workshop", _("Workshop")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices,
                            default=Kind.WEBINAR)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=8)
    link = models.URLField(_("link"), blank=True)
    location = models.CharField(_("place"), max_length=200, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return self.title


def network_today() -> date:
    """The day on the network's calendar, the hub's time zone (Europe/Brussels by default):
    every city's figures are dated by it, not by the city's own calendar, so that the
    figures of one moment fall on one day (at 22:30 UTC it is already tomorrow in Cluj,
    still today in Paris)."""
    return timezone.localdate(timezone=ZoneInfo(City.hub().timezone))


class CityStatistics(models.Model):
    """One city's figures on one day of the network's calendar (`network_today`), pushed
    by the city's own background job (the read model behind the network dashboard)."""

    city = models.ForeignKey(City, on_delete=models.CASCADE, related_name="statistics")
    day = models.DateField()
    computed_at = models.DateTimeField()
    calls = models.PositiveIntegerField(default=0)
    proposals = models.PositiveIntegerField(default=0)
    authors = models.PositiveIntegerField(default=0)
    employees = models.PositiveIntegerField(default=0)
    selected = models.PositiveIntegerField(default=0)
    implemented = models.PositiveIntegerField(default=0)
    realised_money = models.DecimalField(max_digits=16, decimal_places=2, default=0)
    realised_hours = models.DecimalField(max_digits=12, decimal_places=1, default=0)
    currency = models.CharField(max_length=3)
    practices_shared = models.PositiveIntegerField(default=0)
    practices_adopted = models.PositiveIntegerField(default=0)
    # The city's newest row: what the dashboard shows, found through a partial index.
    is_latest = models.BooleanField(default=True)

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["city", "day"],
                                               name="statistics_once_per_city_day")]
        indexes = [models.Index(fields=["city"], condition=models.Q(is_latest=True),
                                name="statistics_latest")]


class NetworkDailyStatistics(models.Model):
    """The sum of every city's row of one day, per currency, kept up to date as cities push
    their figures, so the dashboard's trend never sums thousands of city rows."""

    day = models.DateField()
    currency = models.CharField(max_length=3)
    cities = models.IntegerField(default=0)
    proposals = models.IntegerField(default=0)
    implemented = models.IntegerField(default=0)
    realised_money = models.DecimalField(max_digits=18, decimal_places=2, default=0)

    class Meta:
        ordering = ["day"]
        constraints = [models.UniqueConstraint(fields=["day", "currency"],
                                               name="network_statistics_once_per_day")]


class PracticeDigest(models.Model):
    """Where each city's daily digest of newly published practices has got to."""

    city = models.OneToOneField(City, on_delete=models.CASCADE, related_name="practice_digest")
    # Practices published after this were not in a digest yet.
    covered_until = models.DateTimeField()
    sent_at = models.DateTimeField(null=True, blank=True)


class PracticeMessage(models.Model):
    """A question or answer in a practice's discussion between city admins and network
    coordinators. The author lives in another schema, so only a snapshot of their display
    name and role is kept, with their city and their id there (to tell them of answers)."""

    class AuthorRole(models.TextChoices):
        CITY_ADMIN = "city_admin", _("City admin")
        COORDINATOR = "coordinator", _("Network coordinator")

    practice = models.ForeignKey(GoodPractice, on_delete=models.CASCADE,
                                 related_name="messages")
    reply_to = models.ForeignKey("self", on_delete=models.CASCADE, null=True, blank=True,
                                 related_name="replies")
    body = models.TextField(_("message"), max_length=4000)
    # None for a coordinator, writing on the hub (which is no city row).
    author_city = models.ForeignKey(City, on_delete=models.CASCADE, null=True, blank=True,
                                    related_name="+")
    author_user_id = models.BigIntegerField()
    author_name = models.CharField(max_length=200)
    author_role = models.CharField(max_length=12, choices=AuthorRole.choices)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:60]
