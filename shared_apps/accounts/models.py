"""People who sign in. This app is installed in the hub schema and in every city schema,
so each city has its own users table; hub users live in the public schema."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.postgres.fields import ArrayField
from django.contrib.sessions.base_session import AbstractBaseSession
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    EMPLOYEE = "employee", _("Employee")
    EVALUATOR = "evaluator", _("Evaluator")
    CITY_ADMIN = "city_admin", _("City admin")
    COORDINATOR = "coordinator", _("Network coordinator")
    PARTNER_ADMIN = "partner_admin", _("Partner admin")


CITY_ROLES = frozenset({Role.EMPLOYEE, Role.EVALUATOR, Role.CITY_ADMIN})
HUB_ROLES = frozenset({Role.COORDINATOR, Role.PARTNER_ADMIN})


class User(AbstractUser):
    roles = ArrayField(
        models.CharField(max_length=20, choices=Role.choices),
        verbose_name=_("roles"),
        default=list,
        blank=True,
    )
    language = models.CharField(
        _("preferred language"), max_length=8, blank=True,
        help_text=_("Pages and e-mails use it when the city offers it."),
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="user_email_unique_ci",
                violation_error_message=_("A user with this e-mail address already exists."),
            ),
        ]

    @property
    def role_labels(self) -> list[str]:
        """The user's roles by name, in the active language."""
        labels = dict(Role.choices)
        return [str(labels.get(role, role)) for role in self.roles]

    def has_role(self, *roles: str) -> bool:
        """True if the user holds any of `roles`."""
        return self.is_active and any(role in self.roles for role in roles)

    @property
    def display_name(self) -> str:
        return self.display_name_of(first_name=self.first_name, last_name=self.last_name,
                                    username=self.username)

    @staticmethod
    def display_name_of(*, first_name: str, last_name: str, username: str) -> str:
        """`display_name` from a user's columns: the full name, else the username."""
        return f"{first_name} {last_name}".strip() or username

    @property
    def author_name(self) -> str:
        """The name shown beside this person's work (proposals, comments): "Former employee",
        in the reader's language, once they are deactivated (they left the city hall)."""
        return self.author_name_of(first_name=self.first_name, last_name=self.last_name,
                                   username=self.username, is_active=self.is_active)

    @staticmethod
    def author_name_of(*, first_name: str, last_name: str, username: str,
                       is_active: bool) -> str:
        """`author_name` from a user's columns, for lists read without building users."""
        if not is_active:
            return str(_("Former employee"))
        return User.display_name_of(first_name=first_name, last_name=last_name,
                                    username=username)


class Invitation(models.Model):
    """An e-mailed, single-use link that lets the invitee choose a password.

    Only a digest of the token is stored, so a database read does not reveal live links.
    """

    email = models.EmailField(_("e-mail address"))
    roles = ArrayField(models.CharField(max_length=20, choices=Role.choices),
                       verbose_name=_("roles"))
    token_digest = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True,
                                   related_name="invitations_sent")
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    user = models.OneToOneField(User, on_delete=models.SET_NULL, null=True, blank=True,
                                related_name="invitation")

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.email


class UserSession(AbstractBaseSession):
    """A web session of this schema, with the signed-in user's id beside the data, so all
    sessions of a person can be ended at once (`shared_apps.accounts.sessions`)."""

    user_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    # Written at most once a minute (shared_apps.accounts.middleware), for the idle timeout.
    last_activity_at = models.DateTimeField(default=timezone.now)

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls):
        # The configured engine (shared_apps.accounts.sessions) builds on this model; the
        # model only names it through the setting, so the two never import each other.
        return import_module(settings.SESSION_ENGINE).SessionStore


class ApiToken(models.Model):
    """A named API token of one person on this host; only its SHA-256 digest is stored, so
    the token itself is shown once, when created. It stops working when it expires, when
    its owner revokes it, or when the owner is deactivated (the row is deleted)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name


# Who must sign in with a second factor when the city (or the hub) requires it.
SECOND_FACTOR_ROLES = frozenset({Role.CITY_ADMIN, Role.PARTNER_ADMIN, Role.EVALUATOR})


class SignInSettings(models.Model):
    """How people sign in to this city (or the hub): one row per schema, edited by the city
    admin. `idle_minutes` empty means the platform default (SESSION_IDLE_MINUTES)."""

    idle_minutes = models.PositiveIntegerField(
        _("sign out after this many minutes without activity"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 60)])
    second_factor_required = models.BooleanField(
        _("require two-factor authentication for admins and evaluators"), default=False)

    class Meta:
        verbose_name = _("sign-in settings")
        verbose_name_plural = _("sign-in settings")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


def default_claim_names() -> dict:
    return {"email": "email", "first_name": "given_name", "last_name": "family_name",
            "language": "locale", "department": "department", "groups": "groups"}


class SingleSignOn(models.Model):
    """How people of this city (or of the hub) sign in with the city's identity provider:
    one row per schema, edited by its administrators.

    The protocol details allauth needs (server URL, client id and secret, IdP metadata) are
    kept in allauth's SocialApp of the same schema, written beside this row by
    `shared_apps.accounts.sso.sso_settings_update`; secrets and certificates live there only.
    """

    class Protocol(models.TextChoices):
        OFF = "", _("Off")
        OIDC = "oidc", _("OpenID Connect")
        SAML = "saml", _("SAML 2.0")

    protocol = models.CharField(_("protocol"), max_length=8, choices=Protocol.choices,
                                blank=True, default="")
    display_name = models.CharField(
        _("name on the sign-in button"), max_length=80, blank=True,
        help_text=_("People see “Sign in with” followed by this name."))
    oidc_server_url = models.URLField(
        _("OpenID Connect discovery URL"), max_length=500, blank=True,
        help_text=_("The issuer's address or its /.well-known/openid-configuration."))
    oidc_scopes = models.CharField(_("scopes"), max_length=300, blank=True,
                                   default="openid profile email")
    saml_metadata_url = models.URLField(_("IdP metadata URL"), max_length=500, blank=True)
    saml_entity_id = models.CharField(_("IdP entity ID"), max_length=500, blank=True)
    sso_only = models.BooleanField(
        _("employees sign in only through the identity provider"), default=False)
    password_users = models.ManyToManyField(
        User, blank=True, related_name="+",
        verbose_name=_("administrators who keep a password for emergencies"))
    # Which claim (OpenID Connect) or attribute (SAML) holds each detail of a person.
    claim_names = models.JSONField(_("claim names"), default=default_claim_names, blank=True)
    # A department claim's value → the code of one of the city's departments.
    department_map = models.JSONField(_("departments by claim value"), default=dict,
                                      blank=True)
    # A role → the group names that grant it.
    role_groups = models.JSONField(_("groups that grant each role"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("single sign-on")
        verbose_name_plural = _("single sign-on")

    def __str__(self) -> str:
        return self.display_name or str(self.get_protocol_display())

    @property
    def enabled(self) -> bool:
        return bool(self.protocol)
