"""The hub's API (cities, good practices with curation, collections, events, dashboard)
and the part of it every city's API offers (reading, sharing and adopting practices,
upcoming events)."""

from decimal import Decimal

from django.db.models import Q
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter
from rest_framework.views import APIView

from innovato.api import TranslationsField, for_schema_generation
from shared_apps.accounts.models import Role
from shared_apps.accounts.permissions import HasRole
from shared_apps.hub import boundary, selectors, services
from shared_apps.hub.models import (
    Adoption,
    Collection,
    GoodPractice,
    NetworkEvent,
    PracticeMessage,
    PracticeTranslation,
)


class AdoptionSerializer(serializers.ModelSerializer):
    city = serializers.CharField(source="city.slug", read_only=True)
    city_name = serializers.CharField(source="city.name", read_only=True)

    class Meta:
        model = Adoption
        fields = ["id", "city", "city_name", "target_kind", "target_id", "outcome",
                  "realised_savings_money", "realised_savings_hours", "outcome_note",
                  "created_at", "updated_at"]
        read_only_fields = fields


class PracticeTranslationSerializer(serializers.ModelSerializer):
    city = serializers.SlugRelatedField(slug_field="slug", read_only=True)

    class Meta:
        model = PracticeTranslation
        fields = ["language", "fields", "city", "by_name", "created_at"]
        read_only_fields = fields


class PracticeSerializer(serializers.ModelSerializer):
    source_city = serializers.CharField(source="source_city.slug", read_only=True)
    source_city_name = serializers.CharField(source="source_city.name", read_only=True)
    adoption_count = serializers.IntegerField(read_only=True, default=0)
    realised_savings_eur = serializers.DecimalField(
        source="savings_eur", max_digits=20, decimal_places=2, read_only=True, default=None,
        help_text="Realised savings in euros at the configured exchange rates.")
    adoptions = AdoptionSerializer(many=True, read_only=True)
    translation_history = PracticeTranslationSerializer(many=True, read_only=True)
    translations = TranslationsField()

    class Meta:
        model = GoodPractice
        fields = ["id", "source_city", "source_city_name", "title", "summary", "problem",
                  "solution", "mvp_plan", "results", "theme", "tags", "realised_savings_money",
                  "realised_savings_hours", "currency", "realised_savings_eur",
                  "contact_role", "author_names",
                  "status", "review_comment", "featured", "published_at", "adoption_count",
                  "adoptions", "translations", "translation_history"]
        read_only_fields = fields


class PracticeListSerializer(PracticeSerializer):
    class Meta(PracticeSerializer.Meta):
        fields = [f for f in PracticeSerializer.Meta.fields
                  if f not in ("adoptions", "translation_history")]
        read_only_fields = fields


class TranslateSerializer(serializers.Serializer):
    language = serializers.CharField(help_text="A language code of the network, e.g. fr.")
    title = serializers.CharField(required=False, allow_blank=True, max_length=200)
    summary = serializers.CharField(required=False, allow_blank=True)
    problem = serializers.CharField(required=False, allow_blank=True)
    solution = serializers.CharField(required=False, allow_blank=True)
    mvp_plan = serializers.CharField(required=False, allow_blank=True)
    results = serializers.CharField(required=False, allow_blank=True)


def _filtered(request, practices):
    params = request.query_params

    def decimal(name):
        try:
            return Decimal(params[name]) if params.get(name) else None
        except ArithmeticError:
            return None

    return selectors.practices_filtered(
        practices, text=params.get("q", ""), theme=params.get("theme", ""),
        city=params.get("city", ""), min_savings=decimal("min_savings"),
        max_savings=decimal("max_savings"),
        min_adoptions=int(params["min_adoptions"]) if params.get(
            "min_adoptions", "").isdigit() else None,
        tag=params.get("tag", ""),
        collection=int(params["collection"]) if params.get("collection", "").isdigit()
        else None, ordering=params.get("ordering", ""))


