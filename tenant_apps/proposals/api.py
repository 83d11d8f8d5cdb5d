import functools

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_field,
    inline_serializer,
)
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.negotiation import BaseContentNegotiation
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.routers import DefaultRouter

from innovato.api import TranslationsField, for_schema_generation
from innovato.errors import NotAllowed
from innovato.i18n import ReadingOrder
from innovato.rest import ObjectJSONParser
from shared_apps.accounts.models import User
from tenant_apps.calls.models import Call, Theme
from tenant_apps.people.models import Department
from tenant_apps.proposals import selectors, services
from tenant_apps.proposals.downloads import attachment_response
from tenant_apps.proposals.models import (
    EDITABLE_FIELDS,
    TRANSLATED_FIELDS,
    Attachment,
    CoAuthor,
    Comment,
    Proposal,
    ProposalVersion,
    Status,
    content_keys,
)


class PersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="author_name")

    class Meta:
        model = User
        fields = ["id", "username", "name"]


class TeamMemberSerializer(serializers.Serializer):
    user = PersonSerializer()
    state = serializers.ChoiceField(choices=CoAuthor.State.choices)


class DepartmentBriefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


# The few fields that format a proposal's values, built once: DRF builds a serializer's
# fields anew for every request, which costs more than the rows of a list.
_FORMATS = {
    **{name: serializers.DecimalField(max_digits=Proposal._meta.get_field(name).max_digits,
                                      decimal_places=Proposal._meta.get_field(name).decimal_places)
       for name in ("expected_savings_money", "expected_savings_hours")},
}
_MOMENTS = ("submitted_at", "created_at", "updated_at")


def _person(user_id: int, username: str, first_name: str, last_name: str,
            is_active: bool) -> dict:
    """What PersonSerializer gives, from a user's columns."""
    return {"id": user_id, "username": username,
            "name": User.author_name_of(first_name=first_name, last_name=last_name,
                                        username=username, is_active=is_active)}


class ProposalRepresentation:
    """A proposal as the API shows it, from a row of `selectors.ProposalRows` (a list's)
    or of `selectors.proposal_row` (a proposal read as a model): one way to write it, so a
    list and a proposal's own address answer alike. What DRF's walk over ProposalSerializer's fields
    would give, built directly: for a list of fifty proposals that walk cost more than the
    rest of the request."""

    def __init__(self) -> None:
        # The languages each text is read in depend on the reader and the city alone.
        self.texts = {field: ReadingOrder(Proposal, field) for field in TRANSLATED_FIELDS}
        self.department_name = ReadingOrder(Department, "name")
        # Moments in the reader's time zone, looked up once rather than for each value.
        moment = serializers.DateTimeField(default_timezone=timezone.get_current_timezone())
        self.formats = {**_FORMATS, **dict.fromkeys(_MOMENTS, moment)}

    def __call__(self, row: dict) -> dict:
        hidden, formats, read = row["authors_hidden"], self.formats, row.get
        formatted = {name: None if (value := row[name]) is None
                     else formats[name].to_representation(value) for name in formats}
        return {
            "id": row["id"], "call": row["call_id"],
            **{field: reading.shown(read)[0] for field, reading in self.texts.items()},
            "expected_savings_money": formatted["expected_savings_money"],
            "expected_savings_hours": formatted["expected_savings_hours"],
            "other_benefits": row["other_benefits"],
            "resources_needed": row["resources_needed"],
            "department": (None if hidden or row["department_id"] is None else
                           {"id": row["department_id"],
                            "name": self.department_name.shown(read)[0]}),
            "theme": row["theme_id"], "status": row["status"],
            "status_reason": row["status_reason"],
            "submitted_at": formatted["submitted_at"], "created_at": formatted["created_at"],
            "updated_at": formatted["updated_at"],
            "author": None if hidden else _person(
                row["author_id"], row["author_username"], row["author_first_name"],
                row["author_last_name"], row["author_is_active"]),
            "coauthors": None if hidden else [{"user": _person(*member[:5]), "state": member[5]}
                                              for member in row["team"]],
            "support_count": row["support_count"], "comment_count": row["comment_count"],
            "vote_count": row["vote_count"],
            "translations": {field: {code: value for code, column in columns
                                     if (value := row[column])}
                             for field, columns in selectors.TEXT_COLUMNS.items()},
        }


