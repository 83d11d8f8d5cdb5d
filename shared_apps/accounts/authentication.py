"""API authentication by the named, expiring tokens of `ApiToken` (header `Token <secret>`)."""

from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from shared_apps.accounts import selectors, services


class ApiTokenAuthentication(TokenAuthentication):
    """Tokens live in the host's own schema, so a token of one city means nothing elsewhere."""

    def authenticate_credentials(self, key):
        token = selectors.api_token_for_secret(key)
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Invalid token."), code="invalid_token")
        if token.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed(
                _("This API token has expired. Create a new one in your account."),
                code="token_expired")
        if selectors.second_factor_missing(token.user):
            raise exceptions.AuthenticationFailed(services.second_factor_missing_message(),
                                                  code="second_factor_required")
        services.api_token_touch(token=token)
        return token.user, token
