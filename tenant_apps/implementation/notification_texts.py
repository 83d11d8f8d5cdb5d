"""Texts of the notifications about implementation, written in the reader's language when
read."""

from datetime import date

from django.utils.translation import gettext as _

from innovato import formatting
from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.registry import renderer


@renderer(Kind.MILESTONE_OVERDUE)
def milestone_overdue(params: dict) -> tuple[str, str]:
    due_on = formatting.date(date.fromisoformat(params["due_on"]))
    return (_("Milestone overdue: “%(milestone)s”") % {"milestone": params["milestone"]},
            _("The milestone “%(milestone)s” of “%(title)s” was due on %(date)s and is "
              "not done yet.") % {"milestone": params["milestone"], "title": params["proposal"],
                                  "date": due_on})
