"""`make run` says what it does while it installs (issue 14, point 12)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

PIP_OUTPUT = (
    "".join(
        f"Collecting package{n}==1.0\n  Downloading package{n}.whl (10 kB)\n" for n in range(23)
    )
    + "WARNING: Location 'file:///somewhere' is ignored\n"
    + "Installing collected packages: "
    + ", ".join(f"package{n}" for n in range(23))
    + "\nSuccessfully installed "
    + " ".join(f"package{n}-1.0" for n in range(23))
    + "\n"
)


def _summarise(text: str) -> str:
    return subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "pip_progress.py")],
        input=text,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def test_pip_output_is_summarised_every_ten_packages():
    lines = _summarise(PIP_OUTPUT).splitlines()
    assert lines[:2] == ["    10 packages resolved…", "    20 packages resolved…"]
    assert lines[2] == "    23 packages resolved; installing them…"
    assert lines[3].startswith("    23 packages installed in ")
    assert len(lines) == 4  # no download line, no warning


def test_pips_errors_are_shown_in_full():
    out = _summarise("Collecting broken==9\nERROR: No matching distribution found for broken==9\n")
    assert "No matching distribution found for broken==9" in out
    assert "Collecting broken==9" in out


def test_each_install_step_is_announced_with_its_number():
    makefile = (ROOT / "Makefile").read_text()
    for step in range(1, 5):
        assert f"Installing dependencies ({step}/4)" in makefile
    assert "--quiet -c constraints.txt" not in makefile  # the long step is no longer silent
    assert "pip_progress.py" in makefile
