"""The implementation API: implementations, milestones, updates and savings.

Everyone signed in to the city reads; writes go through the services, which decide who may
do what and answer refusals with 403 or 409.
"""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from shared_apps.accounts.models import User
from tenant_apps.calls.models import Call
from tenant_apps.implementation import selectors, services
from tenant_apps.implementation.models import Implementation, Milestone, SavingsEntry, Update
from tenant_apps.implementation.views import evidence_response
from tenant_apps.proposals.models import Proposal, Status

MONEY = {"max_digits": 18, "decimal_places": 2}
HOURS = {"max_digits": 14, "decimal_places": 1}


class SavingsTotalsSerializer(serializers.Serializer):
    projected_money = serializers.DecimalField(**MONEY, read_only=True)
    realised_money = serializers.DecimalField(**MONEY, read_only=True)
    projected_hours = serializers.DecimalField(**HOURS, read_only=True)
    realised_hours = serializers.DecimalField(**HOURS, read_only=True)


# --- Implementations ---------------------------------------------------------------------------


class ImplementationSerializer(SavingsTotalsSerializer, serializers.ModelSerializer):
    proposal_title = serializers.CharField(source="proposal.title", read_only=True)
    call = serializers.IntegerField(source="proposal.call_id", read_only=True)
    call_title = serializers.CharField(source="proposal.call.title", read_only=True)
    status = serializers.ChoiceField(source="proposal.status", choices=Status.choices,
                                     read_only=True)
    lead_name = serializers.CharField(source="lead.display_name", default=None, read_only=True)
    milestone_count = serializers.IntegerField(read_only=True)
    milestones_done = serializers.IntegerField(read_only=True)
    page = serializers.SerializerMethodField()

    class Meta:
        model = Implementation
        fields = ["id", "proposal", "proposal_title", "call", "call_title", "status", "lead",
                  "lead_name", "progress", "started_at", "finished_at", "milestone_count",
                  "milestones_done", "projected_money", "realised_money", "projected_hours",
                  "realised_hours", "page"]
        read_only_fields = fields

    def get_page(self, implementation: Implementation) -> str:
        return self.context["request"].build_absolute_uri(implementation.get_absolute_url())


class ImplementationStartSerializer(serializers.Serializer):
    proposal = serializers.PrimaryKeyRelatedField(queryset=Proposal.objects.all())
    lead = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))


class ProgressSerializer(serializers.Serializer):
    progress = serializers.IntegerField()


class LeadSerializer(serializers.Serializer):
    lead = serializers.PrimaryKeyRelatedField(queryset=User.objects.filter(is_active=True))


class FinishSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=[(s.value, s.label) for s in services.OUTCOMES])
    reason = serializers.CharField(required=False, allow_blank=True, default="")


class ImplementationFilter(filters.FilterSet):
    call = filters.NumberFilter(field_name="proposal__call")
    status = filters.ChoiceFilter(field_name="proposal__status", choices=[
        (s.value, s.label) for s in (Status.IMPLEMENTING, *services.OUTCOMES)])
    finished = filters.BooleanFilter(field_name="finished_at", lookup_expr="isnull",
                                     exclude=True)

    class Meta:
        model = Implementation
        fields = ["call", "lead", "status", "finished"]


class ImplementationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                            viewsets.GenericViewSet):
    """Implementations of selected proposals, newest first. Creating one starts it (city
    admins); progress, lead and finish are actions on it."""

    serializer_class = ImplementationSerializer
    filterset_class = ImplementationFilter

    def get_queryset(self):
        return selectors.implementations_list()

    def _answer(self, implementation: Implementation, code: int = status.HTTP_200_OK):
        fresh = self.get_queryset().get(pk=implementation.pk)
        return Response(self.get_serializer(fresh).data, status=code)

    @extend_schema(request=ImplementationStartSerializer, responses={201: ImplementationSerializer})
    def create(self, request):
        data = ImplementationStartSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        implementation = services.implementation_start(
            proposal=data.validated_data["proposal"], lead=data.validated_data["lead"],
            by=request.user)
        return self._answer(implementation, status.HTTP_201_CREATED)

    @extend_schema(request=ProgressSerializer, responses=ImplementationSerializer)
    @action(detail=True, methods=["post"])
    def progress(self, request, pk=None):
        data = ProgressSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        implementation = services.implementation_set_progress(
            implementation=self.get_object(), progress=data.validated_data["progress"],
            by=request.user)
        return self._answer(implementation)

    @extend_schema(request=LeadSerializer, responses=ImplementationSerializer)
    @action(detail=True, methods=["post"])
    def lead(self, request, pk=None):
        data = LeadSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        implementation = services.implementation_set_lead(
            implementation=self.get_object(), lead=data.validated_data["lead"], by=request.user)
        return self._answer(implementation)

    @extend_schema(request=FinishSerializer, responses=ImplementationSerializer)
    @action(detail=True, methods=["post"])
    def finish(self, request, pk=None):
        data = FinishSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        implementation = services.implementation_finish(
            implementation=self.get_object(), outcome=data.validated_data["outcome"],
            reason=data.validated_data["reason"], by=request.user)
        return self._answer(implementation)


