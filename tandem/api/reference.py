"""The directory's reference data: theme-based institutes, regional offices, research units and
the disease-area tree.

Reading institutes and offices is the research pages' rule (`directory.view_researchers`: a
role in Tandem), their staff (e-mail addresses) only for those who may manage the reference
data, `null` for the others. Research units are read by anyone, as their pages are public,
their number of researchers only by people with a role (`null` for the others), as the page
lists them. Creating and changing them is for
whoever may on the reference pages (`directory.manage_reference_data`: officers and
administrators), through the service the pages call (`reference_data.save_reference`: one
transaction, fields and staff together; people taken off a staff stop following its projects
unless involved otherwise). The disease areas are read by anyone (the tree, flat and whole, in
its order: no pages) and written by the same officers through `reference_data.save_disease_area`
(the row, its new parent and the parent's ancestors locked; 409 `cycle` for an area put under
itself or its descendants, `duplicate` for a code already used in its code system)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, cast

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import URLPattern, path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_field, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from tandem.accounts.models import User
from tandem.api.actions import act, errors
from tandem.api.directory import DiseaseAreaSerializer, ReadPublicly, ViewResearchers
from tandem.api.public import PublicView
from tandem.directory import queries, reference_data, validators
from tandem.directory.models import DiseaseArea, Institute, RegionalOffice, ResearchUnit

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
        people, unknown = reference_data.people_by_email(super().to_internal_value(data))
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


def _staffed(model: type[Institute | RegionalOffice]) -> tuple[type[Any], type[Any]]:
    """An institute's or an office's serializers, out (with `id`; `InstituteSerializer`) and in
    (`InstituteInSerializer`): its reference fields and its staff."""
    fields = list(reference_data.REFERENCE_FIELDS[model])
    out = type(
        f"{model.__name__}Serializer",
        (serializers.ModelSerializer,),
        {
            "staff": StaffOut(),
            "Meta": type("Meta", (), {"model": model, "fields": ["id", *fields, "staff"]}),
        },
    )
    given = type(
        f"{model.__name__}InSerializer",
        (serializers.ModelSerializer,),
        {
            "staff": StaffEmails(required=False),
            "Meta": type("Meta", (), {"model": model, "fields": [*fields, "staff"]}),
        },
    )
    return out, given


InstituteSerializer, InstituteInSerializer = _staffed(Institute)
RegionalOfficeSerializer, RegionalOfficeInSerializer = _staffed(RegionalOffice)


class ResearchUnitSerializer(serializers.ModelSerializer):
    institutes: serializers.ManyRelatedField | serializers.RelatedField[Institute, Institute, str]
    institutes = serializers.StringRelatedField(many=True)
    regional_office: serializers.RelatedField[RegionalOffice, RegionalOffice, str]
    regional_office = serializers.StringRelatedField(allow_null=True)  # a unit may have none
    researchers = serializers.SerializerMethodField()

    class Meta:
        model = ResearchUnit
        fields = ["id", "code", "name", "city", "institutes", "regional_office", "researchers"]

    @extend_schema_field(serializers.IntegerField(allow_null=True))
    def get_researchers(self, unit: ResearchUnit) -> int | None:
        """How many researchers, for those who may see them (as on the unit's page); null for
        the others."""
        user = self.context["request"].user
        return unit.n_researchers if user.has_perm("directory.view_researchers") else None  # type: ignore[attr-defined]


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
        fields = [*reference_data.REFERENCE_FIELDS[ResearchUnit], "institutes"]

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
        people, _unknown = reference_data.people_by_email([value])
        if not people:
            raise serializers.ValidationError(_("Nobody in Tandem has this email address."))
        return people[0]


class DiseaseAreaInSerializer(serializers.ModelSerializer):
    """An area as the reference page sets it; `parent` by id (null: a chapter, at the top)."""

    # The metaclass takes declared fields off the class: `parent` does not hide Field.parent.
    parent = serializers.PrimaryKeyRelatedField(  # type: ignore[assignment]
        queryset=DiseaseArea.objects.all(),
        allow_null=True,
        required=False,
        help_text="The id of the area it sits under, or null. Moving an area moves its subtree.",
    )

    class Meta:
        model = DiseaseArea
        fields = list(reference_data.AREA_FIELDS)
        # A code already used in its system is refused by the service (409 `duplicate`), which
        # also sees an area created at the same moment.
        validators: list[Any] = []


Save = Callable[[type[Any], int | None, User, dict[str, Any]], Any]


def _save(kind: type[Any], pk: int | None, user: User, data: dict[str, Any]) -> Any:
    """The service, with the input split as it takes it."""
    many = {name: data.pop(name) for name in ("staff", "institutes") if name in data}
    return reference_data.save_reference(kind, pk, by=user, fields=data, **many)


def _save_area(_kind: type[Any], pk: int | None, user: User, data: dict[str, Any]) -> Any:
    return reference_data.save_disease_area(pk, by=user, fields=data)


class _Reference(generics.GenericAPIView):
    """One kind of reference data: read by people with a role, written by officers through
    `save_reference` (POST on the list, PATCH on one); `_endpoints` makes each kind's views."""

    permission_classes = [IsAuthenticated, ViewResearchers]
    in_serializer: type[serializers.Serializer]
    save: Save

    def _write(self, request: Request, obj: Any, **answer: Any) -> Response:
        user = _user(request)
        kind = self.get_queryset().model
        return act(
            request,
            allowed=MANAGES,
            refusal=_("Only the officers change the reference data."),
            payload=self.in_serializer,
            partial=obj is not None,
            call=lambda data: self.save(kind, obj.pk if obj else None, user, data),
            out=lambda saved: self.get_serializer(self.get_queryset().get(pk=saved.pk)).data,
            **answer,
        )


class _ReferenceList(_Reference, generics.ListAPIView):
    def post(self, request: Request) -> Response:
        return self._write(request, None, status=201)


class _ReferenceDetail(_Reference, generics.RetrieveAPIView):
    def patch(self, request: Request, pk: int) -> Response:
        return self._write(request, get_object_or_404(self.get_queryset(), pk=pk))


def _endpoints(
    url: str,
    name: str,
    read: type[serializers.Serializer],
    write: type[serializers.Serializer],
    rows: Callable[[Request], QuerySet[Any]],
    *conflicts: int,
    listed: str,
    one: str,
    public: bool = False,
    save: Save = _save,
    paginated: bool = True,
) -> list[URLPattern]:
    """A kind's two endpoints: `url` lists (`listed` describes it; POST creates) and
    `url/{id}` reads one (`one`; PATCH changes it). `conflicts`: the 409 its writes may give.
    `public`: read by anyone, signed in or not, as its pages are. `save`: the service, given
    the kind, the id (None to create), the caller and the input. `paginated`: False for a
    list read whole."""
    kind: dict[str, Any] = {
        "serializer_class": read,
        "in_serializer": write,
        "get_queryset": lambda view: rows(view.request),
        "save": staticmethod(save),
    }
    public_reads: tuple[type, ...] = ()
    if public:
        kind["permission_classes"] = [ReadPublicly]
        public_reads = (PublicView,)
    if not paginated:
        kind["pagination_class"] = None
    created = {201: read, **errors(400, 403, *conflicts)}
    changed = {200: read, **errors(400, 403, 404, *conflicts)}
    listing: type[_ReferenceList] = extend_schema_view(
        post=extend_schema(request=write, responses=created)
    )(type(f"{read.__name__}List", (*public_reads, _ReferenceList), {**kind, "__doc__": listed}))
    detail: type[_ReferenceDetail] = extend_schema_view(
        patch=extend_schema(request=write, responses=changed)
    )(type(f"{read.__name__}Detail", (*public_reads, _ReferenceDetail), {**kind, "__doc__": one}))
    return [
        path(url, listing.as_view(), name=f"api-{name}s"),
        path(f"{url}/<int:pk>", detail.as_view(), name=f"api-{name}"),
    ]


urlpatterns = [
    *_endpoints(
        "disease-areas",
        "disease-area",
        DiseaseAreaSerializer,
        DiseaseAreaInSerializer,
        lambda _request: queries.disease_area_tree(),
        409,
        listed="The whole disease-area tree, flat, in the tree's order (`parent` links the "
        "nodes; public). POST adds an area (officers; 409 `duplicate` for a code already used "
        "in its code system).",
        one="One disease area (public). PATCH changes it or moves it with its subtree "
        "(officers; 409 `cycle` under itself or its descendants, `duplicate`).",
        public=True,
        save=_save_area,
        paginated=False,
    ),
    *_endpoints(
        "institutes",
        "institute",
        InstituteSerializer,
        InstituteInSerializer,
        lambda _request: Institute.objects.prefetch_related("staff").order_by("name_fr", "pk"),
        listed="The theme-based institutes (a role in Tandem). POST adds one (officers).",
        one="One institute (a role in Tandem). PATCH changes it and its staff (officers).",
    ),
    *_endpoints(
        "regional-offices",
        "regional-office",
        RegionalOfficeSerializer,
        RegionalOfficeInSerializer,
        lambda _request: RegionalOffice.objects.prefetch_related("staff").order_by("name", "pk"),
        listed="The regional offices (a role in Tandem). POST adds one (officers).",
        one="One regional office (a role in Tandem). PATCH changes it and its staff (officers).",
    ),
    *_endpoints(
        "research-units",
        "research-unit",
        ResearchUnitSerializer,
        ResearchUnitInSerializer,
        lambda request: queries.units_visible_to(request.user).order_by("code"),
        409,
        listed="The research units (public, as their pages; the number of researchers for "
        "people with a role). POST adds one (officers; 409 `duplicate` for a code already used).",
        one="One research unit (public, as its page). PATCH changes it (officers; 409 "
        "`duplicate`).",
        public=True,
    ),
]
