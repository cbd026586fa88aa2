"""People, their roles and invitations through the API, for those who manage them on the pages
(`accounts.manage_roles`: administrators; `accounts.invite_people`: officers and
administrators), with the queries and the services the pages call (tandem.accounts). Anyone
else gets a 403, as on the pages, before anything is looked up."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.request import Request
from rest_framework.response import Response

from tandem.accounts import invitation_parts, queries, services
from tandem.accounts.errors import InvitationInvalid
from tandem.accounts.models import Invitation, Language, Role, User
from tandem.api.actions import act, errors, invalid
from tandem.api.schema import code_list
from tandem.core.validators import validate_single_line
from tandem.directory.invitations import organizations_to_name
from tandem.directory.models import MembershipRole


def _user(request: Request) -> User:
    return cast(User, request.user)


class ManagesRoles(BasePermission):
    message = gettext_lazy("Only administrators manage people's roles.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user.has_perm("accounts.manage_roles"))


class InvitesPeople(BasePermission):
    message = gettext_lazy("Only Science and Society officers and administrators invite people.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return bool(request.user.has_perm("accounts.invite_people"))


ROLE_CODES = code_list(Role.values)


# --- People and roles ---------------------------------------------------------------------


class PersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="get_full_name")
    roles = serializers.SerializerMethodField(help_text=ROLE_CODES)

    class Meta:
        model = User
        fields = ["id", "email", "name", "first_name", "last_name", "roles"]

    def get_roles(self, person: User) -> list[str]:
        # From the list's prefetch (queries.people_visible_to): no query per person.
        return sorted(a.role for a in person.role_assignments.all())


class PeopleFiltersSerializer(serializers.Serializer):
    q = serializers.CharField(
        required=False,
        default="",
        max_length=100,
        help_text=gettext_lazy("Words of the name or the email address, all of them."),
    )
    role = serializers.ChoiceField(choices=Role.choices, required=False, help_text=ROLE_CODES)


@extend_schema_view(get=extend_schema(parameters=[PeopleFiltersSerializer]))
class PeopleView(generics.ListAPIView):
    """Everyone and their roles (administrators), as on the people page: `q` finds people by
    name or email address, `role` by a role they hold."""

    serializer_class = PersonSerializer
    permission_classes = [IsAuthenticated, ManagesRoles]

    def get_queryset(self) -> QuerySet[User]:
        given = PeopleFiltersSerializer(data=self.request.query_params)
        given.is_valid(raise_exception=True)
        data = given.validated_data
        return queries.find_people(
            _user(self.request), text=data["q"].strip(), role=data.get("role", "")
        )


class RolesSerializer(serializers.Serializer):
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices),
        allow_empty=True,
        help_text=gettext_lazy("Every role the person holds after the change (the others go)."),
    )


class PersonRolesView(generics.GenericAPIView):
    """A person's roles (administrators). PUT replaces them, as the roles page does; each
    change is written in the person's history. An administrator whose role requires a second
    factor needs a token issued with one (403 otherwise)."""

    serializer_class = PersonSerializer
    permission_classes = [IsAuthenticated, ManagesRoles]

    def get_queryset(self) -> QuerySet[User]:
        return queries.people_visible_to(_user(self.request))

    def get(self, request: Request, pk: int) -> Response:
        return Response(PersonSerializer(self.get_object()).data)

    @extend_schema(request=RolesSerializer, responses={200: PersonSerializer})
    def put(self, request: Request, pk: int) -> Response:
        person = self.get_object()
        return act(
            request,
            payload=RolesSerializer,
            call=lambda data: services.set_roles(person, roles=data["roles"], by=_user(request)),
            out=lambda _saved: PersonSerializer(self.get_queryset().get(pk=person.pk)).data,
        )


# --- Invitations --------------------------------------------------------------------------


class InvitationSerializer(serializers.ModelSerializer):
    status = serializers.CharField(
        help_text=code_list(["pending", "accepted", "revoked", "expired"])
    )
    roles = serializers.ListField(child=serializers.CharField(), help_text=ROLE_CODES)
    invited_by = serializers.CharField(
        source="invited_by.get_full_name", default=None, allow_null=True
    )
    also = serializers.SerializerMethodField(
        help_text=gettext_lazy("What else the invitation gives, in words (an organization).")
    )

    class Meta:
        model = Invitation
        fields = [
            "id",
            "email",
            "first_name",
            "last_name",
            "roles",
            "language",
            "status",
            "created",
            "expires_at",
            "invited_by",
            "also",
        ]

    def get_also(self, invitation: Invitation) -> list[str]:
        described = self.context.get("also")
        if described is None:
            described = invitation_parts.descriptions([invitation])
        return list(described.get(invitation.pk, []))


class InviteSerializer(serializers.Serializer):
    """The invitation page's form: the person, their roles, the email's language and message,
    and (the directory's part) the organization they join."""

    email = serializers.EmailField()
    first_name = serializers.CharField(
        max_length=150, required=False, default="", validators=[validate_single_line]
    )
    last_name = serializers.CharField(
        max_length=150, required=False, default="", validators=[validate_single_line]
    )
    roles = serializers.ListField(
        child=serializers.ChoiceField(choices=Role.choices), allow_empty=False
    )
    language = serializers.ChoiceField(choices=Language.choices)
    message = serializers.CharField(required=False, default="", allow_blank=True)
    organization = serializers.PrimaryKeyRelatedField(
        queryset=organizations_to_name(),
        required=False,
        allow_null=True,
        default=None,
        help_text=gettext_lazy("An organization the person joins when they accept."),
    )
    organization_role = serializers.ChoiceField(
        choices=MembershipRole.choices, required=False, default=MembershipRole.MEMBER
    )

    def validate_roles(self, value: list[str]) -> list[str]:
        # As the page: only who manages roles may give the role of administrator.
        if Role.ADMIN in value and not self.context["can_grant_admin"]:
            raise serializers.ValidationError(
                _("Only administrators may give the role of administrator.")
            )
        return value


class InvitationsView(generics.ListAPIView):
    """The invitations sent (officers and administrators), newest first, as on the
    invitations page. POST invites a person: they receive the email with the link."""

    serializer_class = InvitationSerializer
    permission_classes = [IsAuthenticated, InvitesPeople]

    def get_queryset(self) -> QuerySet[Invitation]:
        return queries.invitations_visible_to(_user(self.request))

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset()) or []
        # What other apps add, for the whole page at once.
        context = {**self.get_serializer_context(), "also": invitation_parts.descriptions(page)}
        return self.get_paginated_response(
            InvitationSerializer(page, many=True, context=context).data
        )

    @extend_schema(request=InviteSerializer, responses={201: InvitationSerializer})
    def post(self, request: Request) -> Response:
        user = _user(request)
        given = InviteSerializer(
            data=request.data,
            context={"can_grant_admin": user.has_perm("accounts.manage_roles")},
        )
        given.is_valid(raise_exception=True)
        try:
            invitation, _token = services.invite_from(dict(given.validated_data), by=user)
        except InvitationInvalid as exc:
            return invalid("email", str(exc))
        return Response(InvitationSerializer(invitation).data, status=201)


class InvitationRevokeView(generics.GenericAPIView):
    """Withdraw a pending invitation (officers and administrators): its link stops working.
    409 `not_pending` for one already accepted, withdrawn or expired."""

    serializer_class = InvitationSerializer
    permission_classes = [IsAuthenticated, InvitesPeople]

    def get_queryset(self) -> QuerySet[Invitation]:
        return queries.invitations_visible_to(_user(self.request))

    @extend_schema(request=None, responses={200: InvitationSerializer, **errors(409)})
    def post(self, request: Request, pk: int) -> Response:
        invitation = get_object_or_404(self.get_queryset(), pk=pk)
        return act(
            request,
            call=lambda _data: services.revoke_invitation(invitation, by=_user(request)),
            out=lambda revoked: InvitationSerializer(revoked).data,
        )


urlpatterns = [
    path("people", PeopleView.as_view(), name="api-people"),
    path("people/<int:pk>/roles", PersonRolesView.as_view(), name="api-person-roles"),
    path("invitations", InvitationsView.as_view(), name="api-invitations"),
    path(
        "invitations/<int:pk>/revoke",
        InvitationRevokeView.as_view(),
        name="api-invitation-revoke",
    ),
]