class PracticeMessageSerializer(serializers.ModelSerializer):
    """A message of a practice's discussion; `author_city` is empty for a coordinator."""

    author_city = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    author_city_name = serializers.CharField(source="author_city.name", read_only=True,
                                             default="")
    reply_to = serializers.PrimaryKeyRelatedField(queryset=PracticeMessage.objects.all(),
                                                  required=False, allow_null=True)

    class Meta:
        model = PracticeMessage
        fields = ["id", "reply_to", "body", "author_name", "author_role", "author_city",
                  "author_city_name", "created_at"]
        read_only_fields = ["id", "author_name", "author_role", "author_city",
                            "author_city_name", "created_at"]


class PracticeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      viewsets.GenericViewSet):
    """Good practices of the network. Filters: q (full-text in every language), theme,
    city, min_savings and max_savings (in euros, at the configured rates), min_adoptions,
    tag, collection; ordering: savings or -savings (in euros)."""

    filter_backends = []

    def get_serializer_class(self):
        return PracticeListSerializer if self.action == "list" else PracticeSerializer

    def _is_coordinator(self) -> bool:
        return self.request.tenant.is_hub and self.request.user.has_role(Role.COORDINATOR)

    def get_queryset(self):
        if for_schema_generation(self):
            return GoodPractice.objects.none()
        if self._is_coordinator():
            practices = selectors.practices_for_review()
        elif not self.request.tenant.is_hub and self.request.user.has_role(Role.CITY_ADMIN):
            # A city admin also sees their own city's practices under review.
            practices = selectors.practices_for_review().filter(
                Q(status=GoodPractice.Status.PUBLISHED) | Q(source_city=self.request.tenant))
        else:
            practices = selectors.practices_published()
        practices = selectors.with_savings_in_euros(practices)
        if self.action == "retrieve":
            practices = practices.prefetch_related("adoptions__city",
                                                   "translation_history__city")
        return _filtered(self.request, practices) if self.action == "list" else practices

    @extend_schema(methods=["GET"], request=None,
                   responses=PracticeMessageSerializer(many=True))
    @extend_schema(methods=["POST"], request=PracticeMessageSerializer,
                   responses={201: PracticeMessageSerializer})
    @action(detail=True, methods=["get", "post"], serializer_class=PracticeMessageSerializer)
    def discussion(self, request, pk=None):
        """The practice's discussion, oldest first: readable by every signed-in person of
        the network who can see the practice; written by city admins and coordinators."""
        practice = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(selectors.practice_messages(practice))
            return self.get_paginated_response(
                PracticeMessageSerializer(page, many=True).data)
        serializer = PracticeMessageSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        message = boundary.practice_message_post(
            practice=practice, by=request.user, body=serializer.validated_data["body"],
            reply_to=serializer.validated_data.get("reply_to"))
        return Response(PracticeMessageSerializer(message).data,
                        status=status.HTTP_201_CREATED)

    def _answer(self, practice: GoodPractice, code=status.HTTP_200_OK) -> Response:
        fresh = (selectors.with_savings_in_euros(selectors.practices_for_review())
                 .filter(pk=practice.pk).first() or practice)
        return Response(PracticeSerializer(fresh, context={"request": self.request}).data,
                        status=code)

    @extend_schema(request=TranslateSerializer, responses=PracticeSerializer)
    @action(detail=True, methods=["post"])
    def translate(self, request, pk=None):
        """Coordinators (on the hub) and city admins (on their city's site): add or fix the
        practice's text in one language of the network; blank fields keep their text. Each
        change is recorded in the practice's translation_history."""
        practice = self.get_object()
        data = TranslateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        texts = dict(data.validated_data)
        language = texts.pop("language")
        boundary.practice_translate_where(on_hub=request.tenant.is_hub, practice=practice,
                                          by=request.user, language=language, texts=texts)
        return self._answer(practice)


class HubPracticeViewSet(PracticeViewSet):
    @extend_schema(request=inline_serializer("Review", {
        "action": serializers.ChoiceField(choices=["publish", "changes", "feature",
                                                   "unfeature", "tags"]),
        "comment": serializers.CharField(required=False),
        "tags": serializers.ListField(child=serializers.CharField(), required=False)}),
        responses=PracticeSerializer)
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        """Coordinators: publish, ask for changes (with a comment), feature, or tag."""
        practice = get_object_or_404(GoodPractice, pk=pk)
        verb = request.data.get("action")
        if verb == "publish":
            practice = services.practice_publish(practice=practice, by=request.user)
        elif verb == "changes":
            practice = services.practice_request_changes(
                practice=practice, by=request.user, comment=str(request.data.get("comment", "")))
        elif verb in ("feature", "unfeature"):
            practice = services.practice_feature(practice=practice, by=request.user,
                                                 featured=verb == "feature")
        elif verb == "tags":
            practice = services.practice_tag(practice=practice, by=request.user,
                                             tags=list(request.data.get("tags", [])))
        else:
            raise serializers.ValidationError({"action": ["Unknown action."]})
        return self._answer(practice)