class ProposalSerializer(serializers.ModelSerializer):
    """A proposal; authors, co-authors and department are null for a viewer from whom
    anonymous evaluation hides them."""

    call = serializers.PrimaryKeyRelatedField(queryset=Call.objects.all())
    author = PersonSerializer(read_only=True, allow_null=True)
    coauthors = TeamMemberSerializer(many=True, read_only=True, allow_null=True)
    department = DepartmentBriefSerializer(read_only=True, allow_null=True)
    department_id = serializers.PrimaryKeyRelatedField(
        source="department", queryset=Department.objects.all(), required=False,
        allow_null=True, write_only=True)
    theme = serializers.PrimaryKeyRelatedField(queryset=Theme.objects.all(), required=False,
                                               allow_null=True)
    support_count = serializers.IntegerField(read_only=True, default=0)
    comment_count = serializers.IntegerField(read_only=True, default=0)
    vote_count = serializers.IntegerField(read_only=True, default=0)
    translations = TranslationsField()

    class Meta:
        model = Proposal
        fields = ["id", "call", "title", "problem", "solution", "mvp_plan",
                  "expected_savings_money", "expected_savings_hours", "other_benefits",
                  "resources_needed", "department", "department_id", "theme", "status",
                  "status_reason", "submitted_at", "created_at", "updated_at", "author",
                  "coauthors", "support_count", "comment_count", "vote_count", "translations"]
        read_only_fields = ["id", "status", "status_reason", "submitted_at", "created_at",
                            "updated_at"]
        extra_kwargs = {"problem": {"required": False}, "solution": {"required": False},
                        "mvp_plan": {"required": False}}

    @functools.cached_property
    def _represent(self) -> ProposalRepresentation:
        # One for every proposal this serializer writes (a list's child is used for each).
        return ProposalRepresentation()

    def to_representation(self, proposal: Proposal) -> dict:
        """As ProposalRepresentation writes it; the fields above stay declared for the
        schema and for writes, and tests hold the answer to them."""
        return self._represent(selectors.proposal_row(proposal, self.context["request"].user))

    def create(self, validated_data):
        call = validated_data.pop("call")
        return services.proposal_create(call=call, author=self.context["request"].user,
                                        **validated_data)

    def update(self, instance, validated_data):
        validated_data.pop("call", None)
        return services.proposal_update(proposal=instance, by=self.context["request"].user,
                                        **validated_data)


@extend_schema_field({"type": "object", "additionalProperties": {"nullable": True}})
class VersionContentField(serializers.Field):
    """A version's fields, texts in the reader's language (with the proposals' fallback)."""

    def __init__(self, **kwargs) -> None:
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, content: dict) -> dict:
        return {name: selectors.in_language(content, name) if name in TRANSLATED_FIELDS
                else content.get(name) for name in EDITABLE_FIELDS}


@extend_schema_field({"type": "object", "additionalProperties": {
    "type": "object", "additionalProperties": {"type": "string"}}})
class VersionTranslationsField(serializers.Field):
    """A version's texts in every language they were written in: {"title": {"en": …}}."""

    def __init__(self, **kwargs) -> None:
        kwargs.update(source="content", read_only=True)
        super().__init__(**kwargs)

    def to_representation(self, content: dict) -> dict:
        return {name: {key.rsplit("_", 1)[1]: content[key] for key in content_keys(name)
                       if content.get(key)} for name in TRANSLATED_FIELDS}


class ProposalVersionSerializer(serializers.ModelSerializer):
    """One version of a submitted proposal: number 1 as submitted, then one per change,
    with the fields that change touched."""

    by = PersonSerializer(read_only=True, allow_null=True)
    content = VersionContentField()
    translations = VersionTranslationsField(source="content")
    changed_fields = serializers.ListField(child=serializers.CharField(), read_only=True)

    class Meta:
        model = ProposalVersion
        fields = ["number", "created_at", "by", "changed_fields", "content", "translations"]
        read_only_fields = fields


class ProposalFilter(filters.FilterSet):
    call = filters.NumberFilter(field_name="call_id")
    theme = filters.NumberFilter(field_name="theme_id")
    department = filters.NumberFilter(method="filter_department")
    # A proposal has one status: no duplicate rows to remove, and the list reads its page's
    # ids as one column (selectors.ProposalRows), which DISTINCT with ordering would widen.
    status = filters.MultipleChoiceFilter(choices=Status.choices, distinct=False)
    mine = filters.BooleanFilter(method="filter_mine")
    q = filters.CharFilter(method="filter_search", label="Full-text search")

    class Meta:
        model = Proposal
        fields = ["call", "theme", "department", "status"]

    def filter_department(self, queryset, name, value):
        # A department hidden by anonymous evaluation cannot be found out by filtering on it.
        return queryset.filter(department_id=value).exclude(
            selectors.authors_hidden_from(self.request.user))

    def filter_mine(self, queryset, name, value):
        return queryset.filter(author=self.request.user) if value else queryset

    def filter_search(self, queryset, name, value):
        return selectors.proposal_search(queryset, value) if value.strip() else queryset


