"""Texts of the notifications about calls, written in the reader's language when read."""

from django.utils.translation import gettext as _

from tenant_apps.calls.models import Call, Phase
from tenant_apps.notifications.models import Kind
from tenant_apps.notifications.registry import renderer, resolver


@resolver("calls.call")
def call_titles(ids: set) -> dict:
    return {call.pk: call.title for call in Call.objects.filter(pk__in=ids)}


@renderer(Kind.PHASE_CHANGED)
@renderer(Kind.RESULTS)
def phase_changed(params: dict) -> tuple[str, str]:
    values = {"call": params["call"], "phase": Phase(params["phase"]).label.lower()}
    return (_("“%(call)s” is now in the %(phase)s phase") % values,
            _("The call “%(call)s” moved to the %(phase)s phase.") % values)
