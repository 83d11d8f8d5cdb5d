"""How each kind of notification is written, looked up when it is read.

A notification stores its kind and plain parameters; its title and body are written from
them in the reader's language whenever they are shown (page, API, e-mail). Each app registers
the texts of its own kinds in a `notification_texts` module (found when Django starts), so
this app never imports the others.

Parameters that name translated content (a call's title, say) are stored as a reference,
`ref("call", call.pk, call.title)`: the name is looked up in the reader's language, and the
stored text stands in when the object is gone.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.utils.translation import gettext as _

from tenant_apps.notifications.models import Kind

Render = Callable[[dict[str, Any]], tuple[str, str]]
Resolve = Callable[[set], dict]

_renderers: dict[str, Render] = {}
_resolvers: dict[str, Resolve] = {}


def ref(name: str, pk: Any, text: Any = "") -> dict:
    """A parameter that names an object: looked up by `name`'s resolver at read time,
    `text` when the object is gone."""
    return {"ref": name, "id": pk, "text": str(text or "")}


def renderer(kind: str) -> Callable[[Render], Render]:
    """Register `render(params) -> (title, body)` for `kind`; it runs in the reader's
    language, with each reference in `params` already replaced by its name."""

    def register(function: Render) -> Render:
        _renderers[str(kind)] = function
        return function

    return register


def resolver(name: str) -> Callable[[Resolve], Resolve]:
    """Register `resolve(ids) -> {id: name}` for references called `name`: one query for
    all the ids of a page, run in the reader's language."""

    def register(function: Resolve) -> Resolve:
        _resolvers[name] = function
        return function

    return register


def registered_kinds() -> set[str]:
    return set(_renderers)


def _is_ref(value: Any) -> bool:
    return isinstance(value, dict) and "ref" in value and "id" in value


def _refs(params: dict) -> list[dict]:
    """The references among `params`, alone or in lists, that a resolver can name."""
    found = []
    for value in params.values():
        for item in value if isinstance(value, list) else [value]:
            if _is_ref(item) and item["ref"] in _resolvers:
                found.append(item)
    return found


def render_all(notifications: Iterable) -> list:
    """Give each notification `title` and `body` in the active language (in place).

    Costs one query per kind of reference on the page, whatever its length. Rows written
    before texts were rendered at read time (params is None) keep their stored text."""
    items = list(notifications)
    notifications = [notification for notification in items
                     if notification.params is not None
                     and not getattr(notification, "_rendered", False)]
    wanted: dict[str, set] = {}
    for notification in notifications:
        for value in _refs(notification.params):
            wanted.setdefault(value["ref"], set()).add(value["id"])
    names = {name: _resolvers[name](ids) for name, ids in wanted.items()}
    for notification in notifications:
        notification.title, notification.body = render(
            notification.kind, notification.params, names)
        notification._rendered = True
    return items


def render(kind: str, params: dict, names: dict[str, dict] | None = None) -> tuple[str, str]:
    """(title, body) of a notification of `kind` with `params`, in the active language."""
    if names is None:
        wanted: dict[str, set] = {}
        for value in _refs(params):
            wanted.setdefault(value["ref"], set()).add(value["id"])
        names = {name: _resolvers[name](ids) for name, ids in wanted.items()}

    def named(value: Any) -> Any:
        if not _is_ref(value):
            return value
        found = names.get(value["ref"], {}).get(value["id"])
        return str(found) if found else (value["text"] or _("(no longer available)"))

    resolved = {key: [named(item) for item in value] if isinstance(value, list) else named(value)
                for key, value in params.items()}
    function = _renderers.get(str(kind))
    try:
        title, body = function(resolved)  # type: ignore[misc]
    except (KeyError, TypeError, ValueError):
        # No texts for the kind any more, or parameters from an older version of them:
        # say what kind of news it is, at least.
        return str(dict(Kind.choices).get(str(kind), kind)), ""
    return str(title), str(body)
