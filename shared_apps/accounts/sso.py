"""Single sign-on of one city (or of the hub) with its own identity provider.

The city admin's choices live in `SingleSignOn` (one row per schema); what allauth needs to
speak OpenID Connect or SAML 2.0 lives in allauth's `SocialApp` of the same schema, written
here beside it. The provider's identifiers in URLs are the city's slug ("hub" on the hub), so
a city's redirect and metadata URLs are stable and readable:

    https://<slug>.<base>/auth/oidc/<slug>/login/callback/
    https://<slug>.<base>/auth/saml/<slug>/acs/   and   …/auth/saml/<slug>/metadata/

Client secrets and certificates are written here and never read back out, nor logged.
Departments belong to a higher layer (tenant_apps.people): it registers a `DepartmentHook`
from its AppConfig.ready, and this module calls it by that registry only.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils.translation import gettext as _

from shared_apps.accounts.models import Role, SingleSignOn, User

OIDC_PROVIDER = "openid_connect"
SAML_PROVIDER = "saml"
CONNECTION_TIMEOUT_SECONDS = 10


@dataclass(frozen=True)
class DepartmentHook:
    """How single sign-on reaches the city's departments without importing them."""

    codes: Callable[[], Iterable[str]]  # the codes of the city's departments
    assign: Callable[[User, str | None], None]  # put a person in the department of a code


DEPARTMENT_HOOKS: list[DepartmentHook] = []


def organization_slug() -> str:
    """The identifier of this schema's identity provider in allauth's URLs."""
    tenant = getattr(connection, "tenant", None)
    if tenant is None or getattr(tenant, "is_hub", False) or not getattr(tenant, "slug", ""):
        return "hub"
    return tenant.slug


def _on_hub() -> bool:
    return organization_slug() == "hub"


def sso_settings() -> SingleSignOn:
    """This schema's single sign-on settings (a row is made on first use)."""
    config = SingleSignOn.objects.first()
    return config if config is not None else SingleSignOn.objects.create()


def social_app(*, config: SingleSignOn | None = None):
    """allauth's SocialApp for this schema's current protocol, or None."""
    from allauth.socialaccount.models import SocialApp

    config = config or sso_settings()
    slug = organization_slug()
    if config.protocol == SingleSignOn.Protocol.OIDC:
        return SocialApp.objects.filter(provider=OIDC_PROVIDER, provider_id=slug).first()
    if config.protocol == SingleSignOn.Protocol.SAML:
        return SocialApp.objects.filter(provider=SAML_PROVIDER, client_id=slug).first()
    return None


def sign_in_url() -> str:
    """Where the "Sign in with …" button posts to start a sign-in with the city's provider."""
    from django.urls import reverse

    config = sso_settings()
    slug = organization_slug()
    if config.protocol == SingleSignOn.Protocol.OIDC:
        return reverse("openid_connect_login", kwargs={"provider_id": slug})
    if config.protocol == SingleSignOn.Protocol.SAML:
        return reverse("saml_login", kwargs={"organization_slug": slug})
    return ""


