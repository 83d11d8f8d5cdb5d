"""Writes on accounts: users, sign-in with throttling, invitations and API tokens."""

import hashlib
import secrets
import time
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from innovato.errors import ActionRefused, NotAllowed
from shared_apps.accounts.models import (
    CITY_ROLES,
    HUB_ROLES,
    ApiToken,
    Invitation,
    Role,
    SignInSettings,
    User,
    UserSession,
)
from shared_apps.accounts.signals import invitation_accepted
from shared_apps.branding.email import mail_send


def roles_for_current_schema() -> frozenset[str]:
    """Hub users hold network roles, city users hold city roles."""
    return HUB_ROLES if connection.schema_name == settings.PUBLIC_SCHEMA_NAME else CITY_ROLES


def _on_hub() -> bool:
    return connection.schema_name == settings.PUBLIC_SCHEMA_NAME


def manager_role_for_current_schema() -> str:
    """The role that manages people here: partner admins on the hub, city admins in a city."""
    return Role.PARTNER_ADMIN if _on_hub() else Role.CITY_ADMIN


def _check_roles(roles: Iterable[str]) -> list[str]:
    roles = list(dict.fromkeys(roles))
    allowed = roles_for_current_schema()
    refused = [role for role in roles if role not in allowed]
    if refused:
        labels = dict(Role.choices)
        raise ValidationError(
            {"roles": _("These roles cannot be given here: %(roles)s.")
             % {"roles": ", ".join(str(labels.get(role, role)) for role in refused)}},
            code="invalid_role",
        )
    return roles


def user_create(
    *,
    username: str,
    email: str = "",
    password: str | None = None,
    roles: Iterable[str] = (),
    first_name: str = "",
    last_name: str = "",
) -> User:
    """Create a user of the current schema (a city, or the hub)."""
    user = User(
        username=username,
        email=User.objects.normalize_email(email),
        roles=_check_roles(roles),
        first_name=first_name,
        last_name=last_name,
    )
    if password is None:
        user.set_unusable_password()
    else:
        user.set_password(password)
    user.full_clean(exclude=["password"])
    user.save()
    return user


def _user_state(user: User) -> dict:
    return {"roles": list(user.roles), "is_active": user.is_active}


def user_sessions_end(*, user: User) -> int:
    """Sign `user` out everywhere at once: delete their web sessions and API tokens."""
    ended, _detail = UserSession.objects.filter(user_id=user.pk).delete()
    ApiToken.objects.filter(user=user).delete()
    return ended


@transaction.atomic
def user_update(
    *, user: User, by: User, roles: Iterable[str] | None = None, is_active: bool | None = None
) -> User:
    """Change who `user` is here: their roles and whether they may sign in.

    Only the site's managers (city admins, partner admins on the hub) may; nobody
    deactivates themselves, and the site always keeps an active manager, whoever acts.
    Deactivation ends the person's sessions and API token at once; their work stays.
    Every change is recorded in the audit trail, with the state before and after.
    """
    manager = manager_role_for_current_schema()
    if not by.has_role(manager):
        raise NotAllowed(_("Only administrators may change people's roles or access."))
    new_roles = None if roles is None else _check_roles(roles)
    if new_roles is not None and not new_roles:
        raise ValidationError({"roles": _("Choose at least one role.")}, code="required")
    # Lock every active manager (and the person) first, so two admins demoting each other
    # at the same moment cannot leave the site without one.
    managers = list(User.objects.select_for_update().filter(roles__contains=[manager],
                                                            is_active=True).order_by("pk"))
    user = User.objects.select_for_update().get(pk=user.pk)
    before = _user_state(user)
    if is_active is False and user.is_active and user.pk == by.pk:
        raise ActionRefused(_("You cannot deactivate your own account."),
                            code="self_deactivation")
    if new_roles is not None:
        user.roles = new_roles
    if is_active is not None:
        user.is_active = is_active
    after = _user_state(user)
    if after == before:
        return user
    if not (user.is_active and manager in user.roles) and not any(
            other.pk != user.pk for other in managers):
        message = (_("The network must keep at least one active partner admin.")
                   if _on_hub() else _("The city must keep at least one active city admin."))
        raise ActionRefused(message, code="last_admin")
    user.save(update_fields=["roles", "is_active"])
    if before["is_active"] and not user.is_active:
        user_sessions_end(user=user)

    from tenant_apps.audit.services import audit_record  # the hub keeps an audit trail too

    if before["roles"] != after["roles"]:
        audit_record(actor=by, action="user.roles_changed", target=user,
                     before=before, after={**before, "roles": after["roles"]})
    if before["is_active"] != after["is_active"]:
        audit_record(actor=by,
                     action="user.reactivated" if user.is_active else "user.deactivated",
                     target=user, before={**before, "roles": after["roles"]}, after=after)
    return user


