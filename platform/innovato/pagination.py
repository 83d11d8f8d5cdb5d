"""The API's pages: fifty rows, numbered, as DRF's PageNumberPagination gives them."""

from django.core.paginator import Paginator
from rest_framework.pagination import PageNumberPagination


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
