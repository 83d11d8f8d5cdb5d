from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from innovato.api import throttled as throttled_refusal
from shared_apps.accounts import selectors, services
from shared_apps.accounts.models import ApiToken, Invitation, Role, User
from shared_apps.accounts.permissions import USER_MANAGER_ROLES, HasRole


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["id", "username", "email", "first_name", "last_name", "roles", "is_active"]
        read_only_fields = fields


class MeSerializer(UserSerializer):
    city = serializers.SerializerMethodField()

    class Meta(UserSerializer.Meta):
        fields = [*UserSerializer.Meta.fields, "city"]
        read_only_fields = fields

    def get_city(self, user: User) -> str | None:
        tenant = self.context["request"].tenant
        return None if tenant.is_hub else tenant.slug


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField()
    password = serializers.CharField(style={"input_type": "password"}, trim_whitespace=False)
    name = serializers.CharField(required=False, allow_blank=True, max_length=100)


class TokenObtainView(APIView):
    """Exchange a username and password for a new API token valid on this host only, for
    API_TOKEN_VALID_DAYS; named `name`, or after the client ("Sign-in from <user agent>").
    Refused (403) to a person with a second factor, or required to have one: they create
    tokens on the site's API tokens page, after signing in with both."""

    authentication_classes = []
    permission_classes = [AllowAny]

    def get_authenticate_header(self, request) -> str:
        return "Token"  # so refused credentials answer 401, not 403

    @extend_schema(
        request=TokenRequestSerializer,
        responses=inline_serializer("Token", {"token": serializers.CharField()}),
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            user = services.user_authenticate(
                request=request,
                username=data.validated_data["username"],
                password=data.validated_data["password"],
            )
        except services.LoginThrottled as throttled:
            raise throttled_refusal(wait=throttled.retry_after,
                                    detail=throttled.message) from throttled
        if user is None:
            raise AuthenticationFailed(_("Unable to sign in with these credentials."))
        if selectors.has_second_factor(user) or selectors.second_factor_missing(user):
            # A password alone must not get round the second factor: such a person signs
            # in on the site (with both) and creates a token on their API tokens page.
            raise PermissionDenied(_(
                "Your account uses two-factor authentication: sign in on the site and "
                "create a token on your API tokens page."), code="second_factor_required")
        name = data.validated_data.get("name") or _("Sign-in from %(client)s") % {
            "client": request.headers.get("User-Agent", "")[:60] or _("an unknown client")}
        return Response({"token": services.api_token_issue(user=user, name=name)})


class MeView(APIView):
    """The signed-in user and their roles."""

    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user, context={"request": request}).data)


class UserFilter(filters.FilterSet):
    role = filters.ChoiceFilter(choices=Role.choices, method="filter_role")
    search = filters.CharFilter(method="filter_search")

    class Meta:
        model = User
        fields = ["is_active"]

    def filter_role(self, queryset, name, value):
        return queryset.filter(roles__contains=[value])

    def filter_search(self, queryset, name, value):
        return queryset.filter(
            Q(username__icontains=value) | Q(email__icontains=value)
            | Q(first_name__icontains=value) | Q(last_name__icontains=value)
        )


class UserUpdateSerializer(serializers.Serializer):
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices),
                                  required=False)
    is_active = serializers.BooleanField(required=False)


class UserViewSet(mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """People of this city (or of the hub); for administrators, who change their roles and
    deactivate or reactivate them with PATCH (a deactivated person is signed out at once)."""

    serializer_class = UserSerializer
    permission_classes = [HasRole]
    required_roles = USER_MANAGER_ROLES
    filterset_class = UserFilter
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        return selectors.users_list()

    @extend_schema(request=UserUpdateSerializer, responses=UserSerializer)
    def partial_update(self, request, *args, **kwargs):
        user = self.get_object()
        data = UserUpdateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_update(user=user, by=request.user, **data.validated_data)
        return Response(UserSerializer(user, context=self.get_serializer_context()).data)


class InvitationSerializer(serializers.ModelSerializer):
    roles = serializers.ListField(child=serializers.ChoiceField(choices=Role.choices),
                                  allow_empty=False)

    class Meta:
        model = Invitation
        fields = ["id", "email", "roles", "created_at", "expires_at"]
        read_only_fields = ["id", "created_at", "expires_at"]


class InvitationViewSet(mixins.ListModelMixin, mixins.CreateModelMixin,
                        mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """Pending invitations; creating one e-mails a single-use link to the address, deleting
    one revokes its link."""

    serializer_class = InvitationSerializer
    permission_classes = [HasRole]
    required_roles = USER_MANAGER_ROLES

    def get_queryset(self):
        return selectors.invitations_pending()

    def perform_destroy(self, instance):
        services.invitation_revoke(invitation=instance)

    def perform_create(self, serializer):
        try:
            serializer.instance = services.invitation_create(
                email=serializer.validated_data["email"],
                roles=serializer.validated_data["roles"],
                invited_by=self.request.user,
                base_url=self.request.build_absolute_uri("/"),
            )
        except DjangoValidationError as error:
            raise serializers.ValidationError(
                error.message_dict if hasattr(error, "error_dict") else error.messages
            ) from error


class ApiTokenSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiToken
        fields = ["id", "name", "created_at", "last_used_at", "expires_at"]
        read_only_fields = ["id", "created_at", "last_used_at", "expires_at"]


class NewApiTokenSerializer(ApiTokenSerializer):
    token = serializers.CharField(read_only=True)

    class Meta(ApiTokenSerializer.Meta):
        fields = [*ApiTokenSerializer.Meta.fields, "token"]
        read_only_fields = [*ApiTokenSerializer.Meta.read_only_fields, "token"]


class MyApiTokenViewSet(mixins.ListModelMixin, mixins.CreateModelMixin,
                        mixins.DestroyModelMixin, viewsets.GenericViewSet):
    """The signed-in person's own API tokens. Creating one answers its secret, once (only
    a digest is kept); deleting one revokes it at once."""

    serializer_class = ApiTokenSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the OpenAPI schema has no user
            return ApiToken.objects.none()
        return selectors.api_tokens_of(self.request.user)

    @extend_schema(request=ApiTokenSerializer, responses={201: NewApiTokenSerializer})
    def create(self, request, *args, **kwargs):
        data = ApiTokenSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            token, secret = services.api_token_create(user=request.user,
                                                      name=data.validated_data["name"])
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        token.token = secret
        return Response(NewApiTokenSerializer(token).data, status=201)

    def perform_destroy(self, instance):
        services.api_token_revoke(token=instance, by=self.request.user)
