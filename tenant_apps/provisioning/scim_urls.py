"""The SCIM 2.0 routes of a city (mounted at /scim/v2/ on each city's host, not on the
hub): django-scim2's views, with ids that are not ours answered 404 rather than 500."""

import json

from django.http import HttpResponse
from django.urls import re_path
from django_scim import constants, exceptions
from django_scim import views as scim_views


class _StatusAsString:
    """RFC 7644 §3.12 writes an error's `status` as a string; the library writes a number."""

    def dispatch(self, request, *args, **kwargs):
        response = super().dispatch(request, *args, **kwargs)
        if response.status_code >= 400 and response.content and response.get(
                "Content-Type", "").startswith(constants.SCIM_CONTENT_TYPE):
            document = json.loads(response.content)
            if isinstance(document.get("status"), int):
                document["status"] = str(document["status"])
                response.content = json.dumps(document)
        return response


class _OwnIds(_StatusAsString):
    def get_object(self):
        if not str(self.kwargs.get(self.lookup_url_kwarg, "")).isdigit():
            raise exceptions.NotFoundError(self.kwargs.get(self.lookup_url_kwarg))
        return super().get_object()


class UsersView(_OwnIds, scim_views.UsersView):
    pass


class GroupsView(_OwnIds, scim_views.GroupsView):
    pass


class UserSearchView(_StatusAsString, scim_views.UserSearchView):
    pass


class GroupSearchView(_StatusAsString, scim_views.GroupSearchView):
    pass


app_name = "scim"

urlpatterns = [
    re_path(r"^$", scim_views.SCIMView.as_view(implemented=False), name="root"),
    re_path(r"^\.search$", scim_views.SearchView.as_view(implemented=False), name="search"),
    re_path(r"^Users/\.search$", UserSearchView.as_view(), name="users-search"),
    re_path(r"^Users(?:/(?P<uuid>[^/]+))?$", UsersView.as_view(), name="users"),
    re_path(r"^Groups/\.search$", GroupSearchView.as_view(), name="groups-search"),
    re_path(r"^Groups(?:/(?P<uuid>[^/]+))?$", GroupsView.as_view(), name="groups"),
    re_path(r"^Me$", scim_views.SCIMView.as_view(implemented=False), name="me"),
    re_path(r"^ServiceProviderConfig$", scim_views.ServiceProviderConfigView.as_view(),
            name="service-provider-config"),
    re_path(r"^ResourceTypes(?:/(?P<uuid>[^/]+))?$", scim_views.ResourceTypesView.as_view(),
            name="resource-types"),
    re_path(r"^Schemas(?:/(?P<uuid>[^/]+))?$", scim_views.SchemasView.as_view(),
            name="schemas"),
    re_path(r"^Bulk$", scim_views.SCIMView.as_view(implemented=False), name="bulk"),
]


def _not_on_the_hub(request, rest: str = ""):
    """The hub has no directory of its own: say so as SCIM, so a directory pointed at the
    network's address instead of a city's gets a clear refusal."""
    return HttpResponse(json.dumps({
        "schemas": [constants.SchemaURI.ERROR], "status": "404",
        "detail": "SCIM is served on each city's own address, not on the network hub."}),
        status=404, content_type=constants.SCIM_CONTENT_TYPE)


# Mounted at /scim/v2/ on the hub.
hub_urlpatterns = [re_path(r"^(?P<rest>.*)$", _not_on_the_hub)]
