from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tandem.accounts import services as account_services

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[3]
TEXT = "Il vous sera demandé de participer à une étude randomisée en double aveugle contre placebo."


def _bearer(user):
    _token, key = account_services.create_api_token(user, name="t")
    return {"Authorization": f"Bearer {key}"}


def test_the_api_analyses_json_text(client, researcher):
    response = client.post(
        "/api/v1/clarity",
        {"text": TEXT, "document_kind": "leaflet", "category": "riph2"},
        content_type="application/json",
        headers=_bearer(researcher),
    )
    assert response.status_code == 200
    data = response.json()
    assert data["schema"] == "tandem.clarity/1"
    assert data["language"] == "fr" and data["category"] == "riph2"
    assert any(f["kind"] == "jargon" for f in data["findings"])


def test_the_api_analyses_an_uploaded_file(client, researcher):
    upload = SimpleUploadedFile("notice.txt", TEXT.encode("latin-1"))
    response = client.post(
        "/api/v1/clarity", {"file": upload, "language": "fr"}, headers=_bearer(researcher)
    )
    assert response.status_code == 200
    assert "placebo" in response.json()["text"]


def test_the_api_refuses_empty_text_and_fake_files_clearly(client, researcher):
    empty = client.post(
        "/api/v1/clarity",
        {"text": "  "},
        content_type="application/json",
        headers=_bearer(researcher),
    )
    assert empty.status_code == 400
    fake = client.post(
        "/api/v1/clarity",
        {"file": SimpleUploadedFile("x.docx", b"PK\x03\x04garbage")},
        headers=_bearer(researcher),
    )
    assert fake.status_code == 400


def test_the_api_requires_a_signed_in_person(client):
    assert client.post(
        "/api/v1/clarity", {"text": TEXT}, content_type="application/json"
    ).status_code in (401, 403)


def test_the_tandem_clarity_command_reports_and_fails_cleanly(tmp_path):
    leaflet = tmp_path / "notice.txt"
    leaflet.write_text(" ".join([TEXT] * 10), encoding="utf-8")  # 100 words or more to judge
    ok = subprocess.run(
        [sys.executable, "-m", "tandem.cli", "clarity", str(leaflet), "--format", "json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ok.returncode == 0, ok.stderr
    assert '"schema": "tandem.clarity/1"' in ok.stdout
    short = tmp_path / "court.txt"
    short.write_text(TEXT, encoding="utf-8")
    too_short = subprocess.run(
        [sys.executable, "-m", "tandem.cli", "clarity", str(short)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert too_short.returncode == 2
    assert "trop court" in too_short.stderr
    bad = tmp_path / "bad.docm"
    bad.write_bytes(b"\x00\x01\x02 binary garbage \xff\xfe")
    failed = subprocess.run(
        [sys.executable, "-m", "tandem.cli", "clarity", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert failed.returncode == 2
    assert len(failed.stderr.strip().splitlines()) == 1
