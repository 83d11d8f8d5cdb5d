"""Pages of lists: the API's (fifty rows, numbered, as DRF's PageNumberPagination gives
them) and a paginator for pages whose list is counted with its rows."""

from django.core.paginator import Paginator
from django.db.models import Count, Window
from rest_framework.pagination import PageNumberPagination

# The name under which a page's rows carry the count of the whole list.
_LIST_TOTAL = "list_total_rows"


class FirstPageCountingPaginator(Paginator):
    """Django's paginator, except that a first page shorter than a full page gives the
    count itself: most lists fit on one page, and the COUNT query then costs as much as
    reading the rows."""

    def page(self, number):
        if str(number) != "1" or "count" in self.__dict__:
            return super().page(number)
        rows = list(self.object_list[:self.per_page])
        if len(rows) < self.per_page:
            self.count = len(rows)  # `count` is a cached property: this is its value
        return self._get_page(rows, 1, self)


class Pagination(PageNumberPagination):
    django_paginator_class = FirstPageCountingPaginator


class CountedWithRowsPaginator(Paginator):
    """Django's paginator, except that `get_page` reads the list's count in the query of
    the page's rows (a window count over the whole list), not in a COUNT query before
    them. A page past the end (or a list with no row) is counted apart, as by Django, to
    show the last page.

    For a queryset with a row per object (no aggregation, no DISTINCT), without orphans.
    """

    def get_page(self, number):
        if "count" in self.__dict__ or self.orphans:
            return super().get_page(number)
        try:
            wanted = int(number)
        except (TypeError, ValueError):
            wanted = 1  # as Django: anything but a page number is the first page
        if wanted < 1:
            return super().get_page(number)
        bottom = (wanted - 1) * self.per_page
        rows = list(self.object_list.annotate(**{_LIST_TOTAL: Window(Count("pk"))})
                    [bottom:bottom + self.per_page])
        if not rows:
            return super().get_page(number)
        self.count = getattr(rows[0], _LIST_TOTAL)  # `count` is a cached property
        return self._get_page(rows, wanted, self)
