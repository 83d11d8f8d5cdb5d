"""Texts of the notifications about evaluation, written in the reader's language when read."""

from django.utils.translation import gettext as _

from tenant_apps.evaluation.models import Decision
from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.registry import renderer


@renderer(Kind.ASSIGNMENT)
def assignment(params: dict) -> tuple[str, str]:
    if "moved_away" in params:
        return (_("“%(title)s” went to another evaluator") % {"title": params["moved_away"]},
                _("It was moved to balance the committee's load; you had not started "
                  "scoring it."))
    return (_("You have %(count)d new proposal(s) to evaluate") % {"count": params["count"]},
            _("Open your evaluation list to score them."))


@renderer(Kind.EVALUATOR_MISSING)
def evaluator_missing(params: dict) -> tuple[str, str]:
    return (_("“%(title)s” lacks an evaluator") % {"title": params["proposal"]},
            _("An evaluator declared a conflict of interest and no other committee member "
              "can take the proposal over. Add a member to the committee of “%(call)s” or "
              "assign one by hand.") % {"call": params["call"]})


@renderer(Kind.DECISION)
def decision(params: dict) -> tuple[str, str]:
    return (_("Decision on “%(title)s”: %(outcome)s") % {
                "title": params["proposal"],
                "outcome": Decision.Outcome(params["outcome"]).label.lower()},
            _("The committee's reason: %(reason)s") % {"reason": params["reason"]})
