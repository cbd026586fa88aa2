"""The directory's reference data: theme-based institutes, regional offices and research units.

Reading them is the research pages' rule (`directory.view_researchers`: a role in Tandem), as
for the units' pages; an institute's or an office's staff (e-mail addresses) only for those
who may manage the reference data, `null` for the others. Creating and changing them is for
whoever may on the reference pages (`directory.manage_reference_data`: officers and
administrators), through the service the pages call (`services.save_reference`: one
transaction, fields and staff together; people taken off a staff stop following its projects
unless involved otherwise)."""

from __future__ import annotations

from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from tandem.accounts.models import User
from tandem.api.actions import act, errors
from tandem.api.directory import ViewResearchers
from tandem.directory import queries, services, validators
from tandem.directory.models import Institute, RegionalOffice, ResearchUnit

MANAGES = "directory.manage_reference_data"


def _user(request: Request) -> User:
    return cast(User, request.user)


class StaffEmails(serializers.ListField):
    """Staff as e-mail addresses of active accounts (an address no account uses is a 400 that
    names it, as on the page); read back as the accounts."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            child=serializers.EmailField(max_length=254),
            max_length=1000,
            help_text="The e-mail addresses of its staff: they see the participatory projects "
            "linked to it and may follow them. Replaces the whole list; people taken off it "
            "stop following its projects unless they are involved otherwise.",
            **kwargs,
        )

    def to_internal_value(self, data: Any) -> list[User]:
        people, unknown = services.people_by_email(super().to_internal_value(data))
        if unknown:
            raise serializers.ValidationError(
                _("No account uses these addresses: %(emails)s.") % {"emails": ", ".join(unknown)}
            )
        return people


@extend_schema_field(
    serializers.ListField(child=serializers.EmailField(), allow_null=True, read_only=True)
)
class StaffOut(serializers.Field):
    """The staff's e-mail addresses for those who may manage them; null for the others."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value: Institute | RegionalOffice) -> list[str] | None:
        if not self.context["request"].user.has_perm(MANAGES):
            return None
        return sorted(p.email for p in value.staff.all())


class InstituteSerializer(serializers.ModelSerializer):
    staff = StaffOut()

    class Meta:
        model = Institute
        fields = ["id", "name_fr", "name_en", "acronym", "staff"]


class InstituteInSerializer(serializers.ModelSerializer):
    staff = StaffEmails(required=False)

    class Meta:
        model = Institute
        fields = [*services.REFERENCE_FIELDS[Institute], "staff"]


class RegionalOfficeSerializer(serializers.ModelSerializer):
    staff = StaffOut()

    class Meta:
        model = RegionalOffice
        fields = ["id", "name", "city", "region", "staff"]


class RegionalOfficeInSerializer(serializers.ModelSerializer):
    staff = StaffEmails(required=False)

    class Meta:
        model = RegionalOffice
        fields = [*services.REFERENCE_FIELDS[RegionalOffice], "staff"]


class ResearchUnitSerializer(serializers.ModelSerializer):
    institutes: serializers.ManyRelatedField | serializers.RelatedField[Institute, Institute, str]
    institutes = serializers.StringRelatedField(many=True)
    regional_office: serializers.RelatedField[RegionalOffice, RegionalOffice, str]
    regional_office = serializers.StringRelatedField(allow_null=True)  # a unit may have none
    researchers = serializers.IntegerField(source="n_researchers", read_only=True)

    class Meta:
        model = ResearchUnit
        fields = ["id", "code", "name", "city", "institutes", "regional_office", "researchers"]


class ResearchUnitInSerializer(serializers.ModelSerializer):
    """A unit as the reference page sets it; `institutes` and `regional_office` by id, the
    director by e-mail address."""

    director = serializers.EmailField(
        required=False, allow_null=True, help_text="The director's e-mail address, or null."
    )
    institutes = serializers.PrimaryKeyRelatedField(
        many=True, queryset=Institute.objects.all(), required=False
    )
    # Without the model's unique check: a code already used is refused by the service (409
    # `duplicate`), which also sees a unit created at the same moment.
    code = serializers.CharField(max_length=12, help_text="For example U1234.")

    class Meta:
        model = ResearchUnit
        fields = [*services.REFERENCE_FIELDS[ResearchUnit], "institutes"]

    def validate_code(self, value: str) -> str:
        """Written as stored, then checked, as the page does."""
        value = validators.unit_code(value)
        try:
            validators.validate_unit_code(value)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return value

    def validate_director(self, value: str | None) -> User | None:
        if value is None:
            return None
        people, _unknown = services.people_by_email([value])
        if not people:
            raise serializers.ValidationError(_("Nobody in Tandem has this email address."))
        return people[0]


def _save(kind: type[Any], pk: int | None, user: User, data: dict[str, Any]) -> Any:
    """The service, with the input split as it takes it."""
    many = {name: data.pop(name) for name in ("staff", "institutes") if name in data}
    return services.save_reference(kind, pk, by=user, fields=data, **many)


