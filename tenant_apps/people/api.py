from rest_framework import serializers, viewsets
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated

from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import HasRole
from tenant_apps.people import selectors, services
from tenant_apps.people.models import Department


class DepartmentSerializer(serializers.ModelSerializer):
    member_count = serializers.SerializerMethodField()
    names = serializers.DictField(child=serializers.CharField(allow_blank=True), write_only=True)

    class Meta:
        model = Department
        fields = ["id", "code", "name", "names", "member_count"]
        read_only_fields = ["id", "name", "member_count"]
        extra_kwargs = {"code": {"required": False}}

    def get_member_count(self, department: Department) -> int:
        # Lists annotate the count; a department just created or changed has it to read.
        if hasattr(department, "member_count"):
            return department.member_count
        return department.members.count()

    def create(self, validated_data):
        return services.department_create(names=validated_data["names"],
                                          code=validated_data.get("code", ""))


class DepartmentViewSet(viewsets.ModelViewSet):
    """The city's departments: everyone reads them, city admins add them."""

    serializer_class = DepartmentSerializer
    http_method_names = ["get", "post", "head", "options"]
    required_roles = (Role.CITY_ADMIN,)
    filterset_fields = ["code"]

    def get_permissions(self):
        if self.request.method in SAFE_METHODS:
            return [IsAuthenticated()]
        return [HasRole()]

    def get_queryset(self):
        return selectors.departments_list()
