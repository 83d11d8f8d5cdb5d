"""Refusals a person can cause: the rules do not allow this action now, or not to them.

Services raise these; the API answers them as JSON and web pages as a page with the same
status and message, so nothing is changed and the reason is shown in the person's language.
"""


class ActionRefused(Exception):
    """The action is not possible in the current state (wrong phase, already done, …)."""

    status_code = 409
    default_code = "refused"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code or self.default_code


class NotAllowed(ActionRefused):
    """The person lacks the role or relationship the action needs."""

    status_code = 403
    default_code = "permission_denied"
