"""The incubator's public face and its portfolio through the API: the public projects and a
public project's page, the public working groups and a public group's page (anyone, a token
optional), and the portfolio's counts (its readers: the department, the director and the
GRAM's members). The same queries as the pages (`queries.public_projects`,
`queries.public_groups`, `queries.portfolio`)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.api.actions import refused
from tandem.api.public import PublicListView, PublicView
from tandem.api.schema import code_list, public_read
from tandem.api.serializers import ErrorSerializer
from tandem.incubator import queries
from tandem.incubator.models import Project, ProjectStage, WorkingGroup

STAGES = code_list(ProjectStage.values)


class PublicProjectSerializer(serializers.ModelSerializer):
    """A public project as the incubator's page lists it."""

    url = serializers.SerializerMethodField(help_text="Its public page.")
    stage = serializers.CharField(read_only=True, help_text=STAGES)
    stage_label = serializers.CharField(source="get_stage_display", read_only=True)

    class Meta:
        model = Project
        fields = ["id", "url", "title", "stage", "stage_label"]

    def get_url(self, project: Project) -> str:
        return reverse("incubator:public_project", args=[project.pk])


class PublicProjectDetailSerializer(PublicProjectSerializer):
    """A public project's page."""

    disease_areas = serializers.SerializerMethodField()

    class Meta(PublicProjectSerializer.Meta):
        fields = [
            *PublicProjectSerializer.Meta.fields,
            "public_summary",
            "question",
            "why_it_matters",
            "disease_areas",
        ]

    def get_disease_areas(self, project: Project) -> list[str]:
        """Their names."""
        return [area.name for area in project.disease_areas.all()]


class PublicGroupSerializer(serializers.ModelSerializer):
    """A public working group as the incubator's page lists it."""

    url = serializers.SerializerMethodField(help_text="Its public page.")

    class Meta:
        model = WorkingGroup
        fields = ["id", "url", "name"]

    def get_url(self, group: WorkingGroup) -> str:
        return reverse("incubator:public_group", args=[group.pk])


class PublicGroupDetailSerializer(PublicGroupSerializer):
    """A public working group's page: its purpose and who coordinates it (by name)."""

    coordinator = serializers.CharField(
        source="coordinator.get_full_name",
        default=None,
        allow_null=True,
        help_text="Their name; null when nobody does.",
    )

    class Meta(PublicGroupSerializer.Meta):
        fields = [*PublicGroupSerializer.Meta.fields, "purpose", "coordinator"]


class PortfolioRowSerializer(serializers.Serializer):
    name = serializers.CharField(
        source="label", allow_null=True, help_text="Null for the projects not linked yet."
    )
    projects = serializers.IntegerField()


class StageRowSerializer(serializers.Serializer):
    stage = serializers.CharField(source="key", help_text=STAGES)
    name = serializers.CharField(source="label")
    projects = serializers.IntegerField()


class KeyedRowSerializer(PortfolioRowSerializer):
    id = serializers.IntegerField(source="key", allow_null=True)


class PortfolioSerializer(serializers.Serializer):
    total = serializers.IntegerField()
    by_stage = StageRowSerializer(many=True, help_text="Every stage, in the workflow's order.")
    by_institute = KeyedRowSerializer(many=True, help_text="Most projects first.")
    by_office = KeyedRowSerializer(many=True, help_text="Most projects first.")
    by_area = KeyedRowSerializer(many=True, help_text="Most projects first.")


class PublicProjectListView(PublicListView):
    """The projects the department shows the public, newest first (the same for everyone;
    `GET /projects` lists those you may open)."""

    serializer_class = PublicProjectSerializer

    def get_queryset(self) -> QuerySet[Project]:
        return queries.public_projects().order_by("-created", "-pk")


class PublicProjectDetailView(PublicView):
    """A public project's page (404 for a project that is not public)."""

    @public_read(PublicProjectDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        project = get_object_or_404(queries.public_projects(), pk=pk)
        return Response(PublicProjectDetailSerializer(project).data)


class PublicGroupListView(PublicListView):
    """The working groups the department shows the public, by name (the same for everyone;
    `GET /working-groups` lists those you may open)."""

    serializer_class = PublicGroupSerializer

    def get_queryset(self) -> QuerySet[WorkingGroup]:
        return queries.public_groups()


class PublicGroupDetailView(PublicView):
    """A public working group's page (404 for a group that is not public)."""

    @public_read(PublicGroupDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        group = get_object_or_404(queries.public_groups(), pk=pk)
        return Response(PublicGroupDetailSerializer(group).data)


class PortfolioView(APIView):
    """The portfolio: every project counted by stage, theme-based institute, regional office
    and disease area (the department, the director and the GRAM's members)."""

    @extend_schema(
        responses={200: PortfolioSerializer, 403: ErrorSerializer},
        operation_id="projects_portfolio_retrieve",
    )
    def get(self, request: Request) -> Response:
        if not request.user.has_perm("incubator.view_portfolio"):
            return refused()
        return Response(PortfolioSerializer(queries.portfolio()).data)


urlpatterns = [
    path("public-projects", PublicProjectListView.as_view(), name="api-public-projects"),
    path("public-projects/<int:pk>", PublicProjectDetailView.as_view(), name="api-public-project"),
    path("public-groups", PublicGroupListView.as_view(), name="api-public-groups"),
    path("public-groups/<int:pk>", PublicGroupDetailView.as_view(), name="api-public-group"),
    path("projects/portfolio", PortfolioView.as_view(), name="api-projects-portfolio"),
]
