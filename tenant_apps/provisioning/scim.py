"""SCIM 2.0 for each city, on django-scim2: which person and group each SCIM resource is,
how the city's bearer token is checked, and how the PATCH requests Entra ID and Okta send
are read. Writes go through `tenant_apps.provisioning.services`.

The library gives the routes, the list and search responses, the filter parser and the
error documents; these adapters map our users (with their department, language and
directory link) and our directory groups onto the SCIM schemas.
"""

import json
import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.http import HttpResponse
from django_scim import constants, exceptions
from django_scim.adapters import SCIMGroup, SCIMUser
from django_scim.models import SCIMServiceProviderConfig

from innovato.errors import ActionRefused
from shared_apps.accounts.models import User
from tenant_apps.provisioning import services
from tenant_apps.provisioning.models import DirectoryAccount

ENTERPRISE = constants.SchemaURI.ENTERPRISE_USER


def base_location(request=None, *args, **kwargs) -> str:
    """Resources are located on the host that was asked: the city's own."""
    return request.build_absolute_uri("/")


def _error(status: int, detail: str, scim_type: str | None = None) -> HttpResponse:
    body = {"schemas": [constants.SchemaURI.ERROR], "status": str(status), "detail": detail}
    if scim_type:
        body["scimType"] = scim_type
    return HttpResponse(json.dumps(body), status=status,
                        content_type=constants.SCIM_CONTENT_TYPE)


