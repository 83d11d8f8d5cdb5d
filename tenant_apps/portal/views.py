from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views import View

from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import RoleRequiredMixin
from shared_apps.hub import boundary
from tenant_apps.portal import services
from tenant_apps.portal.forms import PortalSettingsForm
from tenant_apps.portal.models import Term
from tenant_apps.portal.selectors import (
    city_terms,
    home_for,
    open_calls_shown,
    portal_settings,
)


def home(request: HttpRequest) -> HttpResponse:
    """The city's front page: who it is, which calls are open, what the network offers.

    Visitors who are not signed in see only the city's name, a welcome, the sign-in link
    and the network's public events, unless the city admin turned the public teaser on."""
    if not request.user.is_authenticated and not portal_settings().public_teaser:
        # Network events are announced publicly on the hub as well; nothing of the city's.
        return render(request, "portal/home.html", {
            "public_only": True, "events": network_showcase()["events"]})
    return render(request, "portal/home.html", {
        "open_calls": open_calls_shown(),
        "mine": home_for(request.user) if request.user.is_authenticated else None,
        **network_showcase(),
    })


NETWORK_SHOWCASE_SECONDS = 60


def network_showcase() -> dict:
    """The network's next events and featured practices, as the city's home page shows
    them, kept for a minute: every visit to the home page shows them, and coordinators
    change them a few times a week, so an announcement reaches every city within a minute
    without two queries into the hub's schema on each visit."""
    return cache.get_or_set("portal:network-showcase", lambda: {
        "events": list(boundary.network_events_upcoming()[:3]),
        "featured": list(boundary.network_practices_featured()[:3]),
    }, NETWORK_SHOWCASE_SECONDS)


class PortalSettingsView(RoleRequiredMixin, View):
    """City admins choose what the home page shows visitors who are not signed in."""

    required_roles = (Role.CITY_ADMIN,)

    def get(self, request: HttpRequest, form: PortalSettingsForm | None = None,
            status: int = 200):
        form = form or PortalSettingsForm(initial={
            "public_teaser": portal_settings().public_teaser})
        return render(request, "portal/settings.html", {"form": form}, status=status)

    def post(self, request: HttpRequest):
        form = PortalSettingsForm(request.POST)
        if not form.is_valid():
            return self.get(request, form=form, status=400)
        services.portal_settings_update(by=request.user, **form.cleaned_data)
        messages.success(request, _("Home page settings saved."))
        return redirect("portal:settings")


class TerminologyView(RoleRequiredMixin, View):
    """City admins rename key terms ("call", "proposal") per language."""

    required_roles = (Role.CITY_ADMIN,)

    def get(self, request: HttpRequest, errors: list | None = None, status: int = 200):
        languages = request.tenant.enabled_languages
        current = {language: city_terms(language) for language in languages}
        rows = [{"key": term.value, "label": term.label,
                 "cells": [{"language": language, "text": current[language][term.value],
                            "name": f"{term.value}-{language}"} for language in languages]}
                for term in Term]
        return render(request, "portal/terminology.html", {
            "rows": rows, "errors": errors or [],
            "languages": [(code, get_language_info(code)["name_local"]) for code in languages],
        }, status=status)

    def post(self, request: HttpRequest):
        errors = []
        for term in Term:
            for language in request.tenant.enabled_languages:
                name = f"{term.value}-{language}"
                if name not in request.POST:
                    continue
                text = request.POST[name].strip()
                if text == city_terms(language)[term.value]:
                    continue
                try:
                    services.city_term_set(key=term.value, language=language, text=text,
                                           by=request.user)
                except ValidationError as error:
                    errors.extend(error.messages)
        if errors:
            return self.get(request, errors=errors, status=400)
        messages.success(request, _("Terminology saved."))
        return redirect("portal:terminology")
