from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    name = "tenant_apps.people"
    label = "people"
    verbose_name = _("People and departments")

    def ready(self) -> None:
        # Single sign-on (accounts, a lower layer) puts people in departments through this.
        from shared_apps.accounts.sso import DEPARTMENT_HOOKS, DepartmentHook
        from tenant_apps.people.models import Department
        from tenant_apps.people.services import profile_set_department_by_code

        def codes():
            return Department.objects.values_list("code", flat=True)

        def assign(user, code):
            profile_set_department_by_code(user=user, code=code)

        DEPARTMENT_HOOKS.append(DepartmentHook(codes=codes, assign=assign))
