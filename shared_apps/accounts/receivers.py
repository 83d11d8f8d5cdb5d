"""The audit trail hears of second factors from django-allauth's signals: a factor added or
removed, new recovery codes, and a sign-in with a recovery code."""

from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator

from shared_apps.accounts import services


def _name(authenticator: Authenticator) -> str:
    return str(authenticator) if authenticator.type == Authenticator.Type.WEBAUTHN else ""


def on_authenticator_added(sender, request, user, authenticator, **kwargs) -> None:
    services.second_factor_record(user=user, action="added", kind=authenticator.type,
                                  name=_name(authenticator))


def on_authenticator_removed(sender, request, user, authenticator, **kwargs) -> None:
    services.second_factor_record(user=user, action="removed", kind=authenticator.type,
                                  name=_name(authenticator))


def on_authenticator_reset(sender, request, user, authenticator, **kwargs) -> None:
    services.second_factor_record(user=user, action="reset", kind=authenticator.type)


def on_authenticator_used(sender, request, user, authenticator, **kwargs) -> None:
    # A recovery code is a way back in when the phone or key is lost: worth a trace.
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        services.second_factor_record(user=user, action="recovery_code_used",
                                      kind=authenticator.type)


def connect() -> None:
    mfa_signals.authenticator_added.connect(on_authenticator_added,
                                            dispatch_uid="audit-second-factor-added")
    mfa_signals.authenticator_removed.connect(on_authenticator_removed,
                                              dispatch_uid="audit-second-factor-removed")
    mfa_signals.authenticator_reset.connect(on_authenticator_reset,
                                            dispatch_uid="audit-second-factor-reset")
    mfa_signals.authenticator_used.connect(on_authenticator_used,
                                           dispatch_uid="audit-second-factor-used")
