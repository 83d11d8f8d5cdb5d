"""Links to one object among many (a row of a list), without a full `reverse()` each."""

import functools

from django.urls import get_script_prefix, get_urlconf, reverse

# Stands for the object's id while the address is reversed once; no real id reaches it.
_PLACEHOLDER = 987654321987654321


@functools.lru_cache(maxsize=512)
def _around_id(viewname: str, leading: tuple, urlconf: str | None,
               script_prefix: str) -> tuple[str, str]:
    url = reverse(viewname, urlconf=urlconf, args=[*leading, _PLACEHOLDER])
    head, found, tail = url.rpartition(str(_PLACEHOLDER))
    if not found:
        raise ValueError(f"{viewname} does not end its address with the object's id")
    return head, tail


def url_with_id(viewname: str, object_id: int, *leading: object) -> str:
    """`reverse(viewname, args=[*leading, object_id])`, for a view whose last argument is an
    integer id: Django's `reverse()` costs about 25 µs a call, a list of forty rows calls it
    eighty times, and here a view's address is reversed once per URL conf."""
    head, tail = _around_id(viewname, leading, get_urlconf(), get_script_prefix())
    return f"{head}{int(object_id)}{tail}"
