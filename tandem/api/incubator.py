"""The incubator's API: participatory projects (propose, read, edit, move through the
stages), support requests (ask, take over, change status), the resource library (search,
versions, downloads, add, edit, a new version) and working groups (read, create, post). Views
reuse the incubator's queries and services, as the pages do; the officers' follow-up is in
`incubator_follow_up`."""

from __future__ import annotations

from typing import Any, cast

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import QuerySet
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.permissions import AllowAny, IsAuthenticatedOrReadOnly
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.actions import act, errors, person_named, refused, valid
from tandem.api.schema import PUBLIC_OR_TOKEN
from tandem.api.serializers import ErrorSerializer
from tandem.core.audit import log_action
from tandem.core.uploads import validate_upload
from tandem.core.validators import validate_single_line, validate_text
from tandem.directory.models import DiseaseArea, Organization
from tandem.incubator import queries, services
from tandem.incubator.forms import LIBRARY_FILES
from tandem.incubator.models import (
    GroupPost,
    PostKind,
    Project,
    ProjectStage,
    Resource,
    ResourceKind,
    ResourceLanguage,
    ResourceVersion,
    ResourceVisibility,
    SupportKind,
    SupportRequest,
    SupportStatus,
    WorkingGroup,
)
from tandem.incubator.stages import STAGES
from tandem.incubator.views.common import file_response

MAX_ID = 2**31 - 1


def _codes(choices: type[Any], **kwargs: Any) -> serializers.CharField:
    """A code of `choices`, checked here and listed in the schema's description: a plain
    string rather than an enum, whose names would collide with other apps' `kind`, `status`
    or `to` (the reviews API does the same)."""
    values = list(choices.values)

    def check(value: str) -> None:
        if value not in values:
            raise serializers.ValidationError(_("Not a valid choice."))

    return serializers.CharField(
        max_length=20, validators=[check], help_text="One of: " + ", ".join(values) + ".", **kwargs
    )


def _code_out(choices: type[Any]) -> serializers.CharField:
    return serializers.CharField(
        read_only=True, help_text="One of: " + ", ".join(choices.values) + "."
    )


def _user(request: Request) -> User:
    return cast(User, request.user)


def project_out(project: Project) -> dict[str, Any]:
    """A project as it now stands, with what its detail shows."""
    fresh = queries.project_detail(Project.objects.all()).get(pk=project.pk)
    return ProjectDetailSerializer(fresh).data  # type: ignore[no-any-return]


# --- Output ---------------------------------------------------------------------------------


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


class SupportOutSerializer(serializers.ModelSerializer):
    kind = _code_out(SupportKind)
    status = _code_out(SupportStatus)
    owner = serializers.SerializerMethodField()
    is_overdue = serializers.BooleanField()

    class Meta:
        model = SupportRequest
        fields = [
            "id",
            "project",
            "kind",
            "subject",
            "description",
            "status",
            "owner",
            "due_on",
            "is_overdue",
            "created",
        ]

    def get_owner(self, support: SupportRequest) -> str | None:
        return support.owner.get_full_name() if support.owner else None


class ResourceVersionOutSerializer(serializers.ModelSerializer):
    download = serializers.SerializerMethodField()

    class Meta:
        model = ResourceVersion
        fields = ["number", "change_note", "original_filename", "file_kind", "created", "download"]

    def get_download(self, version: ResourceVersion) -> str:
        return f"/api/v1/resources/{version.resource_id}/download?version={version.number}"


class ResourceOutSerializer(serializers.ModelSerializer):
    kind = _code_out(ResourceKind)
    language = _code_out(ResourceLanguage)
    visibility = _code_out(ResourceVisibility)
    latest = ResourceVersionOutSerializer()

    class Meta:
        model = Resource
        fields = ["id", "title", "summary", "kind", "language", "visibility", "latest"]


class ResourceDetailSerializer(ResourceOutSerializer):
    versions = ResourceVersionOutSerializer(many=True)

    class Meta(ResourceOutSerializer.Meta):
        fields = [*ResourceOutSerializer.Meta.fields, "versions"]


