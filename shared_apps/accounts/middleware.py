"""Web sessions end after a city's idle timeout and after an absolute lifetime."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone

from shared_apps.accounts import selectors, services
from shared_apps.accounts.sessions import SessionStore

TOUCH_EVERY_SECONDS = 60  # the last-activity stamp is written at most once a minute


class SessionTimeoutMiddleware:
    """After AuthenticationMiddleware, the language and the messages middleware: a signed-in
    session past its idle timeout or lifetime is signed out; a page redirects to sign-in
    with the reason, an API call goes on unauthenticated (so it is refused)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if isinstance(session, SessionStore) and request.user.is_authenticated:
            started, last = session.started_at, session.last_activity_at
            if started is not None:
                reason = services.session_end_reason(started_at=started,
                                                     last_activity_at=last)
                if reason:
                    logout(request)
                    if not request.path.startswith("/api/"):
                        messages.info(request, reason)
                        to_login = redirect_to_login(request.get_full_path())
                        if request.headers.get("HX-Request"):
                            # htmx would swap the sign-in page into a fragment: go there.
                            to_login = HttpResponse(status=204)
                            to_login["HX-Redirect"] = redirect_to_login(
                                request.headers.get("HX-Current-URL") or "/")["Location"]
                        return to_login
                elif (timezone.now() - last).total_seconds() >= TOUCH_EVERY_SECONDS:
                    session.touch()
        return self.get_response(request)


# Pages a person who must set up a second factor may still open: the set-up pages
# themselves (allauth's, under /auth/2fa/ and its re-authentication), signing out, choosing
# a language, and the files a page loads.
SECOND_FACTOR_SETUP_PREFIXES = ("/auth/2fa/", "/auth/reauthenticate/", "/auth/logout/",
                                "/accounts/logout/", "/i18n/", "/static/", "/brand",
                                "/healthz")


class SecondFactorRequiredMiddleware:
    """Where the city requires a second factor of its admins and evaluators, such a person
    without one is sent to set one up before any other page opens; the API refuses their
    session (their API tokens are refused by ApiTokenAuthentication)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated
                and not request.path.startswith(SECOND_FACTOR_SETUP_PREFIXES)
                and selectors.second_factor_missing(user)):
            message = services.second_factor_missing_message()
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": message, "code": "second_factor_required"},
                                    status=403)
            messages.warning(request, message)
            to_setup = reverse("mfa_index")
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=204)
                response["HX-Redirect"] = to_setup
                return response
            return redirect(to_setup)
        return self.get_response(request)
