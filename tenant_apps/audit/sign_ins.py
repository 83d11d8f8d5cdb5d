"""Sign-ins on the web, recorded in the audit trail of the schema signed into."""

from django.conf import settings


def signed_in(sender, *, request, user, **kwargs) -> None:
    """Receiver of Django's `user_logged_in`."""
    from tenant_apps.audit.services import sign_in_record

    if request is None or not getattr(user, "pk", None):
        return
    address = request.META.get("REMOTE_ADDR", "")
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.headers.get("X-Forwarded-For", "")
        address = forwarded.split(",")[0].strip() or address
    sign_in_record(user=user, address=address,
                   agent=request.headers.get("User-Agent", ""))
