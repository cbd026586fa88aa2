"""The officers' follow-up of projects and support requests through the API, with the same
services and rules as the project's and the request's pages: a project's officer, its
theme-based institute and regional office, its partners (an organization, a researcher) and the
checklist of its current stage; a support request's owner and due date; a working group's
members and public page."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import Role, User
from tandem.api.actions import act, errors, invalid, person_named
from tandem.api.incubator._common import MANAGES, _project, _user
from tandem.api.incubator.groups import GroupOutSerializer
from tandem.api.incubator.projects import ProjectDetailSerializer, project_out
from tandem.api.incubator.support import SupportOutSerializer
from tandem.api.serializers import ErrorSerializer
from tandem.directory.models import Institute, RegionalOffice
from tandem.directory.queries import listed_organizations
from tandem.incubator import queries, services
from tandem.incubator.models import WorkingGroup


def _officers_only() -> str:
    return _("Only the department's officers move projects.")


def _active_officers() -> QuerySet[User]:
    return User.objects.filter(role_assignments__role=Role.OFFICER, is_active=True).distinct()


class OfficerInSerializer(serializers.Serializer):
    officer = serializers.PrimaryKeyRelatedField(
        queryset=_active_officers(), help_text="The id of an active Science and Society officer."
    )


class LinksInSerializer(serializers.Serializer):
    institute = serializers.PrimaryKeyRelatedField(
        queryset=Institute.objects.all(),
        allow_null=True,
        help_text="The theme-based institute concerned (null: none).",
    )
    regional_office = serializers.PrimaryKeyRelatedField(
        queryset=RegionalOffice.objects.all(),
        allow_null=True,
        help_text="The regional office concerned (null: none).",
    )


class PartnerInSerializer(serializers.Serializer):
    organization = serializers.PrimaryKeyRelatedField(
        queryset=listed_organizations(),
        help_text="An organization of the public directory (the matching suggests some).",
    )


class ResearcherInSerializer(serializers.Serializer):
    email = serializers.EmailField(help_text="The researcher's email address in Tandem.")


class ChecklistInSerializer(serializers.Serializer):
    done = serializers.ListField(
        child=serializers.CharField(max_length=40),
        max_length=50,
        help_text="The codes of the current stage's items that are done (the others are not); "
        "the project's `checklist` lists them. The stage does not change.",
    )


class SupportAssignInSerializer(serializers.Serializer):
    owner = serializers.PrimaryKeyRelatedField(
        queryset=_active_officers(), help_text="The id of an active Science and Society officer."
    )
    due_on = serializers.DateField(required=False, allow_null=True, default=None)


_PROJECT_ERRORS = errors(400, 403, 404)


class ProjectOfficerView(APIView):
    """The department's officers choose the project's officer (who then follows it and is
    told). 409 `not_officer` when the person no longer is one."""

    @extend_schema(
        request=OfficerInSerializer,
        responses={200: ProjectDetailSerializer, **_PROJECT_ERRORS, 409: ErrorSerializer},
    )
    def put(self, request: Request, pk: int) -> Response:
        project = _project(request, pk)
        return act(
            request,
            allowed=MANAGES,
            refusal=_officers_only(),
            payload=OfficerInSerializer,
            call=lambda data: services.assign_officer(project, by=_user(request), **data),
            out=lambda _done: project_out(project),
        )


class ProjectLinksView(APIView):
    """The department's officers link the theme-based institute and the regional office
    concerned (both are set: null unlinks)."""

    @extend_schema(
        request=LinksInSerializer, responses={200: ProjectDetailSerializer, **_PROJECT_ERRORS}
    )
    def put(self, request: Request, pk: int) -> Response:
        project = _project(request, pk)
        return act(
            request,
            allowed=MANAGES,
            refusal=_officers_only(),
            payload=LinksInSerializer,
            call=lambda data: services.link_project(project, by=_user(request), **data),
            out=lambda _done: project_out(project),
        )


class ProjectPartnersView(APIView):
    """The project's proposer or the department's officers involve an organization of the
    public directory."""

    @extend_schema(
        request=PartnerInSerializer, responses={200: ProjectDetailSerializer, **_PROJECT_ERRORS}
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        project = _project(request, pk)
        return act(
            request,
            allowed=user.has_perm(MANAGES) or project.proposed_by_id == user.pk,
            refusal=_("Only the project's proposer and the officers add partners."),
            payload=PartnerInSerializer,
            call=lambda data: services.add_partner(project, by=user, **data),
            out=lambda _done: project_out(project),
        )


class ProjectResearchersView(APIView):
    """The department's officers involve a researcher, by email address. 409
    `not_researcher` when the person is not a researcher in Tandem."""

    @extend_schema(
        request=ResearcherInSerializer,
        responses={200: ProjectDetailSerializer, **_PROJECT_ERRORS, 409: ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        project = _project(request, pk)
        return act(
            request,
            allowed=MANAGES,
            refusal=_officers_only(),
            payload=ResearcherInSerializer,
            call=lambda data: services.add_partner(
                project, researcher=person_named(data["email"]), by=_user(request)
            ),
            out=lambda _done: project_out(project),
        )


class ProjectChecklistView(APIView):
    """The department's officers say which items of the current stage's checklist are done,
    without moving the project (400 for an item not on the stage's checklist)."""

    @extend_schema(
        request=ChecklistInSerializer, responses={200: ProjectDetailSerializer, **_PROJECT_ERRORS}
    )
    def put(self, request: Request, pk: int) -> Response:
        project = _project(request, pk)
        return act(
            request,
            allowed=MANAGES,
            refusal=_officers_only(),
            payload=ChecklistInSerializer,
            call=lambda data: services.tick_checklist(project, by=_user(request), **data),
            out=lambda _done: project_out(project),
            # The stage's items are read under the service's lock: an unknown one is bad input.
            on_conflict=lambda exc: invalid("done", str(exc)),
        )


class SupportAssignView(APIView):
    """The department's officers give a support request its owner (an officer, who is told)
    and its due date (none when left out). 409 `cancelled` for a cancelled request."""

    @extend_schema(
        request=SupportAssignInSerializer,
        responses={200: SupportOutSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        support = get_object_or_404(queries.support_requests_of(user), pk=pk)
        return act(
            request,
            allowed="incubator.handle_support",
            refusal=_("Only the department's officers handle support requests."),
            payload=SupportAssignInSerializer,
            call=lambda data: services.assign_support_request(support, by=user, **data),
            out=lambda done: (
                SupportOutSerializer(queries.support_requests_of(user).get(pk=done.pk)).data
            ),
        )


class MemberSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    name = serializers.CharField(source="get_full_name")


class MemberInSerializer(serializers.Serializer):
    email = serializers.EmailField(help_text="The email address of the person to add.")


class GroupPublishInSerializer(serializers.Serializer):
    public = serializers.BooleanField()


def _runs(user: User, group: WorkingGroup) -> bool:
    return group.coordinator_id == user.pk or user.has_perm("incubator.manage_groups")


class GroupMembersView(APIView):
    """A group's members (its members, its coordinator and the department's officers). POST
    adds a person by email address (the coordinator or the department's officers)."""

    def _group(self, request: Request, pk: int) -> WorkingGroup:
        return get_object_or_404(queries.working_groups_for(_user(request)), pk=pk)

    def _members(self, group: WorkingGroup) -> list[dict[str, Any]]:
        members = group.members.order_by("last_name", "first_name", "pk")
        return MemberSerializer(members, many=True).data  # type: ignore[return-value]

    @extend_schema(responses={200: MemberSerializer(many=True), 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        user = _user(request)
        group = self._group(request, pk)
        if not (queries.is_group_member(user, group) or _runs(user, group)):
            raise Http404
        return Response(self._members(group))

    @extend_schema(
        request=MemberInSerializer,
        responses={200: MemberSerializer(many=True), **errors(400, 403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        group = self._group(request, pk)
        return act(
            request,
            allowed=_runs(user, group),
            refusal=_("Only the group's coordinator and the officers add members."),
            payload=MemberInSerializer,
            call=lambda data: services.add_group_member(
                group, person=person_named(data["email"]), by=user
            ),
            out=self._members,
        )


class GroupPublishView(APIView):
    """The coordinator or the department's officers show the group on the public page (or
    hide it)."""

    @extend_schema(
        request=GroupPublishInSerializer,
        responses={200: GroupOutSerializer, **errors(400, 403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        group = get_object_or_404(queries.working_groups_for(user), pk=pk)
        return act(
            request,
            allowed=_runs(user, group),
            refusal=_("Only the group's coordinator and the officers publish it."),
            payload=GroupPublishInSerializer,
            call=lambda data: services.publish_group(group, by=user, **data),
            out=lambda _done: (
                GroupOutSerializer(queries.working_groups_for(user).get(pk=group.pk)).data
            ),
        )


urlpatterns = [
    path("projects/<int:pk>/officer", ProjectOfficerView.as_view(), name="api-project-officer"),
    path("projects/<int:pk>/links", ProjectLinksView.as_view(), name="api-project-links"),
    path("projects/<int:pk>/partners", ProjectPartnersView.as_view(), name="api-project-partners"),
    path(
        "projects/<int:pk>/researchers",
        ProjectResearchersView.as_view(),
        name="api-project-researchers",
    ),
    path(
        "projects/<int:pk>/checklist", ProjectChecklistView.as_view(), name="api-project-checklist"
    ),
    path(
        "support-requests/<int:pk>/assign", SupportAssignView.as_view(), name="api-support-assign"
    ),
    path(
        "working-groups/<int:pk>/members",
        GroupMembersView.as_view(),
        name="api-working-group-members",
    ),
    path(
        "working-groups/<int:pk>/publication",
        GroupPublishView.as_view(),
        name="api-working-group-publish",
    ),
]