# --- Sign-in ---------------------------------------------------------------------------------


@dataclass
class LoginThrottled(Exception):
    """Too many failed sign-ins for this account, or from this address and username."""

    retry_after: int

    @property
    def message(self) -> str:
        minutes = max(1, round(self.retry_after / 60))
        return _("Too many failed sign-in attempts. Try again in %(minutes)d minutes.") % {
            "minutes": minutes
        }


class PasswordSignInRefused(Exception):
    """The city signs in through its identity provider only, and this person is not one of
    the administrators who keep a password for emergencies."""

    @property
    def message(self) -> str:
        from shared_apps.accounts.models import SingleSignOn

        config = SingleSignOn.objects.first()
        name = config.display_name if config and config.display_name else ""
        if name:
            return _("This site signs in with %(name)s only. Use the “Sign in with "
                     "%(name)s” button.") % {"name": name}
        return _("This site signs in through its identity provider only.")


def password_sign_in_allowed(user: User) -> bool:
    """False when the city signs in only through its identity provider and `user` is not
    one of the administrators named to keep a password."""
    from shared_apps.accounts.models import SingleSignOn

    config = SingleSignOn.objects.first()
    if config is None or not (config.protocol and config.sso_only):
        return True
    return config.password_users.filter(pk=user.pk).exists()


def client_address(request: HttpRequest) -> str:
    if getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        forwarded = request.headers.get("X-Forwarded-For", "")
        if forwarded:
            return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


@dataclass(frozen=True)
class _Counter:
    scope: str  # as recorded in the audit trail
    key: str
    limit: int


DEVICE_COOKIE = "innovato_device"
_DEVICES_REMEMBERED = 10  # people sharing one city-hall PC


def _username_digest(username: str) -> str:
    return hashlib.sha256(username.strip().lower().encode()).hexdigest()[:32]


def _device_salt() -> str:
    # Bound to the city: a cookie copied to another city's address means nothing there.
    return f"innovato.sign-in-device:{connection.schema_name}"


def _remembered_devices(request: HttpRequest) -> dict[str, str]:
    """Username digest → device id, for the people who signed in with this browser."""
    try:
        devices = signing.loads(
            request.COOKIES.get(DEVICE_COOKIE, ""), salt=_device_salt(),
            max_age=timedelta(days=settings.LOGIN_DEVICE_REMEMBER_DAYS))
    except signing.BadSignature:
        return {}
    return devices if isinstance(devices, dict) else {}


def sign_in_device_cookie(*, request: HttpRequest, user: User) -> str:
    """The value of the cookie by which this browser is recognised as one that `user`
    signed in with (OWASP's device cookies), so others' failures never lock it out."""
    devices = _remembered_devices(request)
    digest = _username_digest(user.get_username())
    devices.pop(digest, None)
    devices[digest] = devices.get(digest) or secrets.token_urlsafe(12)
    while len(devices) > _DEVICES_REMEMBERED:
        devices.pop(next(iter(devices)))
    return signing.dumps(devices, salt=_device_salt(), compress=True)


def _failure_counters(request: HttpRequest, username: str,
                      address: str) -> tuple[tuple[_Counter, ...], _Counter]:
    """The counters that refuse this username here, and the address's counter."""
    digest = _username_digest(username)
    per_address = _Counter("address", f"login-failures-address:{address}",
                           settings.LOGIN_FAILURE_LIMIT_PER_ADDRESS)
    device = _remembered_devices(request).get(digest)
    if device:
        return (_Counter("device", f"login-failures-device:{device}",
                         settings.LOGIN_FAILURE_LIMIT),), per_address
    return (
        _Counter("address_username", f"login-failures:{digest}:{address}",
                 settings.LOGIN_FAILURE_LIMIT),
        _Counter("account", f"login-failures-account:{digest}",
                 settings.LOGIN_FAILURE_LIMIT_PER_ACCOUNT),
    ), per_address


