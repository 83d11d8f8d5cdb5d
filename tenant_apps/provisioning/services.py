"""Writes on provisioning: the city's SCIM token, people and groups pushed by its directory,
and people imported from a CSV file."""

import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from innovato.errors import ActionRefused, NotAllowed
from shared_apps.accounts.models import Invitation, Role, User
from shared_apps.accounts.services import invitation_create, user_create, user_sessions_end
from tenant_apps.audit.services import audit_record
from tenant_apps.people.models import Department, Profile
from tenant_apps.provisioning import csv_rows
from tenant_apps.provisioning.models import (
    DirectoryAccount,
    DirectoryGroup,
    ImportedInvitation,
    ScimToken,
)


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _require_city_admin(by: User) -> None:
    if not by.has_role(Role.CITY_ADMIN):
        raise NotAllowed(_("Only city admins may manage provisioning."))


# --- The SCIM token --------------------------------------------------------------------------


@transaction.atomic
def scim_token_issue(*, by: User) -> str:
    """A new bearer token for the city's directory; any earlier one stops working at once.
    Returns the secret, shown once: only its digest is kept."""
    _require_city_admin(by)
    rotated = ScimToken.objects.exists()
    ScimToken.objects.all().delete()
    secret = secrets.token_urlsafe(36)
    token = ScimToken.objects.create(key_digest=_digest(secret), created_by=by)
    audit_record(actor=by, action="scim_token.rotated" if rotated else "scim_token.created",
                 target=token)
    return secret


@transaction.atomic
def scim_token_revoke(*, by: User) -> None:
    """End the directory's access: its token stops working at once."""
    _require_city_admin(by)
    for token in ScimToken.objects.all():
        audit_record(actor=by, action="scim_token.revoked", target=token)
        token.delete()


def scim_token_accept(*, secret: str) -> bool:
    """True if `secret` is this city's SCIM token (noting its use at most once a minute).
    Always False on the hub: its schema has no directory."""
    if connection.schema_name == settings.PUBLIC_SCHEMA_NAME or not secret:
        return False
    token = ScimToken.objects.filter(key_digest=_digest(secret)).first()
    if token is None:
        return False
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= timedelta(minutes=1):
        ScimToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return True


# --- People from the directory ---------------------------------------------------------------


@dataclass
class DirectoryPerson:
    """What the directory says about a person; None means "not said, leave as it is"."""

    username: str | None = None
    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    is_active: bool | None = None
    language: str | None = None
    department: str | None = None  # "" clears it
    job_title: str | None = None
    external_id: str | None = None


def _language_code(value: str) -> str:
    """"fr-FR", "fr_FR" or "fr" → "fr" when the platform speaks it, else ""."""
    code = value.strip().lower().replace("_", "-").split("-")[0]
    return code if code in dict(settings.LANGUAGES) else ""


def department_find(value: str) -> Department | None:
    """The active department whose code or name (in any language) is `value`."""
    value = value.strip()
    if not value:
        return None
    names = {f"name_{code}__iexact": value for code, _label in settings.LANGUAGES}
    query = Department.objects.filter(is_active=True)
    by_code = query.filter(code__iexact=value).first()
    if by_code:
        return by_code
    match = Q(name__iexact=value)
    for lookup, name in names.items():
        match |= Q(**{lookup: name})
    return query.filter(match).order_by("pk").first()


def _other_active_admin_exists(user: User) -> bool:
    return User.objects.filter(roles__contains=[Role.CITY_ADMIN], is_active=True).exclude(
        pk=user.pk).exists()


def _deactivate(user: User) -> None:
    """Deactivate `user` for the directory: signed out everywhere at once, work kept."""
    if Role.CITY_ADMIN in user.roles and not _other_active_admin_exists(user):
        raise ActionRefused(_("The city must keep at least one active city admin."),
                            code="last_admin")
    user.is_active = False
    user.save(update_fields=["is_active"])
    user_sessions_end(user=user)
    audit_record(actor=None, action="user.deactivated", target=user,
                 before={"is_active": True, "by": "directory"},
                 after={"is_active": False, "by": "directory"})