class ShareSerializer(serializers.Serializer):
    proposal = serializers.IntegerField()
    summary = serializers.CharField()
    results = serializers.CharField(required=False, allow_blank=True, default="")
    tags = serializers.ListField(child=serializers.CharField(), required=False, default=list)
    contact_role = serializers.CharField(required=False, allow_blank=True, default="")
    language = serializers.CharField(
        required=False, allow_blank=True, default="",
        help_text="The language the summary and results are written in (default: ?lang= or "
                  "the request's language); one of the city's languages.")


class AdoptSerializer(serializers.Serializer):
    target_kind = serializers.ChoiceField(choices=Adoption.Target.choices)
    call = serializers.IntegerField(required=False)


class OutcomeSerializer(serializers.Serializer):
    outcome = serializers.ChoiceField(choices=Adoption.Outcome.choices)
    realised_savings_money = serializers.DecimalField(max_digits=14, decimal_places=2,
                                                      min_value=0, default=0)
    realised_savings_hours = serializers.DecimalField(max_digits=10, decimal_places=1,
                                                      min_value=0, default=0)
    note = serializers.CharField(required=False, allow_blank=True, default="")


class CityPracticeViewSet(PracticeViewSet):
    @extend_schema(request=ShareSerializer, responses=PracticeSerializer)
    @action(detail=False, methods=["post"])
    def share(self, request):
        """City admins: share an implemented proposal of this city (or refresh it)."""
        data = ShareSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        language = selectors.text_language(request, values.pop("language"))
        proposal = boundary.city_proposal_get(values.pop("proposal"))
        practice = boundary.practice_share(proposal=proposal, by=request.user,
                                           language=language, **values)
        return self._answer(practice, status.HTTP_201_CREATED)

    @extend_schema(request=None, responses=PracticeSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        practice = boundary.practice_withdraw(practice=get_object_or_404(GoodPractice, pk=pk),
                                              by=request.user)
        return self._answer(practice)

    @extend_schema(request=AdoptSerializer, responses=AdoptionSerializer)
    @action(detail=True, methods=["post"])
    def adopt(self, request, pk=None):
        """City admins: create a draft call or proposal from the practice in this city."""
        data = AdoptSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        call = (boundary.city_call_get(data.validated_data["call"])
                if data.validated_data.get("call") else None)
        adoption = boundary.practice_adopt(practice=self.get_object(), by=request.user,
                                           target_kind=data.validated_data["target_kind"],
                                           call=call)
        return Response(AdoptionSerializer(adoption).data, status=status.HTTP_201_CREATED)

    @extend_schema(request=OutcomeSerializer, responses=AdoptionSerializer)
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        """City admins of an adopting city: report what came of the practice."""
        adoption = get_object_or_404(Adoption, practice_id=pk, city=request.tenant.pk)
        data = OutcomeSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        adoption = boundary.adoption_report(
            adoption=adoption, by=request.user, outcome=data.validated_data["outcome"],
            realised_savings_money=data.validated_data["realised_savings_money"],
            realised_savings_hours=data.validated_data["realised_savings_hours"],
            note=data.validated_data["note"])
        return Response(AdoptionSerializer(adoption).data)


class CollectionSerializer(serializers.ModelSerializer):
    practices = serializers.PrimaryKeyRelatedField(
        many=True, queryset=GoodPractice.objects.exclude(status=GoodPractice.Status.WITHDRAWN))

    class Meta:
        model = Collection
        fields = ["id", "name", "description", "practices"]

    def create(self, validated_data):
        return services.collection_save(by=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        # PATCH sends only what changes; the rest stays as it is.
        current = {"name": instance.name, "description": instance.description,
                   "practices": list(instance.practices.all())}
        return services.collection_save(by=self.context["request"].user, collection=instance,
                                        **{**current, **validated_data})


class CollectionViewSet(viewsets.ModelViewSet):
    """Collections of practices; coordinators curate them on the hub, every city browses
    them (with their published practices only)."""

    serializer_class = CollectionSerializer
    required_roles = (Role.COORDINATOR,)
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if for_schema_generation(self):
            return Collection.objects.none()
        return selectors.collections_for(hub_view=self.request.tenant.is_hub)

    def get_permissions(self):
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [IsAuthenticated()]
        return [HasRole()]


class CityCollectionViewSet(CollectionViewSet):
    """The network's collections as a city reads them (curation happens on the hub)."""

    http_method_names = ["get", "head", "options"]


class EventSerializer(serializers.ModelSerializer):
    translations = TranslationsField()

    class Meta:
        model = NetworkEvent
        fields = ["id", "title", "description", "kind", "starts_at", "ends_at", "language",
                  "link", "location", "translations"]

    def create(self, validated_data):
        return services.event_save(by=self.context["request"].user, **validated_data)

    def update(self, instance, validated_data):
        values = {field: getattr(instance, field) for field in
                  ("title", "description", "kind", "starts_at", "ends_at", "language", "link",
                   "location")}
        values.update(validated_data)
        return services.event_save(by=self.context["request"].user, event=instance, **values)


class EventViewSet(viewsets.ModelViewSet):
    """Network events (webinars, meetings): coordinators announce them on the hub; every
    city lists the upcoming ones."""

    serializer_class = EventSerializer
    required_roles = (Role.COORDINATOR,)
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if for_schema_generation(self):
            return NetworkEvent.objects.none()
        return (NetworkEvent.objects.order_by("starts_at") if self.request.tenant.is_hub
                else selectors.events_upcoming())

    def get_permissions(self):
        if self.request.method in ("GET", "HEAD", "OPTIONS"):
            return [IsAuthenticated()]
        return [HasRole()]

    def perform_destroy(self, instance):
        services.event_delete(event=instance, by=self.request.user)


class DashboardView(APIView):
    """Network figures per city and in total, from the statistics read model."""

    permission_classes = [HasRole]
    required_roles = (Role.COORDINATOR, Role.PARTNER_ADMIN)

    @extend_schema(responses=inline_serializer("Dashboard", {
        "cities": serializers.ListField(), "totals": serializers.DictField(),
        "trend": serializers.ListField()}))
    def get(self, request):
        paginator = PageNumberPagination()
        paginator.page_size = 20
        rows = paginator.paginate_queryset(selectors.dashboard_latest(), request, view=self)
        totals = selectors.dashboard_totals()
        return Response({
            "count": paginator.page.paginator.count,
            "next": paginator.get_next_link(),
            "previous": paginator.get_previous_link(),
            "cities": [{"city": row.city.slug, "name": row.city.name, "day": row.day,
                        "calls": row.calls, "proposals": row.proposals,
                        "participation_rate": (round(row.authors / row.employees * 100, 1)
                                               if row.employees else None),
                        "selected": row.selected, "implemented": row.implemented,
                        "realised_money": str(row.realised_money), "currency": row.currency,
                        "realised_hours": str(row.realised_hours),
                        "practices_shared": row.practices_shared,
                        "practices_adopted": row.practices_adopted,
                        "last_reported_at": row.computed_at, "stale": row.stale}
                       for row in rows],
            "totals": {**{field: getattr(totals, field) for field in (
                "cities", "calls", "proposals", "selected", "implemented",
                "practices_shared", "practices_adopted")},
                "participation_rate": totals.participation_rate,
                "realised_money_eur": str(totals.realised_money_eur),
                "realised_hours": str(totals.realised_hours)},
            "trend": [{**row, "realised_money_eur": str(row["realised_money_eur"])}
                      for row in selectors.dashboard_trend()],
        })


def register_for_hub(router: DefaultRouter) -> None:
    router.register("practices", HubPracticeViewSet, basename="practice")
    router.register("collections", CollectionViewSet, basename="collection")
    router.register("events", EventViewSet, basename="event")


def register_for_cities(router: DefaultRouter) -> None:
    router.register("practices", CityPracticeViewSet, basename="practice")
    router.register("collections", CityCollectionViewSet, basename="collection")
    router.register("events", EventViewSet, basename="event")