def _count_failure(key: str) -> int:
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    cache.add(key, 0, window)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        return 1


def _lockout_record(*, scope: str, username: str, address: str) -> None:
    """One audit entry when a limit is reached (not one per refused attempt)."""
    from tenant_apps.audit.services import audit_record  # the hub keeps an audit trail too

    target = None
    if scope != "address":
        target = User.objects.filter(username=username).first()
    audit_record(
        actor=None, action="sign_in.locked_out", target=target or connection.tenant,
        after={"scope": scope, "username": username[:150], "address": address,
               "minutes": max(1, round(settings.LOGIN_FAILURE_WINDOW_SECONDS / 60))},
    )


def _slow_down(failures_past_limit: int) -> None:
    """Answer the n-th failure past the address limit after 0.5 × 2ⁿ⁻¹ seconds, capped."""
    delay = min(settings.LOGIN_SLOWDOWN_MAX_SECONDS, 0.5 * 2 ** (failures_past_limit - 1))
    if delay > 0:
        time.sleep(delay)


def user_authenticate(*, request: HttpRequest, username: str, password: str) -> User | None:
    """Check credentials against the current schema's users; throttle repeated failures.

    Counted over LOGIN_FAILURE_WINDOW_SECONDS, in each city apart (the cache keys carry the
    schema name, see CACHES):
    - from a browser someone signed in with before (its device cookie), that browser's own
      failures for that name (LOGIN_FAILURE_LIMIT) refuse it, and nothing else does: a
      colleague guessing at the same address cannot lock the admin out of their own PC;
    - from any other browser, failures for this name from this address
      (LOGIN_FAILURE_LIMIT) and for this name from anywhere
      (LOGIN_FAILURE_LIMIT_PER_ACCOUNT) refuse the name without checking the password;
    - failures from one address whatever the name (LOGIN_FAILURE_LIMIT_PER_ADDRESS; a city
      hall sits behind one address) never block valid credentials. Past that limit each
      failed attempt is answered with 429 and later and later (up to
      LOGIN_SLOWDOWN_MAX_SECONDS): names nobody has cannot be locked, so guessing them is
      slowed down instead, and known names are treated alike so the pace tells nothing.
    Each limit reached is recorded once in the audit trail.
    """
    address = client_address(request)
    refusing, per_address = _failure_counters(request, username, address)
    counts = cache.get_many([counter.key for counter in (*refusing, per_address)])
    window = settings.LOGIN_FAILURE_WINDOW_SECONDS
    if any(counts.get(counter.key, 0) >= counter.limit for counter in refusing):
        raise LoginThrottled(retry_after=window)
    user = authenticate(request, username=username, password=password)
    if user is not None:
        cache.delete(refusing[0].key)
        if not password_sign_in_allowed(user):
            raise PasswordSignInRefused
        return user
    for counter in (*refusing, per_address):
        failures = _count_failure(counter.key)
        if failures == counter.limit:
            _lockout_record(scope=counter.scope, username=username, address=address)
        if counter is per_address and failures > counter.limit:
            _slow_down(failures - counter.limit)
            raise LoginThrottled(retry_after=window)
    return None


# --- API tokens ------------------------------------------------------------------------------


def api_token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new named API token of `user`, valid API_TOKEN_VALID_DAYS; returns it and its
    secret, which is shown once: only its digest is kept."""
    name = " ".join(name.split())[:100]
    if not name:
        raise ValidationError({"name": _("Give the token a name.")}, code="required")
    secret = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name, key_digest=_digest(secret),
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_VALID_DAYS),
    )
    from tenant_apps.audit.services import audit_record

    audit_record(actor=user, action="api_token.created", target=token,
                 after={"name": name, "expires_at": token.expires_at.isoformat()})
    return token, secret


def api_token_issue(*, user: User, name: str = "") -> str:
    """A new API token for `user` on this host (signing in with a password in the API)."""
    return api_token_create(user=user, name=name or _("API token"))[1]


def api_token_revoke(*, token: ApiToken, by: User) -> None:
    """End one of `by`'s own tokens at once."""
    if token.user_id != by.pk:
        raise NotAllowed(_("You can only revoke your own API tokens."))
    from tenant_apps.audit.services import audit_record

    audit_record(actor=by, action="api_token.revoked", target=token,
                 before={"name": token.name})
    token.delete()


