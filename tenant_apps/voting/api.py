"""API of a call's voting phase: my ballot, the results, the city admin's setup, and the
Pabulib export and import."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import parsers, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from innovato.errors import ActionRefused, NotAllowed
from shared_apps.accounts.models import Role
from tenant_apps.calls.models import Call, Phase
from tenant_apps.voting import selectors, services
from tenant_apps.voting.downloads import pabulib_response
from tenant_apps.voting.models import BallotType, Rule, VotingOutcome, VotingSetup


def _admin(request) -> None:
    if not request.user.has_role(Role.CITY_ADMIN):
        raise NotAllowed(_("Only a city admin can do this."))


def _setup_data(setup: VotingSetup) -> dict:
    return {"ballot_type": setup.ballot_type, "rule": setup.rule,
            "max_choices": setup.max_choices, "points": setup.points,
            "budget": str(setup.call.budget) if setup.call.budget is not None else None,
            "projects": [{"proposal": p.proposal_id, "title": p.proposal.title,
                          "cost": str(p.cost)} for p in selectors.ballot_projects(setup.call)]}


class BallotSerializer(serializers.Serializer):
    choices = serializers.ListField(child=serializers.IntegerField(), required=False,
                                    help_text="Proposal ids; a ranking's order matters.")
    points = serializers.DictField(child=serializers.IntegerField(min_value=0), required=False,
                                   help_text="Points per proposal id (cumulative ballots).")


class MyBallotView(APIView):
    """The signed-in employee's ballot in a call: read it, or replace it during voting."""

    permission_classes = [IsAuthenticated]

    def _setup(self, pk):
        call = get_object_or_404(Call.objects.exclude(phase=Phase.DRAFT), pk=pk)
        setup = VotingSetup.objects.filter(call=call).first()
        if setup is None:
            raise ActionRefused(_("This call's vote is not set up."), code="no_setup")
        return call, setup

    @extend_schema(responses=inline_serializer("MyBallot", {
        "ballot_type": serializers.CharField(), "choices": serializers.ListField(),
        "points": serializers.DictField(), "open": serializers.BooleanField()}))
    def get(self, request, pk):
        call, setup = self._setup(pk)
        ballot = selectors.ballot_of(call, request.user)
        return Response({"ballot_type": setup.ballot_type, "open": call.phase == Phase.VOTING,
                         "choices": ballot.choices if ballot else [],
                         "points": ballot.points if ballot else {},
                         "setup": _setup_data(setup)})

    @extend_schema(request=BallotSerializer, responses=BallotSerializer)
    def put(self, request, pk):
        call, _setup = self._setup(pk)
        data = BallotSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        ballot = services.ballot_cast(call=call, voter=request.user,
                                      choices=data.validated_data.get("choices"),
                                      points=data.validated_data.get("points"))
        return Response({"choices": ballot.choices, "points": ballot.points})


class VotingResultsView(APIView):
    """The winners once results are published (city admins see them as soon as voting
    ended), with the rule and the data that explains them."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=inline_serializer("VotingResults", {
        "rule": serializers.CharField(), "winners": serializers.ListField(),
        "selected_by_rule": serializers.ListField(), "explanation": serializers.DictField()}))
    def get(self, request, pk):
        call = get_object_or_404(Call.objects.exclude(phase=Phase.DRAFT), pk=pk)
        outcome = VotingOutcome.objects.filter(call=call).first()
        admin = request.user.has_role(Role.CITY_ADMIN)
        if outcome is None or (call.results_published_at is None and not admin):
            return Response({"detail": _("The results are not published yet.")}, status=404)
        return Response({"rule": outcome.rule, "winners": outcome.winners,
                         "selected_by_rule": outcome.selected,
                         "override_reason": outcome.override_reason,
                         "ballots": outcome.ballots_counted,
                         "explanation": outcome.explanation})


class SetupSerializer(serializers.Serializer):
    ballot_type = serializers.ChoiceField(choices=BallotType.choices)
    rule = serializers.ChoiceField(choices=Rule.choices)
    max_choices = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    points = serializers.IntegerField(min_value=1, required=False, allow_null=True)
    costs = serializers.DictField(child=serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, allow_null=True), required=False)


class VotingSetupView(APIView):
    """City admins: the call's ballot type, rule and project costs (GET, PUT); during
    voting, `?preview=1` adds what the rule would select from the ballots so far."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=inline_serializer("VotingSetupOut", {
        "ballot_type": serializers.CharField(), "rule": serializers.CharField()}))
    def get(self, request, pk):
        _admin(request)
        call = get_object_or_404(Call, pk=pk)
        setup = VotingSetup.objects.filter(call=call).first()
        if setup is None:
            return Response({"detail": _("This call's vote is not set up.")}, status=404)
        data = _setup_data(setup)
        if request.query_params.get("preview") and call.phase == Phase.VOTING:
            data["preview"] = services.outcome_compute(call=call)
        return Response(data)

    @extend_schema(request=SetupSerializer, responses=SetupSerializer)
    def put(self, request, pk):
        _admin(request)
        call = get_object_or_404(Call, pk=pk)
        data = SetupSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        try:
            values["costs"] = {int(k): v for k, v in values.get("costs", {}).items()}
        except ValueError:
            raise DjangoValidationError(
                {"costs": _("A proposal is not in this call.")}) from None
        setup = services.voting_setup_save(call=call, by=request.user, **values)
        return Response(_setup_data(setup))


class PabulibTextParser(parsers.BaseParser):
    """A `.pb` file sent as the request body."""

    media_type = "text/*"

    def parse(self, stream, media_type=None, parser_context=None):
        return {"text": stream.read()}


class PabulibView(APIView):
    """City admins: the call's ballots as a `.pb` file (GET), or a `.pb` file loaded into a
    draft call (POST, the file as the `file` field or the request body)."""

    permission_classes = [IsAuthenticated]
    parser_classes = [parsers.MultiPartParser, PabulibTextParser]

    @extend_schema(responses={(200, "text/plain"): str})
    def get(self, request, pk):
        _admin(request)
        call = get_object_or_404(Call, pk=pk)
        if not VotingSetup.objects.filter(call=call).exists():
            return Response({"detail": _("This call's vote is not set up.")}, status=404)
        return pabulib_response(call)

    @extend_schema(request=None, responses=inline_serializer("PabulibImported", {
        "projects": serializers.IntegerField(), "ballots": serializers.IntegerField()}))
    def post(self, request, pk):
        _admin(request)
        call = get_object_or_404(Call, pk=pk)
        upload = request.FILES.get("file")
        content = upload.read() if upload else request.data.get("text", b"")
        return Response(services.pabulib_import(call=call, by=request.user, content=content),
                        status=201)


def api_paths():
    from django.urls import path

    return [
        path("calls/<int:pk>/ballot/", MyBallotView.as_view(), name="call-ballot"),
        path("calls/<int:pk>/voting-results/", VotingResultsView.as_view(),
             name="call-voting-results"),
        path("calls/<int:pk>/voting-setup/", VotingSetupView.as_view(),
             name="call-voting-setup"),
        path("calls/<int:pk>/pabulib/", PabulibView.as_view(), name="call-pabulib"),
    ]
