"""Backup and restore of the database (as a portable JSON fixture) and the uploaded files.

Portable on purpose: a backup taken on SQLite restores on PostgreSQL and the other way round,
and files come from whatever storage is configured (local folder or object storage).
"""

from __future__ import annotations

import io
import json
import tarfile
import tempfile
from pathlib import Path

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "django_tasks_database",
]
FORMAT = "tandem.backup/1"


def _walk(storage_dir: str = "") -> list[str]:
    try:
        dirs, files = default_storage.listdir(storage_dir)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = [f"{storage_dir}/{name}".lstrip("/") for name in files]
    for sub in dirs:
        found.extend(_walk(f"{storage_dir}/{sub}".lstrip("/")))
    return found


def create_backup(target: Path) -> dict[str, int]:
    """Write a .tar.gz with `manifest.json`, `data.json` and `media/…`. Returns counts."""
    data = io.StringIO()
    call_command(
        "dumpdata",
        "--natural-foreign",
        "--natural-primary",
        *[f"--exclude={e}" for e in EXCLUDED],
        stdout=data,
    )
    payload = data.getvalue().encode()
    files = _walk()
    with tarfile.open(target, "w:gz") as archive:
        manifest = json.dumps(
            {"format": FORMAT, "objects": len(json.loads(payload)), "files": len(files)}
        ).encode()
        _add(archive, "manifest.json", manifest)
        _add(archive, "data.json", payload)
        for name in files:
            with default_storage.open(name, "rb") as handle:
                _add(archive, f"media/{name}", handle.read())
    return {"objects": len(json.loads(payload)), "files": len(files)}


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    archive.addfile(info, io.BytesIO(content))


def restore_backup(source: Path) -> dict[str, int]:
    """Load a backup into a migrated, empty database and write its files back to storage."""
    with tarfile.open(source, "r:gz") as archive:
        manifest = json.loads(_read(archive, "manifest.json"))
        if manifest.get("format") != FORMAT:
            raise ValueError(f"Not a Tandem backup (format {manifest.get('format')!r})")
        with tempfile.TemporaryDirectory() as tmp:
            fixture = Path(tmp) / "data.json"
            fixture.write_bytes(_read(archive, "data.json"))
            call_command("loaddata", str(fixture), verbosity=0)
        restored = 0
        for member in archive.getmembers():
            if not member.isfile() or not member.name.startswith("media/"):
                continue
            name = member.name.removeprefix("media/")
            if ".." in Path(name).parts:
                continue  # never write outside the storage
            if default_storage.exists(name):
                default_storage.delete(name)
            default_storage.save(name, ContentFile(_read(archive, member.name)))
            restored += 1
    return {"objects": int(manifest.get("objects", 0)), "files": restored}


def _read(archive: tarfile.TarFile, name: str) -> bytes:
    handle = archive.extractfile(name)
    if handle is None:
        raise ValueError(f"{name} is missing from the backup")
    return handle.read()
