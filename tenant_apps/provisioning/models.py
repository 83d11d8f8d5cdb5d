"""What the city's directory and CSV imports bring: the SCIM token, the directory's link to
each person it provisioned, its groups, and the details of imported invitations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from shared_apps.accounts.models import Invitation, Role
from tenant_apps.people.models import Department


class ScimToken(models.Model):
    """The bearer token of this city's directory (one at a time). Only its SHA-256 digest is
    kept, so the token is shown once, when it is created or rotated."""

    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL,
                                   null=True, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("SCIM token")
        verbose_name_plural = _("SCIM tokens")

    def __str__(self) -> str:
        return str(self._meta.verbose_name)


class DirectoryAccount(models.Model):
    """A person provisioned by the city's directory; its `externalId` for them."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="directory_account")
    external_id = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("directory account")
        verbose_name_plural = _("directory accounts")


class GroupRole(models.TextChoices):
    """The roles a directory group may give (employee is everyone's)."""

    EVALUATOR = Role.EVALUATOR.value, Role.EVALUATOR.label
    CITY_ADMIN = Role.CITY_ADMIN.value, Role.CITY_ADMIN.label


class DirectoryGroup(models.Model):
    """A group pushed by the directory. The city admin maps it to a role and/or a
    department; its members then hold that role and work in that department."""

    display_name = models.CharField(_("name"), max_length=255)
    external_id = models.CharField(max_length=255, blank=True)
    role = models.CharField(_("gives the role"), max_length=20, choices=GroupRole.choices,
                            blank=True)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+",
                                   verbose_name=_("places members in the department"))
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                     related_name="directory_groups")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("directory group")
        verbose_name_plural = _("directory groups")
        ordering = ["display_name", "pk"]

    def __str__(self) -> str:
        return self.display_name


class ImportedInvitation(models.Model):
    """What a CSV row said about a person beyond their e-mail and roles; applied to the
    account when they accept the invitation."""

    invitation = models.OneToOneField(Invitation, on_delete=models.CASCADE,
                                      related_name="import_details")
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")
    language = models.CharField(max_length=8, blank=True)
