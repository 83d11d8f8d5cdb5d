from django.views.generic import ListView

from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import RoleRequiredMixin
from tenant_apps.audit.selectors import audit_entries


class AuditListView(RoleRequiredMixin, ListView):
    required_roles = (Role.CITY_ADMIN,)
    template_name = "audit/entry_list.html"
    context_object_name = "entries"
    paginate_by = 50

    def get_queryset(self):
        entries = audit_entries()
        if target_type := self.request.GET.get("type"):
            entries = entries.filter(target_type=target_type)
        if action := self.request.GET.get("action"):
            entries = entries.filter(action=action)
        return entries
