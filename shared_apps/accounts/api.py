from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from innovato.api import throttled as throttled_refusal
from shared_apps.accounts import selectors, services, sso
from shared_apps.accounts.models import ApiToken, Invitation, Role, SingleSignOn, User
from shared_apps.accounts.permissions import USER_MANAGER_ROLES, HasRole


class UserSerializer(serializers.ModelSerializer):
    # Not `format: email` in the schema: accounts made without an address (directory
    # imports, staff added by hand) answer "", which a client generated from it must accept.
    email = serializers.CharField(
        read_only=True, label=gettext_lazy("e-mail address"),
        help_text=gettext_lazy("Empty when the person has no e-mail address."))

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
        except services.PasswordSignInRefused as refused:
            raise PermissionDenied(refused.message) from refused
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


# --- Single sign-on ---------------------------------------------------------------------------


class SingleSignOnSerializer(serializers.Serializer):
    """The city's identity provider. The client secret and the IdP metadata XML (with its
    certificate) are write-only: an answer only says whether they are saved."""

    protocol = serializers.ChoiceField(choices=SingleSignOn.Protocol.choices,
                                       allow_blank=True)
    display_name = serializers.CharField(max_length=80, allow_blank=True, required=False)
    oidc_server_url = serializers.URLField(max_length=500, allow_blank=True, required=False)
    oidc_client_id = serializers.CharField(max_length=191, allow_blank=True, required=False)
    oidc_client_secret = serializers.CharField(write_only=True, required=False,
                                               allow_blank=True, trim_whitespace=False)
    oidc_scopes = serializers.CharField(max_length=300, required=False,
                                        default="openid profile email")
    saml_metadata_url = serializers.URLField(max_length=500, allow_blank=True, required=False)
    saml_metadata_xml = serializers.CharField(write_only=True, required=False,
                                              allow_blank=True)
    saml_entity_id = serializers.CharField(max_length=500, allow_blank=True, required=False)
    sso_only = serializers.BooleanField(required=False, default=False)
    password_users = serializers.PrimaryKeyRelatedField(
        many=True, required=False, queryset=User.objects.filter(is_active=True))
    claim_names = serializers.DictField(child=serializers.CharField(max_length=200),
                                        required=False)
    department_map = serializers.DictField(child=serializers.CharField(max_length=40),
                                           required=False)
    role_groups = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField(max_length=200)),
        required=False)
    has_client_secret = serializers.BooleanField(read_only=True)
    has_saml_metadata = serializers.BooleanField(read_only=True)
    service_provider = serializers.DictField(child=serializers.CharField(), read_only=True)


def _sso_answer(request) -> dict:
    config = sso.sso_settings()
    app = sso.social_app(config=config)
    return {
        "protocol": config.protocol, "display_name": config.display_name,
        "oidc_server_url": config.oidc_server_url,
        "oidc_client_id": app.client_id if app and config.protocol == "oidc" else "",
        "oidc_scopes": config.oidc_scopes, "saml_metadata_url": config.saml_metadata_url,
        "saml_entity_id": config.saml_entity_id, "sso_only": config.sso_only,
        "password_users": [user.pk for user in config.password_users.all()],
        "claim_names": config.claim_names, "department_map": config.department_map,
        "role_groups": config.role_groups,
        "has_client_secret": bool(app and app.secret and config.protocol == "oidc"),
        "has_saml_metadata": bool(app and config.protocol == "saml"),
        "service_provider": sso.service_provider_urls(
            base_url=request.build_absolute_uri("/")),
    }


class SingleSignOnView(APIView):
    """Read or replace how this city signs in with its identity provider (its admins)."""

    permission_classes = [HasRole]
    required_roles = USER_MANAGER_ROLES

    @extend_schema(responses=SingleSignOnSerializer)
    def get(self, request):
        return Response(_sso_answer(request))

    @extend_schema(request=SingleSignOnSerializer, responses=SingleSignOnSerializer)
    def put(self, request):
        data = SingleSignOnSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        for key in ("has_client_secret", "has_saml_metadata", "service_provider"):
            values.pop(key, None)
        values["oidc_client_secret"] = values.get("oidc_client_secret") or None
        values["saml_metadata_xml"] = values.get("saml_metadata_xml") or None
        try:
            sso.sso_settings_update(by=request.user, **values)
        except DjangoValidationError as error:
            raise serializers.ValidationError(error.message_dict) from error
        return Response(_sso_answer(request))


class SingleSignOnTestView(APIView):
    """Reach the saved identity provider as a sign-in would, and report each check. The
    report is the answer (200), whether the provider answered or not: `ok` tells which."""

    permission_classes = [HasRole]
    required_roles = USER_MANAGER_ROLES

    @extend_schema(request=None, responses=inline_serializer("SingleSignOnTest", {
        "ok": serializers.BooleanField(),
        "checks": serializers.ListField(child=inline_serializer("SingleSignOnCheck", {
            "ok": serializers.BooleanField(), "message": serializers.CharField()}))}))
    def post(self, request):
        report = sso.sso_connection_test()
        return Response({"ok": report.ok, "checks": report.checks})
