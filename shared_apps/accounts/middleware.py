"""Web sessions end after a city's idle timeout and after an absolute lifetime."""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.utils import timezone

from shared_apps.accounts import services
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
