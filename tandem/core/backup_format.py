"""The backup's serialization format: Django's JSON fixtures, with every microsecond kept.

Registered by `tandem.core.backup` (as `tandemjson`) for dumpdata and loaddata; loading is
Django's own JSON deserializer, which reads full-precision times."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.serializers.json import Deserializer as JSONDeserializer
from django.core.serializers.json import Serializer as JSONSerializer
from django.db.models import Model

Deserializer = JSONDeserializer


class Serializer(JSONSerializer):
    def serialize(self, queryset: Iterable[Model], **options: Any) -> Any:
        from tandem.core.backup import FullPrecisionEncoder

        options.setdefault("cls", FullPrecisionEncoder)
        return super().serialize(queryset, **options)
