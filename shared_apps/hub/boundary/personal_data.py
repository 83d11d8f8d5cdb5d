"""City → hub, for personal data: the hub's copies of a city person's name (good practices'
named authors, practice discussions and translations) in that person's copy of their data,
and erased with them; and hub → city, the cities' notifications naming a coordinator, who
asked a question on a city's practice, erased with them. Registered in
innovato.personal_data by `connect`; each runs in its person's schema (their city's, or
the hub's)."""

from django.conf import settings
from django.db import connection
from django.utils.translation import gettext_lazy as _
from django_tenants.utils import schema_context, tenant_context

from innovato.personal_data import HUB, Erasure, PersonalDataSource, text_columns_scrub
from shared_apps.hub.boundary.common import city_here
from shared_apps.hub.models import GoodPractice, PracticeMessage, PracticeTranslation
from tenant_apps.notifications.models import Kind, Notification
from tenants.models import City


def _names_of(user) -> set[str]:
    return {name for name in (user.get_full_name(), user.username, user.display_name) if name}


def hub_copies_export(user) -> dict:
    city = city_here()
    names = _names_of(user)
    return {
        "practices_naming_you": [
            {"practice": practice.pk, "title": practice.title}
            for practice in GoodPractice.objects.filter(source_city=city,
                                                        author_names__overlap=list(names))],
        "practice_messages": [
            {"practice": message.practice_id, "body": message.body,
             "created": message.created_at.isoformat()}
            for message in PracticeMessage.objects.filter(author_city=city,
                                                          author_user_id=user.pk)],
        "practice_translations": [
            {"practice": row.practice_id, "language": row.language, "fields": row.fields,
             "created": row.created_at.isoformat()}
            for row in PracticeTranslation.objects.filter(city=city, by_user_id=user.pk)],
    }


def hub_copies_erase(erasure: Erasure) -> int:
    """The person's name leaves the hub: named authors are dropped from the city's
    practices, discussion messages and translations carry the pseudonym, mentions in the
    texts of the city's practices (and of discussions on them) and in the hub's records of
    the city (its onboarding names its first admin) are replaced, and the notifications
    other cities received of the person's questions name them no more."""
    city = city_here()
    user = erasure.user
    names = _names_of(user) | set(erasure.identifiers)
    folded = {name.casefold() for name in names}
    changed = 0
    for practice in GoodPractice.objects.select_for_update().filter(
            source_city=city, author_names__overlap=list(names)):
        practice.author_names = [name for name in practice.author_names
                                 if name.casefold() not in folded]
        practice.save(update_fields=["author_names", "updated_at"])
        changed += 1
    changed += PracticeTranslation.objects.filter(city=city, by_user_id=user.pk).update(
        by_name=erasure.pseudonym[:200])
    messages = PracticeMessage.objects.filter(author_city=city, author_user_id=user.pk)
    old_names = set(messages.values_list("author_name", flat=True))
    changed += messages.update(author_name=erasure.pseudonym[:200])
    own = f"SELECT id FROM hub_goodpractice WHERE source_city_id = {int(city.pk)}"  # noqa: S608
    with schema_context(settings.PUBLIC_SCHEMA_NAME):
        changed += text_columns_scrub(identifiers=erasure.identifiers,
                                      replacement=erasure.pseudonym, tables={
            "hub_goodpractice": f"source_city_id = {int(city.pk)}",
            "hub_practicetranslation": f"city_id = {int(city.pk)}",
            "hub_practicemessage": f"author_city_id = {int(city.pk)} OR practice_id IN ({own})",
            "hub_adoption": f"city_id = {int(city.pk)} OR practice_id IN ({own})",
            # The hub's records of the city's onboarding name its first admin.
            "tenants_provisioningjob": f"city_id = {int(city.pk)}",
            "tenants_cityrecord": f"city_id = {int(city.pk)}",
        })
    if old_names:
        changed += _other_cities_notifications_rename(city, old_names, erasure.pseudonym)
    return changed


def _other_cities_notifications_rename(city: City | None, old_names: set[str],
                                       pseudonym: str) -> int:
    """Notifications of the person's practice questions and answers, in other cities
    (in every city for a coordinator, `city` None, whose messages name no city)."""
    changed = 0
    here = connection.tenant
    others = City.objects.filter(status=City.Status.ACTIVE).exclude(
        schema_name=settings.PUBLIC_SCHEMA_NAME)
    if city is not None:
        others = others.exclude(pk=city.pk)
    try:
        for other in others:
            with tenant_context(other):
                for notification in Notification.objects.filter(
                        kind=Kind.PRACTICE_DISCUSSION, params__city=city.name if city else "",
                        params__name__in=list(old_names)):
                    notification.params = {**notification.params, "name": pseudonym}
                    notification.save(update_fields=["params"])
                    changed += 1
    finally:
        connection.set_tenant(here)
    return changed


hub_copies = PersonalDataSource(
    key="hub.copies", label=_("Copies on the network hub"),
    purpose=_("To credit authors of good practices shared with the network (only with "
              "their consent) and to let city admins discuss practices across cities."),
    retention=_("As long as the practice is shared; the name leaves the hub when consent "
                "is withdrawn or the person is erased."),
    fields=("author name on a practice", "name on discussion messages and translations"),
    export=hub_copies_export, erase=hub_copies_erase, order=900)


def staff_copies_erase(erasure: Erasure) -> int:
    """A coordinator's name leaves the cities' notifications of their practice questions
    and answers (run in the hub's schema, before the hub's own staff data takes the
    pseudonym)."""
    names = _names_of(erasure.user) | set(PracticeMessage.objects.filter(
        author_city__isnull=True, author_user_id=erasure.user.pk).values_list(
        "author_name", flat=True))
    return _other_cities_notifications_rename(None, names, erasure.pseudonym)


staff_copies = PersonalDataSource(
    key="hub.staff_in_cities", label=_("Notifications in the cities"),
    purpose=_("To tell a city's admins of a coordinator's question or answer on their "
              "practice."),
    retention=_("As long as the city keeps its notifications; the name goes when the "
                "coordinator is erased."),
    fields=("coordinator's name in a city's notification",),
    erase=staff_copies_erase, order=890, where=HUB)
