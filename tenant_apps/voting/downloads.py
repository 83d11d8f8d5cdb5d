"""Serving a call's ballots as a Pabulib file: the same response for the page and the API."""

from django.http import HttpResponse

from tenant_apps.calls.models import Call
from tenant_apps.voting import services


def pabulib_response(call: Call) -> HttpResponse:
    """The call's ballots as a `.pb` download named after the call."""
    response = HttpResponse(services.pabulib_export(call=call),
                            content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="call-{call.pk}.pb"'
    return response
