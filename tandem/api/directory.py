"""The directory's API: organizations, research units, researchers, disease areas, matching.
Views reuse the directory's queries and services, as the pages do."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.decorators import method_decorator
from drf_spectacular.utils import (
    OpenApiParameter,
    extend_schema,
    extend_schema_view,
)
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny, BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.serializers import ErrorSerializer
from tandem.core.errors import DomainError
from tandem.directory import matching, queries, search, services, validators
from tandem.directory.errors import DuplicateOrganization
from tandem.directory.models import (
    DiseaseArea,
    Institute,
    Organization,
    OrganizationStatus,
    RegionalOffice,
    ResearcherProfile,
    ResearchUnit,
    Visibility,
)

# OpenAPI security requirements for endpoints that anyone may read: no authentication ({}) or a
# token. drf-spectacular copies `auth` into the schema as given; its annotation (Sequence[str])
# does not allow the requirement objects it actually accepts.
PUBLIC_OR_TOKEN: Any = [{}, {"bearerAuth": []}]

# --- Output serializers ---------------------------------------------------------------------


class DiseaseAreaSerializer(serializers.ModelSerializer):
    class Meta:
        model = DiseaseArea
        fields = [
            "id",
            "name_fr",
            "name_en",
            "synonyms",
            "code_system",
            "code",
            "parent",
            "depth",
            "path",
        ]


class AreaRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = DiseaseArea
        fields = ["id", "code", "name_fr", "name_en"]


def _can_see(visibility: str, request: Request, org: Organization) -> bool:
    user = request.user
    if visibility == Visibility.PUBLIC:
        return True
    if not user.is_authenticated:
        return False
    if visibility == Visibility.SIGNED_IN:
        return True
    return user.has_perm("directory.view_member_contacts", org)


class OrganizationSerializer(serializers.ModelSerializer):
    disease_areas = AreaRefSerializer(many=True, read_only=True)
    email = serializers.SerializerMethodField()
    phone = serializers.SerializerMethodField()
    address = serializers.SerializerMethodField()
    url = serializers.CharField(source="get_absolute_url", read_only=True)

    class Meta:
        model = Organization
        fields = [
            "id",
            "url",
            "kind",
            "name",
            "acronym",
            "description",
            "website",
            "email",
            "phone",
            "address",
            "city",
            "region",
            "rna",
            "siren",
            "siret",
            "approval",
            "approval_end",
            "size_band",
            "founding_year",
            "partnership_status",
            "is_public",
            "status",
            "disease_areas",
        ]

    def _contact(self, org: Organization, field: str) -> str:
        request = self.context["request"]
        visible = _can_see(getattr(org, f"{field}_visibility"), request, org)
        return getattr(org, field) if visible else ""

    def get_email(self, org: Organization) -> str:
        return self._contact(org, "email")

    def get_phone(self, org: Organization) -> str:
        return self._contact(org, "phone")

    def get_address(self, org: Organization) -> str:
        return self._contact(org, "address")


class VisibilityField(serializers.CharField):
    """A plain string in the schema: the three contact fields share one choice set, which
    drf-spectacular would otherwise name three times."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            help_text="One of: " + ", ".join(Visibility.values), max_length=10, **kwargs
        )

    def to_internal_value(self, data: Any) -> str:
        value = super().to_internal_value(data)
        if value not in Visibility.values:
            raise serializers.ValidationError("One of: " + ", ".join(Visibility.values))
        return value


class OrganizationWriteSerializer(serializers.ModelSerializer):
    email_visibility = VisibilityField(required=False)
    phone_visibility = VisibilityField(required=False)
    address_visibility = VisibilityField(required=False)
    disease_areas = serializers.PrimaryKeyRelatedField(
        many=True, queryset=DiseaseArea.objects.all(), required=False
    )

    class Meta:
        model = Organization
        fields = [*services.PROFILE_FIELDS, "is_public", "disease_areas"]
        # Identifier uniqueness is checked by the service, which names the existing record.
        validators: list[Any] = []

    def _identifier(self, value: str, check: Any) -> str:
        value = validators.compact(value)
        if value:
            try:
                check(value)
            except DjangoValidationError as exc:
                raise serializers.ValidationError(exc.messages) from exc
        return value

    def validate_rna(self, value: str) -> str:
        return self._identifier(value, validators.validate_rna)

    def validate_siren(self, value: str) -> str:
        return self._identifier(value, validators.validate_siren)

    def validate_siret(self, value: str) -> str:
        return self._identifier(value, validators.validate_siret)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        for name in ("rna", "siren", "siret"):
            field = fields[name]
            assert isinstance(field, serializers.CharField)
            field.validators = []
            field.max_length = None
        return fields


class TransitionSerializer(serializers.Serializer):
    to = serializers.ChoiceField(
        choices=[
            (s.value, s.label) for s in (OrganizationStatus.ACTIVE, OrganizationStatus.ARCHIVED)
        ]
    )


