from django.db.models import Count, QuerySet

from tenant_apps.provisioning.models import DirectoryGroup, ScimToken


def scim_token_current() -> ScimToken | None:
    return ScimToken.objects.order_by("-created_at").first()


def directory_groups_list() -> QuerySet[DirectoryGroup]:
    return (DirectoryGroup.objects.select_related("department")
            .annotate(member_count=Count("members")).order_by("display_name", "pk"))


def scim_base_url(request) -> str:
    """The SCIM base URL of the city whose host `request` came to."""
    return request.build_absolute_uri("/scim/v2/")
