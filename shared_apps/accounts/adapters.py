"""allauth's hooks, set to this platform's rules (ACCOUNT_ADAPTER, SOCIALACCOUNT_ADAPTER,
MFA_ADAPTER).

Password sign-in stays with our own LoginView (throttling, device cookie), which hands the
sign-in to allauth's login stages for the second step; allauth is used for signing in
through the city's identity provider and for the second-factor pages. A sign-in through the
provider ends in the same kind of session as a password sign-in (a UserSession with the
user's id, made by django's login()), sets the same device cookie and is recorded in the
city's audit trail.
"""

import secrets

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context
from allauth.core.exceptions import ImmediateHttpResponse
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.mfa.models import Authenticator
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.providers.base import ProviderException
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider
from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _

from shared_apps.accounts import services, sso

# allauth's own "Signed in as…" and "You have signed out." messages: our pages never showed
# one, and the sign-in page stays as quiet as it was.
QUIET_MESSAGES = frozenset({"account/messages/logged_in.txt",
                            "account/messages/logged_out.txt"})


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request) -> bool:
        # People join by invitation or through the city's identity provider, never by
        # signing themselves up with a password.
        return False

    def add_message(self, request, level, message_template=None, message_context=None,
                    extra_tags="", message=None):
        if message_template in QUIET_MESSAGES:
            return
        super().add_message(request, level, message_template=message_template,
                            message_context=message_context, extra_tags=extra_tags,
                            message=message)

    def post_login(self, request, user, **kwargs):
        response = super().post_login(request, user, **kwargs)
        sociallogin = (kwargs.get("signal_kwargs") or {}).get("sociallogin")
        if sociallogin is not None:
            sso.sso_sign_in_record(user=user, created=bool(kwargs.get("signup")))
        response.set_cookie(
            services.DEVICE_COOKIE,
            services.sign_in_device_cookie(request=request, user=user),
            max_age=settings.LOGIN_DEVICE_REMEMBER_DAYS * 24 * 60 * 60,
            secure=settings.SESSION_COOKIE_SECURE, httponly=True, samesite="Lax",
        )
        return response


class CityOpenIDConnectProvider(OpenIDConnectProvider):
    """allauth's OpenID Connect provider with a nonce: each sign-in sends a fresh one, kept
    in this browser's session on this city's host (sessions live in the city's schema), and
    the ID token must carry it back. allauth already checks the token's issuer (the city's
    provider) and audience (the city's client ID), and the state (the same session)."""

    NONCE_SESSION_KEY = "innovato_oidc_nonce"

    def redirect(self, request, process, next_url=None, data=None, **kwargs):
        nonce = secrets.token_urlsafe(32)
        request.session[self.NONCE_SESSION_KEY] = nonce
        auth_params = kwargs.pop("auth_params", None) or self.get_auth_params()
        return super().redirect(request, process, next_url, data,
                                auth_params={**auth_params, "nonce": nonce}, **kwargs)

    def sociallogin_from_response(self, request, response):
        expected = request.session.pop(self.NONCE_SESSION_KEY, None)
        received = (response.get("id_token") or {}).get("nonce")
        if not expected or not received or not secrets.compare_digest(expected, received):
            raise ProviderException("The ID token does not answer this sign-in (nonce).")
        return super().sociallogin_from_response(request, response)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def get_provider(self, request, provider, client_id=None):
        found = super().get_provider(request, provider, client_id=client_id)
        if type(found) is OpenIDConnectProvider:
            return CityOpenIDConnectProvider(request, app=found.app)
        return found

    def list_apps(self, request, provider=None, client_id=None):
        # Only the provider the city has switched on answers (never one configured in
        # settings, never one of another protocol left behind).
        current = sso.social_app()
        apps = super().list_apps(request, provider=provider, client_id=client_id)
        return [app for app in apps if current is not None and app.pk == current.pk]

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return sso.sso_settings().enabled

    def _refuse(self, request, message: str, status: int = 403):
        raise ImmediateHttpResponse(render(
            request, "socialaccount/authentication_error.html",
            {"message": message}, status=status))

    @staticmethod
    def _identity(sociallogin) -> sso.MappedIdentity:
        """The person's details and roles from what the provider sent, by the city's
        mapping (worked out once per sign-in)."""
        if not hasattr(sociallogin, "innovato_identity"):
            provider = sociallogin.account.provider
            sociallogin.innovato_identity = sso.identity_map(
                config=sso.sso_settings(),
                claims=sso.identity_claims(
                    provider=sso.SAML_PROVIDER if provider == sso.SAML_PROVIDER
                    else sso.OIDC_PROVIDER,
                    extra_data=sociallogin.account.extra_data))
        return sociallogin.innovato_identity

    def pre_social_login(self, request, sociallogin) -> None:
        if not sso.sso_settings().enabled:
            self._refuse(request, _("Single sign-on is not switched on for this site."))
        if sociallogin.is_existing:
            user = sociallogin.user
            if not user.is_active:
                self._refuse(request, _("Your account on this site is deactivated. Ask the "
                                        "site's administrators."))
            mapped = self._identity(sociallogin)
            sso.user_apply_identity(user=user, mapped=mapped, new=False)
            user.save()
            sso.user_assign_department(user=user, mapped=mapped)

    def save_user(self, request, sociallogin, form=None):
        mapped = self._identity(sociallogin)
        sso.user_apply_identity(user=sociallogin.user, mapped=mapped, new=True)
        user = super().save_user(request, sociallogin, form)
        sso.user_assign_department(user=user, mapped=mapped)
        return user

    def on_authentication_error(self, request, provider, error=None, exception=None,
                                extra_context=None):
        # The error page is ours; the exception is not shown (it may quote a token).
        return super().on_authentication_error(request, provider, error=error,
                                               exception=None, extra_context=extra_context)


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