class GroupOutSerializer(serializers.ModelSerializer):
    coordinator = serializers.SerializerMethodField()
    member_count = serializers.IntegerField()

    class Meta:
        model = WorkingGroup
        fields = ["id", "name", "purpose", "coordinator", "member_count", "is_public"]

    def get_coordinator(self, group: WorkingGroup) -> str | None:
        return group.coordinator.get_full_name() if group.coordinator else None


class PostOutSerializer(serializers.ModelSerializer):
    kind = _code_out(PostKind)
    author = serializers.SerializerMethodField()

    class Meta:
        model = GroupPost
        fields = ["id", "kind", "text", "original_filename", "created", "author"]

    def get_author(self, post: GroupPost) -> str | None:
        return post.author.get_full_name() if post.author else None


class GroupDetailSerializer(GroupOutSerializer):
    posts = serializers.SerializerMethodField()

    class Meta(GroupOutSerializer.Meta):
        fields = [*GroupOutSerializer.Meta.fields, "posts"]

    def get_posts(self, group: WorkingGroup) -> list[dict[str, Any]]:
        if not self.context.get("inside"):
            return []
        return list(PostOutSerializer(queries.group_posts(group)[:100], many=True).data)


# --- Input ----------------------------------------------------------------------------------


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


class SupportInSerializer(serializers.Serializer):
    kind = _codes(SupportKind)
    subject = serializers.CharField(max_length=200, validators=[validate_single_line])
    description = serializers.CharField(max_length=5000, validators=[validate_text])
    project = serializers.IntegerField(min_value=1, max_value=MAX_ID, required=False)
    due_on = serializers.DateField(required=False)


class SupportMoveInSerializer(serializers.Serializer):
    to = _codes(SupportStatus)
    note = serializers.CharField(
        max_length=500, required=False, default="", allow_blank=True, validators=[validate_text]
    )


class ResourceInSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, validators=[validate_single_line])
    summary = serializers.CharField(
        max_length=5000, required=False, default="", allow_blank=True, validators=[validate_text]
    )
    kind = _codes(ResourceKind)
    language = _codes(ResourceLanguage)
    visibility = _codes(ResourceVisibility)
    file = serializers.FileField(
        help_text="PDF, Word, OpenDocument, Excel or plain text; an agreement template is a "
        "Word (DOCX) file whose variables are checked."
    )
    change_note = serializers.CharField(
        max_length=2000, required=False, default="", allow_blank=True, validators=[validate_text]
    )

    def validate_file(self, upload: Any) -> Any:
        try:
            self.file_kind = validate_upload(upload, allowed=LIBRARY_FILES)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return upload

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        if data["kind"] == ResourceKind.AGREEMENT_TEMPLATE and self.file_kind != "docx":
            raise serializers.ValidationError(
                {"file": [_("An agreement template must be a Word (DOCX) file.")]}
            )
        return {**data, "file_kind": self.file_kind}


class ResourceEditInSerializer(serializers.Serializer):
    """The fields of the resource's edit page (all of them: PUT)."""

    title = serializers.CharField(max_length=200, validators=[validate_single_line])
    summary = serializers.CharField(
        max_length=5000, required=False, default="", allow_blank=True, validators=[validate_text]
    )
    language = _codes(ResourceLanguage)
    visibility = _codes(ResourceVisibility)


class VersionInSerializer(serializers.Serializer):
    file = serializers.FileField()
    change_note = serializers.CharField(max_length=2000, validators=[validate_text])

    def validate_file(self, upload: Any) -> Any:
        try:
            self.file_kind = validate_upload(upload, allowed=LIBRARY_FILES)
        except DjangoValidationError as exc:
            raise serializers.ValidationError(exc.messages) from exc
        return upload

    def validate(self, data: dict[str, Any]) -> dict[str, Any]:
        return {**data, "file_kind": self.file_kind}


