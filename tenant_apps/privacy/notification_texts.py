"""Texts of the notifications about a person's personal data, in the reader's language."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.registry import renderer


@renderer(Kind.PERSONAL_DATA)
def personal_data(params: dict) -> tuple[str, str]:
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
