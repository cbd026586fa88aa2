"""The training catalogue through the API: the courses (public) with their next session, and a
course with what it teaches and its next sessions. The same queries as the catalogue's pages
(`queries.courses`, `presenters.catalogue`, `queries.course_sessions`)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response

from tandem.api.events import EventSummarySerializer
from tandem.api.public import PublicListView, PublicView
from tandem.api.schema import public_read
from tandem.events import presenters, queries
from tandem.events.models import Course


class CourseSerializer(serializers.ModelSerializer):
    """A course of the catalogue, as its card shows it."""

    url = serializers.CharField(source="get_absolute_url", read_only=True)
    next_start = serializers.SerializerMethodField(
        help_text="The start of its next public session; null when none is planned."
    )

    class Meta:
        model = Course
        fields = ["id", "url", "title", "topic", "summary", "prerequisite_for", "next_start"]

    @extend_schema_field(serializers.DateTimeField(allow_null=True))
    def get_next_start(self, course: Course) -> Any:
        return self.context.get("next_start", {}).get(course.pk)


class CourseDetailSerializer(serializers.ModelSerializer):
    """A course's page: what it teaches, how long it lasts, its next public sessions."""

    url = serializers.CharField(source="get_absolute_url", read_only=True)
    objectives = serializers.ListField(source="objective_list", child=serializers.CharField())
    sessions = serializers.SerializerMethodField(
        help_text="Its next public sessions (events of the calendar), soonest first."
    )

    class Meta:
        model = Course
        fields = [
            "id",
            "url",
            "title",
            "topic",
            "summary",
            "objectives",
            "duration_hours",
            "prerequisite_for",
            "sessions",
        ]

    @extend_schema_field(EventSummarySerializer(many=True))
    def get_sessions(self, course: Course) -> list[dict[str, Any]]:
        return EventSummarySerializer(queries.course_sessions(course), many=True).data  # type: ignore[return-value]


class CourseListView(PublicListView):
    """The catalogue of courses, by title, each with the start of its next public session."""

    serializer_class = CourseSerializer

    def get_queryset(self) -> QuerySet[Course]:
        return queries.courses()

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        page = self.paginate_queryset(self.get_queryset()) or []
        entries = presenters.catalogue(list(page))
        context = {"next_start": {e.course.pk: e.next_start for e in entries}}
        data = CourseSerializer([e.course for e in entries], many=True, context=context).data
        return self.get_paginated_response(data)


class CourseDetailView(PublicView):
    """A course of the catalogue (404 once withdrawn from it)."""

    @public_read(CourseDetailSerializer)
    def get(self, request: Request, pk: int) -> Response:
        course = get_object_or_404(queries.courses(), pk=pk)
        return Response(CourseDetailSerializer(course).data)


urlpatterns = [
    path("courses", CourseListView.as_view(), name="api-courses"),
    path("courses/<int:pk>", CourseDetailView.as_view(), name="api-course"),
]
