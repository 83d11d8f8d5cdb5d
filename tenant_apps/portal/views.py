from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tenant_apps.calls.selectors import calls_open


def home(request: HttpRequest) -> HttpResponse:
    """The city's front page: who it is and which calls are open."""
    return render(request, "portal/home.html", {"open_calls": calls_open()[:12]})
