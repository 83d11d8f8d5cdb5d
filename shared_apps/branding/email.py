"""E-mails in the site's colours: a plain-text part, and an HTML part with the logo and
primary colour of the city (or the hub) that sends them."""

from contextlib import nullcontext

from django.core.mail import EmailMultiAlternatives
from django.db import connection
from django.template.loader import render_to_string
from django.urls import reverse
from django_tenants.utils import tenant_context

from shared_apps.branding.contrast import WHITE
from shared_apps.branding.selectors import branding


def mail_send(*, subject: str, text: str, to: list[str], base_url: str, sender=None,
              fail_silently: bool = False) -> int:
    """Send `text` to `to` as plain text and as HTML carrying the branding of `sender`
    (a City, the hub included; the current schema's site when None). `base_url` is the
    sending site's root URL, where the logo is served from."""
    with tenant_context(sender) if sender is not None else nullcontext():
        current = branding()
        tenant = connection.tenant
        name = ("Innovato" if getattr(tenant, "is_hub", True)
                else getattr(tenant, "name", "") or "Innovato")
        logo_url = (f"{base_url.rstrip('/')}{reverse('branding:logo')}?v={current.version}"
                    if current.logo else "")
    html = render_to_string("branding/email/message.html", {
        "subject": subject, "text": text, "site_name": name, "logo_url": logo_url,
        "colour": current.primary_colour, "colour_contrast": WHITE,
        "site_url": base_url.rstrip("/") + "/"})
    message = EmailMultiAlternatives(subject, text, None, to)
    message.attach_alternative(html, "text/html")
    return message.send(fail_silently=fail_silently)
