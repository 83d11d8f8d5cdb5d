"""Reads on calls."""

from django.db.models import Count, Prefetch, Q, QuerySet

from tenant_apps.calls.models import Call, Criterion, Phase, Theme
from tenant_apps.proposals.models import PUBLIC_STATUSES


def calls_list(*, include_drafts: bool = False) -> QuerySet[Call]:
    """Calls with their proposal counts; drafts only for city admins."""
    calls = Call.objects.prefetch_related("themes").annotate(
        proposal_count=Count("proposals", filter=Q(proposals__status__in=PUBLIC_STATUSES),
                             distinct=True)
    )
    if not include_drafts:
        calls = calls.exclude(phase=Phase.DRAFT)
    return calls.order_by("-submission_starts", "-id")


def calls_open() -> QuerySet[Call]:
    return calls_list().filter(phase=Phase.SUBMISSION)


def call_detail(*, pk: int, include_drafts: bool = False) -> Call:
    return (
        calls_list(include_drafts=include_drafts)
        .prefetch_related(Prefetch("criteria", queryset=Criterion.objects.order_by("position")),
                          "transitions__by")
        .get(pk=pk)
    )


def themes_list() -> QuerySet[Theme]:
    return Theme.objects.order_by("name")
