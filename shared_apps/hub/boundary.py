"""The only place where data crosses between a city's schema and the hub.

City → hub: a city admin shares an implemented proposal (a snapshot is copied into the
public schema, personal data only with recorded consent), and each city pushes its
statistics to the hub's read model.
Hub → city: a city admin adopts a published practice, which creates a draft call or
proposal in their own schema.

Every function here runs with the city's schema active (connection.tenant is the city);
the hub's tables are reachable from there because the public schema is on the search path.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Count, F, Q, Sum
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from innovato.errors import ActionRefused, NotAllowed
from shared_apps.accounts.models import Role, User
from shared_apps.hub.models import (
    Adoption,
    CityStatistics,
    GoodPractice,
    NetworkDailyStatistics,
    PracticeDigest,
    PracticeMessage,
    PracticeTranslation,
)
from tenants.models import City

LANGUAGES = [code for code, _name in settings.LANGUAGES]
SNAPSHOT_FIELDS = {"title": "title", "problem": "problem", "solution": "solution",
                   "mvp_plan": "mvp_plan"}


def _city() -> City:
    city = connection.tenant
    if not isinstance(city, City) or city.is_hub:
        raise ActionRefused(_("This can only be done on a city's site."), code="not_a_city")
    return city


def _require_city_admin(user: User) -> None:
    if not user.has_role(Role.CITY_ADMIN):
        raise NotAllowed(_("Only a city admin can do this."))


def _copy_translations(source, source_field: str, target, target_field: str) -> None:
    for code in LANGUAGES:
        setattr(target, f"{target_field}_{code}", getattr(source, f"{source_field}_{code}", None))


# --- City → hub -------------------------------------------------------------------------------


def _consenting_author_names(proposal) -> list[str]:
    """The names of the proposal's authors who have consent on record now."""
    from tenant_apps.proposals.models import CoAuthor, PublicationConsent

    consenting = set(PublicationConsent.objects.filter(proposal=proposal)
                     .values_list("user_id", flat=True))
    authors = [proposal.author] + [c.user for c in proposal.coauthors.select_related("user")
                                   if c.state == CoAuthor.State.ACCEPTED]
    return [a.display_name for a in authors if a.pk in consenting]


def text_language_check(language: str) -> str:
    """The language a city's text is written in must be one the city offers: text is never
    stored under another language's name."""
    from tenants.language import city_languages

    city = _city()
    if language not in city_languages(city):
        from django.utils.translation import get_language_info

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
    from django.utils.translation import get_language

    from tenant_apps.implementation.selectors import savings_totals
    from tenant_apps.proposals.models import Status

    city = _city()
    _require_city_admin(by)
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
        _copy_translations(proposal, field, practice, field)
    if proposal.theme_id:
        _copy_translations(proposal.theme, "name", practice, "theme")
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
        _adopters_tell(practice, "updated")
    from tenant_apps.audit.services import audit_record

    audit_record(actor=by, action="practice.shared", target=proposal,
                 after={"practice": practice.pk, "named_authors": len(practice.author_names)})
    return practice


def practice_authors_forget(*, proposal) -> int:
    """Called as soon as an author withdraws consent: their name leaves the hub's copy of
    the practice at once (names are only ever added again by a share). Returns how many
    names were removed."""
    city = _city()
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


@transaction.atomic
def practice_translate(*, practice: GoodPractice, by: User, language: str,
                       texts: dict[str, str]) -> PracticeTranslation:
    """A city admin adds or fixes a practice's text in any language of the network, from
    their own city's site; recorded on the hub (who, which city, when) and in the city's
    audit trail."""
    from shared_apps.hub.services import practice_translation_save
    from tenant_apps.audit.services import audit_record

    city = _city()
    _require_city_admin(by)
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


def _own_practice(practice: GoodPractice, by: User) -> GoodPractice:
    city = _city()
    _require_city_admin(by)
    if practice.source_city_id != city.pk:
        raise NotAllowed(_("Only the city that shared a practice can change it."))
    return practice


