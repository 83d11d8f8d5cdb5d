"""City → hub: a city admin shares an implemented proposal (a snapshot is copied into the
public schema, author names only with recorded consent), translates or withdraws it, and
each city pushes its figures to the hub's read model."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, F, Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _

from innovato.errors import ActionRefused, NotAllowed
from shared_apps.accounts.models import Role, User
from shared_apps.hub.boundary.common import (
    LANGUAGES,
    SNAPSHOT_FIELDS,
    city_here,
    copy_translations,
)
from shared_apps.hub.boundary.to_city import adopters_tell
from shared_apps.hub.models import (
    Adoption,
    CityStatistics,
    GoodPractice,
    NetworkDailyStatistics,
    PracticeTranslation,
    network_today,
)
from shared_apps.hub.services import practice_translate as practice_translate_on_hub
from shared_apps.hub.services import practice_translation_save
from tenant_apps.audit.services import audit_record
from tenant_apps.calls.guards import require_city_admin
from tenant_apps.calls.models import Call, Phase
from tenant_apps.implementation.models import SavingsEntry
from tenant_apps.implementation.selectors import savings_totals
from tenant_apps.proposals.models import (
    PUBLIC_STATUSES,
    CoAuthor,
    Proposal,
    PublicationConsent,
    Status,
)
from tenants.language import city_languages


def _consenting_author_names(proposal) -> list[str]:
    """The names of the proposal's authors who have consent on record now."""
    consenting = set(PublicationConsent.objects.filter(proposal=proposal)
                     .values_list("user_id", flat=True))
    authors = [proposal.author] + [c.user for c in proposal.coauthors.select_related("user")
                                   if c.state == CoAuthor.State.ACCEPTED]
    return [a.display_name for a in authors if a.pk in consenting]


def text_language_check(language: str) -> str:
    """The language a city's text is written in must be one the city offers: text is never
    stored under another language's name."""
    city = city_here()
    if language not in city_languages(city):
        name = (str(get_language_info(language)["name_translated"]) if language in LANGUAGES
                else language)
        raise ValidationError({"language": _(
            "%(city)s does not offer %(language)s: write the text in one of the city's "
            "languages, or add a translation on the practice's page.") % {
            "city": city.name, "language": name}})
    return language


@transaction.atomic
def practice_share(*, proposal, by: User, summary: str, results: str = "",
                   tags: list[str] | None = None, contact_role: str = "",
                   language: str | None = None) -> GoodPractice:
    """Share an implemented proposal of this city with the network, or refresh the snapshot
    of one shared before. The summary and results are stored in `language` (default: the
    active one), which must be one of the city's languages. Author names travel only for
    authors who consented. A refresh sends a practice that was not published back to
    review, without the old review comment."""
    city = city_here()
    require_city_admin(by)
    language = text_language_check(language or get_language() or city.default_language)
    if proposal.status != Status.IMPLEMENTED:
        raise ActionRefused(_("Only an implemented proposal can be shared as a good practice."),
                            code="not_implemented")
    if not summary.strip():
        raise ValidationError({"summary": _("Write a short summary for the other cities.")})
    practice = (GoodPractice.objects.select_for_update()
                .filter(source_city=city, source_proposal_id=proposal.pk).first()
                or GoodPractice(source_city=city, source_proposal_id=proposal.pk))
    for field in SNAPSHOT_FIELDS:
        copy_translations(proposal, field, practice, field)
    if proposal.theme_id:
        copy_translations(proposal.theme, "name", practice, "theme")
    practice.title = practice.title or proposal.title
    setattr(practice, f"summary_{language}", summary.strip())
    setattr(practice, f"results_{language}", results.strip())
    practice.tags = sorted({tag.strip().lower() for tag in (tags or []) if tag.strip()})[:20]
    practice.contact_role = contact_role.strip()
    totals = savings_totals(implementation=getattr(proposal, "implementation", None))
    practice.realised_savings_money = totals.get("realised_money") or Decimal(0)
    practice.realised_savings_hours = totals.get("realised_hours") or Decimal(0)
    practice.currency = city.currency
    practice.author_names = _consenting_author_names(proposal)
    shared_before = practice.pk is not None
    if practice.status != GoodPractice.Status.PUBLISHED:
        practice.status = GoodPractice.Status.SUBMITTED
        practice.review_comment = ""
    practice.full_clean(exclude=["source_city"])
    practice.save()
    if shared_before:
        adopters_tell(practice, "updated")
    audit_record(actor=by, action="practice.shared", target=proposal,
                 after={"practice": practice.pk, "named_authors": len(practice.author_names)})
    return practice


def practice_authors_forget(*, proposal) -> int:
    """Called as soon as an author withdraws consent (proposals' signal
    `publication_consent_withdrawn`): their name leaves the hub's copy of the practice at
    once (names are only ever added again by a share). Returns how many names were
    removed."""
    city = city_here()
    practice = (GoodPractice.objects.select_for_update()
                .filter(source_city=city, source_proposal_id=proposal.pk).first())
    if practice is None or not practice.author_names:
        return 0
    allowed = _consenting_author_names(proposal)
    kept = [name for name in practice.author_names if name in allowed]
    removed = len(practice.author_names) - len(kept)
    if removed:
        practice.author_names = kept
        practice.save(update_fields=["author_names", "updated_at"])
    return removed


