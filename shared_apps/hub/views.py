from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from shared_apps.hub.selectors import network_cities


def home(request: HttpRequest) -> HttpResponse:
    """The network's front page: every partner city with a link to its platform."""
    return render(request, "hub/home.html", {"cities": network_cities(request)})
