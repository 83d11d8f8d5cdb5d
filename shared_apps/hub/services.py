"""Writes on the hub: curation of good practices, collections and network events. What a
city must hear of (a review) is announced with a signal the boundary listens to."""

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from innovato.errors import ActionRefused, NotAllowed
from shared_apps.accounts.models import Role, User
from shared_apps.hub.models import Collection, GoodPractice, NetworkEvent, PracticeTranslation
from shared_apps.hub.signals import practice_reviewed
from tenants.models import City

# The texts of a practice anyone may translate; the theme follows the source city's themes.
TRANSLATED_FIELDS = ("title", "summary", "problem", "solution", "mvp_plan", "results")


def _require_coordinator(user: User) -> None:
    if not user.has_role(Role.COORDINATOR):
        raise NotAllowed(_("Only a network coordinator can do this."))


def _reviewable(practice: GoodPractice) -> None:
    if practice.status == GoodPractice.Status.WITHDRAWN:
        raise ActionRefused(_("The city has withdrawn this practice."), code="withdrawn")


def practice_publish(*, practice: GoodPractice, by: User) -> GoodPractice:
    _require_coordinator(by)
    _reviewable(practice)
    newly = practice.status != GoodPractice.Status.PUBLISHED
    practice.status = GoodPractice.Status.PUBLISHED
    practice.review_comment = ""
    practice.published_at = practice.published_at or timezone.now()
    practice.save(update_fields=["status", "review_comment", "published_at", "updated_at"])
    if newly:
        practice_reviewed.send(sender=GoodPractice, practice=practice, outcome="published",
                               comment="")
    return practice


def practice_request_changes(*, practice: GoodPractice, by: User,
                             comment: str) -> GoodPractice:
    """Send a practice back to its city with a comment; it is hidden until published."""
    _require_coordinator(by)
    _reviewable(practice)
    if not comment.strip():
        raise ValidationError({"comment": _("Tell the city what to change.")})
    practice.status = GoodPractice.Status.CHANGES_REQUESTED
    practice.review_comment = comment.strip()
    practice.featured = False
    practice.save(update_fields=["status", "review_comment", "featured", "updated_at"])
    practice_reviewed.send(sender=GoodPractice, practice=practice, outcome="changes",
                           comment=practice.review_comment)
    return practice


def practice_feature(*, practice: GoodPractice, by: User, featured: bool) -> GoodPractice:
    _require_coordinator(by)
    if featured and practice.status != GoodPractice.Status.PUBLISHED:
        raise ActionRefused(_("Only published practices can be featured."),
                            code="unpublished")
    practice.featured = featured
    practice.save(update_fields=["featured", "updated_at"])
    return practice


def practice_tag(*, practice: GoodPractice, by: User, tags: list[str]) -> GoodPractice:
    _require_coordinator(by)
    practice.tags = sorted({tag.strip().lower() for tag in tags if tag.strip()})[:20]
    practice.save(update_fields=["tags", "updated_at"])
    return practice


@transaction.atomic
def practice_translation_save(*, practice: GoodPractice, by: User, language: str,
                              texts: dict[str, str], city: City | None = None,
                              ) -> PracticeTranslation:
    """Add or fix the text of a practice in one language of the network. Blank fields keep
    their text; the change is recorded with who made it, from which city (None: the hub)
    and when. Who may do it is checked by the caller: coordinators here, city admins in
    shared_apps.hub.boundary."""
    _reviewable(practice)
    network = [code for code, _name in settings.LANGUAGES]
    if language not in network:
        raise ValidationError({"language": _("Choose one of the network's languages.")})
    changed = {field: str(texts[field]).strip() for field in TRANSLATED_FIELDS
               if str(texts.get(field) or "").strip()}
    if not changed:
        raise ValidationError({"title": _("Write at least one text of the translation.")})
    practice = GoodPractice.objects.select_for_update().get(pk=practice.pk)
    for field, text in changed.items():
        setattr(practice, f"{field}_{language}", text)
    practice.full_clean(exclude=["source_city"])
    practice.save(update_fields=[f"{field}_{language}" for field in changed] + ["updated_at"])
    return PracticeTranslation.objects.create(
        practice=practice, language=language, fields=sorted(changed), city=city,
        by_user_id=by.pk, by_name=by.display_name)


def practice_translate(*, practice: GoodPractice, by: User, language: str,
                       texts: dict[str, str]) -> PracticeTranslation:
    """A coordinator adds or fixes a translation on the hub."""
    _require_coordinator(by)
    return practice_translation_save(practice=practice, by=by, language=language, texts=texts)


@transaction.atomic
def collection_save(*, by: User, name: str, description: str = "",
                    practices: list[GoodPractice] = (), collection: Collection | None = None,
                    ) -> Collection:
    _require_coordinator(by)
    if not name.strip():
        raise ValidationError({"name": _("Give the collection a name.")})
    collection = collection or Collection()
    collection.name, collection.description = name.strip(), description.strip()
    collection.save()
    collection.practices.set(practices)
    return collection


# The years a network event may be set in.
EVENT_YEARS = (2000, 2100)


def event_save(*, by: User, title: str, starts_at: datetime, language: str,
               description: str = "", kind: str = NetworkEvent.Kind.WEBINAR,
               ends_at: datetime | None = None, link: str = "", location: str = "",
               event: NetworkEvent | None = None) -> NetworkEvent:
    """Announce (or change) a webinar or meeting for every city of the network."""
    _require_coordinator(by)
    event = event or NetworkEvent(created_by=by)
    event.title, event.description, event.kind = title, description, kind
    event.starts_at, event.ends_at, event.language = starts_at, ends_at, language
    event.link, event.location = link, location
    for field, moment in (("starts_at", starts_at), ("ends_at", ends_at)):
        # A typo such as 0279 would otherwise be announced to every city, in a time zone
        # that had no standard offset then.
        if moment is not None and not EVENT_YEARS[0] <= moment.year <= EVENT_YEARS[1]:
            raise ValidationError({field: _("Choose a date between %(first)s and %(last)s.")
                                   % {"first": EVENT_YEARS[0], "last": EVENT_YEARS[1]}})
    if ends_at is not None and ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must come after the start.")})
    event.full_clean()
    event.save()
    return event


def event_delete(*, event: NetworkEvent, by: User) -> None:
    _require_coordinator(by)
    event.delete()
