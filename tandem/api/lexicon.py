"""The College's lexicon through the API, for those who curate it (coordinators, officers,
administrators), as on its page (tandem.checks): the list, adding a term (or bringing back one
retired earlier) and retiring one, through the same services."""

from __future__ import annotations

from typing import Any, cast

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.urls import path
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import generics, serializers
from rest_framework import status as http
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from tandem.accounts.models import User
from tandem.api.actions import act, errors, refused
from tandem.checks import queries, services
from tandem.checks.models import LexiconTerm


class LexiconTermSerializer(serializers.ModelSerializer):
    """An entry of the College's lexicon, as its page lists and adds it."""

    added_by = serializers.CharField(
        source="added_by.get_full_name", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = LexiconTerm
        fields = [
            "id",
            "language",
            "term",
            "variants",
            "plain",
            "explanation",
            "source",
            "is_active",
            "added_by",
        ]
        read_only_fields = ["id", "is_active", "added_by"]
        # An entry retired earlier comes back when added again (services.add_lexicon_term).
        validators: list[Any] = []


CURATORS_ONLY = "checks.curate_lexicon"


def _curators_only() -> str:
    return _("Only the College's coordinators and the officers curate the lexicon.")


@extend_schema_view(
    get=extend_schema(
        operation_id="lexicon_list",
        responses={200: LexiconTermSerializer(many=True), **errors(403)},
    ),
    post=extend_schema(
        operation_id="lexicon_create",
        request=LexiconTermSerializer,
        responses={201: LexiconTermSerializer, **errors(400, 403)},
    ),
)
class LexiconView(generics.ListAPIView):
    """The College's lexicon (`?language=fr|en`), for its curators (coordinators, officers,
    administrators), as its page; POST adds a term, or brings back one retired earlier. Logs
    `checks.lexicon.added`."""

    serializer_class = LexiconTermSerializer

    def get_queryset(self) -> QuerySet[LexiconTerm]:
        terms = queries.lexicon_terms()
        language = self.request.query_params.get("language", "")
        return terms.filter(language=language) if language in ("fr", "en") else terms

    def list(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        if not request.user.has_perm(CURATORS_ONLY):
            return refused(_curators_only())
        return super().list(request, *args, **kwargs)

    def post(self, request: Request) -> Response:
        return act(
            request,
            allowed=CURATORS_ONLY,
            refusal=_curators_only(),
            payload=LexiconTermSerializer,
            call=lambda data: services.add_lexicon_term(by=cast(User, request.user), **data),
            out=lambda entry: LexiconTermSerializer(entry).data,
            status=http.HTTP_201_CREATED,
        )


class RetireTermView(APIView):
    """Stop using a term of the College's lexicon, as its page's "Retire" (curators only;
    retiring twice changes nothing). Logs `checks.lexicon.retired`."""

    @extend_schema(
        operation_id="lexicon_retire",
        request=None,
        responses={200: LexiconTermSerializer, **errors(403, 404)},
    )
    def post(self, request: Request, pk: int) -> Response:
        entry = get_object_or_404(queries.lexicon_terms(), pk=pk)
        return act(
            request,
            allowed=CURATORS_ONLY,
            refusal=_curators_only(),
            call=lambda _data: services.retire_lexicon_term(entry, by=cast(User, request.user)),
            out=lambda retired: LexiconTermSerializer(retired).data,
        )


urlpatterns = [
    path("lexicon", LexiconView.as_view(), name="api-lexicon"),
    path("lexicon/<int:pk>/retire", RetireTermView.as_view(), name="api-lexicon-retire"),
]
