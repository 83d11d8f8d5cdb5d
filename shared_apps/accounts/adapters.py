"""How django-allauth behaves here: it only runs the second step of a sign-in and the
second-factor pages; our own views sign people in, invite them and manage them."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from django.utils.translation import gettext as _

# allauth's own "Signed in as…" and "You have signed out." messages: our pages never showed
# one, and the sign-in page stays as quiet as it was.
QUIET_MESSAGES = frozenset({"account/messages/logged_in.txt",
                            "account/messages/logged_out.txt"})


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        """People join a city by invitation (or from its directory), never by signing up."""
        return False

    def add_message(self, request, level, message_template=None, message_context=None,
                    extra_tags="", message=None):
        if message_template in QUIET_MESSAGES:
            return
        super().add_message(request, level, message_template=message_template,
                            message_context=message_context, extra_tags=extra_tags,
                            message=message)


class MFAAdapter(DefaultMFAAdapter):
    def get_totp_issuer(self) -> str:
        """The authenticator app lists the code under the city's name (or Innovato's on
        the hub), so a person with accounts in two cities tells them apart."""
        tenant = getattr(context.request, "tenant", None)
        if tenant is None or getattr(tenant, "is_hub", True):
            return "Innovato"
        return f"{tenant.name} · Innovato"

    def _get_site_name(self) -> str:
        return self.get_totp_issuer()

    def build_totp_svg(self, url: str) -> str:
        """The QR code as inline SVG markup (the page's policy allows no data: image)."""
        svg = super().build_totp_svg(url)
        return svg[svg.index("<svg"):]

    def generate_authenticator_name(self, user, type) -> str:
        count = Authenticator.objects.filter(user_id=user.pk, type=type).count()
        return _("Key %(number)s") % {"number": count + 1}