def api_token_touch(*, token: ApiToken) -> None:
    """Note that `token` was used, at most once a minute (no write on every request)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


# --- Web sessions ----------------------------------------------------------------------------


def sign_in_settings_update(*, by: User, idle_minutes: int | None,
                            second_factor_required: bool | None = None) -> SignInSettings:
    """Set how many idle minutes sign a person out here (None: SESSION_IDLE_MINUTES) and,
    when given, whether admins and evaluators must sign in with a second factor."""
    if not by.has_role(manager_role_for_current_schema()):
        raise NotAllowed(_("Only administrators may change the sign-in settings."))
    current = SignInSettings.objects.select_for_update().order_by("pk").first()
    current = current or SignInSettings()
    before = {"idle_minutes": current.idle_minutes,
              "second_factor_required": current.second_factor_required}
    current.idle_minutes = idle_minutes
    if second_factor_required is not None:
        current.second_factor_required = second_factor_required
    current.full_clean()
    current.save()
    from shared_apps.accounts.selectors import (
        SECOND_FACTOR_REQUIRED_CACHE_KEY,
        SESSION_IDLE_CACHE_KEY,
    )
    from tenant_apps.audit.services import audit_record

    for key in (SESSION_IDLE_CACHE_KEY, SECOND_FACTOR_REQUIRED_CACHE_KEY):
        transaction.on_commit(lambda key=key: cache.delete(key))
        cache.delete(key)
    after = {"idle_minutes": current.idle_minutes,
             "second_factor_required": current.second_factor_required}
    if before != after:
        audit_record(actor=by, action="sign_in_settings.changed", target=current,
                     before=before, after=after)
    return current


# --- Second factor (django-allauth's MFA) ----------------------------------------------------


def second_factor_missing_message() -> str:
    """Why a page or the API is refused to a person who must set up a second factor."""
    return _("This site requires two-factor authentication for admins and evaluators. "
             "Set up an authenticator app or a passkey to continue.")


def second_factor_record(*, user: User, action: str, kind: str, name: str = "") -> None:
    """Record in the audit trail that `user` added or removed a second factor, made new
    recovery codes or signed in with one (`action`: added, removed, reset, recovery_code_used).
    Called from allauth's signals (shared_apps.accounts.receivers)."""
    from tenant_apps.audit.services import audit_record

    after = {"kind": kind}
    if name:
        after["name"] = name
    audit_record(actor=user, action=f"second_factor.{action}", target=user, after=after)


@transaction.atomic
def user_second_factor_reset(*, user: User, by: User) -> int:
    """An administrator removes every second factor of `user` (a lost phone or key), so they
    sign in with their password alone and set up a new one; their sessions end. Returns
    how many authenticators were removed."""
    from allauth.mfa.models import Authenticator

    from tenant_apps.audit.services import audit_record

    if not by.has_role(manager_role_for_current_schema()):
        raise NotAllowed(_("Only administrators may reset a second factor."))
    kinds = sorted(set(Authenticator.objects.filter(user_id=user.pk)
                       .values_list("type", flat=True)))
    removed, _detail = Authenticator.objects.filter(user_id=user.pk).delete()
    if removed:
        UserSession.objects.filter(user_id=user.pk).delete()
        audit_record(actor=by, action="second_factor.reset_by_admin", target=user,
                     before={"kinds": kinds}, after={"kinds": []})
    return removed


