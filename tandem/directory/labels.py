"""The disease-area tree's labels in one language (names, indented choices, chapters), which the
directory's busiest pages repeat on every request.

Kept by the one cache mechanism (tandem.core.cache) under the kind AREAS: editing the tree
(reference_data.save_disease_area) bumps its version once committed, and every process reads the new
labels on its next request. A request reads them once (tandem.core.request_memo). No HTML here:
the widgets' templates write it."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from tandem.core import cache
from tandem.core.request_memo import forget, once_per_request
from tandem.directory.queries import disease_area_tree

AREAS = "disease-areas"


@dataclass(frozen=True)
class Area:
    pk: int
    label: str  # "E10-E14 — Diabetes", without indentation
    depth: int  # 0 for a chapter
    code: str = ""  # "E10-E14"
    name: str = ""  # "Diabetes", in the language of the labels
    keywords: str = ""  # the other language's name and the synonyms, for the chooser's filter


@dataclass(frozen=True)
class AreaLabels:
    """The disease-area tree in one language, in the tree's order."""

    areas: list[Area]
    choices: list[tuple[int, str]]  # indented labels for select boxes
    names: dict[int, tuple[str, str]]  # id → (path, name), for list rows and filters


def _language() -> str:
    return "en" if (get_language() or "fr").startswith("en") else "fr"


def _build(language: str) -> AreaLabels:
    rows = disease_area_tree().values_list(
        "id", "path", "name_fr", "name_en", "code", "depth", "synonyms"
    )
    areas, choices, names = [], [], {}
    for pk, path, fr, en, code, depth, synonyms in rows:
        name, other = (en, fr) if language == "en" else (fr, en)
        label = (f"{code} — " if code else "") + name
        keywords = " ".join([other, *synonyms.split()])
        areas.append(Area(pk, label, depth, code, name, keywords))
        choices.append((pk, "\u2003" * depth + label))
        names[pk] = (path, name)
    return AreaLabels(areas, choices, names)


def area_labels() -> AreaLabels:
    """The current language's area labels: one cache read per request (a page's form, filters
    and rows all ask), one query when they changed."""
    language = _language()
    return once_per_request(
        ("area-labels", language),
        lambda: cache.cached(AREAS, (language, 3), lambda: _build(language)),  # 3: Area's shape
    )


def disease_area_choices() -> list[tuple[int, str]]:
    return area_labels().choices


def disease_area_names() -> dict[int, tuple[str, str]]:
    """id → (path, name) in the current language: what every search reads (its rows, its area
    filter), kept apart from the select boxes' labels so that a search reads a quarter of
    the bytes and unpickles no `Area` objects (docs/benchmarks.md, "Issue 12: the budget
    after the per-request costs were cut"). Same version as the labels: one bump drops both.
    Read once per request: a search's filter, its form and its rows ask three times."""
    language = _language()
    return once_per_request(
        ("area-names", language),
        lambda: cache.cached(AREAS, ("names", language), lambda: _build(language).names),
    )


def forget_area_labels() -> None:
    """The tree changed: every process reads the new labels on its next request, and this
    request at once."""
    cache.bump(AREAS)
    for language in ("fr", "en"):
        forget(("area-labels", language))
        forget(("area-names", language))
