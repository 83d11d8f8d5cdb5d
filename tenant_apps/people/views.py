from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView, ListView

from tenant_apps.people import selectors


class DepartmentListView(LoginRequiredMixin, ListView):
    template_name = "people/department_list.html"
    context_object_name = "departments"
    paginate_by = 100

    def get_queryset(self):
        return selectors.departments_list()


class DepartmentDetailView(LoginRequiredMixin, DetailView):
    template_name = "people/department_detail.html"
    context_object_name = "department"

    def get_queryset(self):
        return selectors.departments_list()
