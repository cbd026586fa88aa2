"""How the incubator follows a project, through the API: milestones, the timeline of notes,
decisions and documents, following a project, its public page and the volunteers'
contributions. The same services and rules as the pages
(`tandem.incubator.services.progress`, `projects.follow_project`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.actions import act, errors, person_named, refused
from tandem.api.incubator._common import MANAGES, _project, _user
from tandem.api.serializers import ErrorSerializer
from tandem.core.uploads import validate_upload
from tandem.core.validators import validate_single_line, validate_text
from tandem.incubator import queries, services
from tandem.incubator.forms import LIBRARY_FILES
from tandem.incubator.models import EntryKind, Milestone, Project


def _officers_only() -> str:
    return _("Only the department's officers move projects.")


class MilestoneSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    title = serializers.CharField(max_length=200, validators=[validate_single_line])
    due_on = serializers.DateField()
    done_on = serializers.DateField(read_only=True, allow_null=True)


class TimelineEntryOutSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    kind = serializers.CharField(help_text="One of: " + ", ".join(EntryKind.values) + ".")
    text = serializers.CharField()
    file_name = serializers.CharField(source="original_filename")
    created = serializers.DateTimeField()


class TimelineEntryInSerializer(serializers.Serializer):
    kind = serializers.CharField(
        max_length=10, help_text="One of: note, decision, document (a document needs a file)."
    )
    text = serializers.CharField(
        max_length=5000, required=False, default="", allow_blank=True, validators=[validate_text]
    )
    file = serializers.FileField(
        required=False, help_text="PDF, Word, OpenDocument, Excel or plain text (multipart)."
    )

    def validate_kind(self, value: str) -> str:
        if value not in (EntryKind.NOTE, EntryKind.DECISION, EntryKind.DOCUMENT):
            raise serializers.ValidationError(_("Not a valid choice."))
        return value

    def validate_file(self, upload: Any) -> Any:
        try:
            self.file_kind = validate_upload(upload, allowed=LIBRARY_FILES)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return upload

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "file_kind": getattr(self, "file_kind", "")}


class FollowOutSerializer(serializers.Serializer):
    following = serializers.BooleanField()


class ProjectMilestonesView(APIView):
    """The department's officers add a dated milestone to a project."""

    @extend_schema(
        request=MilestoneSerializer,
        responses={201: MilestoneSerializer, **errors(400, 403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        project = _project(request, pk)
        return act(
            request,
            allowed=MANAGES,
            refusal=_officers_only(),
            payload=MilestoneSerializer,
            call=lambda data: services.add_milestone(project, by=_user(request), **data),
            out=lambda milestone: MilestoneSerializer(milestone).data,
            status=201,
        )


class MilestoneDoneView(APIView):
    """The department's officers mark a milestone reached (today); reached twice, it stays
    reached on its first day."""

    @extend_schema(
        request=None,
        responses={200: MilestoneSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        milestone = get_object_or_404(
            Milestone.objects.filter(project__in=queries.projects_of(user).values("pk")), pk=pk
        )
        return act(
            request,
            allowed=MANAGES,
            refusal=_officers_only(),
            call=lambda _data: services.complete_milestone(
                milestone, on=timezone.localdate(), by=user
            ),
            out=lambda done: MilestoneSerializer(done).data,
        )


class ProjectTimelineView(APIView):
    """A project's timeline (its participants and the department's officers: 404 for anyone
    else, who sees the project's public part only). POST adds a note, a decision (JSON or
    multipart) or a document (multipart, with `file`)."""

    parser_classes = [JSONParser, MultiPartParser, FormParser]

    def _inside(self, request: Request, pk: int) -> Project:
        return get_object_or_404(queries.projects_inside(_user(request)), pk=pk)

    @extend_schema(responses={200: TimelineEntryOutSerializer(many=True), 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        project = self._inside(request, pk)
        entries = project.timeline.order_by("-created", "-pk")[:200]
        return Response(TimelineEntryOutSerializer(entries, many=True).data)

    @extend_schema(
        request={
            "application/json": TimelineEntryInSerializer,
            "multipart/form-data": TimelineEntryInSerializer,
        },
        responses={201: TimelineEntryOutSerializer, **errors(400, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        project = self._inside(request, pk)
        return act(
            request,
            payload=TimelineEntryInSerializer,
            call=lambda data: services.add_timeline_entry(
                project, upload=data.pop("file", None), by=_user(request), **data
            ),
            out=lambda entry: TimelineEntryOutSerializer(entry).data,
            status=201,
        )


class ProjectFollowView(APIView):
    """Follow a project (POST) or stop (DELETE): its stage changes are then told to you.
    For people with a role who may see the project, and the staff of the theme-based
    institute or regional office linked to it."""

    def _set(self, request: Request, pk: int, follow: bool) -> Response:
        user = _user(request)
        project = _project(request, pk)
        if not queries.may_follow(user, project):
            return refused(
                _(
                    "Only people with a role, and the staff of the institute or regional office "
                    "linked to the project, follow it."
                )
            )
        services.follow_project(project, by=user, follow=follow)
        return Response({"following": follow})

    @extend_schema(
        request=None,
        responses={200: FollowOutSerializer, 403: ErrorSerializer, 404: ErrorSerializer},
    )
    def post(self, request: Request, pk: int) -> Response:
        return self._set(request, pk, True)

    @extend_schema(responses={200: FollowOutSerializer, 403: ErrorSerializer, 404: ErrorSerializer})
    def delete(self, request: Request, pk: int) -> Response:
        return self._set(request, pk, False)


class PublishInSerializer(serializers.Serializer):
    public = serializers.BooleanField()


class PublishOutSerializer(serializers.Serializer):
    is_public = serializers.BooleanField()


class ContributionSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk", read_only=True)
    email = serializers.EmailField(write_only=True, help_text="The volunteer's email address.")
    volunteer = serializers.CharField(source="volunteer.get_full_name", read_only=True)
    role = serializers.CharField(max_length=120, validators=[validate_single_line])
    hours = serializers.DecimalField(
        max_digits=6, decimal_places=1, min_value=Decimal("0.5"), max_value=Decimal("1000")
    )
    on = serializers.DateField()


class ProjectPublishView(APIView):
    """The department's officers show the project on the public page (or hide it); a public
    project needs its summary for the public (409 `no_summary`)."""

    @extend_schema(
        request=PublishInSerializer,
        responses={200: PublishOutSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        project = _project(request, pk)
        return act(
            request,
            allowed=MANAGES,
            refusal=_officers_only(),
            payload=PublishInSerializer,
            call=lambda data: services.publish_project(project, by=_user(request), **data),
            out=lambda published: {"is_public": published.is_public},
        )


class ProjectContributionsView(APIView):
    """The volunteers' contributions to a project: GET lists them to its participants and the
    department's officers (404 for anyone else, as on the project's page); POST, for the
    officers, records a volunteer's time (it appears on the volunteer's profile)."""

    @extend_schema(responses={200: ContributionSerializer(many=True), 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        project = get_object_or_404(queries.projects_inside(_user(request)), pk=pk)
        rows = project.contributions.select_related("volunteer").order_by("-on", "-pk")
        return Response(ContributionSerializer(rows, many=True).data)

    @extend_schema(
        request=ContributionSerializer,
        responses={201: ContributionSerializer, **errors(400, 403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        project = _project(request, pk)
        return act(
            request,
            allowed=MANAGES,
            refusal=_officers_only(),
            payload=ContributionSerializer,
            call=lambda data: services.record_contribution(
                project, volunteer=person_named(data.pop("email")), by=_user(request), **data
            ),
            out=lambda contribution: ContributionSerializer(contribution).data,
            status=201,
        )


urlpatterns = [
    path(
        "projects/<int:pk>/milestones",
        ProjectMilestonesView.as_view(),
        name="api-project-milestones",
    ),
    path("milestones/<int:pk>/done", MilestoneDoneView.as_view(), name="api-milestone-done"),
    path("projects/<int:pk>/timeline", ProjectTimelineView.as_view(), name="api-project-timeline"),
    path("projects/<int:pk>/follow", ProjectFollowView.as_view(), name="api-project-follow"),
    path("projects/<int:pk>/publication", ProjectPublishView.as_view(), name="api-project-publish"),
    path(
        "projects/<int:pk>/contributions",
        ProjectContributionsView.as_view(),
        name="api-project-contributions",
    ),
]
