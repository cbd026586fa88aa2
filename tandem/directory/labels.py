"""Display labels the directory's busiest pages repeat on every request: disease-area names and
choices, the enums' labels, and the disease-area select's options as HTML.

They are built once per process and language and kept in memory. A version token in the shared
cache says whether they are still current: editing the tree (services.save_disease_area) sets a
new token, and every process rebuilds on its next request. Reading the token is one small cache
read per request; unpickling the labels from the cache on every request was about 0.5 ms, and
rendering the 120 options about 1 ms."""

from __future__ import annotations

import html
import secrets
import threading
from dataclasses import dataclass

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.dispatch import receiver
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from tandem.directory.models import Approval, OrganizationKind, OrganizationStatus, Region
from tandem.directory.queries import disease_area_tree

VERSION_KEY = "directory:area-labels-version"


@dataclass(frozen=True)
class AreaLabels:
    """The disease-area tree in one language, in the tree's order."""

    version: str  # of the tree, as the shared cache knew it when these were built
    choices: list[tuple[int, str]]  # indented labels for select boxes
    names: dict[int, tuple[str, str]]  # id → (path, name), for list rows and filters
    options_html: str  # the choices as <option> elements, none selected
    picker_html: str  # the tree as checkboxes grouped by chapter (AreaCheckboxes), none checked
    chapter_of: dict[int, int]  # area id → its top-level area (chapter)


@dataclass(frozen=True)
class EnumLabels:
    kinds: dict[str, str]
    regions: dict[str, str]
    approvals: dict[str, str]
    statuses: dict[str, str]


_areas: dict[str, tuple[str, AreaLabels]] = {}
_enums: dict[str, EnumLabels] = {}


def _language() -> str:
    return "en" if (get_language() or "fr").startswith("en") else "fr"


def tree_version() -> str:
    """The disease-area tree's current version (for other per-process memos of the tree)."""
    return _version()


# The version read during the current request: a search page asks for labels four times, and
# each read is a network round trip with Redis. Outside requests (tasks, commands) it is read
# every time, so that a long-running process never keeps an old tree.
_request = threading.local()


@receiver(request_started)
def _request_started(**kwargs: object) -> None:
    _request.active, _request.version = True, None


@receiver(request_finished)
def _request_finished(**kwargs: object) -> None:
    _request.active, _request.version = False, None


def _version() -> str:
    version: str | None = getattr(_request, "version", None)
    if version is not None:
        return version
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, secrets.token_hex(8), None)
        version = cache.get(VERSION_KEY) or ""
    if getattr(_request, "active", False):
        _request.version = version
    return version


def _build(language: str, version: str) -> AreaLabels:
    rows = disease_area_tree().values_list("id", "path", "name_fr", "name_en", "code", "depth")
    choices, names = [], {}
    for pk, path, fr, en, code, depth in rows:
        name = en if language == "en" else fr
        choices.append((pk, "\u2003" * depth + (f"{code} — " if code else "") + name))
        names[pk] = (path, name)
    options = "".join(
        f'<option value="{pk}">{html.escape(label)}</option>' for pk, label in choices
    )
    chapter_of = {pk: int(path.strip("/").split("/")[0]) for pk, (path, _name) in names.items()}
    return AreaLabels(version, choices, names, options, _picker(choices, names), chapter_of)


def _picker(choices: list[tuple[int, str]], names: dict[int, tuple[str, str]]) -> str:
    """Checkboxes in one <details> per chapter (closed: 120 areas at once were a wall), each
    area indented under its parent. NAME and ID- are placeholders for the field's name and
    id prefix (see area_picker_html)."""
    parts: list[str] = []
    for pk, label in choices:
        path = names[pk][0]
        depth = path.strip("/").count("/")
        text = html.escape(label.lstrip("\u2003"))
        checkbox = (
            f'<input type="checkbox" name="NAME" value="{pk}" id="ID-{pk}">'
            f' <label for="ID-{pk}">{text}</label>'
        )
        if depth == 0:
            whole = html.escape(_("%(area)s (the whole group)") % {"area": label})
            checkbox = checkbox.replace(f">{text}</label>", f">{whole}</label>")
            if parts:
                parts.append("</ul></details>")
            parts.append(
                f'<details data-chapter="{pk}"><summary>{text}</summary><ul class="area-tree">'
                f'<li class="depth-0">{checkbox}</li>'
            )
        else:
            parts.append(f'<li class="depth-{min(depth, 3)}">{checkbox}</li>')
    if parts:
        parts.append("</ul></details>")
    return "".join(parts)


def area_labels() -> AreaLabels:
    """The current language's area labels, rebuilt when the tree changed (one query)."""
    language = _language()
    version = _version()
    entry = _areas.get(language)
    if entry is None or entry[0] != version:
        entry = (version, _build(language, version))
        _areas[language] = entry
    return entry[1]


def disease_area_choices() -> list[tuple[int, str]]:
    return area_labels().choices


def disease_area_names() -> dict[int, tuple[str, str]]:
    return area_labels().names


def forget_area_labels() -> None:
    """The tree changed: every process rebuilds its labels on its next request."""
    cache.set(VERSION_KEY, secrets.token_hex(8), None)
    _request.version = None
    _areas.clear()


def area_options_html(selected: object = None) -> str:
    """The area select's options, with the chosen one marked (a string replacement)."""
    options = area_labels().options_html
    try:
        marker = f'<option value="{int(str(selected))}">'
    except ValueError:  # nothing chosen, or not an area: the form shows its error
        return options
    return options.replace(marker, marker[:-1] + " selected>", 1)


def area_picker_html(name: str, id_prefix: str, checked: list[int]) -> str:
    """The area checkboxes for a field, the chosen ones checked and their chapters open."""
    labels = area_labels()
    picker = labels.picker_html.replace('name="NAME"', f'name="{html.escape(name)}"')
    picker = picker.replace('"ID-', f'"{html.escape(id_prefix)}_')
    for pk in checked:
        marker = f'value="{pk}" id='
        picker = picker.replace(marker, f"checked {marker}", 1)
        chapter = labels.chapter_of.get(pk)
        if chapter is not None:
            tag = f'<details data-chapter="{chapter}">'
            picker = picker.replace(tag, tag[:-1] + " open>", 1)
    return picker


def enum_labels() -> EnumLabels:
    """Display labels of kinds, regions, approvals and statuses in the current language
    (building them from the enums' lazy labels on every request cost about 1 ms)."""
    language = get_language() or ""
    if language not in _enums:
        _enums[language] = EnumLabels(
            *(
                {k: str(v) for k, v in enum.choices}
                for enum in (OrganizationKind, Region, Approval, OrganizationStatus)
            )
        )
    return _enums[language]
