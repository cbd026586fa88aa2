"""The clarity library is pure: no Django, nothing else from the project."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names


def test_library_modules_import_neither_django_nor_the_rest_of_the_project():
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for name in _imports(path):
            top = name.split(".")[0]
            if top == "django" or (top == "tandem" and not name.startswith("tandem.clarity")):
                offenders.append(f"{path.relative_to(PACKAGE)}: {name}")
    assert offenders == []


def test_importing_and_running_the_library_loads_no_django_module():
    code = (
        "import sys\n"
        "from tandem.clarity import analyze\n"
        "from tandem.clarity.extract import extract_text\n"
        "from tandem.clarity.html import render_html\n"
        "from tandem.clarity.cli import main\n"
        "render_html(analyze('Vous pouvez arrêter à tout moment.', document_kind='leaflet'))\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(loaded)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent.parent,
        check=True,
        timeout=120,
    )
    assert result.stdout.strip() == "[]"
