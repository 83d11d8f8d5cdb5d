"""The personal data the hub keeps on its own staff, network coordinators and partner admins
(see innovato.personal_data): what they wrote in practices' discussions and translations,
the events they created, what they did to cities. Found at start-up by the privacy app,
which runs it in the hub's schema; a city person's name on the hub is the boundary's
(shared_apps.hub.boundary.personal_data).

Staff are told about their requests by e-mail: the hub has no notification centre.
"""

from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from innovato.personal_data import HUB, Erasure, PersonalDataSource, personal_data_source_add
from shared_apps.accounts.selectors import user_language
from shared_apps.branding.email import mail_send
from shared_apps.hub.models import NetworkEvent, PracticeMessage, PracticeTranslation
from tenant_apps.privacy.messages import personal_data_message
from tenants.models import CityRecord, ProvisioningJob
from tenants.selectors import site_url


def _when(value) -> str | None:
    return value.isoformat() if value else None


def staff_export(user) -> dict:
    return {
        "practice_messages": [
            {"practice": message.practice_id, "body": message.body,
             "created": _when(message.created_at)}
            for message in PracticeMessage.objects.filter(author_city__isnull=True,
                                                          author_user_id=user.pk)],
        "practice_translations": [
            {"practice": row.practice_id, "language": row.language, "fields": row.fields,
             "created": _when(row.created_at)}
            for row in PracticeTranslation.objects.filter(city__isnull=True,
                                                          by_user_id=user.pk)],
        "events": [{"title": event.title, "starts": _when(event.starts_at),
                    "created": _when(event.created_at)}
                   for event in NetworkEvent.objects.filter(created_by=user)],
        "city_records": [{"city": record.city_slug, "action": record.action,
                          "at": _when(record.at), "note": record.note}
                         for record in CityRecord.objects.filter(by=user)],
        "onboardings": [{"city": job.city.slug, "requested": _when(job.created_at)}
                        for job in ProvisioningJob.objects.filter(
                            requested_by=user).select_related("city")],
    }


def staff_erase(erasure: Erasure) -> int:
    """The names copied beside the person's work take the pseudonym; the work stays (the
    sweep of the hub's texts then replaces mentions of them elsewhere)."""
    pk, pseudonym = erasure.user.pk, erasure.pseudonym
    return (PracticeMessage.objects.filter(author_city__isnull=True, author_user_id=pk)
            .update(author_name=pseudonym[:200])
            + PracticeTranslation.objects.filter(city__isnull=True, by_user_id=pk)
            .update(by_name=pseudonym[:200])
            + CityRecord.objects.filter(by_id=pk).update(by_name=pseudonym[:150]))


def staff_email(*, recipients, params: dict, url: str) -> None:
    """Tell hub staff of their personal data requests by e-mail, each in their language,
    once the change is saved."""
    base = site_url(connection.tenant)
    for user in recipients:
        if not user.email:
            continue
        with translation.override(user_language(user)):
            subject, body = personal_data_message(params)
        transaction.on_commit(
            lambda subject=subject, text=f"{body}\n\n{base}{url}", to=user.email: mail_send(
                subject=subject, text=text, to=[to], base_url=base))


personal_data_source_add(PersonalDataSource(
    key="hub.staff", label=_("Work on the network hub"),
    purpose=_("To show who discussed, translated and announced practices and events, and "
              "who onboarded, suspended or exported cities."),
    retention=_("As long as the practice, event or city record exists; after an erasure, "
                "under the pseudonym."),
    fields=("name on discussion messages, translations and city records",
            "events created", "onboardings requested"),
    export=staff_export, erase=staff_erase, order=900, where=HUB))
