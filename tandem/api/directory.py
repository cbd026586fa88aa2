"""The directory's API: organizations, researchers, matching (the reference data, research units
and disease areas among them, is in `reference`).
Views reuse the directory's queries and services, as the pages do."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers, status
from rest_framework.exceptions import PermissionDenied
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.errors import error_body
from tandem.api.public import PublicListView, PublicView
from tandem.api.schema import public_read
from tandem.api.serializers import DuplicateErrorSerializer, ErrorSerializer
from tandem.core.errors import DomainError
from tandem.directory import matching, queries, search, services, validators
from tandem.directory.errors import DuplicateOrganization
from tandem.directory.labels import disease_area_names
from tandem.directory.models import (
    Approval,
    DiseaseArea,
    Organization,
    OrganizationKind,
    OrganizationStatus,
    Region,
    ResearcherProfile,
    ResearchUnit,
    Visibility,
)

# Ids sent to the API: the database's integer range (a larger number is refused, not a 500).
MAX_ID = 2**31 - 1


def _area_id_field(**kwargs: Any) -> serializers.IntegerField:
    return serializers.IntegerField(min_value=1, max_value=MAX_ID, **kwargs)


def _known_area(area_id: int) -> DiseaseArea:
    """The disease area `area_id` (id and path, from the cached labels: no query), or 400."""
    known = disease_area_names().get(area_id)
    if known is None:
        raise serializers.ValidationError(_("There is no disease area %(id)s.") % {"id": area_id})
    return DiseaseArea(pk=area_id, path=known[0])


def _choice(choices: Any, help_text: str = "") -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=choices, required=False, allow_blank=True, default="", help_text=help_text
    )


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


class ResearcherSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="user.get_full_name")
    unit: serializers.RelatedField[ResearchUnit, str, str]
    unit = serializers.SlugRelatedField(slug_field="code", read_only=True)
    disease_areas = AreaRefSerializer(many=True, read_only=True)

    class Meta:
        model = ResearcherProfile
        fields = ["id", "name", "unit", "keywords", "orcid", "contact_email", "disease_areas"]


class TopicSerializer(serializers.Serializer):
    """A research topic: a `text`, disease areas, or both (neither is a 400). Areas named in
    the text count as the topic's areas."""

    text = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)
    disease_areas = serializers.ListField(child=_area_id_field(), required=False, default=list)
    region = _choice(Region.choices)
    limit = serializers.IntegerField(required=False, default=20, min_value=1, max_value=100)

    def validate_disease_areas(self, value: list[int]) -> list[int]:
        for area_id in value:
            _known_area(area_id)
        return value

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if not data["text"].strip() and not data["disease_areas"]:
            raise serializers.ValidationError(_("Give a text or at least one disease area."))
        return data


class MatchSerializer(serializers.Serializer):
    organization = OrganizationSerializer(source="target")
    score = serializers.FloatField()
    reasons = serializers.ListField(child=serializers.CharField())


# --- Views ---------------------------------------------------------------------------------


class OrganizationFiltersSerializer(serializers.Serializer):
    """The directory's filters, checked against their choices as the directory page's form
    checks them: a value outside them is a 400, never a search."""

    q = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=200,
        help_text="Words to search, accents and case ignored.",
    )
    disease_area = _area_id_field(
        required=False, help_text="A disease area id; its descendants count."
    )
    region = _choice(Region.choices)
    kind = _choice(OrganizationKind.choices)
    approval = _choice(Approval.choices)
    status = _choice(OrganizationStatus.choices, "Officers only (ignored for others).")

    def validate_disease_area(self, value: int) -> DiseaseArea:
        return _known_area(value)

    def filters(self) -> search.OrganizationFilters:
        data = self.validated_data
        return search.OrganizationFilters(
            disease_area=data.get("disease_area"),
            region=data["region"],
            kind=data["kind"],
            approval=data["approval"],
            status=data["status"],
        )


class ResearcherFiltersSerializer(serializers.Serializer):
    q = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    disease_area = _area_id_field(required=False)

    def validate_disease_area(self, value: int) -> DiseaseArea:
        return _known_area(value)


def _viewer(request: Request) -> Any:
    return request.user if request.user.is_authenticated else None


class ReadPublicly(BasePermission):
    def has_permission(self, request: Request, view: Any) -> bool:
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return bool(request.user and request.user.is_authenticated)


class ViewResearchers(BasePermission):
    """The research pages' rule (`directory.view_researchers`: a person with a role in Tandem),
    for the units and researchers they show."""

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user.has_perm("directory.view_researchers"))


class RankedPagination(PageNumberPagination):
    """The project's pages, read with their number of results in one query."""

    django_paginator_class = search.RankedPaginator


@extend_schema_view(
    get=extend_schema(
        parameters=[OrganizationFiltersSerializer], responses={200: OrganizationSerializer}
    ),
)
class OrganizationListView(PublicListView):
    """Search the directory (GET, public) or register an organization (POST)."""

    permission_classes = [ReadPublicly]
    serializer_class = OrganizationSerializer
    pagination_class = RankedPagination

    queryset = Organization.objects.none()  # for the schema: results come from search

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        given = OrganizationFiltersSerializer(data=request.query_params)
        given.is_valid(raise_exception=True)
        results = search.search_organizations(
            given.validated_data["q"], given.filters(), visible_to=_viewer(request)
        )
        page = self.paginate_queryset(results)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=OrganizationWriteSerializer,
        responses={
            201: OrganizationSerializer,
            400: ErrorSerializer,
            403: ErrorSerializer,
            409: DuplicateErrorSerializer,
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
            **error_body(str(exc), "duplicate"),
            "field": exc.field,
            "existing": exc.existing.pk,
            "existing_url": exc.existing.get_absolute_url(),
        },
        status=status.HTTP_409_CONFLICT,
    )


class OrganizationDetailView(PublicView):
    """One organization (GET, public when listed); PATCH for officers and its admins."""

    permission_classes = [ReadPublicly]

    def _get(self, request: Request, pk: int) -> Organization:
        return get_object_or_404(
            queries.with_list_relations(queries.organizations_visible_to(_viewer(request))), pk=pk
        )

    @public_read(OrganizationSerializer)
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
            409: DuplicateErrorSerializer,
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
            return Response(error_body(str(exc), exc.code), status=status.HTTP_400_BAD_REQUEST)
        return Response(OrganizationSerializer(org, context={"request": request}).data)


@extend_schema_view(
    get=extend_schema(
        parameters=[ResearcherFiltersSerializer],
        responses={200: ResearcherSerializer, 403: ErrorSerializer},
    )
)
class ResearcherListView(generics.ListAPIView):
    """Researcher profiles (people with a role in Tandem only)."""

    serializer_class = ResearcherSerializer
    permission_classes = [IsAuthenticated, ViewResearchers]

    def get_queryset(self) -> QuerySet[ResearcherProfile]:
        given = ResearcherFiltersSerializer(data=self.request.query_params)
        given.is_valid(raise_exception=True)
        return queries.search_researchers(
            given.validated_data["q"],
            visible_to=self.request.user,
            area=given.validated_data.get("disease_area"),
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
    path("researchers", ResearcherListView.as_view(), name="api-researchers"),
    path("match", MatchView.as_view(), name="api-match"),
]