def consent_withdrawn_received(sender, *, proposal, **kwargs) -> None:
    """Receiver of proposals' `publication_consent_withdrawn`."""
    practice_authors_forget(proposal=proposal)


@transaction.atomic
def practice_translate(*, practice: GoodPractice, by: User, language: str,
                       texts: dict[str, str]) -> PracticeTranslation:
    """A city admin adds or fixes a practice's text in any language of the network, from
    their own city's site; recorded on the hub (who, which city, when) and in the city's
    audit trail."""
    city = city_here()
    require_city_admin(by)
    if not (practice.status == GoodPractice.Status.PUBLISHED
            or (practice.source_city_id == city.pk
                and practice.status != GoodPractice.Status.WITHDRAWN)):
        raise Http404
    record = practice_translation_save(practice=practice, by=by, language=language,
                                       texts=texts, city=city)
    audit_record(actor=by, action="practice.translated", target=practice,
                 after={"practice": practice.pk, "language": language,
                        "fields": record.fields})
    return record


def practice_translate_where(*, on_hub: bool, practice: GoodPractice, by: User,
                             language: str, texts: dict) -> PracticeTranslation:
    """Translate as the person's host allows: a coordinator on the hub directly, a city
    admin through the boundary, which records it in the city's audit trail too."""
    if on_hub:
        return practice_translate_on_hub(practice=practice, by=by, language=language,
                                         texts=texts)
    return practice_translate(practice=practice, by=by, language=language, texts=texts)


def _own_practice(practice: GoodPractice, by: User) -> GoodPractice:
    city = city_here()
    require_city_admin(by)
    if practice.source_city_id != city.pk:
        raise NotAllowed(_("Only the city that shared a practice can change it."))
    return practice


def practice_withdraw(*, practice: GoodPractice, by: User) -> GoodPractice:
    """The source city takes its practice back: it disappears from every city and the hub."""
    _own_practice(practice, by)
    practice.status = GoodPractice.Status.WITHDRAWN
    practice.featured = False
    practice.save(update_fields=["status", "featured", "updated_at"])
    adopters_tell(practice, "withdrawn")
    return practice


def city_statistics_push(*, today: date | None = None) -> CityStatistics:
    """Scheduled job: this city's figures of today (on the network's calendar), into the
    hub's read model."""
    city = city_here()
    today = today or network_today()
    submitted = Proposal.objects.filter(status__in=PUBLIC_STATUSES)
    counts = submitted.aggregate(
        proposals=Count("pk"), authors=Count("author", distinct=True),
        selected=Count("pk", filter=Q(status__in=[Status.SELECTED, Status.IMPLEMENTING,
                                                  Status.IMPLEMENTED])),
        implemented=Count("pk", filter=Q(status=Status.IMPLEMENTED)))
    savings = SavingsEntry.objects.aggregate(money=Sum("realised_money"),
                                             hours=Sum("realised_hours"))
    previous = CityStatistics.objects.filter(city=city, day=today).first()
    row, _created = CityStatistics.objects.update_or_create(
        city=city, day=today,
        defaults={
            "is_latest": True,
            "computed_at": timezone.now(),
            "calls": Call.objects.exclude(phase=Phase.DRAFT).count(),
            "proposals": counts["proposals"], "authors": counts["authors"],
            "employees": User.objects.filter(is_active=True, roles__overlap=[
                Role.EMPLOYEE, Role.EVALUATOR, Role.CITY_ADMIN]).count(),
            "selected": counts["selected"], "implemented": counts["implemented"],
            "realised_money": savings["money"] or 0, "realised_hours": savings["hours"] or 0,
            "currency": city.currency,
            "practices_shared": GoodPractice.objects.filter(
                source_city=city, status=GoodPractice.Status.PUBLISHED).count(),
            "practices_adopted": Adoption.objects.filter(city=city).count(),
        })
    CityStatistics.objects.filter(city=city, is_latest=True).exclude(pk=row.pk).update(
        is_latest=False)
    _network_day_add(row, previous)
    return row


@transaction.atomic
def network_statistics_rebuild() -> int:
    """Recompute the network's daily totals from every city row (repair or bulk import);
    returns the number of day and currency rows written."""
    NetworkDailyStatistics.objects.all().delete()
    rows = (CityStatistics.objects.values("day", "currency")
            .annotate(cities=Count("city"), proposals=Sum("proposals"),
                      implemented=Sum("implemented"), realised_money=Sum("realised_money")))
    created = NetworkDailyStatistics.objects.bulk_create(
        NetworkDailyStatistics(**row) for row in rows)
    return len(created)


def _network_day_add(row: CityStatistics, previous: CityStatistics | None) -> None:
    """Move the network's total of the day by what this city's row changed."""
    fields = ("proposals", "implemented", "realised_money")
    delta = {field: getattr(row, field) - (getattr(previous, field) if previous else 0)
             for field in fields}
    NetworkDailyStatistics.objects.get_or_create(day=row.day, currency=row.currency)
    NetworkDailyStatistics.objects.filter(day=row.day, currency=row.currency).update(
        cities=F("cities") + (0 if previous else 1),
        **{field: F(field) + value for field, value in delta.items()})
