"""What the pages of one side read of the other: the hub's practice pages on a city's site
read the city's calls and proposals; a city's home page reads the network's events and
featured practices."""

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from shared_apps.hub.models import GoodPractice, NetworkEvent
from shared_apps.hub.selectors import events_upcoming
from tenant_apps.calls.models import Call
from tenant_apps.calls.selectors import calls_open
from tenant_apps.proposals.models import Proposal

# --- A city's, for the hub's pages on its site -------------------------------------------


def city_calls_open() -> list[Call]:
    """The city's calls open for proposals (to adopt a practice into)."""
    return list(calls_open())


def city_call_find(pk) -> Call | None:
    """The city's call `pk`, or None."""
    return Call.objects.filter(pk=pk or 0).first()


def city_call_get(pk) -> Call:
    """The city's call `pk`, or a 404."""
    return get_object_or_404(Call, pk=pk)


def city_proposal_get(pk) -> Proposal:
    """The city's proposal `pk`, or a 404."""
    return get_object_or_404(Proposal, pk=pk)


# --- The network's, for a city's pages -----------------------------------------------------


def network_events_upcoming() -> QuerySet[NetworkEvent]:
    """The network's coming events, soonest first: what a city's home page shows of them."""
    return events_upcoming().only("title", "kind", "starts_at", "language", "location", "link")


def network_practices_featured() -> QuerySet[GoodPractice]:
    """The published practices the coordinators feature: titles and source cities (a
    city's home page lists them, with neither counts nor savings)."""
    return (GoodPractice.objects.filter(status=GoodPractice.Status.PUBLISHED, featured=True)
            .select_related("source_city").only("title", "source_city", "source_city__name"))
