"""Writes on departments and profiles of the current city."""

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from shared_apps.accounts.models import User
from tenant_apps.people.models import Department, Profile


def department_create(*, names: dict[str, str], code: str = "") -> Department:
    """Create a department; `names` maps language codes to the department's name."""
    if not any(value.strip() for value in names.values()):
        raise ValidationError({"name": _("Give the department a name.")}, code="required")
    first_name = next(value for value in names.values() if value.strip())
    department = Department(code=code or slugify(names.get("en") or first_name)[:40])
    for language, value in names.items():
        setattr(department, f"name_{language}", value.strip())
    if not department.name:
        department.name = first_name
    department.full_clean()
    department.save()
    return department


def profile_set_department(*, user: User, department: Department | None) -> Profile:
    profile, _created = Profile.objects.update_or_create(user=user,
                                                         defaults={"department": department})
    return profile


def profile_set_department_by_code(*, user: User, code: str | None) -> Profile | None:
    """Put `user` in the department with `code` (single sign-on's mapping); an unknown code
    changes nothing."""
    department = Department.objects.filter(code=code).first() if code else None
    if department is None:
        return None
    return profile_set_department(user=user, department=department)
