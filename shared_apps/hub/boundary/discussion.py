"""A practice's discussion, between the hub and the cities: coordinators write on the hub,
city admins on their own city's site; each side is told in its own schema (city admins in
the app, coordinators by e-mail, since the hub has no in-app notifications)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context, tenant_context

from innovato.errors import ActionRefused, NotAllowed
from shared_apps.accounts.models import Role, User
from shared_apps.branding.email import mail_send
from shared_apps.hub.boundary.common import city_here
from shared_apps.hub.boundary.to_city import city_admins_notify
from shared_apps.hub.models import GoodPractice, PracticeMessage
from tenant_apps.calls.guards import require_city_admin
from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.registry import render
from tenant_apps.notifications.services import notify, plain_params
from tenants.models import City
from tenants.selectors import site_url


def practice_message_post(*, practice: GoodPractice, by: User, body: str,
                          reply_to: PracticeMessage | None = None) -> PracticeMessage:
    """Write in `practice`'s discussion: a coordinator on the hub, or a city admin on their
    city's site. The source city's admins are told of every message from outside the city,
    the author of the message answered is told of the answer, and coordinators get an
    e-mail for each new question from a city."""
    on_hub = connection.tenant is None or getattr(connection.tenant, "is_hub", True)
    city = None if on_hub else city_here()
    if on_hub and not by.has_role(Role.COORDINATOR):
        raise NotAllowed(_("Only a network coordinator can do this."))
    if not on_hub:
        require_city_admin(by)
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
    hub = City.hub()
    hub_url = site_url(hub)
    link = hub_url + url
    transaction.on_commit(lambda: [
        mail_send(subject=title, text=f"{body}\n\n{link}", to=[address], base_url=hub_url,
                  sender=hub, fail_silently=True)
        for title, body, address in emails])