class _ReferenceList(generics.ListAPIView):
    permission_classes = [IsAuthenticated, ViewResearchers]
    in_serializer: type[serializers.Serializer]

    def _create(self, request: Request) -> Response:
        user = _user(request)
        kind = self.get_queryset().model
        return act(
            request,
            allowed=MANAGES,
            refusal=_("Only the officers change the reference data."),
            payload=self.in_serializer,
            call=lambda data: _save(kind, None, user, data),
            out=lambda created: self.get_serializer(self.get_queryset().get(pk=created.pk)).data,
            status=201,
        )


class _ReferenceDetail(generics.RetrieveAPIView):
    permission_classes = [IsAuthenticated, ViewResearchers]
    in_serializer: type[serializers.Serializer]

    def _change(self, request: Request, pk: int) -> Response:
        user = _user(request)
        obj = get_object_or_404(self.get_queryset(), pk=pk)
        return act(
            request,
            allowed=MANAGES,
            refusal=_("Only the officers change the reference data."),
            payload=self.in_serializer,
            partial=True,
            call=lambda data: _save(type(obj), obj.pk, user, data),
            out=lambda _saved: self.get_serializer(self.get_queryset().get(pk=obj.pk)).data,
        )


def _institutes() -> QuerySet[Institute]:
    return Institute.objects.prefetch_related("staff").order_by("name_fr", "pk")


def _offices() -> QuerySet[RegionalOffice]:
    return RegionalOffice.objects.prefetch_related("staff").order_by("name", "pk")


class InstituteListView(_ReferenceList):
    """The theme-based institutes (a role in Tandem). POST adds one (officers)."""

    serializer_class = InstituteSerializer
    in_serializer = InstituteInSerializer

    def get_queryset(self) -> QuerySet[Institute]:
        return _institutes()

    @extend_schema(
        request=InstituteInSerializer, responses={201: InstituteSerializer, **errors(400, 403)}
    )
    def post(self, request: Request) -> Response:
        return self._create(request)


class InstituteDetailView(_ReferenceDetail):
    """One institute (a role in Tandem). PATCH changes it and its staff (officers)."""

    serializer_class = InstituteSerializer
    in_serializer = InstituteInSerializer

    def get_queryset(self) -> QuerySet[Institute]:
        return _institutes()

    @extend_schema(
        request=InstituteInSerializer,
        responses={200: InstituteSerializer, **errors(400, 403, 404)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self._change(request, pk)


class RegionalOfficeListView(_ReferenceList):
    """The regional offices (a role in Tandem). POST adds one (officers)."""

    serializer_class = RegionalOfficeSerializer
    in_serializer = RegionalOfficeInSerializer

    def get_queryset(self) -> QuerySet[RegionalOffice]:
        return _offices()

    @extend_schema(
        request=RegionalOfficeInSerializer,
        responses={201: RegionalOfficeSerializer, **errors(400, 403)},
    )
    def post(self, request: Request) -> Response:
        return self._create(request)


class RegionalOfficeDetailView(_ReferenceDetail):
    """One regional office (a role in Tandem). PATCH changes it and its staff (officers)."""

    serializer_class = RegionalOfficeSerializer
    in_serializer = RegionalOfficeInSerializer

    def get_queryset(self) -> QuerySet[RegionalOffice]:
        return _offices()

    @extend_schema(
        request=RegionalOfficeInSerializer,
        responses={200: RegionalOfficeSerializer, **errors(400, 403, 404)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self._change(request, pk)


class ResearchUnitListView(_ReferenceList):
    """The research units (a role in Tandem). POST adds one (officers; 409 `duplicate` for a
    code already used)."""

    serializer_class = ResearchUnitSerializer
    in_serializer = ResearchUnitInSerializer

    def get_queryset(self) -> QuerySet[ResearchUnit]:
        return queries.units_visible_to(self.request.user).order_by("code")

    @extend_schema(
        request=ResearchUnitInSerializer,
        responses={201: ResearchUnitSerializer, **errors(400, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        return self._create(request)


class ResearchUnitDetailView(_ReferenceDetail):
    """One research unit (a role in Tandem). PATCH changes it (officers; 409 `duplicate`)."""

    serializer_class = ResearchUnitSerializer
    in_serializer = ResearchUnitInSerializer

    def get_queryset(self) -> QuerySet[ResearchUnit]:
        return queries.units_visible_to(self.request.user)

    @extend_schema(
        request=ResearchUnitInSerializer,
        responses={200: ResearchUnitSerializer, **errors(400, 403, 404, 409)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        return self._change(request, pk)


urlpatterns = [
    path("institutes", InstituteListView.as_view(), name="api-institutes"),
    path("institutes/<int:pk>", InstituteDetailView.as_view(), name="api-institute"),
    path("regional-offices", RegionalOfficeListView.as_view(), name="api-regional-offices"),
    path(
        "regional-offices/<int:pk>",
        RegionalOfficeDetailView.as_view(),
        name="api-regional-office",
    ),
    path("research-units", ResearchUnitListView.as_view(), name="api-research-units"),
    path("research-units/<int:pk>", ResearchUnitDetailView.as_view(), name="api-research-unit"),
]