class CityBearerTokenCheck:
    """Wraps every SCIM view: only this city's own SCIM token opens it. A signed-in
    browser session or a personal API token is not enough, and on the hub nothing is."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request, *args, **kwargs):
        scheme, _space, secret = request.headers.get("Authorization", "").partition(" ")
        if scheme.lower() != "bearer" or not services.scim_token_accept(secret=secret.strip()):
            response = _error(401, "A valid SCIM bearer token of this city is required.")
            response["WWW-Authenticate"] = 'Bearer realm="scim"'
            return response
        return self.get_response(request, *args, **kwargs)


def _scim_refusal(error: Exception) -> exceptions.SCIMException:
    """Our refusals as SCIM errors: taken names are 409 uniqueness, the rest 400."""
    if isinstance(error, ValidationError):
        messages = (error.message_dict if hasattr(error, "error_dict")
                    else {"": error.messages})
        detail = " ".join(f"{key}: {' '.join(texts)}".lstrip(": ")
                          for key, texts in messages.items())
        errors = (error.error_dict.values() if hasattr(error, "error_dict")
                  else [error.error_list])
        taken = any(item.code == "unique" for items in errors for item in items)
        if taken:
            return exceptions.IntegrityError(detail, scim_type="uniqueness")
        return exceptions.BadRequestError(detail, scim_type="invalidValue")
    if isinstance(error, ActionRefused):
        return exceptions.SCIMException(error.message, status=409, scim_type="mutability")
    return exceptions.IntegrityError(str(error), scim_type="uniqueness")


def _boolean(value, name: str) -> bool:
    """SCIM booleans, also as the strings "True" and "False" Entra ID sends."""
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in {"true", "false"}:
        return value.strip().lower() == "true"
    raise exceptions.BadRequestError(f'"{name}" must be a boolean.', scim_type="invalidValue")


def _text(value, name: str) -> str:
    if value is None:
        return ""
    if isinstance(value, (str, int)):
        return str(value)
    raise exceptions.BadRequestError(f'"{name}" must be a string.', scim_type="invalidValue")


def _primary_email(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        return _text(value.get("value"), "emails.value")
    if isinstance(value, list) and value:
        ordered = sorted(value, key=lambda item: not (isinstance(item, dict)
                                                      and item.get("primary")))
        work = [item for item in ordered if isinstance(item, dict)
                and item.get("type", "work") == "work"]
        return _primary_email((work or ordered)[0])
    return ""


# Attribute paths as Entra ID and Okta write them (lower case) → DirectoryPerson field.
_USER_PATHS = {
    "username": "username",
    "name.givenname": "first_name",
    "givenname": "first_name",
    "name.familyname": "last_name",
    "familyname": "last_name",
    "active": "is_active",
    "preferredlanguage": "language",
    "locale": None,
    "title": "job_title",
    "externalid": "external_id",
    "emails": "email",
    'emails[type eq "work"].value': "email",
    "emails.value": "email",
    f"{ENTERPRISE}:department".lower(): "department",
}


class CityScimUser(SCIMUser):
    """A person of this city as a SCIM User (core schema and the enterprise extension's
    department). Its id is the user's id in the city."""

    id_field = "id"

    def __init__(self, obj, request=None):
        super().__init__(obj, request)
        self.person = services.DirectoryPerson()

    @property
    def external_id(self) -> str:
        try:
            return self.obj.directory_account.external_id
        except DirectoryAccount.DoesNotExist:
            return ""

    @property
    def groups(self):
        return [{"value": str(group.pk), "display": group.display_name,
                 "$ref": CityScimGroup(group, self.request).location}
                for group in self.obj.directory_groups.all()]

    def to_dict(self):
        profile = getattr(self.obj, "profile", None) if self.obj.pk else None
        department = profile.department if profile and profile.department_id else None
        document = {
            "schemas": [constants.SchemaURI.USER, ENTERPRISE],
            "id": self.id,
            "externalId": self.external_id or None,
            "userName": self.obj.username,
            "name": {"givenName": self.obj.first_name, "familyName": self.obj.last_name,
                     "formatted": self.obj.get_full_name()},
            "displayName": self.obj.display_name,
            "emails": ([{"value": self.obj.email, "type": "work", "primary": True}]
                       if self.obj.email else []),
            "active": self.obj.is_active,
            "preferredLanguage": self.obj.language or None,
            "title": (profile.job_title if profile else "") or None,
            "groups": self.groups,
            ENTERPRISE: {"department": department.name if department else None},
            "meta": {
                "resourceType": "User",
                "created": self.obj.date_joined.isoformat(),
                "lastModified": self.obj.date_joined.isoformat(),
                "location": self.location,
            },
        }
        return {key: value for key, value in document.items() if value is not None}

    def validate_dict(self, d):
        if not isinstance(d, dict):
            raise exceptions.BadRequestError("The body must be a JSON object.")
        if not _text(d.get("userName"), "userName").strip():
            raise exceptions.BadRequestError("userName is required.", scim_type="invalidValue")

    def from_dict(self, d):
        """A full description (POST, PUT): what is absent is cleared, except the account's
        activity, which stays as it is unless `active` is given."""
        name = d.get("name") if isinstance(d.get("name"), dict) else {}
        enterprise = d.get(ENTERPRISE) if isinstance(d.get(ENTERPRISE), dict) else {}
        self.person = services.DirectoryPerson(
            username=_text(d.get("userName"), "userName"),
            first_name=_text(name.get("givenName"), "name.givenName"),
            last_name=_text(name.get("familyName"), "name.familyName"),
            email=_primary_email(d.get("emails")),
            is_active=None if d.get("active") is None else _boolean(d["active"], "active"),
            language=_text(d.get("preferredLanguage"), "preferredLanguage"),
            department=_text(enterprise.get("department"), "department"),
            job_title=_text(d.get("title"), "title"),
            external_id=_text(d.get("externalId"), "externalId"),
        )

    def save(self):
        try:
            self.obj = services.directory_user_save(user=self.obj if self.obj.pk else None,
                                                    person=self.person)
        except (ValidationError, ActionRefused, IntegrityError) as error:
            raise _scim_refusal(error) from error
        self.person = services.DirectoryPerson()

    def delete(self):
        try:
            services.directory_user_remove(user=self.obj)
        except ActionRefused as error:
            raise _scim_refusal(error) from error

    def handle_operations(self, operations):
        """PATCH, as Entra ID (capitalised ops, "False" strings, filtered e-mail paths) and
        Okta (no path, a value object) send it. Attributes we do not keep (addresses,
        phone numbers…) are accepted and ignored, so the directory does not stop syncing."""
        if not isinstance(operations, list):
            raise exceptions.BadRequestError("Operations must be a list.")
        for operation in operations:
            if not isinstance(operation, dict):
                raise exceptions.BadRequestError("Each operation must be an object.")
            op = str(operation.get("op", "")).lower()
            if op not in constants.VALID_PATCH_OPS:
                raise exceptions.BadRequestError(f'Unknown PATCH op "{op}".',
                                                 scim_type="invalidSyntax")
            path, value = operation.get("path"), operation.get("value")
            if not path:
                if op == "remove" or not isinstance(value, dict):
                    raise exceptions.BadRequestError("A path is needed here.",
                                                     scim_type="noTarget")
                for key, item in value.items():
                    if key == ENTERPRISE and isinstance(item, dict):
                        for sub_key, sub_item in item.items():
                            self._patch(op, f"{ENTERPRISE}:{sub_key}", sub_item)
                    else:
                        self._patch(op, key, item)
            else:
                self._patch(op, str(path), value)
        self.save()

    def _patch(self, op: str, path: str, value) -> None:
        key = re.sub(r"\s+", " ", path.strip()).lower().replace("'", '"')
        if key.startswith(constants.SchemaURI.USER.lower() + ":"):
            key = key[len(constants.SchemaURI.USER) + 1:]
        if key == "name" and isinstance(value, dict):
            for sub_key, sub_item in value.items():
                self._patch(op, f"name.{sub_key}", sub_item)
            return
        field = _USER_PATHS.get(key)
        if field is None:
            return  # an attribute Innovato does not keep
        if op == "remove":
            if field in {"username", "is_active"}:
                raise exceptions.BadRequestError(f'"{path}" cannot be removed.',
                                                 scim_type="mutability")
            setattr(self.person, field, "")
            return
        if field == "is_active":
            self.person.is_active = _boolean(value, path)
        elif field == "email":
            self.person.email = _primary_email(value)
        else:
            setattr(self.person, field, _text(value, path))


