"""Settings for Innovato, read from the environment.

Every setting has a default that runs on a bare machine (embedded PostgreSQL, local-memory
cache, console e-mail, billing off); production sets the environment variables listed in
the README.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from innovato.embedded_db import embedded_database_settings
from innovato.i18n import CityFirstFallbacks

BASE_DIR = Path(__file__).resolve().parents[2]
VAR_DIR = Path(os.environ.get("INNOVATO_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def _development_secret_key() -> str:
    """A random key kept in var/ so development sessions survive restarts."""
    key_file = VAR_DIR / "secret_key"
    if not key_file.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_urlsafe(64))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


DEBUG = env_bool("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or _development_secret_key()
SECRET_KEY_FROM_ENVIRONMENT = bool(os.environ.get("SECRET_KEY"))

# The hub answers at BASE_DOMAIN, each city at <slug>.BASE_DOMAIN and its extra domains.
BASE_DOMAIN = os.environ.get("BASE_DOMAIN", "localhost").strip().lower().rstrip(".")
# Hosts are checked against the cities' domains by tenants.routing; any other host gets a
# 404 page there, so Django's own check would only repeat that lookup.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "*")
USE_X_FORWARDED_HOST = False
if env_bool("BEHIND_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Applications -----------------------------------------------------------------------

# django-allauth: sign-in with the city's identity provider and second factors. Installed in
# the hub's schema and in every city's, so each has its own tables.
ALLAUTH_APPS = [
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "allauth.mfa",
]

SHARED_APPS = [
    "django_tenants",
    "modeltranslation",
    "tenants",
    "shared_apps.accounts",
    # The hub keeps its own audit trail (changes to hub users), like every city does.
    "tenant_apps.audit",
    # Hub staff ask for a copy of their data or to be erased on the hub, as city people do
    # in their city; the hub's retention runs with the network's jobs.
    "tenant_apps.privacy",
    # The hub has its own logo and colour, like every city.
    "shared_apps.branding",
    "shared_apps.hub",
    "shared_apps.billing",
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.admin",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    *ALLAUTH_APPS,
]

# Users, sessions and API tokens live in every city's own schema, so a login, a cookie or a
# token of one city means nothing to another city or to the hub.
TENANT_APPS = [
    "django.contrib.contenttypes",
    "django.contrib.auth",
    "django.contrib.sessions",
    "django.contrib.admin",
    "rest_framework.authtoken",
    "shared_apps.accounts",
    "shared_apps.branding",
    "tenant_apps.people",
    "tenant_apps.provisioning",
    "tenant_apps.audit",
    "tenant_apps.notifications",
    "tenant_apps.calls",
    "tenant_apps.proposals",
    "tenant_apps.evaluation",
    "tenant_apps.implementation",
    "tenant_apps.reports",
    "tenant_apps.portal",
    "tenant_apps.privacy",
    "tenant_apps.voting",
    *ALLAUTH_APPS,
]

INSTALLED_APPS = list(SHARED_APPS) + [app for app in TENANT_APPS if app not in SHARED_APPS]

TENANT_MODEL = "tenants.City"
TENANT_DOMAIN_MODEL = "tenants.Domain"
PUBLIC_SCHEMA_NAME = "public"
# New cities are cloned from this schema, which `migrate_network` keeps migrated.
TENANT_BASE_SCHEMA = "city_template"
TENANT_CREATION_FAKES_MIGRATIONS = True
ROOT_URLCONF = "innovato.urls_tenant"
PUBLIC_SCHEMA_URLCONF = "innovato.urls_public"
DATABASE_ROUTERS = ["django_tenants.routers.TenantSyncRouter"]
# Issue `SET search_path` only when the schema changes, not before every query.
TENANT_LIMIT_SET_CALLS = True
# migrate_schemas skips cities whose django_migrations already hold the whole migration graph
# and migrates the others in parallel worker processes (tenants.migration_executor).
GET_EXECUTOR_FUNCTION = "tenants.migration_executor.get_executor"
TENANT_MIGRATION_PARALLEL = int(
    os.environ.get("TENANT_MIGRATION_PARALLEL") or min(4, os.cpu_count() or 1)
)
TENANT_MIGRATION_SKIP_UP_TO_DATE = True

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "/"

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "tenants.routing.CityRoutingMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "tenants.language.CityLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "shared_apps.accounts.middleware.SessionTimeoutMiddleware",
    "shared_apps.accounts.middleware.SecondFactorRequiredMiddleware",
    "innovato.middleware.ActionRefusedMiddleware",
    "tenants.scheduling.CityClockMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "platform" / "innovato" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "tenants.context_processors.city",
                "shared_apps.branding.context_processors.brand",
                "tenant_apps.notifications.context_processors.unread",
                "tenant_apps.portal.context_processors.terms",
            ],
            # {% in_its_language %} on every page, without a {% load %} in each template.
            "builtins": ["tenants.templatetags.content_language"],
            # {% load formatting %}: numbers, money, hours and dates (innovato.formatting).
            "libraries": {"formatting": "innovato.templatetags.formatting",
                          # {% load icons %}{% icon "name" %}; {% load ui %}: avatars, logo.
                          "icons": "innovato.templatetags.icons",
                          "ui": "innovato.templatetags.ui"},
        },
    },
]

WSGI_APPLICATION = "innovato.wsgi.application"
ASGI_APPLICATION = "innovato.asgi.application"

# --- Database -----------------------------------------------------------------------------

if os.environ.get("DATABASE_URL"):
    _database = dj_database_url.parse(
        os.environ["DATABASE_URL"], conn_max_age=60, conn_health_checks=True
    )
else:
    _database = embedded_database_settings(VAR_DIR / "pgdata")
    # Persistent connections, checked before reuse, as in production: a request does not pay
    # for a new connection.
    _database.update(CONN_MAX_AGE=60, CONN_HEALTH_CHECKS=True)
# django-tenants' backend that also skips `SET search_path` on a kept connection whose path
# is already the one the request needs (see innovato/postgresql_backend/base.py).
_database["ENGINE"] = "innovato.postgresql_backend"
# A query run within `connection.prepared_statements()` is prepared on the server at its
# second run on a connection (elsewhere cursors bind on the client and never prepare).
_database.setdefault("OPTIONS", {})["prepare_threshold"] = 2
if os.environ.get("TEST_DATABASE_NAME"):
    # Lets several test runs share one server without sharing a test database.
    _database["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------

REDIS_URL = os.environ.get("REDIS_URL", "")


def _cache(location_suffix: str, *, tenant_aware: bool) -> dict:
    config: dict = (
        {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": f"innovato-{location_suffix}",
        }
        if REDIS_URL
        else {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"innovato-{location_suffix}",
        }
    )
    if tenant_aware:
        # Keys carry the schema name, so one city's cached data never answers another.
        config["KEY_FUNCTION"] = "django_tenants.cache.make_key"
        if REDIS_URL:
            config["REVERSE_KEY_FUNCTION"] = "django_tenants.cache.reverse_key"
    return config


CACHES = {
    "default": _cache("default", tenant_aware=True),
    # Host to city routing is decided before any schema is selected.
    "routing": _cache("routing", tenant_aware=False),
}

# Database sessions in each schema, with the user's id so a person's sessions can be ended.
SESSION_ENGINE = "shared_apps.accounts.sessions"
# A web session ends after this many minutes without activity (each city admin may choose
# another value for the city) and, whatever the activity, this many hours after sign-in.
SESSION_IDLE_MINUTES = int(os.environ.get("SESSION_IDLE_MINUTES", 30))
SESSION_MAX_HOURS = int(os.environ.get("SESSION_MAX_HOURS", 12))
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60

# --- Background jobs -----------------------------------------------------------------------

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", REDIS_URL) or "memory://"
CELERY_TASK_ALWAYS_EAGER = not (os.environ.get("CELERY_BROKER_URL") or REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A task is acknowledged after it ran, so a worker killed mid-task (a rolling upgrade, a
# node drained) leaves it to another worker; city jobs are safe to run twice.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# tenant-schemas-celery: cache the City looked up by a task's schema for a minute.
CELERY_TASK_TENANT_CACHE_SECONDS = 60
CELERY_BEAT_SCHEDULE = {
    "city-jobs-every-minute": {"task": "tenants.tasks.run_jobs_for_all_cities",
                               "schedule": 60.0},
}
# With no broker, each city's scheduled jobs run in-process at most once a minute, on the
# first request that city receives in that minute.
RUN_CITY_JOBS_IN_PROCESS = CELERY_TASK_ALWAYS_EAGER
SITE_PORT = os.environ.get("SITE_PORT", "")

# --- Security -------------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

HTTPS_ONLY = env_bool("HTTPS_ONLY")
SESSION_COOKIE_SECURE = HTTPS_ONLY
CSRF_COOKIE_SECURE = HTTPS_ONLY
SECURE_SSL_REDIRECT = HTTPS_ONLY
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000 if HTTPS_ONLY else 0))
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS_ONLY
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", HTTPS_ONLY)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"


def content_security_policy(extra: str = "") -> dict:
    """Scripts, styles, images and requests from the site's own origin only, with nothing
    inline (templates keep their code in static files). `extra` adds sources for a
    deployment, directives separated by ';' as in the header ("img-src https://cdn.example").
    """
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
    for part in extra.split(";"):
        words = part.split()
        if len(words) > 1:
            name = words[0].lower()
            kept = [source for source in directives.get(name, []) if source != "'none'"]
            directives[name] = [*kept, *words[1:]]
    return {"DIRECTIVES": directives}


CONTENT_SECURITY_POLICY = content_security_policy(os.environ.get("CSP_EXTRA", ""))

# Failed sign-ins allowed in the window for one username from one address, and for one
# username from anywhere, before that account is refused to browsers it never signed in with
# (a browser it did sign in with counts only its own failures); past the per-address limit
# every failure from that address is refused and slowed down (up to
# LOGIN_SLOWDOWN_MAX_SECONDS), but valid credentials still sign in.
LOGIN_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 5))
LOGIN_FAILURE_LIMIT_PER_ACCOUNT = int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_ACCOUNT", 20))
LOGIN_FAILURE_LIMIT_PER_ADDRESS = int(os.environ.get("LOGIN_FAILURE_LIMIT_PER_ADDRESS", 30))
LOGIN_FAILURE_WINDOW_SECONDS = int(os.environ.get("LOGIN_FAILURE_WINDOW_SECONDS", 15 * 60))
LOGIN_SLOWDOWN_MAX_SECONDS = float(os.environ.get("LOGIN_SLOWDOWN_MAX_SECONDS", 4))
LOGIN_DEVICE_REMEMBER_DAYS = int(os.environ.get("LOGIN_DEVICE_REMEMBER_DAYS", 180))
# API tokens (several per person, named, revocable) stop working after this many days.
API_TOKEN_VALID_DAYS = int(os.environ.get("API_TOKEN_VALID_DAYS", 90))
INVITATION_VALID_DAYS = int(os.environ.get("INVITATION_VALID_DAYS", 7))
# A person's copy of their personal data can be downloaded for this many days, then it is
# deleted (tenant_apps.privacy).
PERSONAL_DATA_EXPORT_DAYS = int(os.environ.get("PERSONAL_DATA_EXPORT_DAYS", 7))
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# --- django-allauth (sign-in with the city's identity provider; two-factor authentication) ---
# allauth's tables live in every schema (SHARED_APPS and TENANT_APPS), so a city's identity
# provider (a SocialApp row plus our accounts.SingleSignOn) and the accounts it made stay in
# that city. Our own LoginView keeps the password form at /accounts/login/; allauth's URLs
# answer at /auth/ (urls_common), where its own password and sign-up pages are sent back to
# ours.
ACCOUNT_ADAPTER = "shared_apps.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "shared_apps.accounts.adapters.SocialAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "email", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if HTTPS_ONLY else "http"
# A person's first sign-in through the city's provider makes their account at once; an
# account invited earlier with the same e-mail address is joined to that identity.
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_EMAIL_VERIFICATION = "none"
SOCIALACCOUNT_QUERY_EMAIL = True
# Tokens of the provider are not kept: the platform only needs who signed in.
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_PROVIDERS = {
    "openid_connect": {"OAUTH_PKCE_ENABLED": True, "VERIFIED_EMAIL": True},
    "saml": {"VERIFIED_EMAIL": True},
}
# Our own LoginView hands a sign-in to allauth's login stages after a right password,
# so the second step runs before the session is signed in; sign-ins through the city's
# provider go through the same stages.
# Changing one's second factors asks for the password (or a factor) again, unless it was
# given in the last ACCOUNT_REAUTHENTICATION_TIMEOUT seconds (allauth's default, 300).
# Second factors: an authenticator app (TOTP), passkeys and security keys (WebAuthn), and
# one-time recovery codes. The relying party of a passkey is the host it was made on, so a
# passkey of one city is refused by any other.
MFA_ADAPTER = "shared_apps.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = False
# The authenticator app lists the account under the city's name (MFAAdapter).
MFA_TOTP_TOLERANCE = 1  # a code of the previous or next 30 seconds is accepted too
# Recovery codes are shown once, when made (and can be downloaded then); a new set
# replaces the old one.
MFA_RECOVERY_CODES_SHOW_ONCE = True
MFA_TRUST_ENABLED = False
MFA_FORMS = {"add_webauthn": "shared_apps.accounts.forms.PasskeyAddForm",
             "edit_webauthn": "shared_apps.accounts.forms.PasskeyRenameForm"}
# People join by invitation, whose link proves the address; allauth keeps no e-mail rows here.
MFA_ALLOW_UNVERIFIED_EMAIL = True

# --- Internationalisation -------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("ro", _("Romanian")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("pt", _("Portuguese")),
    ("hu", _("Hungarian")),
    ("nl", _("Dutch")),
    ("it", _("Italian")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
# A text missing in the reader's language falls back to the city's default language, then
# English, then any language it was written in, so content is never blank.
MODELTRANSLATION_FALLBACK_LANGUAGES = CityFirstFallbacks(
    default=("en", "ro", "fr", "es", "pt", "hu", "nl", "it"))

# --- Static and media files -----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "platform" / "innovato" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    # Uploads go to MEDIA_ROOT/<schema>/…, so two cities' files never share a folder; they
    # are served only through views that check who may read them.
    "default": {"BACKEND": "django_tenants.files.storage.TenantFileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- E-mail ---------------------------------------------------------------------------------

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Innovato <no-reply@innovato.eu>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 587))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Billing (off without a key) ------------------------------------------------------------

STRIPE_SECRET_KEY = os.environ.get("STRIPE_SECRET_KEY", "")
STRIPE_PUBLISHABLE_KEY = os.environ.get("STRIPE_PUBLISHABLE_KEY", "")
STRIPE_WEBHOOK_SECRET = os.environ.get("STRIPE_WEBHOOK_SECRET", "")
STRIPE_API_BASE = os.environ.get("STRIPE_API_BASE", "")
BILLING_ENABLED = bool(STRIPE_SECRET_KEY)
# How long a city admin's e-mailed link to the Stripe customer portal stays valid.
BILLING_PORTAL_LINK_DAYS = int(os.environ.get("BILLING_PORTAL_LINK_DAYS", 7))
# Spare schemas kept cloned from the template, so provisioning only renames one.
CITY_SCHEMA_POOL_SIZE = int(os.environ.get("CITY_SCHEMA_POOL_SIZE", 2))
CELERY_BEAT_SCHEDULE["billing-grace-periods-hourly"] = {
    "task": "shared_apps.billing.tasks.enforce_grace_periods", "schedule": 3600.0}

# The network dashboard marks a city "stale" when its last statistics report is older than
# this (three times the hour within which every active city is expected to report; jobs run
# every minute with a broker, on a city's requests without one, or from cron).
CITY_REPORT_STALE_AFTER_MINUTES = int(os.environ.get("CITY_REPORT_STALE_AFTER_MINUTES",
                                                     3 * 60))

# Network totals of money are shown in euros, converted at these rates (approximate; set
# EXCHANGE_RATES_TO_EUR="RON=0.2,HUF=0.0025" to change them).
EXCHANGE_RATES_TO_EUR = {"EUR": 1.0, "RON": 0.2, "HUF": 0.0025, "PLN": 0.23, "CZK": 0.04}
EXCHANGE_RATES_TO_EUR.update({
    code.strip().upper(): float(rate)
    for code, rate in (item.split("=", 1) for item in env_list("EXCHANGE_RATES_TO_EUR"))
})

# --- REST API -------------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "shared_apps.accounts.authentication.ApiTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "innovato.pagination.Pagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["innovato.rest.FilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "innovato.api.exception_handler",
    "DEFAULT_METADATA_CLASS": "innovato.rest.ApiMetadata",
    "DEFAULT_PARSER_CLASSES": [
        "innovato.rest.ObjectJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_RENDERER_CLASSES": [
        "innovato.rest.JSONRenderer",
        "innovato.rest.BrowsableApi",
    ],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Innovato API",
    "DESCRIPTION": (
        "The API of one city's innovation platform, or of the network hub. Every host has its "
        "own API: a token is valid only on the host that issued it."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "PhaseEnum": "tenant_apps.calls.models.Phase",
        "ProposalStatusEnum": "tenant_apps.proposals.models.Status",
        "DecisionOutcomeEnum": "tenant_apps.evaluation.models.Decision.Outcome",
        "RoleEnum": "shared_apps.accounts.models.Role",
        "AdoptionOutcomeEnum": "shared_apps.hub.models.Adoption.Outcome",
        "PracticeStatusEnum": "shared_apps.hub.models.GoodPractice.Status",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"pgserver": {"level": "WARNING"}},
}

# --- Provisioning: SCIM 2.0 from each city's directory, people from CSV files ---------------
# django-scim2 serves /scim/v2/ on each city's host; the bearer token is the city's own
# (tenant_apps.provisioning.scim), and locations are built from the request's host.
SCIM_SERVICE_PROVIDER = {
    "NETLOC": BASE_DOMAIN,  # unused: BASE_LOCATION_GETTER answers with the city's own host
    "BASE_LOCATION_GETTER": "tenant_apps.provisioning.scim.base_location",
    "AUTH_CHECK_MIDDLEWARE": "tenant_apps.provisioning.scim.CityBearerTokenCheck",
    "USER_ADAPTER": "tenant_apps.provisioning.scim.CityScimUser",
    "USER_FILTER_PARSER": "tenant_apps.provisioning.scim_filters.CityUserFilterQuery",
    "GROUP_MODEL": "tenant_apps.provisioning.models.DirectoryGroup",
    "GROUP_ADAPTER": "tenant_apps.provisioning.scim.CityScimGroup",
    "GROUP_FILTER_PARSER": "tenant_apps.provisioning.scim_filters.CityGroupFilterQuery",
    "SERVICE_PROVIDER_CONFIG_MODEL": "tenant_apps.provisioning.scim.CityServiceProviderConfig",
    "GET_QUERYSET_POST_PROCESSOR_GETTER":
        "tenant_apps.provisioning.scim.queryset_post_processor_getter",
    "AUTHENTICATION_SCHEMES": [{
        "type": "oauthbearertoken", "name": "Bearer token", "primary": True,
        "description": "The city's SCIM token, from Administration → People → Directory.",
    }],
    "WWW_AUTHENTICATE_HEADER": 'Bearer realm="scim"',
}
PEOPLE_IMPORT_MAX_BYTES = int(os.environ.get("PEOPLE_IMPORT_MAX_BYTES", 512 * 1024))
PEOPLE_IMPORT_MAX_ROWS = int(os.environ.get("PEOPLE_IMPORT_MAX_ROWS", 2000))
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"]["DirectoryGroupRoleEnum"] = (
    "tenant_apps.provisioning.models.GroupRole")
