"""Counts of related rows, per row of a list."""

from django.db.models import Count, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce


def count_of(related: QuerySet, *, to: str) -> Coalesce:
    """How many `related` rows point at each row of the outer query through their field `to`,
    as a correlated subquery: computed only for the rows a page returns, free of the row
    multiplication of joined counts, and leaving a COUNT of the outer rows (a pager's) to
    read those rows alone."""
    counts = (related.filter(**{to: OuterRef("pk")}).order_by().values(to)
              .annotate(n=Count("*")).values("n"))
    return Coalesce(Subquery(counts, output_field=IntegerField()), 0)