class ResearchUnitSerializer(serializers.ModelSerializer):
    institutes: serializers.ManyRelatedField | serializers.RelatedField[Institute, Institute, str]
    institutes = serializers.StringRelatedField(many=True)
    regional_office: serializers.RelatedField[RegionalOffice, RegionalOffice, str]
    regional_office = serializers.StringRelatedField()
    researchers = serializers.IntegerField(source="n_researchers", read_only=True)

    class Meta:
        model = ResearchUnit
        fields = ["id", "code", "name", "city", "institutes", "regional_office", "researchers"]


class ResearcherSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.get_full_name")
    unit: serializers.RelatedField[ResearchUnit, str, str]
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    disease_areas = AreaRefSerializer(many=True, read_only=True)

    class Meta:
        model = ResearcherProfile
        fields = ["id", "name", "unit", "keywords", "orcid", "disease_areas"]


class TopicSerializer(serializers.Serializer):
    text = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    disease_areas = serializers.ListField(
        child=serializers.IntegerField(), required=False, default=list
    )
    region = serializers.CharField(required=False, allow_blank=True, default="", max_length=3)
    limit = serializers.IntegerField(required=False, default=20, min_value=1, max_value=100)

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if not data["text"].strip() and not data["disease_areas"]:
            raise serializers.ValidationError("Give a text or at least one disease area.")
        return data


class MatchSerializer(serializers.Serializer):
    organization = OrganizationSerializer(source="target")
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


# --- Views ---------------------------------------------------------------------------------

FILTER_PARAMETERS = [
    OpenApiParameter("q", str, description="Words to search, accents and case ignored."),
    OpenApiParameter("disease_area", int, description="A disease area id; its descendants count."),
    OpenApiParameter("region", str),
    OpenApiParameter("kind", str),
    OpenApiParameter("approval", str),
    OpenApiParameter("status", str, description="Officers only."),
]


def _filters(request: Request) -> search.OrganizationFilters:
    params = request.query_params
    area_id = params.get("disease_area", "")
    area = (
        DiseaseArea.objects.filter(pk=area_id).only("id", "path").first()
        if area_id.isdigit()
        else None
    )
    return search.OrganizationFilters(
        disease_area=area,
        region=params.get("region", ""),
        kind=params.get("kind", ""),
        approval=params.get("approval", ""),
        status=params.get("status", ""),
    )


def _viewer(request: Request) -> Any:
    return request.user if request.user.is_authenticated else None