class CommentSerializer(serializers.ModelSerializer):
    """A comment. Where anonymous evaluation hides the proposal's authors from the reader,
    comments by its authors and co-authors come with `author` {"id": null, "username": null,
    "name": "Author"} (in the reader's language)."""

    author = serializers.SerializerMethodField()
    body = serializers.SerializerMethodField()

    class Meta:
        model = Comment
        fields = ["id", "parent", "author", "body", "created_at", "hidden_at", "hidden_reason"]

    @extend_schema_field(PersonSerializer)
    def get_author(self, comment: Comment) -> dict:
        if comment.author_id in self.context.get("masked", ()):
            return {"id": None, "username": None, "name": _("Author")}
        return PersonSerializer(comment.author).data

    def get_body(self, comment: Comment) -> str | None:
        return None if comment.hidden_at else comment.body


class CommentWriteSerializer(serializers.Serializer):
    body = serializers.CharField()
    parent = serializers.IntegerField(required=False, allow_null=True)


class AttachmentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField(
        help_text="Absolute address of the file; send the same token (or session).")

    class Meta:
        model = Attachment
        fields = ["id", "name", "content_type", "size", "uploaded_at", "download_url"]

    def get_download_url(self, attachment: Attachment) -> str:
        return self.context["request"].build_absolute_uri(reverse(
            "api:proposal-attachment-download", args=[attachment.proposal_id, attachment.pk]))