def _refuse_taken(user: User | None, person: DirectoryPerson) -> None:
    others = User.objects.exclude(pk=user.pk) if user else User.objects.all()
    if person.username and others.filter(username__iexact=person.username.strip()).exists():
        raise ValidationError({"userName": ValidationError(
            _("Someone here already has this userName."), code="unique")})
    if person.email and others.filter(email__iexact=person.email.strip()).exists():
        raise ValidationError({"emails": ValidationError(
            _("Someone with this e-mail address already has an account."), code="unique")})


@transaction.atomic
def directory_user_save(*, user: User | None, person: DirectoryPerson) -> User:
    """Create (user None) or update a person as the city's directory describes them.

    A person the directory deactivates loses their web sessions and API tokens at once;
    their proposals stay, shown as by a former employee.
    """
    _refuse_taken(user, person)
    if user is None:
        if not (person.username or "").strip():
            raise ValidationError({"userName": _("userName is required.")}, code="required")
        user = user_create(username=person.username.strip(), email=person.email or "",
                           roles=[Role.EMPLOYEE], first_name=person.first_name or "",
                           last_name=person.last_name or "")
        audit_record(actor=None, action="user.provisioned", target=user,
                     after={"username": user.username, "by": "directory"})
    else:
        user = User.objects.select_for_update().get(pk=user.pk)
    for attribute in ("username", "first_name", "last_name"):
        value = getattr(person, attribute)
        if value is not None:
            setattr(user, attribute, value.strip()[:150])
    if person.email is not None:
        user.email = User.objects.normalize_email(person.email.strip())
    if person.language is not None:
        user.language = _language_code(person.language)
    user.full_clean(exclude=["password"])
    user.save()
    if person.is_active is False and user.is_active:
        _deactivate(user)
    elif person.is_active and not user.is_active:
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(actor=None, action="user.reactivated", target=user,
                     before={"is_active": False, "by": "directory"},
                     after={"is_active": True, "by": "directory"})
    if person.department is not None or person.job_title is not None:
        profile, _created = Profile.objects.get_or_create(user=user)
        if person.department is not None:
            profile.department = department_find(person.department)
        if person.job_title is not None:
            profile.job_title = person.job_title.strip()[:150]
        profile.save()
    account, _created = DirectoryAccount.objects.get_or_create(user=user)
    if person.external_id is not None and account.external_id != person.external_id:
        account.external_id = person.external_id[:255]
        account.save(update_fields=["external_id", "updated_at"])
    return user


@transaction.atomic
def directory_user_remove(*, user: User) -> None:
    """The directory deletes a person: they are deactivated (their work stays, shown as by a
    former employee) and no longer belong to the directory or its groups."""
    user = User.objects.select_for_update().get(pk=user.pk)
    if user.is_active:
        _deactivate(user)
    for group in list(user.directory_groups.all()):
        directory_group_members_change(group=group, remove=[user])
    DirectoryAccount.objects.filter(user=user).delete()


# --- Groups from the directory ---------------------------------------------------------------


def _roles_from_groups(user: User) -> set[str]:
    return {role for role in user.directory_groups.exclude(role="")
            .values_list("role", flat=True)}


def _apply_group_effects(users: Iterable[User], before: dict[int, set[str]],
                         group: DirectoryGroup | None = None) -> None:
    """Give each of `users` the roles their groups give now, take away those their groups
    gave before and no longer do; place them in a department-mapped group's department."""
    for user in users:
        user = User.objects.select_for_update().get(pk=user.pk)
        now = _roles_from_groups(user)
        lost = before.get(user.pk, set()) - now
        roles = [role for role in user.roles if role not in lost]
        roles += [role for role in sorted(now) if role not in roles]
        if Role.EMPLOYEE not in roles:
            roles.insert(0, Role.EMPLOYEE)
        if roles != user.roles:
            if (Role.CITY_ADMIN in user.roles and Role.CITY_ADMIN not in roles
                    and user.is_active and not _other_active_admin_exists(user)):
                raise ActionRefused(_("The city must keep at least one active city admin."),
                                    code="last_admin")
            audit_record(actor=None, action="user.roles_changed", target=user,
                         before={"roles": list(user.roles), "by": "directory"},
                         after={"roles": roles, "by": "directory"})
            user.roles = roles
            user.save(update_fields=["roles"])
        if group is not None and group.department_id and group.members.filter(
                pk=user.pk).exists():
            Profile.objects.update_or_create(user=user,
                                             defaults={"department": group.department})


