"""Parser and metadata classes named in REST_FRAMEWORK's settings. They live apart from
innovato.api, which imports DRF modules that read those settings while loading."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.metadata import SimpleMetadata
from rest_framework.parsers import JSONParser
from rest_framework.request import clone_request


class ObjectJSONParser(JSONParser):
    """Every body the API takes is a JSON object: an array or a bare value is refused with
    a 400 here, before any view reads fields from it."""

    def parse(self, stream, media_type=None, parser_context=None):
        data = super().parse(stream, media_type, parser_context)
        if not isinstance(data, dict):
            raise exceptions.ParseError(_("The body must be a JSON object ({…})."))
        return data


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
