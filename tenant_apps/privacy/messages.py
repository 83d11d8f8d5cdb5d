"""What people are told about their personal data requests, and how it reaches them.

The texts live here, in the reader's language. The delivery depends on where the person
is: a city's notification centre (registered by tenant_apps.notifications), an e-mail on
the hub, which has none (registered by shared_apps.hub). The privacy app is installed in
both kinds of schema, so it imports neither and each registers its messenger from its
AppConfig.ready with `messenger_set`.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innovato.personal_data import schema_kind

# messenger(recipients=[User], params={...}, url="/privacy/") for CITY and HUB schemas.
Messenger = Callable[..., Any]
MESSENGERS: dict[str, Messenger] = {}


def messenger_set(where: str, messenger: Messenger) -> None:
    """Deliver what the privacy app tells the people of `where` (CITY or HUB) through
    `messenger`; setting it again replaces it."""
    MESSENGERS[where] = messenger


def people_tell(*, recipients: Iterable, params: dict, url: str) -> None:
    """Tell `recipients` (active accounts of the current schema) of `params["event"]`."""
    messenger = MESSENGERS.get(schema_kind())
    recipients = [user for user in recipients if user.is_active]
    if messenger is not None and recipients:
        messenger(recipients=recipients, params=params, url=url)


def personal_data_message(params: dict) -> tuple[str, str]:
    """The title and body telling of `params["event"]`, in the active language."""
    event = params.get("event")
    if event == "copy_ready":
        days = int(params.get("days") or 7)
        return (_("Your copy of your personal data is ready"),
                ngettext("Download it from your personal data page within %(days)d day.",
                         "Download it from your personal data page within %(days)d days.",
                         days) % {"days": days})
    if event == "erasure_requested":
        return (_("Someone asks for their account to be erased"),
                _("Confirm or refuse the request on the data protection page."))
    if event == "erasure_refused":
        return (_("Your request to be erased was refused"),
                _("Reason: %(reason)s") % {"reason": params.get("reason", "")})
    return (_("Your personal data"), "")