def _posted_kind(value: str) -> None:
    if value not in (PostKind.UPDATE, PostKind.MESSAGE):
        raise serializers.ValidationError(_("Not a valid choice."))


class GroupInSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=200, validators=[validate_single_line])
    purpose = serializers.CharField(max_length=5000, validators=[validate_text])
    coordinator_email = serializers.EmailField(help_text="The coordinator's email address.")
    is_public = serializers.BooleanField(
        required=False, default=False, help_text="Show the group on the public page."
    )


class PostInSerializer(serializers.Serializer):
    kind = serializers.CharField(
        max_length=10,
        validators=[_posted_kind],
        help_text="One of: update, message (documents are posted from the page).",
    )
    text = serializers.CharField(max_length=5000, validators=[validate_text])


# --- Projects -------------------------------------------------------------------------------


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


# --- Support requests -----------------------------------------------------------------------


class SupportListView(generics.ListAPIView):
    """Support requests you asked for, own, or that belong to your projects (all for the
    department). POST asks for support."""

    serializer_class = SupportOutSerializer

    def get_queryset(self) -> QuerySet[SupportRequest]:
        return queries.support_requests_of(_user(self.request))

    @extend_schema(
        request=SupportInSerializer,
        responses={201: SupportOutSerializer, **errors(400, 403, 404)},
    )
    def post(self, request: Request) -> Response:
        user = _user(request)
        if not user.has_perm("incubator.request_support"):
            return refused(_("Only people with a role in Tandem ask for support."))
        values = valid(SupportInSerializer, request)
        project = None
        if "project" in values:
            project = get_object_or_404(queries.projects_of(user), pk=values.pop("project"))
            if not queries.takes_part(user, project):
                return refused(_("You do not take part in this project."))
        support = services.request_support(user, project=project, **values)
        return Response(SupportOutSerializer(support).data, status=201)


class SupportDetailView(generics.RetrieveAPIView):
    serializer_class = SupportOutSerializer

    def get_queryset(self) -> QuerySet[SupportRequest]:
        return queries.support_requests_of(_user(self.request))


HANDLES_SUPPORT = "incubator.handle_support"


def _support_out(support: SupportRequest) -> dict[str, Any]:
    return SupportOutSerializer(support).data  # type: ignore[no-any-return]


class SupportTakeView(APIView):
    """Take over a request (an officer): 409 `already_taken` when someone else has it."""

    @extend_schema(request=None, responses={200: SupportOutSerializer, **errors(403, 404, 409)})
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        support = get_object_or_404(queries.support_requests_of(user), pk=pk)
        return act(
            request,
            allowed=HANDLES_SUPPORT,
            refusal=_("Only the department's officers handle support requests."),
            call=lambda _data: services.take_support_request(support, by=user),
            out=_support_out,
        )