@transaction.atomic
def directory_group_save(*, group: DirectoryGroup | None, display_name: str,
                         external_id: str | None = None,
                         members: list[User] | None = None) -> DirectoryGroup:
    """Create (group None) or replace a group pushed by the directory."""
    display_name = (display_name or "").strip()
    if not display_name:
        raise ValidationError({"displayName": _("displayName is required.")},
                              code="required")
    group = group or DirectoryGroup()
    group.display_name = display_name[:255]
    if external_id is not None:
        group.external_id = external_id[:255]
    group.save()
    if members is not None:
        current = set(group.members.all())
        wanted = set(members)
        directory_group_members_change(group=group, add=list(wanted - current),
                                       remove=list(current - wanted))
    return group


@transaction.atomic
def directory_group_members_change(*, group: DirectoryGroup, add: Iterable[User] = (),
                                   remove: Iterable[User] = ()) -> None:
    """Add and remove members of a directory group, with the roles it gives."""
    add, remove = list(add), list(remove)
    before = {user.pk: _roles_from_groups(user) for user in [*add, *remove]}
    group.members.add(*add)
    group.members.remove(*remove)
    _apply_group_effects([*add, *remove], before, group)


@transaction.atomic
def directory_group_delete(*, group: DirectoryGroup) -> None:
    members = list(group.members.all())
    directory_group_members_change(group=group, remove=members)
    group.delete()


@transaction.atomic
def directory_group_map(*, group: DirectoryGroup, by: User, role: str,
                        department: Department | None) -> DirectoryGroup:
    """Set which role and department membership of `group` gives (the city admin's
    choice), and apply it to its members now."""
    _require_city_admin(by)
    members = list(group.members.all())
    before = {user.pk: _roles_from_groups(user) for user in members}
    previous = {"role": group.role, "department": group.department_id}
    group.role = role or ""
    group.department = department
    group.full_clean()
    group.save()
    _apply_group_effects(members, before, group)
    audit_record(actor=by, action="directory_group.mapped", target=group, before=previous,
                 after={"role": group.role, "department": group.department_id})
    return group


# --- People from a CSV file ------------------------------------------------------------------


@dataclass
class ImportRow:
    """One person of the file, as understood, with what is wrong with the row."""

    line: int
    name: str
    email: str
    department: Department | None
    department_label: str
    roles: list[str]
    language: str
    errors: list[str] = field(default_factory=list)

    @property
    def role_labels(self) -> list[str]:
        labels = dict(Role.choices)
        return [str(labels[role]) for role in self.roles]


@dataclass
class ImportPreview:
    rows: list[ImportRow]
    errors: list[str]  # about the whole file

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and not self.errors and not any(row.errors for row in self.rows)

    @property
    def invalid_rows(self) -> int:
        return sum(1 for row in self.rows if row.errors)


def _role_lookup() -> dict[str, str]:
    """Role codes and their names (English and the active language) → role code."""
    from django.utils import translation

    allowed = {Role.EMPLOYEE, Role.EVALUATOR, Role.CITY_ADMIN}
    lookup = {}
    for role in allowed:
        lookup[role.value] = role.value
        lookup[str(role.label).lower()] = role.value
        with translation.override("en"):
            lookup[str(role.label).lower()] = role.value
        lookup[role.value.replace("_", " ")] = role.value
    return lookup


