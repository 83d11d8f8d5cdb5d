"""Parser, renderer, metadata and filter classes named in REST_FRAMEWORK's settings. They
live apart from innovato.api, which imports DRF modules that read those settings while
loading."""

import base64
import hashlib
import re
from pathlib import Path

import orjson
import rest_framework
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework import exceptions
from rest_framework.metadata import SimpleMetadata
from rest_framework.parsers import JSONParser
from rest_framework.renderers import BrowsableAPIRenderer
from rest_framework.renderers import JSONRenderer as DrfJSONRenderer
from rest_framework.request import clone_request


class ObjectJSONParser(JSONParser):
    """Every body the API takes is a JSON object: an array or a bare value is refused with
    a 400 here, before any view reads fields from it."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise exceptions.ParseError(_("The body must be a JSON object ({…})."))
        return data


class JSONRenderer(DrfJSONRenderer):
    """DRF's JSON, written by orjson: the same answer in a fifth of the time (the JSON of a
    page of proposals cost as much as a whole bare API answer). orjson writes what JSON has
    (strings, numbers, lists, objects); every other value (decimals, moments, lazy
    translations…) goes through DRF's encoder, as before. Left to DRF whole: an indented
    answer (`Accept: application/json; indent=4`) and one holding an integer beyond 64
    bits, which orjson refuses. A float that is not a number is written null, where DRF
    would fail the request."""

    _OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
    # Escaped as DRF does, so that an answer stays a subset of JavaScript.
    _LINE_SEPARATORS = {"\u2028".encode(): rb"\u2028", "\u2029".encode(): rb"\u2029"}

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if data is None or self.get_indent(accepted_media_type, renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            written = orjson.dumps(data, default=self.encoder_class().default,
                                   option=self._OPTIONS)
        except orjson.JSONEncodeError:
            return super().render(data, accepted_media_type, renderer_context)
        for separator, escaped in self._LINE_SEPARATORS.items():
            if separator in written:
                written = written.replace(separator, escaped)
        return written


class ApiMetadata(SimpleMetadata):
    """OPTIONS for every endpoint, including a PUT on an action without an id (a person's
    preferences), where DRF's own would look up an object that the path does not name."""

    def determine_actions(self, request, view) -> dict:
        lookup = getattr(view, "lookup_url_kwarg", None) or getattr(view, "lookup_field", "pk")
        actions = {}
        for method in {"PUT", "POST"} & set(view.allowed_methods):
            view.request = clone_request(request, method)
            try:
                view.check_permissions(view.request)
                if method == "PUT" and lookup in view.kwargs:
                    view.get_object()
            except (exceptions.APIException, PermissionDenied, Http404):
                pass
            else:
                actions[method] = self.get_serializer_info(view.get_serializer())
            finally:
                view.request = request
        return actions


def _style_attribute_hashes(folder: Path) -> list[str]:
    """CSP hashes of every fixed style attribute value in the templates under `folder`."""
    values = {value for path in folder.rglob("*.html")
              for value in re.findall(r'\sstyle\s*=\s*"([^"{}]*)"', path.read_text())}
    digests = (base64.b64encode(hashlib.sha256(value.encode()).digest()).decode()
               for value in values)
    return sorted(f"'sha256-{digest}'" for digest in digests)


class BrowsableApi(BrowsableAPIRenderer):
    """DRF's HTML pages under the site's Content-Security-Policy: without their inline
    style element (Pygments colours for highlighted descriptions, never highlighted here:
    Markdown is not installed) and with DRF's own fixed style attributes allowed by hash, so
    its layout stays; no other inline style is allowed on them."""

    style_attribute_hashes = _style_attribute_hashes(
        Path(rest_framework.__file__).parent / "templates" / "rest_framework")

    def get_context(self, data, accepted_media_type, renderer_context):
        context = super().get_context(data, accepted_media_type, renderer_context)
        context["code_style"] = None
        return context

    def render(self, data, accepted_media_type=None, renderer_context=None):
        response = (renderer_context or {}).get("response")
        if response is not None:
            response._csp_update = {
                "style-src-attr": ["'unsafe-hashes'", *self.style_attribute_hashes]}
        return super().render(data, accepted_media_type, renderer_context)


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, except that a request naming none of the view's filters gets
    the list as it is, without the filter form: given no value, every filter lets every row
    through anyway, and building and validating the form cost as much as ten rows of the
    proposals list."""

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        if filterset_class is not None and not _filters_asked(filterset_class,
                                                              request.query_params):
            return queryset
        return super().filter_queryset(request, queryset, view)


def _filters_asked(filterset_class, params) -> bool:
    """Whether `params` name a filter of `filterset_class` (as `name`, or `name_<suffix>` for
    a filter read from several parameters), or one of its filters is required."""
    return any(filter_.extra.get("required")
               or any(param == name or param.startswith(f"{name}_") for param in params)
               for name, filter_ in filterset_class.base_filters.items())
