from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from innovato.errors import ActionRefused


class ActionRefusedMiddleware:
    """Web pages: show a refused action's reason with its status code."""

    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not isinstance(exception, ActionRefused):
            return None
        return render(request, "action_refused.html", {"message": exception.message,
                                                       "back": request.META.get("HTTP_REFERER")},
                      status=exception.status_code)
