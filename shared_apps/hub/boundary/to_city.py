"""Hub → city: a city adopts a published practice (a draft call or proposal is made in its
own schema), and the hub's news reaches a city's admins in their own schema: reviews of
their practices, changes to practices they adopted, the daily digest."""

from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import tenant_context

from innovato.errors import ActionRefused, NotAllowed
from shared_apps.accounts.models import Role, User
from shared_apps.hub.boundary.common import (
    LANGUAGES,
    SNAPSHOT_FIELDS,
    city_here,
    copy_translations,
)
from shared_apps.hub.models import Adoption, GoodPractice, PracticeDigest
from tenant_apps.audit.services import audit_record
from tenant_apps.calls.guards import require_city_admin
from tenant_apps.calls.models import Call, Phase
from tenant_apps.calls.services import call_create
from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.services import notify
from tenant_apps.proposals.models import Proposal
from tenant_apps.proposals.services import proposal_create
from tenants.models import City


def _default_criteria() -> list[dict]:
    return [{"name": _("Innovation"), "weight": 40}, {"name": _("Feasibility"), "weight": 35},
            {"name": _("Sustainability"), "weight": 25}]


@transaction.atomic
def practice_adopt(*, practice: GoodPractice, by: User, target_kind: str,
                   call=None) -> Adoption:
    """Adopt a published practice into this city: a draft call, or a draft proposal in an
    open call, pre-filled with every translation the practice has."""
    city = city_here()
    require_city_admin(by)
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
        copy_translations(practice, "title", target, "title")
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
            copy_translations(practice, field, target, field)
        target.save()
        target_model = Proposal
    else:
        raise ValidationError({"target_kind": _("Adopt as a call or as a proposal.")})
    adoption = Adoption.objects.create(practice=practice, city=city, target_kind=target_kind,
                                       target_id=target.pk)
    audit_record(actor=by, action="practice.adopted", target=target,
                 after={"practice": practice.pk, "source_city": practice.source_city.slug,
                        "model": target_model._meta.label_lower})
    return adoption


def adoption_report(*, adoption: Adoption, by: User, outcome: str,
                    realised_savings_money: Decimal = Decimal(0),
                    realised_savings_hours: Decimal = Decimal(0),
                    note: str = "") -> Adoption:
    """The adopting city tells the network what came of the practice."""
    city = city_here()
    require_city_admin(by)
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
    return city_admins_notify(city=practice.source_city, kind=Kind.PRACTICE_REVIEW,
                              params={"practice": practice, "outcome": outcome,
                                      "comment": comment},
                              url=practice.get_absolute_url())


def practice_reviewed_received(sender, *, practice: GoodPractice, outcome: str,
                               comment: str = "", **kwargs) -> None:
    """Receiver of the hub's `practice_reviewed`: the review reaches the source city."""
    practice_review_tell_city(practice=practice, outcome=outcome, comment=comment)


def adopters_tell(practice: GoodPractice, change: str) -> None:
    """Every city that adopted `practice` hears that its source city updated or withdrew it."""
    for adoption in practice.adoptions.select_related("city"):
        city_admins_notify(city=adoption.city, kind=Kind.PRACTICE_ADOPTED_CHANGED,
                           params={"practice": practice, "city": practice.source_city.name,
                                   "change": change},
                           url=practice.get_absolute_url())


def practices_digest_send(*, now=None) -> int:
    """Scheduled job: at most once a day, tell this city's admins of the practices other
    cities published since their last digest, in one message, if there are any; returns how
    many practices it listed."""
    city = city_here()
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