class AnyAccept(BaseContentNegotiation):
    """A file is served whatever the client accepts (`Accept: application/pdf` included);
    refusals still come as JSON."""

    def select_parser(self, request, parsers):
        return parsers[0] if parsers else None

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ProposalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      mixins.CreateModelMixin, mixins.UpdateModelMixin,
                      viewsets.GenericViewSet):
    """Proposals visible to the signed-in employee. Drafts are created with POST and saved
    with PATCH; the actions submit, withdraw, support, vote, follow, invite co-authors,
    comment and attach files."""

    serializer_class = ProposalSerializer
    filterset_class = ProposalFilter
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        if for_schema_generation(self):
            return Proposal.objects.none()
        if self.action == "list":
            return selectors.proposals_listed_for(self.request.user)
        return selectors.proposals_visible_to(self.request.user).prefetch_related(
            "coauthors__user")

    def list(self, request, *args, **kwargs):
        """A page of the filtered list, read in one query (see ProposalRows)."""
        rows = self.paginate_queryset(selectors.ProposalRows(
            self.filter_queryset(self.get_queryset()), user=request.user))
        represent = ProposalRepresentation()
        return self.get_paginated_response([represent(row) for row in rows])

    def _proposal(self) -> Proposal:
        return self.get_object()

    def perform_update(self, serializer) -> None:
        # The answer shows the proposal as a read does, counts included.
        serializer.save()
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def _reply(self, proposal: Proposal) -> Response:
        fresh = self.get_queryset().get(pk=proposal.pk)
        return Response(self.get_serializer(fresh).data)

    @extend_schema(request=None, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        return self._reply(services.proposal_submit(proposal=self._proposal(), by=request.user))

    @extend_schema(request=None, responses=ProposalSerializer)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        return self._reply(services.proposal_withdraw(proposal=self._proposal(),
                                                      by=request.user))

    @extend_schema(request=None, responses=inline_serializer(
        "SupportResult", {"counted": serializers.BooleanField(),
                          "support_count": serializers.IntegerField()}))
    @action(detail=True, methods=["post", "delete"])
    def support(self, request, pk=None):
        proposal = self._proposal()
        if request.method == "DELETE":
            services.support_remove(proposal=proposal, user=request.user)
            counted = False
        else:
            counted = services.support_add(proposal=proposal, user=request.user)
        return Response({"counted": counted,
                         "support_count": proposal.supports.count()})

    @extend_schema(request=None, responses=inline_serializer(
        "VoteResult", {"counted": serializers.BooleanField(),
                       "vote_count": serializers.IntegerField()}))
    @action(detail=True, methods=["post"])
    def vote(self, request, pk=None):
        proposal = self._proposal()
        counted = services.vote_cast(proposal=proposal, user=request.user)
        return Response({"counted": counted, "vote_count": proposal.votes.count()})

    @extend_schema(request=None, responses=None)
    @action(detail=True, methods=["post", "delete"])
    def follow(self, request, pk=None):
        services.follow_set(proposal=self._proposal(), user=request.user,
                            following=request.method == "POST")
        return Response({"following": request.method == "POST"})

    @extend_schema(request=inline_serializer("CoAuthorInvite", {
        "username": serializers.CharField()}), responses=None)
    @action(detail=True, methods=["post"])
    def coauthors(self, request, pk=None):
        proposal = self._proposal()
        user = get_object_or_404(User, username=request.data.get("username", ""),
                                 is_active=True)
        services.coauthor_invite(proposal=proposal, user=user, by=request.user)
        return Response({"invited": user.username}, status=status.HTTP_201_CREATED)

    @extend_schema(request=inline_serializer("CoAuthorAnswer", {
        "accept": serializers.BooleanField()}), responses=None)
    @action(detail=True, methods=["post"], url_path="coauthors/answer")
    def coauthor_answer(self, request, pk=None):
        accept = serializers.BooleanField().to_internal_value(request.data.get("accept"))
        coauthor = services.coauthor_answer(proposal=self._proposal(), user=request.user,
                                            accept=accept)
        return Response({"state": coauthor.state})

    @extend_schema(methods=["GET"], responses=CommentSerializer(many=True))
    @extend_schema(methods=["POST"], request=CommentWriteSerializer,
                   responses=CommentSerializer)
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def comments(self, request, pk=None):
        proposal = self._proposal()
        context = {"masked": selectors.names_masked_for(proposal, request.user)}
        if request.method == "GET":
            comments = proposal.comments.select_related("author")
            return Response(CommentSerializer(comments, many=True, context=context).data)
        data = CommentWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        parent = (get_object_or_404(Comment, pk=data.validated_data["parent"],
                                    proposal=proposal)
                  if data.validated_data.get("parent") else None)
        comment = services.comment_add(proposal=proposal, author=request.user,
                                       body=data.validated_data["body"], parent=parent)
        return Response(CommentSerializer(comment, context=context).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=inline_serializer("CommentHide", {
        "reason": serializers.CharField()}), responses=CommentSerializer)
    @action(detail=True, methods=["post"], url_path=r"comments/(?P<comment_id>\d+)/hide")
    def comment_hide(self, request, pk=None, comment_id=None):
        proposal = self._proposal()
        comment = get_object_or_404(Comment, pk=comment_id, proposal=proposal)
        comment = services.comment_hide(comment=comment, by=request.user,
                                        reason=str(request.data.get("reason", "")))
        masked = selectors.names_masked_for(proposal, request.user)
        return Response(CommentSerializer(comment, context={"masked": masked}).data)

    @extend_schema(methods=["GET"], responses=AttachmentSerializer(many=True))
    @extend_schema(methods=["POST"], request={"multipart/form-data": {
        "type": "object", "properties": {"file": {"type": "string", "format": "binary"}}}},
        responses=AttachmentSerializer)
    @action(detail=True, methods=["get", "post"], pagination_class=None,
            parser_classes=[MultiPartParser, FormParser, ObjectJSONParser])
    def attachments(self, request, pk=None):
        proposal = self._proposal()
        context = {"request": request}
        if request.method == "GET":
            return Response(AttachmentSerializer(proposal.attachments.all(), many=True,
                                                 context=context).data)
        upload = request.FILES.get("file")
        if upload is None:
            raise serializers.ValidationError({"file": [_("Choose a file to attach.")]})
        attachment = services.attachment_add(proposal=proposal, upload=upload, by=request.user)
        return Response(AttachmentSerializer(attachment, context=context).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"],
            url_path=r"attachments/(?P<attachment_id>\d+)/download",
            content_negotiation_class=AnyAccept)
    def attachment_download(self, request, pk=None, attachment_id=None):
        """The attached file, as a download, for whoever can see the proposal."""
        attachment = get_object_or_404(Attachment, pk=attachment_id, proposal=self._proposal())
        return attachment_response(attachment)

    @extend_schema(responses=ProposalVersionSerializer(many=True))
    @action(detail=True, methods=["get"], filterset_class=None)
    def versions(self, request, pk=None):
        """The versions of a submitted proposal, first to last; for its authors and the
        city admins (never for evaluators)."""
        proposal = self._proposal()
        if not selectors.history_visible_to(proposal, request.user):
            raise NotAllowed(_("Only the proposal's authors and the city admins can see "
                               "its history."))
        page = self.paginate_queryset(selectors.proposal_versions(proposal))
        return self.get_paginated_response(ProposalVersionSerializer(page, many=True).data)

    @extend_schema(parameters=[OpenApiParameter("title", str, required=True),
                               OpenApiParameter("call", int)],
                   responses=ProposalSerializer(many=True))
    @action(detail=False, methods=["get"], pagination_class=None)
    def similar(self, request):
        """Proposals whose titles resemble `title` (to turn duplicates into co-authorships)."""
        call = Call.objects.filter(pk=request.query_params.get("call") or 0).first()
        found = selectors.proposals_similar(user=request.user,
                                            title=request.query_params.get("title", ""),
                                            call=call)
        return Response(self.get_serializer(found, many=True).data)


def register(router: DefaultRouter) -> None:
    router.register("proposals", ProposalViewSet, basename="proposal")