class SupportStatusView(APIView):
    """Change a request's status along its workflow (an officer)."""

    @extend_schema(
        request=SupportMoveInSerializer,
        responses={200: SupportOutSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        support = get_object_or_404(queries.support_requests_of(user), pk=pk)
        return act(
            request,
            allowed=HANDLES_SUPPORT,
            refusal=_("Only the department's officers handle support requests."),
            payload=SupportMoveInSerializer,
            call=lambda data: services.move_support_request(support, by=user, **data),
            out=_support_out,
        )


# --- Resources ------------------------------------------------------------------------------

MANAGES_LIBRARY = "incubator.manage_library"


def _resource_out(resource: Resource) -> dict[str, Any]:
    fresh = Resource.objects.prefetch_related("versions").get(pk=resource.pk)
    return ResourceDetailSerializer(fresh).data  # type: ignore[no-any-return]


@method_decorator(login_not_required, name="dispatch")
class ResourceListView(generics.ListAPIView):
    """The library as you may see it (the public part without a token): the latest version
    of each resource. Filters: `q` (words), `kind`, `language` (fr, en)."""

    serializer_class = ResourceOutSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    # Reading is public; adding to the library needs a signed-in officer.
    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[Resource]:
        params = self.request.query_params
        kind = params.get("kind", "")
        language = params.get("language", "")
        return queries.filter_resources(
            queries.resources_for(_user(self.request)),
            q=params.get("q", "")[:200],
            kind=kind if kind in ResourceKind.values else "",
            language=language if language in ("fr", "en") else "",
        )

    @extend_schema(
        auth=PUBLIC_OR_TOKEN,
        parameters=[
            OpenApiParameter("q", str, description="Words in the title or summary."),
            OpenApiParameter("kind", str, enum=ResourceKind.values),
            OpenApiParameter("language", str, enum=["fr", "en"]),
        ],
    )
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request={"multipart/form-data": ResourceInSerializer},
        responses={201: ResourceDetailSerializer, **errors(400, 401, 403, 409)},
    )
    def post(self, request: Request) -> Response:
        """Add a resource with its first version (the department's officers). An agreement
        template whose variables or syntax are broken is refused (409, naming them)."""
        user = _user(request)
        return act(
            request,
            allowed=MANAGES_LIBRARY,
            refusal=_("Only the department's officers publish resources."),
            payload=ResourceInSerializer,
            call=lambda values: services.add_resource(user, upload=values.pop("file"), **values),
            out=_resource_out,
            status=201,
        )


@method_decorator(login_not_required, name="dispatch")
class ResourceDetailView(generics.RetrieveAPIView):
    """A resource with all its versions. PUT changes its description, language and who sees
    it (the department's officers)."""

    serializer_class = ResourceDetailSerializer

    permission_classes = [IsAuthenticatedOrReadOnly]

    def get_queryset(self) -> QuerySet[Resource]:
        return queries.resources_for(_user(self.request)).prefetch_related("versions")

    @extend_schema(auth=PUBLIC_OR_TOKEN)
    def get(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        return super().get(request, *args, **kwargs)

    @extend_schema(
        request=ResourceEditInSerializer,
        responses={200: ResourceDetailSerializer, **errors(400, 401, 403, 404)},
    )
    def put(self, request: Request, pk: int) -> Response:
        user = _user(request)
        resource = get_object_or_404(queries.resources_for(user), pk=pk)
        return act(
            request,
            allowed=MANAGES_LIBRARY,
            refusal=_("Only the department's officers publish resources."),
            payload=ResourceEditInSerializer,
            call=lambda data: services.update_resource(resource, by=user, **data),
            out=lambda _updated: _resource_out(resource),
        )


@method_decorator(login_not_required, name="dispatch")
class ResourceDownloadView(APIView):
    """The latest version's file, or version `version`'s. Logs
    `incubator.resource.downloaded`."""

    permission_classes = [AllowAny]

    @extend_schema(
        auth=PUBLIC_OR_TOKEN,
        parameters=[
            OpenApiParameter(
                "version", int, description="A version's number (default: the latest)."
            )
        ],
        responses={(200, "application/octet-stream"): OpenApiTypes.BINARY, 404: ErrorSerializer},
    )
    def get(self, request: Request, pk: int) -> FileResponse:
        user = _user(request)
        resource = get_object_or_404(queries.resources_for(user), pk=pk)
        wanted = request.query_params.get("version", "")
        number = (
            int(wanted)
            if wanted.isdigit() and len(wanted) < 6
            else (resource.latest.number if resource.latest else 0)
        )
        version = get_object_or_404(resource.versions, number=number)
        log_action(
            resource,
            "incubator.resource.downloaded",
            by=user if user.is_authenticated else None,
            data={"version": number},
        )
        return file_response(version.file, name=version.original_filename, kind=version.file_kind)


class ResourceVersionView(APIView):
    """Publish a new version (the department's officers): it becomes what people find."""

    parser_classes = [MultiPartParser, FormParser]

    @extend_schema(
        request={"multipart/form-data": VersionInSerializer},
        responses={201: ResourceVersionOutSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        resource = get_object_or_404(queries.resources_for(user), pk=pk)
        return act(
            request,
            allowed=MANAGES_LIBRARY,
            refusal=_("Only the department's officers publish resources."),
            payload=VersionInSerializer,
            call=lambda data: services.add_resource_version(
                resource, upload=data.pop("file"), by=user, **data
            ),
            out=lambda version: ResourceVersionOutSerializer(version).data,
            status=201,
        )


# --- Working groups -------------------------------------------------------------------------


class GroupListView(generics.ListAPIView):
    """Working groups you belong to, and the public ones (all for the department)."""

    serializer_class = GroupOutSerializer

    def get_queryset(self) -> QuerySet[WorkingGroup]:
        return queries.working_groups_for(_user(self.request))

    @extend_schema(
        request=GroupInSerializer,
        responses={201: GroupOutSerializer, **errors(400, 403)},
    )
    def post(self, request: Request) -> Response:
        """Create a working group (the department's officers); its coordinator is a member."""
        user = _user(request)
        return act(
            request,
            allowed="incubator.manage_groups",
            refusal=_("Only the department's officers create working groups."),
            payload=GroupInSerializer,
            call=lambda values: services.create_working_group(
                user,
                coordinator=person_named(values.pop("coordinator_email"), "coordinator_email"),
                **values,
            ),
            out=lambda group: (
                GroupOutSerializer(queries.working_groups_for(user).get(pk=group.pk)).data
            ),
            status=201,
        )


class GroupDetailView(APIView):
    """A group; its posts for its members (and the department)."""

    @extend_schema(responses={200: GroupDetailSerializer, 404: ErrorSerializer})
    def get(self, request: Request, pk: int) -> Response:
        user = _user(request)
        group = get_object_or_404(queries.working_groups_for(user), pk=pk)
        inside = queries.is_group_member(user, group) or user.has_perm("incubator.manage_groups")
        return Response(GroupDetailSerializer(group, context={"inside": inside}).data)


class GroupPostView(APIView):
    """Post an update (the coordinator) or a message to a group you belong to."""

    @extend_schema(
        request=PostInSerializer,
        responses={201: PostOutSerializer, **errors(400, 403, 404, 409)},
    )
    def post(self, request: Request, pk: int) -> Response:
        user = _user(request)
        group = get_object_or_404(queries.working_groups_for(user), pk=pk)
        return act(
            request,
            allowed=queries.is_group_member(user, group)
            or user.has_perm("incubator.manage_groups"),
            refusal=_("Only the group's members post to it."),
            payload=PostInSerializer,
            call=lambda data: services.post_to_group(group, by=user, **data),
            out=lambda post: PostOutSerializer(post).data,
            status=201,
        )


urlpatterns = [
    path("projects", ProjectListView.as_view(), name="api-projects"),
    path("projects/<int:pk>", ProjectDetailView.as_view(), name="api-project"),
    path("projects/<int:pk>/stage", ProjectStageView.as_view(), name="api-project-stage"),
    path("support-requests", SupportListView.as_view(), name="api-support-requests"),
    path("support-requests/<int:pk>", SupportDetailView.as_view(), name="api-support-request"),
    path("support-requests/<int:pk>/take", SupportTakeView.as_view(), name="api-support-take"),
    path(
        "support-requests/<int:pk>/status", SupportStatusView.as_view(), name="api-support-status"
    ),
    path("resources", ResourceListView.as_view(), name="api-resources"),
    path("resources/<int:pk>", ResourceDetailView.as_view(), name="api-resource"),
    path(
        "resources/<int:pk>/versions", ResourceVersionView.as_view(), name="api-resource-versions"
    ),
    path(
        "resources/<int:pk>/download", ResourceDownloadView.as_view(), name="api-resource-download"
    ),
    path("working-groups", GroupListView.as_view(), name="api-working-groups"),
    path("working-groups/<int:pk>", GroupDetailView.as_view(), name="api-working-group"),
    path("working-groups/<int:pk>/posts", GroupPostView.as_view(), name="api-working-group-posts"),
]