class ReadPublicly(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return bool(request.user and request.user.is_authenticated)


class RankedPagination(PageNumberPagination):
    """The project's pages, read with their number of results in one query."""

    django_paginator_class = search.RankedPaginator


@method_decorator(login_not_required, name="dispatch")
@extend_schema_view(
    get=extend_schema(
        parameters=FILTER_PARAMETERS,
        responses={200: OrganizationSerializer},
        auth=PUBLIC_OR_TOKEN,
    ),
)
class OrganizationListView(generics.ListAPIView):
    """Search the directory (GET, public) or register an organization (POST)."""

    permission_classes = [ReadPublicly]
    serializer_class = OrganizationSerializer
    pagination_class = RankedPagination

    queryset = Organization.objects.none()  # for the schema: results come from search

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        results = search.search_organizations(
            request.query_params.get("q", ""), _filters(request), visible_to=_viewer(request)
        )
        page = self.paginate_queryset(results)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=OrganizationWriteSerializer,
        responses={
            201: OrganizationSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def post(self, request: Request) -> Response:
        if not request.user.has_perm("directory.register_organization"):
            raise PermissionDenied
        assert isinstance(request.user, User)  # anonymous people have no permission
        serializer = OrganizationWriteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        areas = data.pop("disease_areas", [])
        try:
            org = services.register_organization(by=request.user, fields=data, disease_areas=areas)
        except DuplicateOrganization as exc:
            return _duplicate(exc)
        return Response(
            OrganizationSerializer(org, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )


def _duplicate(exc: DuplicateOrganization) -> Response:
    return Response(
        {
            "detail": str(exc),
            "field": exc.field,
            "existing": exc.existing.pk,
            "existing_url": exc.existing.get_absolute_url(),
        },
        status=status.HTTP_409_CONFLICT,
    )


@method_decorator(login_not_required, name="dispatch")
class OrganizationDetailView(APIView):
    """One organization (GET, public when listed); PATCH for officers and its admins."""

    permission_classes = [ReadPublicly]

    def _get(self, request: Request, pk: int) -> Organization:
        return get_object_or_404(
            queries.with_list_relations(queries.organizations_visible_to(_viewer(request))), pk=pk
        )

    @extend_schema(
        responses={200: OrganizationSerializer, 404: ErrorSerializer}, auth=PUBLIC_OR_TOKEN
    )
    def get(self, request: Request, pk: int) -> Response:
        return Response(
            OrganizationSerializer(self._get(request, pk), context={"request": request}).data
        )

    @extend_schema(
        request=OrganizationWriteSerializer,
        responses={
            200: OrganizationSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            404: ErrorSerializer,
            409: ErrorSerializer,
        },
    )
    def patch(self, request: Request, pk: int) -> Response:
        org = self._get(request, pk)
        if not request.user.has_perm("directory.change_organization", org):
            raise PermissionDenied
        assert isinstance(request.user, User)  # anonymous people have no permission
        serializer = OrganizationWriteSerializer(org, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        areas = data.pop("disease_areas", None)
        try:
            services.update_organization(org, by=request.user, fields=data, disease_areas=areas)
        except DuplicateOrganization as exc:
            return _duplicate(exc)
        org = self._get(request, pk)
        return Response(OrganizationSerializer(org, context={"request": request}).data)


class OrganizationTransitionView(APIView):
    """Officers validate, archive or reactivate an organization."""

    @extend_schema(
        request=TransitionSerializer,
        responses={200: OrganizationSerializer, 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        if not request.user.has_perm("directory.validate_organizations"):
            raise PermissionDenied
        assert isinstance(request.user, User)  # anonymous people have no permission
        org = get_object_or_404(Organization, pk=pk)
        serializer = TransitionSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            org = services.transition_organization(
                org, to=serializer.validated_data["to"], by=request.user
            )
        except DomainError as exc:
            return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
        return Response(OrganizationSerializer(org, context={"request": request}).data)


@method_decorator(login_not_required, name="dispatch")
@extend_schema_view(get=extend_schema(auth=PUBLIC_OR_TOKEN))
class DiseaseAreaListView(generics.ListAPIView):
    """The whole disease-area tree, flat, in the tree's order (`parent` links the nodes)."""

    permission_classes = [AllowAny]
    serializer_class = DiseaseAreaSerializer
    pagination_class = None

    def get_queryset(self) -> QuerySet[DiseaseArea]:
        return queries.disease_area_tree()


class ResearchUnitListView(generics.ListAPIView):
    serializer_class = ResearchUnitSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[ResearchUnit]:
        return queries.units_visible_to(self.request.user).order_by("code")


class ResearchUnitDetailView(generics.RetrieveAPIView):
    serializer_class = ResearchUnitSerializer
    permission_classes = [IsAuthenticated]

    def get_queryset(self) -> QuerySet[ResearchUnit]:
        return queries.units_visible_to(self.request.user)


@extend_schema_view(
    get=extend_schema(
        parameters=[OpenApiParameter("q", str), OpenApiParameter("disease_area", int)],
        responses={200: ResearcherSerializer, 403: ErrorSerializer},
    )
)
class ResearcherListView(generics.ListAPIView):
    """Researcher profiles (people with a role in Tandem only)."""

    serializer_class = ResearcherSerializer

    def get_queryset(self) -> QuerySet[ResearcherProfile]:
        if not self.request.user.has_perm("directory.view_researchers"):
            raise PermissionDenied
        area_id = self.request.query_params.get("disease_area", "")
        area = DiseaseArea.objects.filter(pk=area_id).first() if area_id.isdigit() else None
        return queries.search_researchers(
            self.request.query_params.get("q", ""), visible_to=self.request.user, area=area
        ).order_by("user__last_name", "pk")


class MatchView(APIView):
    """Rank the listed organizations for a research topic, each with the reasons of its score."""

    @extend_schema(
        request=TopicSerializer,
        responses={200: MatchSerializer(many=True), 400: ErrorSerializer, 403: ErrorSerializer},
    )
    def post(self, request: Request) -> Response:
        if not request.user.has_perm("directory.find_partners"):
            raise PermissionDenied
        assert isinstance(request.user, User)  # anonymous people have no permission
        serializer = TopicSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        profile = ResearcherProfile.objects.filter(user=request.user).only("unit_id").first()
        topic = matching.Topic(
            text=data["text"],
            disease_area_ids=tuple(data["disease_areas"]),
            region=data["region"],
            unit_id=profile.unit_id if profile else None,
        )
        matches = matching.match_organizations(topic, limit=data["limit"])
        organizations = {
            o.pk: o
            for o in queries.with_list_relations(
                Organization.objects.filter(pk__in=[m.target.pk for m in matches])
            )
        }
        for match in matches:
            match.target = organizations[match.target.pk]
        return Response(MatchSerializer(matches, many=True, context={"request": request}).data)


urlpatterns = [
    path("organizations", OrganizationListView.as_view(), name="api-organizations"),
    path("organizations/<int:pk>", OrganizationDetailView.as_view(), name="api-organization"),
    path(
        "organizations/<int:pk>/transition",
        OrganizationTransitionView.as_view(),
        name="api-organization-transition",
    ),
    path("research-units", ResearchUnitListView.as_view(), name="api-research-units"),
    path("research-units/<int:pk>", ResearchUnitDetailView.as_view(), name="api-research-unit"),
    path("researchers", ResearcherListView.as_view(), name="api-researchers"),
    path("disease-areas", DiseaseAreaListView.as_view(), name="api-disease-areas"),
    path("match", MatchView.as_view(), name="api-match"),
]
