"""The files of a project's timeline and of a working group's posts through the API: the API
listed their names but could not hand them over. The same lookups and rules as the pages'
downloads (`queries.timeline_of`, `queries.reads_group_files`)."""

from __future__ import annotations

from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import PermissionDenied
from rest_framework.request import Request

from tandem.api.files import FileView
from tandem.api.incubator._common import _user
from tandem.api.serializers import ErrorSerializer
from tandem.incubator import queries
from tandem.incubator.models import GroupPost
from tandem.incubator.views.common import file_response

FILE = {
    (200, "application/octet-stream"): OpenApiTypes.BINARY,
    401: ErrorSerializer,
    403: ErrorSerializer,
    404: ErrorSerializer,
}


class TimelineFileView(FileView):
    """The document of a project's timeline entry (its participants and the department's
    officers; 404 for anyone else, as the timeline), served as the type it was checked to be."""

    @extend_schema(responses=FILE)
    def get(self, request: Request, pk: int) -> FileResponse:
        entry = get_object_or_404(queries.timeline_of(_user(request)).exclude(file=""), pk=pk)
        return file_response(entry.file, name=entry.original_filename, kind=entry.file_kind)


class PostFileView(FileView):
    """The file of a working group's post (its members, its coordinator and the department)."""

    @extend_schema(responses=FILE)
    def get(self, request: Request, pk: int) -> FileResponse:
        user = _user(request)
        post = get_object_or_404(
            GroupPost.objects.exclude(file="")
            .filter(group__in=queries.working_groups_for(user))
            .select_related("group"),
            pk=pk,
        )
        if not queries.reads_group_files(user, post.group):
            raise PermissionDenied
        return file_response(post.file, name=post.original_filename, kind=post.file_kind)


urlpatterns = [
    path("timeline/<int:pk>/file", TimelineFileView.as_view(), name="api-timeline-file"),
    path("working-group-posts/<int:pk>/file", PostFileView.as_view(), name="api-post-file"),
]