def _origin(url: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(url or "")
    return f"{parts.scheme}://{parts.netloc}" if parts.scheme and parts.netloc else ""


def provider_origins() -> list[str]:
    """Where the "Sign in with …" form's redirect leads (the provider's sign-in page), for
    the sign-in page's Content-Security-Policy form-action: browsers check the redirect
    after a form is sent too."""
    config = sso_settings()
    origins: list[str] = []
    if config.protocol == SingleSignOn.Protocol.OIDC:
        origins.append(_origin(config.oidc_server_url))
    elif config.protocol == SingleSignOn.Protocol.SAML:
        app = social_app(config=config)
        idp = (app.settings.get("idp") if app else None) or {}
        if idp.get("sso_url"):
            origins.append(_origin(idp["sso_url"]))
        elif idp.get("metadata_url"):
            origins.append(_origin(idp["metadata_url"]))
            try:
                from allauth.socialaccount.providers.saml.utils import (
                    fetch_metadata_url_config,
                )

                found = fetch_metadata_url_config(idp)  # cached by allauth, per city
                origins.append(_origin(found["idp"]["singleSignOnService"]["url"]))
            except Exception:  # noqa: S110 - an unreachable IdP is reported on sign-in
                pass
    return [origin for origin in dict.fromkeys(origins) if origin]


def service_provider_urls(*, base_url: str) -> dict[str, str]:
    """The URLs a city's IT pastes into its identity provider, for this host."""
    slug = organization_slug()
    base = base_url.rstrip("/")
    return {
        "oidc_redirect_uri": f"{base}/auth/oidc/{slug}/login/callback/",
        "saml_metadata_url": f"{base}/auth/saml/{slug}/metadata/",
        "saml_acs_url": f"{base}/auth/saml/{slug}/acs/",
        "saml_entity_id": f"{base}/auth/saml/{slug}/metadata/",
    }


# --- Settings ---------------------------------------------------------------------------------


def _parse_saml_metadata(xml: str) -> dict:
    """The IdP's entity ID, sign-in URL and signing certificate from its metadata."""
    from onelogin.saml2.idp_metadata_parser import OneLogin_Saml2_IdPMetadataParser

    try:
        parsed = OneLogin_Saml2_IdPMetadataParser.parse(xml)
    except Exception as error:  # lxml and the parser raise many kinds for bad XML
        raise ValidationError(
            {"saml_metadata_xml": _("The metadata is not valid SAML metadata XML.")},
            code="invalid") from error
    idp = parsed.get("idp") or {}
    sso_url = (idp.get("singleSignOnService") or {}).get("url")
    cert = idp.get("x509cert") or ((idp.get("x509certMulti") or {}).get("signing") or [""])[0]
    if not idp.get("entityId") or not sso_url or not cert:
        raise ValidationError(
            {"saml_metadata_xml": _("The metadata has no IdP entity ID, sign-in URL or "
                                    "signing certificate.")}, code="incomplete")
    return {"entity_id": idp["entityId"], "sso_url": sso_url, "x509cert": cert}


def _clean_roles(role_groups: dict) -> dict[str, list[str]]:
    from shared_apps.accounts.services import roles_for_current_schema

    allowed = roles_for_current_schema()
    cleaned: dict[str, list[str]] = {}
    for role, groups in (role_groups or {}).items():
        if role not in allowed:
            raise ValidationError({"role_groups": _("“%(role)s” is not a role on this site.")
                                   % {"role": role}}, code="invalid_role")
        if isinstance(groups, str):
            groups = groups.split(",")
        names = [str(name).strip() for name in groups if str(name).strip()]
        if names:
            cleaned[role] = names
    return cleaned


def _clean_departments(department_map: dict) -> dict[str, str]:
    cleaned = {str(k).strip(): str(v).strip() for k, v in (department_map or {}).items()
               if str(k).strip() and str(v).strip()}
    if _on_hub():  # the hub has no departments
        return {}
    known: set[str] = set()
    for hook in DEPARTMENT_HOOKS:
        known.update(hook.codes())
    unknown = sorted(set(cleaned.values()) - known) if DEPARTMENT_HOOKS else []
    if unknown:
        raise ValidationError({"department_map": _("No department has the code %(codes)s.")
                               % {"codes": ", ".join(unknown)}}, code="unknown_department")
    return cleaned


@transaction.atomic
def sso_settings_update(
    *,
    by: User,
    protocol: str,
    display_name: str = "",
    oidc_server_url: str = "",
    oidc_client_id: str = "",
    oidc_client_secret: str | None = None,
    oidc_scopes: str = "openid profile email",
    saml_metadata_url: str = "",
    saml_metadata_xml: str | None = None,
    saml_entity_id: str = "",
    sso_only: bool = False,
    password_users: Iterable[User] = (),
    claim_names: dict | None = None,
    department_map: dict | None = None,
    role_groups: dict | None = None,
) -> SingleSignOn:
    """Save how this city signs in with its identity provider, and allauth's SocialApp with
    it. `oidc_client_secret` and `saml_metadata_xml` left None keep the stored ones.

    Raises ValidationError (nothing saved) when a required value is missing or wrong."""
    from allauth.socialaccount.models import SocialApp

    from tenant_apps.audit.services import audit_record  # the hub keeps an audit trail too

    if protocol not in SingleSignOn.Protocol.values:
        raise ValidationError({"protocol": _("Choose OpenID Connect, SAML 2.0 or off.")},
                              code="invalid_protocol")
    config = sso_settings()
    slug = organization_slug()
    existing_oidc = SocialApp.objects.filter(provider=OIDC_PROVIDER, provider_id=slug).first()
    existing_saml = SocialApp.objects.filter(provider=SAML_PROVIDER, client_id=slug).first()
    errors: dict[str, list[str]] = {}
    display_name = display_name.strip()
    password_users = list(password_users)
    if protocol and not display_name:
        errors.setdefault("display_name", []).append(
            _("Give the name people know this account by, such as “Cluj City Hall account”."))
    if protocol == SingleSignOn.Protocol.OIDC:
        if not oidc_server_url:
            errors.setdefault("oidc_server_url", []).append(_("Enter the discovery URL."))
        if not oidc_client_id.strip():
            errors.setdefault("oidc_client_id", []).append(_("Enter the client ID."))
        if not (oidc_client_secret or (existing_oidc and existing_oidc.secret)):
            errors.setdefault("oidc_client_secret", []).append(_("Enter the client secret."))
        if "openid" not in oidc_scopes.split():
            errors.setdefault("oidc_scopes", []).append(_("The scopes must include openid."))
    idp: dict = {}
    if protocol == SingleSignOn.Protocol.SAML:
        if saml_metadata_xml and saml_metadata_xml.strip():
            try:
                idp = _parse_saml_metadata(saml_metadata_xml)
            except ValidationError as error:
                for name, messages in error.message_dict.items():
                    errors.setdefault(name, []).extend(messages)
        elif saml_metadata_url:
            idp = {"metadata_url": saml_metadata_url, "entity_id": saml_entity_id or None}
        elif existing_saml and existing_saml.settings.get("idp", {}).get("sso_url"):
            idp = existing_saml.settings["idp"]
        else:
            errors.setdefault("saml_metadata_url", []).append(
                _("Enter the IdP metadata URL or paste its metadata XML."))
    managers = [user for user in password_users
                if user.has_role(Role.CITY_ADMIN, Role.PARTNER_ADMIN)]
    if len(managers) != len(password_users):
        errors.setdefault("password_users", []).append(
            _("Only administrators can keep a password when sign-in goes through the "
              "identity provider."))
    if sso_only and not protocol:
        errors.setdefault("sso_only", []).append(
            _("Choose an identity provider before making it the only way in."))
    if sso_only and not password_users:
        errors.setdefault("password_users", []).append(
            _("Name at least one administrator who keeps a password, so the site can be "
              "reached if the identity provider is down."))
    try:
        role_groups = _clean_roles(role_groups or {})
    except ValidationError as error:
        errors.setdefault("role_groups", []).extend(error.message_dict["role_groups"])
    try:
        department_map = _clean_departments(department_map or {})
    except ValidationError as error:
        errors.setdefault("department_map", []).extend(error.message_dict["department_map"])
    if errors:
        raise ValidationError(errors)

    before = {"protocol": config.protocol, "display_name": config.display_name,
              "sso_only": config.sso_only}
    config.protocol = protocol
    config.display_name = display_name
    config.oidc_server_url = oidc_server_url
    config.oidc_scopes = " ".join(oidc_scopes.split())
    config.saml_metadata_url = saml_metadata_url if not idp.get("sso_url") else ""
    config.saml_entity_id = idp.get("entity_id") or saml_entity_id or ""
    config.sso_only = sso_only
    names = dict(config.claim_names or {})
    names.update({k: str(v).strip() for k, v in (claim_names or {}).items()
                  if k in default_claim_keys()})
    config.claim_names = names
    config.department_map = department_map
    config.role_groups = role_groups
    config.save()
    config.password_users.set(password_users)

    if protocol == SingleSignOn.Protocol.OIDC:
        app = existing_oidc or SocialApp(provider=OIDC_PROVIDER, provider_id=slug)
        app.name = display_name
        app.client_id = oidc_client_id.strip()
        if oidc_client_secret:
            app.secret = oidc_client_secret
        app.settings = {"server_url": oidc_server_url, "scope": config.oidc_scopes.split(),
                        "oauth_pkce_enabled": True}
        app.save()
    else:
        SocialApp.objects.filter(provider=OIDC_PROVIDER, provider_id=slug).delete()
    if protocol == SingleSignOn.Protocol.SAML:
        app = existing_saml or SocialApp(provider=SAML_PROVIDER, client_id=slug)
        app.name = display_name
        app.settings = {
            "idp": idp,
            "attribute_mapping": {
                key: [name for name in [names.get(key), *USUAL_CLAIM_NAMES[key]] if name]
                for key in ("email", "first_name", "last_name")},
            "use_nameid_for_email": False,
            "advanced": {"strict": True, "want_assertion_signed": True,
                         "allow_single_label_domains": settings.DEBUG or _localhost()},
        }
        app.save()
    else:
        SocialApp.objects.filter(provider=SAML_PROVIDER, client_id=slug).delete()
    # Never the secret nor the certificate, only what changed in plain sight.
    audit_record(actor=by, action="sso.changed", target=config, before=before,
                 after={"protocol": protocol, "display_name": display_name,
                        "sso_only": sso_only})
    return config


def _localhost() -> bool:
    return settings.BASE_DOMAIN == "localhost"


def default_claim_keys() -> tuple[str, ...]:
    return ("email", "first_name", "last_name", "language", "department", "groups")


# --- Testing the connection -------------------------------------------------------------------


@dataclass
class ConnectionReport:
    ok: bool = True
    checks: list[dict] = field(default_factory=list)

    def passed(self, message: str) -> None:
        self.checks.append({"ok": True, "message": message})

    def failed(self, message: str) -> None:
        self.ok = False
        self.checks.append({"ok": False, "message": message})


def _fetch_json(url: str, report: ConnectionReport) -> dict | None:
    try:
        response = requests.get(url, timeout=CONNECTION_TIMEOUT_SECONDS)
    except requests.RequestException:
        report.failed(_("Nothing could be reached at %(url)s.") % {"url": url})
        return None
    if response.status_code != 200:
        report.failed(_("%(url)s answered with HTTP status %(status)s.") % {
            "status": response.status_code, "url": url})
        return None
    try:
        data = response.json()
    except ValueError:
        data = None
    if not isinstance(data, dict):
        report.failed(_("%(url)s does not answer with a JSON object.") % {"url": url})
        return None
    return data


def sso_connection_test(*, config: SingleSignOn | None = None) -> ConnectionReport:
    """Reach the identity provider as a sign-in would, and say plainly what is wrong."""
    config = config or sso_settings()
    report = ConnectionReport()
    if config.protocol == SingleSignOn.Protocol.OIDC:
        url = config.oidc_server_url
        if "/.well-known/" not in url:
            url = url.rstrip("/") + "/.well-known/openid-configuration"
        discovery = _fetch_json(url, report)
        if discovery is None:
            return report
        report.passed(_("The discovery document was read from %(url)s.") % {"url": url})
        missing = [key for key in ("issuer", "authorization_endpoint", "token_endpoint",
                                   "jwks_uri") if not discovery.get(key)]
        if missing:
            report.failed(_("The discovery document lacks %(keys)s.") % {
                "keys": ", ".join(missing)})
            return report
        report.passed(_("Issuer: %(issuer)s.") % {"issuer": discovery["issuer"]})
        keys = _fetch_json(discovery["jwks_uri"], report)
        if keys is None:
            return report
        if not keys.get("keys"):
            report.failed(_("The provider publishes no signing keys."))
        else:
            report.passed(_("The provider publishes its signing keys."))
        app = social_app(config=config)
        if app is None or not app.client_id or not app.secret:
            report.failed(_("The client ID or secret is missing."))
        return report
    if config.protocol == SingleSignOn.Protocol.SAML:
        app = social_app(config=config)
        idp = (app.settings.get("idp") if app else None) or {}
        if idp.get("metadata_url"):
            try:
                response = requests.get(idp["metadata_url"], timeout=CONNECTION_TIMEOUT_SECONDS)
            except requests.RequestException:
                report.failed(_("The IdP metadata could not be reached at %(url)s.") % {
                    "url": idp["metadata_url"]})
                return report
            if response.status_code != 200:
                report.failed(_("The IdP metadata answered with HTTP status %(status)s.") % {
                    "status": response.status_code})
                return report
            try:
                idp = _parse_saml_metadata(response.text)
            except ValidationError as error:
                report.failed(error.messages[0])
                return report
            report.passed(_("The IdP metadata was read from %(url)s.") % {
                "url": config.saml_metadata_url})
        if not idp.get("sso_url"):
            report.failed(_("No IdP metadata is saved."))
            return report
        report.passed(_("IdP entity ID: %(entity)s.") % {"entity": idp["entity_id"]})
        report.passed(_("Sign-in URL: %(url)s.") % {"url": idp["sso_url"]})
        report.passed(_("The IdP's signing certificate is present."))
        return report
    report.failed(_("Single sign-on is off."))
    return report


# --- Signing in -------------------------------------------------------------------------------


def identity_claims(*, provider: str, extra_data: dict) -> dict:
    """The claims (OpenID Connect) or attributes (SAML) the provider sent about a person."""
    if provider == SAML_PROVIDER:
        return dict(extra_data or {})
    data = dict((extra_data or {}).get("id_token") or {})
    data.update((extra_data or {}).get("userinfo") or {})
    return data


def _first(value) -> str:
    if isinstance(value, list | tuple):
        value = value[0] if value else ""
    return "" if value is None else str(value).strip()


def _many(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [part.strip() for part in value.split(",") if part.strip()]
    if isinstance(value, list | tuple):
        return [str(part).strip() for part in value if str(part).strip()]
    return [str(value)]


def _language(value: str) -> str:
    code = value.replace("_", "-").split("-")[0].lower()
    return code if code in dict(settings.LANGUAGES) else ""


# Where Entra ID, ADFS, Keycloak and LDAP-backed IdPs usually put a detail, tried when the
# claim the admin named is absent.
USUAL_CLAIM_NAMES = {
    "email": ["email", "mail", "urn:oid:0.9.2342.19200300.100.1.3",
              "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
              "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/upn"],
    "first_name": ["given_name", "givenName", "urn:oid:2.5.4.42",
                   "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname"],
    "last_name": ["family_name", "sn", "urn:oid:2.5.4.4",
                  "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname"],
    "language": ["locale", "preferredLanguage", "urn:oid:2.16.840.1.113730.3.1.39"],
    "department": ["department", "urn:oid:2.5.4.11",
                   "http://schemas.microsoft.com/ws/2008/06/identity/claims/department"],
    "groups": ["groups", "memberOf", "Role",
               "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
               "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
               "http://schemas.xmlsoap.org/claims/Group"],
}


@dataclass
class MappedIdentity:
    email: str = ""
    first_name: str = ""
    last_name: str = ""
    language: str = ""
    department_code: str | None = None
    roles_granted: set[str] = field(default_factory=set)
    roles_decided: set[str] = field(default_factory=set)  # roles whose groups are configured


def identity_map(*, config: SingleSignOn, claims: dict) -> MappedIdentity:
    """A person's details and roles from the provider's claims, by the admin's mapping."""
    names = config.claim_names or {}

    def claim(key: str):
        for name in [names.get(key), *USUAL_CLAIM_NAMES[key]]:
            if name and claims.get(name) not in (None, "", []):
                return claims[name]
        return None

    mapped = MappedIdentity(
        email=_first(claim("email")),
        first_name=_first(claim("first_name")),
        last_name=_first(claim("last_name")),
        language=_language(_first(claim("language"))),
    )
    if not (mapped.first_name or mapped.last_name) and claims.get("name"):
        mapped.first_name, _sep, mapped.last_name = _first(claims["name"]).partition(" ")
    department = _first(claim("department"))
    if department:
        mapped.department_code = (config.department_map or {}).get(department)
    groups = set(_many(claim("groups")))
    for role, role_groups in (config.role_groups or {}).items():
        mapped.roles_decided.add(role)
        if groups & set(role_groups):
            mapped.roles_granted.add(role)
    return mapped


def user_apply_identity(*, user: User, mapped: MappedIdentity, new: bool) -> None:
    """Copy the mapped details onto `user` (unsaved); roles whose groups are configured
    follow the directory, others stay as the city admin set them."""
    if mapped.email:
        user.email = mapped.email
    if mapped.first_name:
        user.first_name = mapped.first_name[:150]
    if mapped.last_name:
        user.last_name = mapped.last_name[:150]
    if mapped.language:
        user.language = mapped.language
    roles = set(user.roles or [])
    if new and not _on_hub():
        roles.add(Role.EMPLOYEE)
    roles = (roles - mapped.roles_decided) | mapped.roles_granted
    order = [role.value for role in Role]
    user.roles = sorted(roles, key=order.index)


def user_assign_department(*, user: User, mapped: MappedIdentity) -> None:
    """Put `user` in the department the provider named, when the mapping knows it."""
    if mapped.department_code is None or _on_hub():
        return
    for hook in DEPARTMENT_HOOKS:
        hook.assign(user, mapped.department_code)


def sso_sign_in_record(*, user: User, created: bool) -> None:
    """One audit entry per sign-in through the identity provider (and one per account made)."""
    from tenant_apps.audit.services import audit_record  # the hub keeps an audit trail too

    config = sso_settings()
    if created:
        audit_record(actor=user, action="user.created_by_sso", target=user,
                     after={"roles": list(user.roles), "protocol": config.protocol})
    audit_record(actor=user, action="user.signed_in_sso", target=user,
                 after={"protocol": config.protocol})
