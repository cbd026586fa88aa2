"""Participatory projects through the API: propose, read, edit, move through the stages. The
officers' follow-up is in `follow_up`, milestones and the timeline in `progress`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.actions import act, errors
from tandem.api.incubator._common import MAX_ID, _code_out, _codes, _user
from tandem.core.validators import validate_single_line, validate_text
from tandem.directory.models import DiseaseArea, Organization
from tandem.incubator import queries, services
from tandem.incubator.models import Project, ProjectStage, SupportKind
from tandem.incubator.stages import STAGES


def project_out(project: Project) -> dict[str, Any]:
    """A project as it now stands, with what its detail shows."""
    fresh = queries.project_detail(Project.objects.all()).get(pk=project.pk)
    return ProjectDetailSerializer(fresh).data  # type: ignore[no-any-return]


class ProjectOutSerializer(serializers.ModelSerializer):
    stage = _code_out(ProjectStage)
    stage_label = serializers.CharField(source="get_stage_display")
    officer = serializers.SerializerMethodField()
    disease_areas = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = [
            "id",
            "title",
            "stage",
            "stage_label",
            "is_public",
            "officer",
            "institute",
            "regional_office",
            "disease_areas",
            "created",
        ]

    def get_officer(self, project: Project) -> str | None:
        return project.officer.get_full_name() if project.officer else None

    def get_disease_areas(self, project: Project) -> list[int]:
        return [a.pk for a in project.disease_areas.all()]


class MilestoneOutSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="pk")
    title = serializers.CharField()
    due_on = serializers.DateField()
    done_on = serializers.DateField(allow_null=True)


class ProjectDetailSerializer(ProjectOutSerializer):
    help_needed = serializers.ListField(child=serializers.CharField())
    checklist = serializers.SerializerMethodField()
    milestones = MilestoneOutSerializer(many=True)
    organizations: Any = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    allowed_stages = serializers.SerializerMethodField()

    class Meta(ProjectOutSerializer.Meta):
        fields = [
            *ProjectOutSerializer.Meta.fields,
            "question",
            "why_it_matters",
            "help_needed",
            "organizations",
            "checklist",
            "milestones",
            "allowed_stages",
        ]

    def get_checklist(self, project: Project) -> list[dict[str, Any]]:
        return [
            {"code": code, "label": str(label), "done": code in project.checklist_done}
            for code, label in STAGES[project.stage].checklist
        ]

    def get_allowed_stages(self, project: Project) -> list[str]:
        return sorted(services.PROJECT_WORKFLOW.allowed_targets(project))


class ProjectInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, validators=[validate_single_line])
    question = serializers.CharField(max_length=5000, validators=[validate_text])
    why_it_matters = serializers.CharField(max_length=5000, validators=[validate_text])
    help_needed = serializers.ListField(child=_codes(SupportKind), required=False, default=list)
    disease_areas = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, default=list
    )
    organizations = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID),
        required=False,
        default=list,
        help_text="Ids of organizations you are a member of.",
    )


def _details_text(**kwargs: Any) -> serializers.CharField:
    return serializers.CharField(
        max_length=5000, required=False, allow_blank=True, validators=[validate_text], **kwargs
    )


class ProjectDetailsInSerializer(serializers.Serializer):
    """The fields of the project's edit page; those left out keep their value."""

    title = serializers.CharField(max_length=200, required=False, validators=[validate_single_line])
    question = serializers.CharField(max_length=5000, required=False, validators=[validate_text])
    why_it_matters = serializers.CharField(
        max_length=5000, required=False, validators=[validate_text]
    )
    purpose = _details_text(help_text="Purpose of the partnership.")
    duration_months = serializers.IntegerField(
        min_value=1, max_value=240, required=False, allow_null=True
    )
    data_handling = _details_text(help_text="What data is collected and who holds it.")
    publication = _details_text(help_text="How the results are published.")
    volunteer_compensation = _details_text(help_text="How volunteers are compensated.")
    public_summary = _details_text(help_text="The summary shown on the public page.")


class MoveInSerializer(serializers.Serializer):
    to = _codes(ProjectStage)
    confirm_incomplete = serializers.BooleanField(required=False, default=False)
    note = serializers.CharField(
        max_length=2000, required=False, default="", allow_blank=True, validators=[validate_text]
    )


class ProjectListView(generics.ListAPIView):
    """The projects you may see (yours, your organizations', the public ones; all for the
    department, the GRAM and the director). POST proposes one."""

    serializer_class = ProjectOutSerializer

    def get_queryset(self) -> QuerySet[Project]:
        return queries.project_list(queries.projects_of(_user(self.request)))

    @extend_schema(
        request=ProjectInSerializer,
        responses={201: ProjectDetailSerializer, **errors(400, 403)},
    )
    def post(self, request: Request) -> Response:
        user = _user(request)
        return act(
            request,
            allowed="incubator.propose_project",
            refusal=_("Only organization members and researchers propose projects."),
            payload=ProjectInSerializer,
            call=lambda values: services.propose_project(
                user,
                title=values["title"],
                question=values["question"],
                why_it_matters=values["why_it_matters"],
                help_needed=values["help_needed"],
                disease_areas=DiseaseArea.objects.filter(pk__in=values["disease_areas"]),
                organizations=Organization.objects.filter(
                    pk__in=values["organizations"], memberships__user=user
                ),
                researchers=[user] if user.has_role("researcher") else [],
            ),
            out=project_out,
            status=201,
        )


class ProjectDetailView(generics.RetrieveAPIView):
    """A project you may see, with its checklist, milestones and the stages it may go to.
    PATCH changes its details (its proposer and the department's officers; 409 `closed` for a
    closed project)."""

    serializer_class = ProjectDetailSerializer

    def get_queryset(self) -> QuerySet[Project]:
        return queries.project_detail(queries.projects_of(_user(self.request)))

    @extend_schema(
        request=ProjectDetailsInSerializer,
        responses={200: ProjectDetailSerializer, **errors(400, 403, 404, 409)},
    )
    def patch(self, request: Request, pk: int) -> Response:
        user = _user(request)
        project = get_object_or_404(queries.projects_of(user), pk=pk)
        return act(
            request,
            allowed=user.has_perm("incubator.manage_projects") or project.proposed_by_id == user.pk,
            refusal=_("Only the project's proposer and the officers edit it."),
            payload=ProjectDetailsInSerializer,
            # As the edit page: only what differs is changed (and named in the log).
            call=lambda data: services.update_project(
                project,
                by=user,
                changes={k: v for k, v in data.items() if v != getattr(project, k)},
            ),
            out=lambda _updated: project_out(project),
        )


class ProjectStageView(APIView):
    """Move a project to another stage (the department's officers). An incomplete checklist
    is refused (409 `checklist_incomplete`) unless `confirm_incomplete` is true."""

    @extend_schema(
        request=MoveInSerializer,
        responses={200: ProjectDetailSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        project = get_object_or_404(queries.projects_of(user), pk=pk)
        return act(
            request,
            allowed="incubator.manage_projects",
            refusal=_("Only the department's officers move projects."),
            payload=MoveInSerializer,
            call=lambda data: services.move_project(project, by=user, **data),
            out=lambda _moved: project_out(project),
        )


urlpatterns = [
    path("projects", ProjectListView.as_view(), name="api-projects"),
    path("projects/<int:pk>", ProjectDetailView.as_view(), name="api-project"),
    path("projects/<int:pk>/stage", ProjectStageView.as_view(), name="api-project-stage"),
]
