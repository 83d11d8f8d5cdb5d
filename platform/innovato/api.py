"""API conventions shared by every app: JSON errors with a human message, numeric ids in
paths, object bodies."""

from datetime import UTC

from csp.decorators import csp_update
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework import exceptions, serializers
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.serializers import as_serializer_error
from rest_framework.views import exception_handler as drf_exception_handler

from innovato.errors import ActionRefused


class HostSchemaView(SpectacularAPIView):
    """OpenAPI for the host's own URL conf: the hub and the cities have different APIs."""

    def initial(self, request, *args, **kwargs) -> None:
        super().initial(request, *args, **kwargs)
        self.urlconf = getattr(request, "urlconf", None)


# Swagger UI's stylesheet draws its icons as data: images.
@method_decorator(csp_update({"img-src": ["data:"]}), name="dispatch")
class ApiDocsView(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up code served as a file (`?script`) and its page styles in
    a stylesheet, so it runs under the site's policy, which allows no inline code."""

    template_name = "api/swagger_ui.html"


class ApiRouter(DefaultRouter):
    """Ids in paths are whole numbers: `/calls/abc/` is not found (404), as an unknown id
    is, instead of reaching a query that cannot take it."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, trailing_slash=True, **kwargs)
        self.include_root_view = False

    def get_lookup_regex(self, viewset, lookup_prefix: str = "") -> str:
        lookup_field = getattr(viewset, "lookup_field", "pk")
        if lookup_field in ("pk", "id") and not hasattr(viewset, "lookup_value_regex"):
            kwarg = getattr(viewset, "lookup_url_kwarg", None) or lookup_field
            return f"(?P<{lookup_prefix}{kwarg}>[0-9]+)"
        return super().get_lookup_regex(viewset, lookup_prefix)


class CheckedDateTimeFilter(filters.IsoDateTimeFilter):
    """An ISO date and time the database can compare: offsets beyond ±14 hours (no place on
    Earth has one) and moments outside years 1–9999 once in UTC are a 400, not an error."""

    def filter(self, qs, value):
        if value is not None:
            offset = value.utcoffset()
            try:
                too_far = offset is not None and abs(offset.total_seconds()) > 14 * 3600
                if not too_far and offset is not None:
                    value.astimezone(UTC)
            except OverflowError:
                too_far = True
            if too_far:
                raise exceptions.ValidationError({self.field_name: [
                    _("Enter a date and time between the years 1 and 9999, with a time zone "
                      "offset of at most 14 hours.")]})
        return super().filter(qs, value)


@extend_schema_field({"type": "object", "additionalProperties": {
    "type": "object", "additionalProperties": {"type": "string"}}})
class TranslationsField(serializers.Field):
    """All translations of a model's translated fields: {"title": {"en": …, "ro": …}}.

    The plain field next to it holds the value in the request's language (with fallback).
    """

    def __init__(self, **kwargs) -> None:
        kwargs["source"] = "*"
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, instance) -> dict:
        from modeltranslation.translator import NotRegistered, translator

        try:
            fields = translator.get_options_for_model(type(instance)).get_field_names()
        except NotRegistered:
            return {}
        languages = [code for code, _name in settings.LANGUAGES]
        return {
            field: {code: value for code in languages
                    if (value := getattr(instance, f"{field}_{code}", None))}
            for field in fields
        }


def for_schema_generation(view) -> bool:
    """True while drf-spectacular inspects a view with no real request user."""
    return getattr(view, "swagger_fake_view", False)


def wait_message(seconds: int) -> str:
    """'Try again in N minutes/seconds.', in the request's language."""
    if seconds >= 60:
        minutes = -(-seconds // 60)
        return ngettext("Try again in %(count)d minute.", "Try again in %(count)d minutes.",
                        minutes) % {"count": minutes}
    return ngettext("Try again in %(count)d second.", "Try again in %(count)d seconds.",
                    seconds) % {"count": seconds}


def throttled(*, wait: int, detail: str) -> exceptions.Throttled:
    """A 429 whose message is `detail` alone (it says when to come back) and whose
    Retry-After header is `wait`; DRF's own would append an English sentence to it."""
    refusal = exceptions.Throttled(detail=detail)
    refusal.wait = wait
    return refusal


def _in_one_language(exc: exceptions.Throttled) -> None:
    """DRF appends 'Expected available in N seconds.' after formatting it, so no catalog
    ever matches and the tail stays English; put a translated one in its place."""
    if exc.wait is None:
        return
    detail = str(exc.detail)
    for tail in {
        ngettext(exc.extra_detail_singular.format(wait=exc.wait),
                 exc.extra_detail_plural.format(wait=exc.wait), exc.wait),
        (exc.extra_detail_singular if exc.wait == 1 else exc.extra_detail_plural).format(
            wait=exc.wait),
    }:
        if detail.endswith(" " + tail):
            head = detail[: -len(tail) - 1]
            if head == str(exc.default_detail):
                head = _("Too many requests.")
            exc.detail = exceptions.ErrorDetail(f"{head} {wait_message(exc.wait)}",
                                                code=getattr(exc.detail, "code", "throttled"))
            return


def exception_handler(exc, context):
    """DRF's handler, plus Django validation errors, always answering
    `{"detail": message, "code": code}` and, for invalid input, `"errors"` per field."""
    if isinstance(exc, ActionRefused):
        return Response({"detail": exc.message, "code": exc.code}, status=exc.status_code)
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(as_serializer_error(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, exceptions.Throttled):
        _in_one_language(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        response.data = {
            "detail": _("Some of the data sent is not valid."),
            "code": "invalid",
            "errors": response.data,
        }
    elif isinstance(response.data, dict) and "detail" in response.data:
        detail = response.data["detail"]
        response.data = {"detail": str(detail), "code": getattr(detail, "code", "error")}
    return response