# --- Milestones --------------------------------------------------------------------------------


class MilestoneSerializer(serializers.ModelSerializer):
    implementation = serializers.PrimaryKeyRelatedField(queryset=Implementation.objects.all())
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Milestone
        fields = ["id", "implementation", "title", "due_on", "state", "completed_on",
                  "is_overdue"]
        read_only_fields = ["id", "completed_on", "is_overdue"]

    def get_is_overdue(self, milestone: Milestone) -> bool:
        return milestone.is_overdue()

    def validate_implementation(self, implementation: Implementation) -> Implementation:
        if self.instance is not None and implementation.pk != self.instance.implementation_id:
            raise serializers.ValidationError(
                _("A milestone cannot move to another implementation."))
        return implementation

    def create(self, validated_data):
        return services.milestone_add(by=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        validated_data.pop("implementation", None)
        return services.milestone_update(milestone=instance, by=self.context["request"].user,
                                         **validated_data)


class MilestoneFilter(filters.FilterSet):
    due_before = filters.DateFilter(field_name="due_on", lookup_expr="lte")
    due_after = filters.DateFilter(field_name="due_on", lookup_expr="gte")

    class Meta:
        model = Milestone
        fields = ["implementation", "state", "due_before", "due_after"]


class MilestoneViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       mixins.CreateModelMixin, mixins.UpdateModelMixin,
                       viewsets.GenericViewSet):
    """Milestones of the city's implementations, by due date; the lead and city admins plan
    and update them."""

    serializer_class = MilestoneSerializer
    filterset_class = MilestoneFilter
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.milestones_list()


# --- Updates -----------------------------------------------------------------------------------


class UpdateSerializer(serializers.ModelSerializer):
    implementation = serializers.PrimaryKeyRelatedField(queryset=Implementation.objects.all())
    author_name = serializers.CharField(source="author.display_name", default=None,
                                        read_only=True)
    evidence = serializers.FileField(write_only=True, required=False, allow_null=True,
                                     allow_empty_file=True)
    evidence_name = serializers.CharField(read_only=True)
    evidence_download = serializers.SerializerMethodField()

    class Meta:
        model = Update
        fields = ["id", "implementation", "author", "author_name", "body", "evidence",
                  "evidence_name", "evidence_download", "evidence_url", "created_at"]
        read_only_fields = ["id", "author", "created_at"]

    def get_evidence_download(self, update: Update) -> str | None:
        if not update.evidence:
            return None
        return self.context["request"].build_absolute_uri(
            reverse("api:implementation-update-evidence", args=[update.pk]))

    def create(self, validated_data):
        return services.update_post(
            implementation=validated_data["implementation"],
            author=self.context["request"].user, body=validated_data["body"],
            evidence=validated_data.get("evidence"),
            evidence_url=validated_data.get("evidence_url", ""))


class UpdateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    viewsets.GenericViewSet):
    """News from implementation teams, newest first; the lead and the authors post them,
    with a file (multipart) or a link as evidence."""

    serializer_class = UpdateSerializer
    filterset_fields = ["implementation", "author"]

    def get_queryset(self):
        return selectors.updates_list()

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def evidence(self, request, pk=None):
        """The update's evidence file."""
        return evidence_response(self.get_object())


# --- Savings -----------------------------------------------------------------------------------


