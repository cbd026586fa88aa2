"""Shared helpers for the clarity tests: plain pytest, no database, no Django."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent / "data"
LIBRARY_DATA = Path(__file__).resolve().parent.parent / "data"


def load_tsv(name: str) -> list[tuple[str, int]]:
    rows: list[tuple[str, int]] = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        word, count = line.split("\t")[:2]
        rows.append((word.strip(), int(count)))
    return rows


def require(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path.name} is not written yet")
    return path


@pytest.fixture(scope="session")
def planted() -> dict[str, dict[str, object]]:
    data: dict[str, dict[str, object]] = json.loads(
        (DATA / "planted_expectations.json").read_text(encoding="utf-8")
    )
    return data
