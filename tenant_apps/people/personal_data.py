"""The personal data of people (see innovato.personal_data): where a person works. Found at
start-up by the privacy app."""

from django.utils.translation import gettext_lazy as _

from innovato.personal_data import Erasure, PersonalDataSource, personal_data_source_add
from tenant_apps.people.models import Profile


def profile_export(user) -> dict:
    profile = Profile.objects.filter(user=user).select_related("department").first()
    if profile is None:
        return {}
    return {"department": profile.department.name if profile.department else None,
            "job_title": profile.job_title}


def profile_erase(erasure: Erasure) -> int:
    """The job title may name the person; the department stays, for the city's reports."""
    return Profile.objects.filter(user=erasure.user).update(job_title="")


personal_data_source_add(PersonalDataSource(
    key="people.profile", label=_("Department and job title"),
    purpose=_("To report innovation per department."),
    retention=_("As long as the account exists; the job title is erased on request."),
    fields=("department", "job title"), export=profile_export, erase=profile_erase))