def practice_withdraw(*, practice: GoodPractice, by: User) -> GoodPractice:
    """The source city takes its practice back: it disappears from every city and the hub."""
    _own_practice(practice, by)
    practice.status = GoodPractice.Status.WITHDRAWN
    practice.featured = False
    practice.save(update_fields=["status", "featured", "updated_at"])
    _adopters_tell(practice, "withdrawn")
    return practice


def city_statistics_push(*, today: date | None = None) -> CityStatistics:
    """Scheduled job: this city's figures of today, into the hub's read model."""
    from tenant_apps.calls.models import Call, Phase
    from tenant_apps.implementation.models import SavingsEntry
    from tenant_apps.proposals.models import PUBLIC_STATUSES, Proposal, Status

    city = _city()
    today = today or timezone.localdate()
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


# --- Hub → city -------------------------------------------------------------------------------


def _default_criteria() -> list[dict]:
    return [{"name": _("Innovation"), "weight": 40}, {"name": _("Feasibility"), "weight": 35},
            {"name": _("Sustainability"), "weight": 25}]


@transaction.atomic
def practice_adopt(*, practice: GoodPractice, by: User, target_kind: str,
                   call=None) -> Adoption:
    """Adopt a published practice into this city: a draft call, or a draft proposal in an
    open call, pre-filled with every translation the practice has."""
    from tenant_apps.calls.models import Call, Phase
    from tenant_apps.calls.services import call_create
    from tenant_apps.proposals.models import Proposal
    from tenant_apps.proposals.services import proposal_create

    city = _city()
    _require_city_admin(by)
    if practice.status != GoodPractice.Status.PUBLISHED:
        raise ActionRefused(_("Only published practices can be adopted."), code="unpublished")
    if practice.source_city_id == city.pk:
        raise ActionRefused(_("A city cannot adopt its own practice."), code="own_practice")
    if Adoption.objects.filter(practice=practice, city=city).exists():
        raise ActionRefused(_("Your city has already adopted this practice."),
                            code="duplicate")
    if target_kind == Adoption.Target.CALL:
        start = timezone.now() + timedelta(days=30)
        day = timedelta(days=1)
        target = call_create(
            by=by, title=practice.title, challenge=practice.problem or practice.summary,
            submission_starts=start, evaluation_starts=start + 30 * day,
            results_on=start + 45 * day, implementation_starts=start + 60 * day,
            closes_on=start + 365 * day, criteria=_default_criteria())
        _copy_translations(practice, "title", target, "title")
        for code in LANGUAGES:
            text = (getattr(practice, f"problem_{code}", None)
                    or getattr(practice, f"summary_{code}", None))
            setattr(target, f"challenge_{code}", text)
        target.save()
        target_model: type = Call
    elif target_kind == Adoption.Target.PROPOSAL:
        if call is None or call.phase != Phase.SUBMISSION:
            raise ActionRefused(_("Choose a call that is open for proposals."),
                                code="no_open_call")
        target = proposal_create(call=call, author=by, title=practice.title)
        for field in SNAPSHOT_FIELDS:
            _copy_translations(practice, field, target, field)
        target.save()
        target_model = Proposal
    else:
        raise ValidationError({"target_kind": _("Adopt as a call or as a proposal.")})
    adoption = Adoption.objects.create(practice=practice, city=city, target_kind=target_kind,
                                       target_id=target.pk)
    from tenant_apps.audit.services import audit_record

    audit_record(actor=by, action="practice.adopted", target=target,
                 after={"practice": practice.pk, "source_city": practice.source_city.slug,
                        "model": target_model._meta.label_lower})
    return adoption


