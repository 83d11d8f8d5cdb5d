from django.db.models import Count, QuerySet

from tenant_apps.people.models import Department


def departments_list() -> QuerySet[Department]:
    return Department.objects.filter(is_active=True).annotate(member_count=Count("members"))
