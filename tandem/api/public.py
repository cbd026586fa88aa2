"""The endpoints whose reads are public, as the public pages are: anyone may call them, without
signing in; a token, when one is sent, is still read (its holder may see more, e.g. the
members-only events they are invited to). One base class says it once for the access rules and
for the schema."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth.decorators import login_not_required
from django.utils.decorators import method_decorator
from drf_spectacular.utils import extend_schema
from rest_framework import generics
from rest_framework.permissions import AllowAny, BasePermission
from rest_framework.views import APIView

from tandem.api.schema import PUBLIC_OR_TOKEN


# DRF (3.16 and later) already exempts its views from the pages' LoginRequiredMiddleware; the
# decorator keeps that true whatever the version. Only GET is documented as public: a view's
# writes keep the credentials they need.
@method_decorator(login_not_required, name="dispatch")
@extend_schema(methods=["GET"], auth=PUBLIC_OR_TOKEN)
class PublicView(APIView):
    """A view anyone may read. Its writes, if any, check their caller themselves or through a
    stricter `permission_classes` (e.g. `IsAuthenticatedOrReadOnly`)."""

    permission_classes: Sequence[type[BasePermission]] = [AllowAny]


class PublicListView(PublicView, generics.ListAPIView):
    """A public list."""
