"""Working groups through the API: read them (their posts for their members), create one (the
department's officers), post to one. Their members and publication are in `follow_up`, their
meetings in `meetings`."""

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

from tandem.api.actions import act, errors, person_named
from tandem.api.incubator._common import _code_out, _user
from tandem.api.serializers import ErrorSerializer
from tandem.core.validators import validate_single_line, validate_text
from tandem.incubator import queries, services
from tandem.incubator.models import GroupPost, PostKind, WorkingGroup


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
    path("working-groups", GroupListView.as_view(), name="api-working-groups"),
    path("working-groups/<int:pk>", GroupDetailView.as_view(), name="api-working-group"),
    path("working-groups/<int:pk>/posts", GroupPostView.as_view(), name="api-working-group-posts"),
]