def session_end_reason(*, started_at, last_activity_at) -> str | None:
    """Why a web session that started and was last active at these times has ended, in the
    active language; None while it is still valid."""
    from shared_apps.accounts.selectors import session_idle_minutes

    now = timezone.now()
    hours = settings.SESSION_MAX_HOURS
    if now - started_at > timedelta(hours=hours):
        return ngettext("You were signed out: a session lasts at most %(hours)d hour.",
                        "You were signed out: a session lasts at most %(hours)d hours.",
                        hours) % {"hours": hours}
    minutes = session_idle_minutes()
    if now - last_activity_at > timedelta(minutes=minutes):
        return ngettext("You were signed out after %(minutes)d minute without activity.",
                        "You were signed out after %(minutes)d minutes without activity.",
                        minutes) % {"minutes": minutes}
    return None


# --- Invitations -----------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _site_language() -> str:
    tenant = connection.tenant
    return getattr(tenant, "default_language", None) or settings.LANGUAGE_CODE


def _site_name() -> str:
    return getattr(connection.tenant, "name", None) or "Innovato"


@transaction.atomic
def invitation_create(
    *, email: str, roles: Iterable[str], invited_by: User, base_url: str,
    language: str | None = None,
) -> Invitation:
    """Invite `email` to join with `roles`; e-mails a one-time link valid for a few days.

    `base_url` is the scheme and host the link points at, such as https://cluj.example.eu.
    The e-mail is written in `language`, or the site's own language when it is not given.
    An earlier pending invitation for the same address is revoked.
    """
    email = User.objects.normalize_email(email).strip()
    roles = _check_roles(roles)
    if not roles:
        raise ValidationError({"roles": _("Choose at least one role.")}, code="required")
    if User.objects.filter(email__iexact=email).exists():
        raise ValidationError(
            {"email": _("Someone with this e-mail address already has an account.")},
            code="email_taken",
        )
    now = timezone.now()
    Invitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(revoked_at=now)
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        roles=roles,
        token_digest=_digest(token),
        invited_by=invited_by,
        expires_at=now + timedelta(days=settings.INVITATION_VALID_DAYS),
    )
    invitation.full_clean(exclude=["token_digest"])
    invitation.save()
    link = base_url.rstrip("/") + reverse("accounts:invitation_accept", args=[token])
    # The invitee has no account yet: the e-mail goes out in the language the inviter chose
    # for them, else in the site's own language.
    with translation.override(language or _site_language()):
        context = {
            "link": link,
            "site_name": _site_name(),
            "inviter": invited_by.display_name,
            "valid_days": settings.INVITATION_VALID_DAYS,
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context).strip()
        body = render_to_string("accounts/email/invitation_body.txt", context)
    site = connection.tenant  # whose branding the e-mail carries, whenever it is sent
    transaction.on_commit(lambda: mail_send(subject=subject, text=body, to=[email],
                                            base_url=base_url, sender=site))
    return invitation


def invitation_for_token(token: str) -> Invitation | None:
    return Invitation.objects.filter(token_digest=_digest(token)).first()


def _raise_unless_pending(invitation: Invitation | None) -> Invitation:
    if invitation is None or invitation.accepted_at or invitation.revoked_at:
        raise ValidationError(
            _("This invitation link is not valid or has already been used."), code="invalid"
        )
    if invitation.expires_at <= timezone.now():
        raise ValidationError(
            _("This invitation has expired. Ask your administrator for a new one."),
            code="expired",
        )
    return invitation


def invitation_check(*, token: str) -> Invitation:
    """The pending invitation for `token`; ValidationError (invalid, expired) otherwise."""
    return _raise_unless_pending(invitation_for_token(token))


@transaction.atomic
def invitation_accept(
    *, token: str, username: str, password: str, first_name: str = "", last_name: str = ""
) -> User:
    """Turn a pending invitation into an account. The link works once."""
    invitation = _raise_unless_pending(
        Invitation.objects.select_for_update().filter(token_digest=_digest(token)).first()
    )
    candidate = User(username=username, email=invitation.email, first_name=first_name,
                     last_name=last_name)
    password_validation.validate_password(password, user=candidate)
    user = user_create(
        username=username,
        email=invitation.email,
        password=password,
        roles=invitation.roles,
        first_name=first_name,
        last_name=last_name,
    )
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    invitation_accepted.send(sender=Invitation, invitation=invitation, user=user)
    return user


def invitation_revoke(*, invitation: Invitation) -> None:
    if invitation.accepted_at is None and invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
