from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from innovato.api import for_schema_generation
from shared_apps.accounts.models import Role, User
from shared_apps.accounts.permissions import HasRole
from tenant_apps.audit.services import personal_data_access_record
from tenant_apps.calls.models import Call
from tenant_apps.evaluation import export, selectors, services
from tenant_apps.evaluation.models import Assignment, Decision, Scorecard
from tenant_apps.proposals.api import ProposalSerializer
from tenant_apps.proposals.models import Proposal
from tenant_apps.proposals.selectors import proposals_visible_to
from tenant_apps.reports import exports
from tenant_apps.reports.tables import Table


class ScoreItemSerializer(serializers.Serializer):
    criterion = serializers.IntegerField()
    value = serializers.IntegerField(min_value=0, max_value=10, allow_null=True,
                                     required=False)
    comment = serializers.CharField(allow_blank=True, required=False, default="")


class ScorecardSerializer(serializers.ModelSerializer):
    scores = serializers.SerializerMethodField()

    class Meta:
        model = Scorecard
        fields = ["comment", "weighted_score", "submitted_at", "scores"]

    def get_scores(self, card: Scorecard) -> list[dict]:
        return [{"criterion": s.criterion_id, "value": s.value, "comment": s.comment}
                for s in card.scores.all()]


class ScorecardWriteSerializer(serializers.Serializer):
    scores = ScoreItemSerializer(many=True)
    comment = serializers.CharField(allow_blank=True, required=False, default="")


class AssignmentSerializer(serializers.ModelSerializer):
    proposal = ProposalSerializer(read_only=True)
    scorecard = serializers.SerializerMethodField()

    class Meta:
        model = Assignment
        fields = ["id", "proposal", "assigned_at", "conflict_declared_at", "scorecard"]

    def get_scorecard(self, assignment: Assignment) -> dict | None:
        card = getattr(assignment, "scorecard", None)
        return ScorecardSerializer(card).data if card else None


class AssignmentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):
    """The signed-in evaluator's assignments, with their scorecards. Proposals of an
    anonymous call come without authors or department."""

    serializer_class = AssignmentSerializer

    def get_queryset(self):
        if for_schema_generation(self):
            return Assignment.objects.none()
        return selectors.assignments_for(self.request.user).prefetch_related(
            "scorecard__scores", "proposal__coauthors__user")

    def _save(self, request, *, submit: bool):
        assignment = self.get_object()
        data = ScorecardWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        scores = {item["criterion"]: {"value": item.get("value"), "comment": item["comment"]}
                  for item in data.validated_data["scores"]}
        card = services.scorecard_save(assignment=assignment, by=request.user, scores=scores,
                                       comment=data.validated_data["comment"], submit=submit)
        return Response(ScorecardSerializer(card).data)

    @extend_schema(methods=["PUT"], request=ScorecardWriteSerializer,
                   responses=ScorecardSerializer)
    @action(detail=True, methods=["put"])
    def scorecard(self, request, pk=None):
        """Save draft scores (0–10 per criterion, with comments)."""
        return self._save(request, submit=False)

    @extend_schema(request=ScorecardWriteSerializer, responses=ScorecardSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Save and submit: every criterion must be scored; the scorecard is then locked."""
        return self._save(request, submit=True)

    @extend_schema(request=inline_serializer("Conflict", {"reason": serializers.CharField()}),
                   responses=inline_serializer("ConflictResult", {
                       "replacement_assigned": serializers.BooleanField()}))
    @action(detail=True, methods=["post"])
    def conflict(self, request, pk=None):
        """Declare a conflict of interest; another committee member takes over."""
        replacement = services.conflict_declare(assignment=self.get_object(), by=request.user,
                                                reason=str(request.data.get("reason", "")))
        return Response({"replacement_assigned": replacement is not None})


class CommitteeMemberSerializer(serializers.Serializer):
    """A committee member (a user, as `selectors.committee_and_candidates` reads them)."""

    user = serializers.IntegerField(source="pk")
    username = serializers.CharField()
    load = serializers.IntegerField()


class RankingRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField(allow_null=True)
    proposal = serializers.IntegerField(source="proposal.pk")
    title = serializers.CharField(source="proposal.title")
    status = serializers.CharField(source="proposal.status")
    aggregate = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True,
        help_text="Mean of the evaluators' weighted scores (0–10), computed exactly from the "
                  "integer scores and weights and rounded once, half up: 6.825 → 6.83.")
    spread = serializers.DecimalField(
        max_digits=5, decimal_places=2, allow_null=True,
        help_text="Population standard deviation of the evaluators' weighted scores, exact, "
                  "rounded half up; 0.00 when they agree.")
    scorecards = serializers.IntegerField(source="proposal.scorecards",
                                          help_text="Submitted scorecards.")
    assigned = serializers.IntegerField(source="proposal.assigned",
                                        help_text="Active assignments (conflicts excluded).")
    evaluators_missing = serializers.IntegerField(
        help_text="Evaluators a proposal under evaluation still lacks against the call's "
                  "evaluators per proposal.")


class CallEvaluationViewSet(viewsets.GenericViewSet):
    """A call's committee, assignments and ranking; for city admins."""

    permission_classes = [HasRole]
    required_roles = (Role.CITY_ADMIN,)
    queryset = Call.objects.all()
    serializer_class = RankingRowSerializer

    @extend_schema(methods=["GET"], responses=CommitteeMemberSerializer(many=True))
    @extend_schema(methods=["POST", "DELETE"], request=inline_serializer(
        "CommitteeChange", {"user": serializers.IntegerField()}),
        responses=CommitteeMemberSerializer(many=True))
    @action(detail=True, methods=["get", "post", "delete"], pagination_class=None)
    def committee(self, request, pk=None):
        call = self.get_object()
        if request.method != "GET":
            user = get_object_or_404(User, pk=request.data.get("user") or 0)
            if request.method == "POST":
                services.committee_add(call=call, user=user, by=request.user)
            else:
                services.committee_remove(call=call, user=user, by=request.user)
        committee, _candidates = selectors.committee_and_candidates(call)
        return Response(CommitteeMemberSerializer(committee, many=True).data)

    @extend_schema(request=inline_serializer("AssignRequest", {
        "per_proposal": serializers.IntegerField(required=False),
        "proposal": serializers.IntegerField(required=False),
        "evaluator": serializers.IntegerField(required=False)}),
        responses=inline_serializer("AssignResult", {"created": serializers.IntegerField()}))
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """With `proposal` and `evaluator`: one assignment by hand. Otherwise: balanced
        automatic assignment with `per_proposal` evaluators (the call's default if absent)."""
        call = self.get_object()
        if request.data.get("proposal"):
            proposal = get_object_or_404(Proposal, pk=request.data["proposal"], call=call)
            evaluator = get_object_or_404(User, pk=request.data.get("evaluator") or 0)
            services.assignment_create(proposal=proposal, evaluator=evaluator, by=request.user)
            return Response({"created": 1}, status=status.HTTP_201_CREATED)
        per_proposal = request.data.get("per_proposal")
        created = services.assignments_auto(
            call=call, by=request.user,
            per_proposal=int(per_proposal) if str(per_proposal or "").isdigit() else None)
        return Response({"created": len(created)}, status=status.HTTP_201_CREATED)

    @extend_schema(
        parameters=[OpenApiParameter(
            "format", str, enum=["csv", "xlsx"], required=False,
            description="csv (the default) or xlsx; an Accept header of either type works "
                        "too.")],
        responses={(200, "text/csv"): OpenApiTypes.BINARY,
                   (200, exports.XLSX_TYPE): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"],
            renderer_classes=[exports.CSVRenderer, exports.XLSXRenderer])
    def export(self, request, pk=None):
        """Every proposal of the call but drafts, with its fields, team, mean score per
        criterion, weighted mean, rank, decision and realised savings, as a CSV or XLSX
        file. Headers are in the request's language. On an anonymous call, a city admin who
        sits on its jury gets neither authors nor departments."""
        call = self.get_object()
        table = export.proposals_table(call, viewer=request.user,
                                       currency=request.tenant.currency)
        name = exports.filename(city_slug=request.tenant.slug, report="proposals", call=call,
                                extension=request.accepted_renderer.format)
        personal_data_access_record(by=request.user, what=request.path, target=call,
                                    exported=True)
        return Response(table, headers={
            "Content-Disposition": content_disposition_header(True, name)})

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if (getattr(self, "action", None) == "export" and isinstance(response, Response)
                and not isinstance(response.data, Table)):
            # Errors of a file download are still JSON, {"detail": …, "code": …}.
            response.accepted_renderer = JSONRenderer()
            response.accepted_media_type = JSONRenderer.media_type
        return response

    @extend_schema(responses=RankingRowSerializer(many=True))
    @action(detail=True, methods=["get"], pagination_class=None)
    def ranking(self, request, pk=None):
        """Proposals by aggregate score (weighted mean of the evaluators), with the spread."""
        return Response(RankingRowSerializer(selectors.ranked(self.get_object()),
                                             many=True).data)


class ProposalEvaluationViewSet(viewsets.GenericViewSet):
    """Eligibility, shortlist and committee decision on a proposal; for city admins."""

    permission_classes = [HasRole]
    required_roles = (Role.CITY_ADMIN,)
    queryset = Proposal.objects.all()
    serializer_class = ProposalSerializer

    def _reply(self, proposal: Proposal) -> Response:
        fresh = proposals_visible_to(self.request.user).get(pk=proposal.pk)
        return Response(ProposalSerializer(fresh, context={"request": self.request}).data)

    @extend_schema(request=inline_serializer("Eligibility", {
        "eligible": serializers.BooleanField(), "reason": serializers.CharField(
            required=False)}), responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def eligibility(self, request, pk=None):
        eligible = serializers.BooleanField().to_internal_value(request.data.get("eligible"))
        return self._reply(services.eligibility_set(
            proposal=self.get_object(), eligible=eligible,
            reason=str(request.data.get("reason", "")), by=request.user))

    @extend_schema(request=inline_serializer("Shortlist", {
        "shortlisted": serializers.BooleanField()}), responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def shortlist(self, request, pk=None):
        shortlisted = serializers.BooleanField().to_internal_value(
            request.data.get("shortlisted", True))
        return self._reply(services.shortlist_set(proposal=self.get_object(),
                                                  shortlisted=shortlisted, by=request.user))

    @extend_schema(request=inline_serializer("DecisionRequest", {
        "outcome": serializers.ChoiceField(choices=Decision.Outcome.choices),
        "reason": serializers.CharField()}), responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        """The committee decision; the reason is what the authors will read."""
        services.decision_record(proposal=self.get_object(),
                                 outcome=str(request.data.get("outcome", "")),
                                 reason=str(request.data.get("reason", "")), by=request.user)
        return self._reply(self.get_object())


def register(router: DefaultRouter) -> None:
    router.register("assignments", AssignmentViewSet, basename="assignment")
    router.register("evaluation/calls", CallEvaluationViewSet, basename="call-evaluation")
    router.register("evaluation/proposals", ProposalEvaluationViewSet,
                    basename="proposal-evaluation")
