from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tandem.clarity.cli import main
from tandem.clarity.tests.conftest import DATA

ROOT = Path(__file__).resolve().parents[3]


def test_text_report_on_stdout_exits_0(capsys):
    assert main([str(DATA / "planted_fr.txt"), "--kind", "leaflet"]) == 0
    out = capsys.readouterr().out
    assert "kandel_moles" in out and "Remarques" in out


def test_json_report_follows_the_schema(capsys):
    assert main([str(DATA / "planted_en.txt"), "--format", "json", "--lang", "en"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "tandem.clarity/1" and data["language"] == "en"


def test_html_report_written_to_a_file(tmp_path):
    output = tmp_path / "report.html"
    code = main([str(DATA / "planted_fr.txt"), "--format", "html", "--output", str(output),
                 "--category", "riph2"])  # fmt: skip
    assert code == 0
    assert output.read_text(encoding="utf-8").startswith("<!doctype html>")


def test_unreadable_input_exits_2_with_one_line_on_stderr(tmp_path, capsys):
    garbage = tmp_path / "garbage.docx"
    garbage.write_bytes(bytes(range(256)) * 20)
    assert main([str(garbage)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "garbage.docx" in err


def test_missing_file_exits_2(capsys):
    assert main(["/nonexistent/leaflet.pdf"]) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_too_large_file_exits_2_without_reading_it(tmp_path, capsys):
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 5000)
    assert main([str(big), "--max-bytes", "1000"]) == 2
    assert "too large" in capsys.readouterr().err


def test_a_text_too_short_to_judge_exits_2_and_says_so(tmp_path, capsys):
    short = tmp_path / "short.txt"
    short.write_text("Vous pouvez arrêter à tout moment. Parlez-en à votre médecin.\n")
    for fmt in ("text", "json", "html"):
        assert main([str(short), "--format", fmt]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        error = captured.err.strip().splitlines()
        assert len(error) == 1 and "trop court" in error[0] and "100" in error[0]
    assert main([str(short), "--ui", "en"]) == 2
    assert "too short to judge" in capsys.readouterr().err


def test_python_dash_m_runs_the_command():
    result = subprocess.run(
        [sys.executable, "-m", "tandem.clarity", str(DATA / "planted_en.txt"), "--format", "json"],
        capture_output=True, text=True, cwd=ROOT, timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["language"] == "en"
