from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import SAFE_METHODS, IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from innovato.api import TranslationsField, for_schema_generation
from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import HasRole
from tenant_apps.calls import selectors, services
from tenant_apps.calls.models import Call, Criterion, Phase, PhaseTransition, Theme
from tenant_apps.proposals.models import PUBLIC_STATUSES


class ThemeSerializer(serializers.ModelSerializer):
    translations = TranslationsField()
    names = serializers.DictField(child=serializers.CharField(allow_blank=True),
                                  write_only=True)

    class Meta:
        model = Theme
        fields = ["id", "code", "name", "names", "translations"]
        read_only_fields = ["id", "name"]
        extra_kwargs = {"code": {"required": False}}

    def create(self, validated_data):
        return services.theme_create(names=validated_data["names"],
                                     code=validated_data.get("code", ""))


class CriterionSerializer(serializers.ModelSerializer):
    translations = TranslationsField()

    class Meta:
        model = Criterion
        fields = ["id", "name", "description", "weight", "translations"]
        read_only_fields = ["id"]


class TransitionSerializer(serializers.ModelSerializer):
    by = serializers.CharField(source="by.username", default=None, read_only=True)

    class Meta:
        model = PhaseTransition
        fields = ["from_phase", "to_phase", "by", "at"]


class CallSerializer(serializers.ModelSerializer):
    criteria = CriterionSerializer(many=True)
    themes = serializers.PrimaryKeyRelatedField(many=True, queryset=Theme.objects.all(),
                                                required=False)
    proposal_count = serializers.SerializerMethodField()
    transitions = TransitionSerializer(many=True, read_only=True)
    translations = TranslationsField()

    class Meta:
        model = Call
        fields = ["id", "title", "challenge", "eligibility_rules", "themes", "budget", "phase",
                  "submission_starts", "evaluation_starts", "voting_starts", "results_on",
                  "implementation_starts", "closes_on", "anonymous_evaluation",
                  "publish_scores", "evaluators_per_proposal", "results_published_at",
                  "proposal_count", "criteria", "transitions", "translations"]
        read_only_fields = ["id", "phase", "results_published_at", "proposal_count",
                            "transitions"]

    def get_proposal_count(self, call) -> int:
        # Lists annotate the count; a call just created or changed counts its own.
        if hasattr(call, "proposal_count"):
            return call.proposal_count
        return call.proposals.filter(status__in=PUBLIC_STATUSES).count()

    def create(self, validated_data):
        return services.call_create(by=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        return services.call_update(call=instance, by=self.context["request"].user,
                                    **validated_data)


class CallListSerializer(CallSerializer):
    class Meta(CallSerializer.Meta):
        fields = [f for f in CallSerializer.Meta.fields if f not in ("criteria", "transitions")]


class PhaseMoveSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=Phase.choices)


class CallViewSet(viewsets.ModelViewSet):
    """The city's calls. Everyone signed in reads published calls; city admins see drafts,
    create and edit calls and move their phases."""

    http_method_names = ["get", "post", "patch", "head", "options"]
    required_roles = (Role.CITY_ADMIN,)
    filterset_fields = ["phase", "themes"]

    def get_permissions(self):
        if self.request.method in SAFE_METHODS:
            return [IsAuthenticated()]
        return [HasRole()]

    def get_serializer_class(self):
        return CallListSerializer if self.action == "list" else CallSerializer

    def get_queryset(self):
        if for_schema_generation(self):
            return Call.objects.none()
        include_drafts = self.request.user.has_role(Role.CITY_ADMIN)
        calls = selectors.calls_list(include_drafts=include_drafts)
        if self.action != "list":
            calls = calls.prefetch_related("criteria", "transitions__by")
        return calls

    @extend_schema(request=PhaseMoveSerializer, responses=CallSerializer)
    @action(detail=True, methods=["post"], url_path="phase")
    def move_phase(self, request, pk=None):
        """Move the call to another of its phases; entering results publishes them."""
        call = get_object_or_404(Call, pk=pk)
        data = PhaseMoveSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call = services.call_move_phase(call=call, to_phase=data.validated_data["phase"],
                                        by=request.user)
        return Response(CallSerializer(selectors.call_detail(pk=call.pk, include_drafts=True),
                                       context={"request": request}).data)

    @extend_schema(responses=inline_serializer("CallResults", {
        "call": serializers.IntegerField(), "results": serializers.ListField()}))
    @action(detail=True, methods=["get"], permission_classes=[IsAuthenticated])
    def results(self, request, pk=None):
        """Published results: selected proposals, their reasons and (if the call says so)
        their scores."""
        from tenant_apps.evaluation.selectors import results_of

        call = get_object_or_404(Call.objects.exclude(phase=Phase.DRAFT), pk=pk)
        if call.results_published_at is None:
            return Response({"detail": _("The results of this call are not published yet."),
                             "code": "not_found"}, status=404)
        return Response({"call": call.pk, "results": [
            {"rank": row.rank, "proposal": row.proposal.pk, "title": row.proposal.title,
             "status": row.proposal.status,
             "score": str(row.aggregate) if call.publish_scores and row.aggregate is not None
             else None,
             "reason": row.proposal.decision.reason if hasattr(row.proposal, "decision")
             else ""}
            for row in results_of(call)]})


class ThemeViewSet(viewsets.ModelViewSet):
    """Themes proposals are filed under; city admins add them."""

    serializer_class = ThemeSerializer
    http_method_names = ["get", "post", "head", "options"]
    required_roles = (Role.CITY_ADMIN,)

    def get_permissions(self):
        if self.request.method in SAFE_METHODS:
            return [IsAuthenticated()]
        return [HasRole()]

    def get_queryset(self):
        return selectors.themes_list()


def register(router: DefaultRouter) -> None:
    router.register("calls", CallViewSet, basename="call")
    router.register("themes", ThemeViewSet, basename="theme")