class CityScimGroup(SCIMGroup):
    """A group of the city's directory; the city admin maps it to a role and a department
    on the SCIM page."""

    id_field = "id"

    def __init__(self, obj, request=None):
        super().__init__(obj, request)
        self._fields: dict = {}

    @property
    def members(self):
        return [{"value": str(user.pk), "display": user.display_name,
                 "$ref": CityScimUser(user, self.request).location}
                for user in self.obj.members.all()]

    def to_dict(self):
        document = {
            "schemas": [constants.SchemaURI.GROUP],
            "id": self.id,
            "externalId": self.obj.external_id or None,
            "displayName": self.obj.display_name,
            "members": self.members,
            "meta": {"resourceType": "Group", "location": self.location},
        }
        return {key: value for key, value in document.items() if value is not None}

    def validate_dict(self, d):
        if not isinstance(d, dict) or not _text(d.get("displayName"), "displayName").strip():
            raise exceptions.BadRequestError("displayName is required.",
                                             scim_type="invalidValue")

    def from_dict(self, d):
        self._fields = {
            "display_name": _text(d.get("displayName"), "displayName"),
            "external_id": _text(d.get("externalId"), "externalId"),
            "members": self._users(d.get("members") or []),
        }

    def _users(self, members) -> list[User]:
        if not isinstance(members, list):
            raise exceptions.BadRequestError("members must be a list.")
        ids = [_text(member.get("value") if isinstance(member, dict) else member, "members")
               for member in members]
        if not all(value.isdigit() for value in ids):
            raise exceptions.BadRequestError("Unknown member.", scim_type="invalidValue")
        users = list(User.objects.filter(pk__in=ids))
        if len(users) != len(set(ids)):
            raise exceptions.BadRequestError("Unknown member.", scim_type="invalidValue")
        return users

    def save(self):
        try:
            self.obj = services.directory_group_save(
                group=self.obj if self.obj.pk else None, **self._fields)
        except (ValidationError, ActionRefused, IntegrityError) as error:
            raise _scim_refusal(error) from error

    def delete(self):
        try:
            services.directory_group_delete(group=self.obj)
        except ActionRefused as error:
            raise _scim_refusal(error) from error

    def handle_operations(self, operations):
        """PATCH of a group: members added and removed (Entra ID: `members` with a list;
        Okta: `members[value eq "id"]`), its name replaced."""
        add: list[User] = []
        remove: list[User] = []
        fields = {"display_name": self.obj.display_name, "external_id": None}
        for operation in operations if isinstance(operations, list) else []:
            op = str(operation.get("op", "")).lower()
            path = str(operation.get("path") or "").strip()
            value = operation.get("value")
            if op not in constants.VALID_PATCH_OPS:
                raise exceptions.BadRequestError(f'Unknown PATCH op "{op}".',
                                                 scim_type="invalidSyntax")
            filtered = re.fullmatch(r'members\[value eq "([^"]+)"\]', path, re.IGNORECASE)
            if filtered:
                users = self._users([filtered.group(1)])
                (remove if op == "remove" else add).extend(users)
            elif path.lower() == "members":
                users = self._users(value or [])
                if op == "replace":
                    current = set(self.obj.members.all())
                    add.extend(set(users) - current)
                    remove.extend(current - set(users))
                elif op == "remove" and value is None:
                    remove.extend(self.obj.members.all())
                else:
                    (remove if op == "remove" else add).extend(users)
            elif path.lower() == "displayname" or (not path and isinstance(value, dict)):
                new = value.get("displayName") if isinstance(value, dict) else value
                if new is not None:
                    fields["display_name"] = _text(new, "displayName")
            elif path.lower() == "externalid":
                fields["external_id"] = _text(value, "externalId")
        try:
            self.obj = services.directory_group_save(group=self.obj, **fields)
            services.directory_group_members_change(group=self.obj, add=add, remove=remove)
        except (ValidationError, ActionRefused) as error:
            raise _scim_refusal(error) from error


def queryset_post_processor_getter(model):
    """Lists of users read each one's profile, directory link and groups in a fixed number
    of queries."""

    def post_process(request, queryset, *args, **kwargs):
        if model is User:
            return queryset.select_related("profile__department", "directory_account") \
                .prefetch_related("directory_groups")
        return queryset.prefetch_related("members")

    return post_process


class CityServiceProviderConfig(SCIMServiceProviderConfig):
    def to_dict(self):
        document = super().to_dict()
        document["filter"] = {"supported": True, "maxResults": 200}
        document["changePassword"] = {"supported": False}
        document["documentationUri"] = self.request.build_absolute_uri("/api/v1/docs/")
        return document