class SavingsEntrySerializer(serializers.ModelSerializer):
    implementation = serializers.PrimaryKeyRelatedField(queryset=Implementation.objects.all())
    # Ranges and signs are the service's to judge, so its messages are the ones people read.
    projected_money = serializers.DecimalField(max_digits=14, decimal_places=2, required=False)
    realised_money = serializers.DecimalField(max_digits=14, decimal_places=2, required=False,
                                              allow_null=True)
    projected_hours = serializers.DecimalField(max_digits=10, decimal_places=1, required=False)
    realised_hours = serializers.DecimalField(max_digits=10, decimal_places=1, required=False,
                                              allow_null=True)
    period = serializers.DateField(help_text=gettext_lazy(
        "Any day of the month; stored as its first day."))

    class Meta:
        model = SavingsEntry
        fields = ["id", "implementation", "period", "projected_money", "realised_money",
                  "projected_hours", "realised_hours", "note"]
        read_only_fields = ["id"]
        # Recording a month twice replaces it, so the pair is not refused as a duplicate.
        validators = []

    def create(self, validated_data):
        return services.savings_record(by=self.context["request"].user, **validated_data)


class SavingsFilter(filters.FilterSet):
    call = filters.NumberFilter(field_name="implementation__proposal__call")
    since = filters.DateFilter(field_name="period", lookup_expr="gte")
    until = filters.DateFilter(field_name="period", lookup_expr="lte")

    class Meta:
        model = SavingsEntry
        fields = ["implementation", "call", "since", "until"]


CALL_PARAMETER = OpenApiParameter("call", int, description="Only this call's savings.")
TOTALS = inline_serializer("SavingsTotals", {
    "currency": serializers.CharField(),
    "call": serializers.IntegerField(allow_null=True),
    "projected_money": serializers.DecimalField(**MONEY),
    "realised_money": serializers.DecimalField(**MONEY),
    "projected_hours": serializers.DecimalField(**HOURS),
    "realised_hours": serializers.DecimalField(**HOURS),
    "calls": inline_serializer("CallSavingsTotals", {
        "call": serializers.IntegerField(), "title": serializers.CharField(),
        "implementation_count": serializers.IntegerField(),
        "projected_money": serializers.DecimalField(**MONEY),
        "realised_money": serializers.DecimalField(**MONEY),
        "projected_hours": serializers.DecimalField(**HOURS),
        "realised_hours": serializers.DecimalField(**HOURS),
    }, many=True),
})


class SavingsEntryViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Monthly savings, projected vs realised. Posting a month that is already recorded
    replaces it. `totals/` sums them for the city or one call, `by-month/` per month."""

    serializer_class = SavingsEntrySerializer
    filterset_class = SavingsFilter

    def get_queryset(self):
        return selectors.savings_list()

    def _call(self) -> Call | None:
        value = self.request.query_params.get("call")
        if value in (None, ""):
            return None
        if not value.isdigit():
            raise serializers.ValidationError({"call": [_("Give the number of a call.")]})
        return get_object_or_404(Call, pk=int(value))

    @staticmethod
    def _figures(row) -> dict:
        return SavingsTotalsSerializer(row).data

    @extend_schema(parameters=[CALL_PARAMETER], responses=TOTALS)
    @action(detail=False, methods=["get"], filterset_class=None, pagination_class=None)
    def totals(self, request):
        call = self._call()
        body = {"currency": request.tenant.currency, "call": call.pk if call else None,
                **self._figures(selectors.savings_totals(call=call))}
        per_call = selectors.savings_totals_per_call()
        if call is not None:
            per_call = per_call.filter(pk=call.pk)
        body["calls"] = [{"call": row.pk, "title": row.title,
                          "implementation_count": row.implementation_count,
                          **self._figures(row)} for row in per_call]
        return Response(body)

    @extend_schema(parameters=[CALL_PARAMETER], responses=inline_serializer(
        "SavingsMonth", {"period": serializers.DateField(),
                         "projected_money": serializers.DecimalField(**MONEY),
                         "realised_money": serializers.DecimalField(**MONEY),
                         "projected_hours": serializers.DecimalField(**HOURS),
                         "realised_hours": serializers.DecimalField(**HOURS)}, many=True))
    @action(detail=False, methods=["get"], url_path="by-month", filterset_class=None,
            pagination_class=None)
    def by_month(self, request):
        rows = selectors.savings_by_month(call=self._call())
        return Response([{"period": row["period"], **self._figures(row)} for row in rows])


def register(router: DefaultRouter) -> None:
    """Add this app's API viewsets to the city's router."""
    router.register("implementations", ImplementationViewSet, basename="implementation")
    router.register("milestones", MilestoneViewSet, basename="milestone")
    router.register("implementation-updates", UpdateViewSet, basename="implementation-update")
    router.register("savings", SavingsEntryViewSet, basename="savings")
