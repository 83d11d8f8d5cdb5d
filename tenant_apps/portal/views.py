from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from shared_apps.hub.selectors import events_upcoming, practices_published
from tenant_apps.calls.selectors import calls_open


def home(request: HttpRequest) -> HttpResponse:
    """The city's front page: who it is, which calls are open, what the network offers."""
    return render(request, "portal/home.html", {
        "open_calls": calls_open()[:12],
        "events": events_upcoming()[:3],
        "featured": practices_published().filter(featured=True)[:3],
    })