def people_import_preview(*, data: bytes) -> ImportPreview:
    """Read a CSV file of people (name, email, department, roles, language) and say, row by
    row, what would be imported and what is wrong. Writes nothing."""
    table = csv_rows.read(data)
    if table.error:
        return ImportPreview(rows=[], errors=[table.error])
    from django.core.validators import validate_email

    tenant = connection.tenant
    languages = set(getattr(tenant, "enabled_languages", None) or [])
    default_language = getattr(tenant, "default_language", "") or settings.LANGUAGE_CODE
    role_lookup = _role_lookup()
    emails = [record.get("email", "").strip().lower() for record in table.records]
    lowered = [email for email in emails if email]
    taken = set(User.objects.annotate(lowered_email=Lower("email"))
                .filter(lowered_email__in=lowered).values_list("lowered_email", flat=True))
    seen: dict[str, int] = {}
    rows = []
    for line, record in zip(table.lines, table.records, strict=True):
        name = " ".join(record.get("name", "").split())
        email = record.get("email", "").strip()
        errors = []
        if not name:
            errors.append(_("The name is missing."))
        try:
            validate_email(email)
        except ValidationError:
            errors.append(_("“%(email)s” is not a valid e-mail address.") % {"email": email}
                          if email else _("The e-mail address is missing."))
        else:
            if email.lower() in taken:
                errors.append(_("Someone with this e-mail address already has an account."))
            if email.lower() in seen:
                errors.append(_("This e-mail address is also on line %(line)d.")
                              % {"line": seen[email.lower()]})
            else:
                seen[email.lower()] = line
        department_label = record.get("department", "").strip()
        department = department_find(department_label) if department_label else None
        if department_label and department is None:
            errors.append(_("There is no department “%(department)s”.")
                          % {"department": department_label})
        roles = []
        for word in csv_rows.split_list(record.get("roles", "")):
            role = role_lookup.get(word.lower())
            if role is None:
                errors.append(_("“%(role)s” is not a role here.") % {"role": word})
            elif role not in roles:
                roles.append(role)
        if Role.EMPLOYEE not in roles:
            roles.insert(0, Role.EMPLOYEE)
        language = record.get("language", "").strip().lower()
        if language and language not in languages:
            errors.append(_("This city does not offer the language “%(language)s”.")
                          % {"language": language})
        rows.append(ImportRow(line=line, name=name, email=email, department=department,
                              department_label=department_label, roles=roles,
                              language=language or default_language, errors=errors))
    return ImportPreview(rows=rows, errors=[])


@transaction.atomic
def people_import(*, data: bytes, by: User, base_url: str) -> list[Invitation]:
    """Invite everyone in the CSV file, each in their own language, or nobody: any invalid
    row refuses the whole file (ValidationError with the preview's errors)."""
    _require_city_admin(by)
    preview = people_import_preview(data=data)
    if not preview.is_valid:
        raise ValidationError(
            preview.errors or [_("Line %(line)d: %(errors)s")
                               % {"line": row.line, "errors": " ".join(row.errors)}
                               for row in preview.rows if row.errors],
            code="invalid_file")
    invitations = []
    for row in preview.rows:
        invitation = invitation_create(email=row.email, roles=row.roles, invited_by=by,
                                       base_url=base_url, language=row.language)
        first_name, _space, last_name = row.name.partition(" ")
        ImportedInvitation.objects.create(invitation=invitation, first_name=first_name,
                                          last_name=last_name, department=row.department,
                                          language=row.language)
        invitations.append(invitation)
    audit_record(actor=by, action="people.imported", target=connection.tenant,
                 after={"invited": len(invitations)})
    return invitations


def imported_invitation_apply(sender, *, invitation: Invitation, user: User, **kwargs) -> None:
    """Once an imported person accepts their invitation, give their account the department,
    language and name the file said (signal `invitation_accepted`)."""
    details = ImportedInvitation.objects.filter(invitation=invitation).first()
    if details is None:
        return
    user.language = user.language or details.language
    user.first_name = user.first_name or details.first_name
    user.last_name = user.last_name or details.last_name
    user.save(update_fields=["language", "first_name", "last_name"])
    if details.department_id:
        Profile.objects.update_or_create(user=user,
                                         defaults={"department": details.department})