def adoption_report(*, adoption: Adoption, by: User, outcome: str,
                    realised_savings_money: Decimal = Decimal(0),
                    realised_savings_hours: Decimal = Decimal(0),
                    note: str = "") -> Adoption:
    """The adopting city tells the network what came of the practice."""
    city = _city()
    _require_city_admin(by)
    if adoption.city_id != city.pk:
        raise NotAllowed(_("Only the adopting city can report on its adoption."))
    if outcome not in Adoption.Outcome.values:
        raise ValidationError({"outcome": _("Choose adopted, adapted, implemented or "
                                            "abandoned.")})
    adoption.outcome = outcome
    adoption.realised_savings_money = realised_savings_money
    adoption.realised_savings_hours = realised_savings_hours
    adoption.outcome_note = note.strip()
    adoption.full_clean(exclude=["practice", "city"])
    adoption.save()
    return adoption


# --- Hub → city: telling city admins -----------------------------------------------------------


def city_admins_notify(*, city: City, kind: str, params: dict, url: str = "",
                       exclude_user_ids: tuple = ()) -> int:
    """Tell `city`'s admins (in the app, and by e-mail as each of them prefers), from the hub
    or from another city's schema; returns how many were told."""
    from tenant_apps.notifications.services import notify

    if getattr(city, "is_hub", True) or city.status != City.Status.ACTIVE:
        return 0
    with tenant_context(city):
        admins = User.objects.filter(is_active=True, roles__contains=[Role.CITY_ADMIN]).exclude(
            pk__in=exclude_user_ids)
        return len(notify(recipients=admins, kind=kind, params=params, url=url))


def practice_review_tell_city(*, practice: GoodPractice, outcome: str,
                              comment: str = "") -> int:
    """The source city's admins hear that their practice is published or that changes are
    asked (`outcome` "published" or "changes")."""
    from tenant_apps.notifications.models import Kind

    return city_admins_notify(city=practice.source_city, kind=Kind.PRACTICE_REVIEW,
                              params={"practice": practice, "outcome": outcome,
                                      "comment": comment},
                              url=practice.get_absolute_url())


def _adopters_tell(practice: GoodPractice, change: str) -> None:
    """Every city that adopted `practice` hears that its source city updated or withdrew it."""
    from tenant_apps.notifications.models import Kind

    for adoption in practice.adoptions.select_related("city"):
        city_admins_notify(city=adoption.city, kind=Kind.PRACTICE_ADOPTED_CHANGED,
                           params={"practice": practice, "city": practice.source_city.name,
                                   "change": change},
                           url=practice.get_absolute_url())


def practices_digest_send(*, now=None) -> int:
    """Scheduled job: at most once a day, tell this city's admins of the practices other
    cities published since their last digest, in one message, if there are any; returns how
    many practices it listed."""
    from tenant_apps.notifications.models import Kind
    from tenant_apps.notifications.services import notify

    city = _city()
    now = now or timezone.now()
    with transaction.atomic():
        digest, _created = PracticeDigest.objects.select_for_update().get_or_create(
            city=city, defaults={"covered_until": now})
        if digest.sent_at and timezone.localdate(digest.sent_at) == timezone.localdate(now):
            return 0
        practices = list(GoodPractice.objects.filter(
            status=GoodPractice.Status.PUBLISHED, published_at__gt=digest.covered_until,
            published_at__lte=now).exclude(source_city=city).select_related("source_city")
            .order_by("published_at", "pk"))
        if not practices:
            return 0
        notify(recipients=User.objects.filter(is_active=True, roles__contains=[Role.CITY_ADMIN]),
               kind=Kind.PRACTICES_DIGEST,
               params={"practices": practices,
                       "cities": [practice.source_city.name for practice in practices]},
               url="/practices/")
        digest.covered_until = digest.sent_at = now
        digest.save(update_fields=["covered_until", "sent_at"])
    return len(practices)


# --- A practice's discussion (hub and cities) ----------------------------------------------


