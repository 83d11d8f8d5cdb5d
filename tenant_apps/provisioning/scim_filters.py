"""SCIM filters (`userName eq "…"`, `displayName eq "…"`) as SQL on this city's tables,
through django-scim2's parser. Apart from `scim` because the library loads these while
it imports its adapters."""

from django_scim.filters import GroupFilterQuery, UserFilterQuery

from tenant_apps.provisioning.models import DirectoryGroup


class CityUserFilterQuery(UserFilterQuery):
    attr_map = {
        ("userName", None, None): "accounts_user.username",
        ("name", "familyName", None): "accounts_user.last_name",
        ("name", "givenName", None): "accounts_user.first_name",
        ("active", None, None): "accounts_user.is_active",
        ("emails", "value", None): "accounts_user.email",
        ("emails", None, None): "accounts_user.email",
        ("externalId", None, None): "provisioning_directoryaccount.external_id",
    }
    joins = ("LEFT JOIN provisioning_directoryaccount "
             "ON provisioning_directoryaccount.user_id = accounts_user.id",)


class CityGroupFilterQuery(GroupFilterQuery):
    model_getter = staticmethod(lambda: DirectoryGroup)
    attr_map = {
        ("displayName", None, None): "provisioning_directorygroup.display_name",
        ("externalId", None, None): "provisioning_directorygroup.external_id",
    }
