"""Dead code: vulture over the project (`make lint`), configured in pyproject.toml
([tool.vulture]), plus the names that Django and DRF use by themselves, read from their
registries rather than listed by hand:

- model fields (read by templates, serializers' and admins' field lists, by their name) and
  the members of choices (stored as values, offered through `.choices`);
- form and serializer fields, and their `clean_<field>`, `validate_<field>`,
  `get_<field>` (SerializerMethodField) methods, which the frameworks look up by name;
- the settings themselves, and the classes and functions that they name by dotted path
  (middleware, backends, adapters, context processors, DRF's classes), the app configs and the
  admin's registered classes.

What is still used only dynamically is written in scripts/vulture_whitelist.py, one name a
line with the reason. Run: `.venv/bin/python scripts/dead_code.py`."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


def _subclasses(cls: type) -> Iterator[type]:
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


def _dotted_paths(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        if value.startswith(("tandem.", "config.")):
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _dotted_paths(item)
    elif isinstance(value, list | tuple | set):
        for item in value:
            yield from _dotted_paths(item)


def _ours(classes: Iterable[type]) -> Iterator[type]:
    return (c for c in classes if c.__module__.startswith("tandem."))


def framework_names() -> set[str]:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.apps import apps
    from django.conf import settings
    from django.contrib import admin
    from django.db.models import Choices
    from django.forms import BaseForm
    from rest_framework.fields import SerializerMethodField
    from rest_framework.serializers import BaseSerializer

    import config.urls  # noqa: F401  (imports every view, form and serializer)

    names: set[str] = set()
    for model in apps.get_models():
        if model.__module__.startswith("tandem."):
            for field in model._meta.get_fields():
                names.add(field.name)
                names.add(getattr(field, "attname", field.name))
    for choices in _ours(_subclasses(Choices)):
        names.update(choices.__members__)
    for form in _ours(_subclasses(BaseForm)):
        for name in getattr(form, "base_fields", {}):
            names.update({name, f"clean_{name}"})
    for serializer in _ours(_subclasses(BaseSerializer)):
        for name, field in getattr(serializer, "_declared_fields", {}).items():
            names.update({name, f"validate_{name}"})
            if isinstance(field, SerializerMethodField):
                names.add(field.method_name or f"get_{name}")
    for setting in dir(settings):
        if setting.isupper():
            names.add(setting)
            names.update(
                path.rsplit(".", 1)[-1] for path in _dotted_paths(getattr(settings, setting))
            )
    names.update(type(config).__name__ for config in apps.get_app_configs())
    names.update(type(model_admin).__name__ for model_admin in admin.site._registry.values())
    return names


def main() -> int:
    from vulture import Vulture
    from vulture.config import make_config

    os.chdir(ROOT)
    config = make_config([])
    vulture = Vulture(
        ignore_names=[*config["ignore_names"], *sorted(framework_names())],
        ignore_decorators=config["ignore_decorators"],
    )
    vulture.scavenge(config["paths"], exclude=config["exclude"])
    return int(vulture.report(min_confidence=config["min_confidence"]))


if __name__ == "__main__":
    sys.exit(main())