def practice_message_post(*, practice: GoodPractice, by: User, body: str,
                          reply_to: PracticeMessage | None = None) -> PracticeMessage:
    """Write in `practice`'s discussion: a coordinator on the hub, or a city admin on their
    city's site. The source city's admins are told of every message from outside the city,
    the author of the message answered is told of the answer, and coordinators get an
    e-mail for each new question from a city."""
    on_hub = connection.tenant is None or getattr(connection.tenant, "is_hub", True)
    city = None if on_hub else _city()
    if on_hub and not by.has_role(Role.COORDINATOR):
        raise NotAllowed(_("Only a network coordinator can do this."))
    if not on_hub:
        _require_city_admin(by)
    if practice.status == GoodPractice.Status.WITHDRAWN:
        raise ActionRefused(_("The city has withdrawn this practice."), code="withdrawn")
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write something first.")}, code="required")
    if len(body) > 4000:
        raise ValidationError({"body": _("Keep the message under 4000 characters.")},
                              code="max_length")
    if reply_to is not None and reply_to.practice_id != practice.pk:
        raise ValidationError(
            {"reply_to": _("You can only answer a message about this practice.")},
            code="invalid")
    if reply_to is not None and reply_to.reply_to_id is not None:
        reply_to = reply_to.reply_to  # answers stay one level deep
    message = PracticeMessage.objects.create(
        practice=practice, reply_to=reply_to, body=body, author_city=city,
        author_user_id=by.pk, author_name=by.display_name[:200],
        author_role=(PracticeMessage.AuthorRole.COORDINATOR if on_hub
                     else PracticeMessage.AuthorRole.CITY_ADMIN))
    _discussion_tell(message)
    return message


def _discussion_tell(message: PracticeMessage) -> None:
    from tenant_apps.notifications.models import Kind
    from tenant_apps.notifications.services import notify

    practice = message.practice
    params = {"practice": practice, "name": message.author_name,
              "city": message.author_city.name if message.author_city else "",
              "body": message.body[:500]}
    url = practice.get_absolute_url() + f"#message-{message.pk}"
    parent = message.reply_to
    answered = (parent is not None and not (parent.author_city_id == message.author_city_id
                                            and parent.author_user_id == message.author_user_id))
    if answered and parent.author_city is not None:
        if parent.author_city.status == City.Status.ACTIVE:
            with tenant_context(parent.author_city):
                notify(recipients=User.objects.filter(pk=parent.author_user_id),
                       kind=Kind.PRACTICE_DISCUSSION, params={**params, "answer": True},
                       url=url)
    elif answered:
        _coordinators_email(params={**params, "answer": True}, url=url,
                            user_ids=[parent.author_user_id])
    if message.author_city_id != practice.source_city_id:
        told = (parent.author_user_id,) if (
            answered and parent.author_city_id == practice.source_city_id) else ()
        city_admins_notify(city=practice.source_city, kind=Kind.PRACTICE_DISCUSSION,
                           params={**params, "answer": False}, url=url,
                           exclude_user_ids=told)
    if message.author_city_id is not None and parent is None:
        _coordinators_email(params={**params, "answer": False}, url=url)


def _coordinators_email(*, params: dict, url: str, user_ids: list | None = None) -> None:
    """E-mail the hub's coordinators (or those of `user_ids`): the hub has no in-app
    notifications. Each e-mail is written in its reader's language."""
    from django.core.mail import send_mail
    from django.utils import translation
    from django_tenants.utils import schema_context

    from tenant_apps.notifications.models import Kind
    from tenant_apps.notifications.registry import render
    from tenant_apps.notifications.services import plain_params
    from tenants.selectors import site_url

    params = plain_params(params)
    with schema_context(settings.PUBLIC_SCHEMA_NAME):
        coordinators = User.objects.filter(is_active=True, roles__contains=[Role.COORDINATOR])
        if user_ids is not None:
            coordinators = coordinators.filter(pk__in=user_ids)
        emails = []
        for coordinator in coordinators.exclude(email=""):
            with translation.override(coordinator.language or settings.LANGUAGE_CODE):
                title, body = render(Kind.PRACTICE_DISCUSSION, params)
            emails.append((title, body, coordinator.email))
    link = site_url(City.hub()) + url
    transaction.on_commit(lambda: [
        send_mail(title, f"{body}\n\n{link}", None, [address], fail_silently=True)
        for title, body, address in emails])
