"""Backup and restore of the database (as a portable JSON fixture) and the uploaded files, as one
consistent set.

Portable on purpose: a backup taken on SQLite restores on PostgreSQL and the other way round,
and files come from whatever storage is configured (local folder or object storage).

Consistent: every table is read in one transaction (one snapshot: REPEATABLE READ on
PostgreSQL, a read transaction on SQLite), and the files are copied while it is open. The
archive's `manifest.json` records, per table, its row count and a digest of its rows, and, per
file, its size and SHA-256; a restore checks all of them (row by row through the digests, file by
file through the checksums) before it reports success, and `verify_backup` checks an archive
without restoring it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.utils import timezone

EXCLUDED = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "admin.logentry",
    "django_tasks_database",
]
FORMAT = "tandem.backup/2"
READABLE_FORMATS = ("tandem.backup/1", FORMAT)
# Registered under this name for dumpdata and loaddata (see _serializer below).
SERIALIZER = "tandemjson"


class BackupError(ValueError):
    """The archive is not a Tandem backup, is damaged, or does not match what was restored."""


class FullPrecisionEncoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes and times to milliseconds (ECMA-262); a backup keeps
    every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, dt.datetime):
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        if isinstance(o, dt.time) and o.utcoffset() is None:
            return o.isoformat()
        return super().default(o)


def _serializer() -> None:
    if SERIALIZER not in serializers.get_serializer_formats():
        serializers.register_serializer(SERIALIZER, "tandem.core.backup_format")


# --- What is backed up, in a form that compares across databases ---------------------------


def _models() -> list[type[models.Model]]:
    """Every model whose rows the backup holds, many-to-many tables included."""
    kept = []
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        if meta.app_label in EXCLUDED or meta.label_lower in EXCLUDED:
            continue
        kept.append(model)
    return sorted(kept, key=lambda m: m._meta.label_lower)


def _natural(model: type[models.Model]) -> dict[Any, Any]:
    """Ids of rows that are not backed up (content types, permissions) are not the same on
    another database: they are compared by natural key."""
    return {obj.pk: list(obj.natural_key()) for obj in model._base_manager.all()}  # type: ignore[attr-defined]


def _canonical(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat() if value.tzinfo else value.isoformat()
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bytes | memoryview):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, ensure_ascii=False)
    if value is None or isinstance(value, bool | int | str):
        return value
    return str(value)


def table_rows(model: type[models.Model], natural: dict[str, dict[Any, Any]]) -> list[list[Any]]:
    """The rows of one table, every column, in an order and a form that do not depend on the
    database (many-to-many rows without their own id, which a restore renumbers)."""
    fields = [
        f for f in model._meta.concrete_fields if not (model._meta.auto_created and f.primary_key)
    ]
    columns = [f.attname for f in fields]
    rows = []
    for raw in model._base_manager.order_by("pk").values_list(*columns):
        row = []
        for field, value in zip(fields, raw, strict=True):
            target = field.related_model if field.is_relation else None
            if target is not None and target._meta.label_lower in natural and value is not None:
                value = natural[target._meta.label_lower].get(value)
            row.append(_canonical(value))
        rows.append(row)
    if model._meta.auto_created:
        rows.sort(key=lambda r: json.dumps(r, default=str))
    return rows


def snapshot() -> dict[str, list[list[Any]]]:
    """Every backed-up table's rows (see `table_rows`), by model label."""
    natural = {
        "contenttypes.contenttype": _natural(ContentType),
        "auth.permission": _natural(Permission),
    }
    return {m._meta.label_lower: table_rows(m, natural) for m in _models()}


def _digest(rows: list[list[Any]]) -> str:
    return hashlib.sha256(json.dumps(rows, ensure_ascii=False, default=str).encode()).hexdigest()


def _tables() -> dict[str, dict[str, Any]]:
    return {
        label: {"rows": len(rows), "sha256": _digest(rows)} for label, rows in snapshot().items()
    }


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# --- Backup -----------------------------------------------------------------------------------


def _walk(storage_dir: str = "") -> list[str]:
    try:
        dirs, files = default_storage.listdir(storage_dir)
    except (FileNotFoundError, NotADirectoryError):
        return []
    found = [f"{storage_dir}/{name}".lstrip("/") for name in files]
    for sub in dirs:
        found.extend(_walk(f"{storage_dir}/{sub}".lstrip("/")))
    return found


def _referenced_files() -> set[str]:
    """Names stored in every file field of every backed-up table."""
    names: set[str] = set()
    for model in _models():
        for field in model._meta.concrete_fields:
            if isinstance(field, models.FileField):
                names.update(
                    n for n in model._base_manager.values_list(field.attname, flat=True) if n
                )
    return names


@contextmanager
def _one_snapshot() -> Iterator[None]:
    """Every read inside sees the database as it was at the first one."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if connection.vendor == "postgresql" and outermost:
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def create_backup(target: Path) -> dict[str, int]:
    """Write a .tar.gz with `manifest.json`, `data.json` and `media/…`, all read from one
    snapshot of the database. Returns counts. Raises BackupError when a file that a row names
    cannot be read (deleted meanwhile: take the backup again)."""
    _serializer()
    with _one_snapshot():
        data = io.StringIO()
        call_command(
            "dumpdata",
            "--natural-foreign",
            f"--format={SERIALIZER}",
            *[f"--exclude={e}" for e in EXCLUDED],
            stdout=data,
        )
        payload = data.getvalue().encode()
        tables = _tables()
        referenced = _referenced_files()
        names = sorted(set(_walk()) | referenced)
        with tarfile.open(target, "w:gz") as archive:
            files: dict[str, dict[str, Any]] = {}
            missing = []
            for name in names:
                try:
                    with default_storage.open(name, "rb") as handle:
                        content = handle.read()
                except FileNotFoundError:
                    if name in referenced:
                        missing.append(name)
                    continue
                files[name] = {"size": len(content), "sha256": _sha256(content)}
                _add(archive, f"media/{name}", content)
            if missing:
                raise BackupError(
                    f"Files named in the database are missing from the storage: {missing}"
                )
            objects = len(json.loads(payload))
            manifest = {
                "format": FORMAT,
                "created": timezone.now().isoformat(),
                "database": connection.vendor,
                "objects": objects,
                "data_sha256": _sha256(payload),
                "tables": tables,
                "files": files,
            }
            _add(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
            _add(archive, "data.json", payload)
    return {"objects": objects, "files": len(files)}


def _add(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    archive.addfile(info, io.BytesIO(content))


# --- Verify and restore -----------------------------------------------------------------------


def _read(archive: tarfile.TarFile, name: str) -> bytes:
    try:
        handle = archive.extractfile(name)
    except KeyError:
        handle = None
    if handle is None:
        raise BackupError(f"{name} is missing from the backup")
    return handle.read()


def _manifest(archive: tarfile.TarFile) -> dict[str, Any]:
    manifest: dict[str, Any] = json.loads(_read(archive, "manifest.json"))
    if manifest.get("format") not in READABLE_FORMATS:
        raise BackupError(f"Not a Tandem backup (format {manifest.get('format')!r})")
    return manifest


def _media(archive: tarfile.TarFile) -> Iterator[tuple[str, tarfile.TarInfo]]:
    for member in archive.getmembers():
        if not member.isfile() or not member.name.startswith("media/"):
            continue
        name = member.name.removeprefix("media/")
        if ".." in Path(name).parts or name.startswith("/"):
            continue  # never write outside the storage
        yield name, member


def verify_backup(source: Path) -> dict[str, int]:
    """Check an archive without restoring it: the data and every file match the manifest's
    checksums. Raises BackupError on the first difference; returns counts."""
    with tarfile.open(source, "r:gz") as archive:
        manifest = _manifest(archive)
        payload = _read(archive, "data.json")
        if "data_sha256" in manifest and _sha256(payload) != manifest["data_sha256"]:
            raise BackupError("data.json does not match the manifest: the backup is damaged")
        expected = manifest.get("files")
        seen = set()
        for name, member in _media(archive):
            content = _read(archive, member.name)
            if expected is not None and (
                name not in expected or _sha256(content) != expected[name]["sha256"]
            ):
                raise BackupError(f"{name} does not match the manifest")
            seen.add(name)
        if expected is not None and set(expected) != seen:
            raise BackupError(f"Files missing from the backup: {sorted(set(expected) - seen)}")
    return {"objects": int(manifest.get("objects", 0)), "files": len(seen)}


def _clear_seeded_rows() -> None:
    """A freshly migrated database already holds the reference data its migrations seed
    (disease areas, regions, ...), under primary keys that need not be the backup's; the backup
    holds the same rows with the keys the rest of its data points to, so they go first. Django's
    own flush statements, inside the restore's transaction (foreign keys are checked at commit)."""
    tables = [model._meta.db_table for model in _models()]
    with connection.cursor() as cursor:
        for statement in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
            cursor.execute(statement)


def restore_backup(source: Path) -> dict[str, int]:
    """Load a backup into a freshly migrated database (no account yet) and write its files
    back to storage; then check every table's rows and every file against the manifest. The
    database is left untouched when the data does not match (BackupError)."""
    verify_backup(source)
    _serializer()
    if get_user_model().objects.exists():
        raise BackupError(
            "The database already holds accounts: restore into a freshly migrated database."
        )
    with tarfile.open(source, "r:gz") as archive:
        manifest = _manifest(archive)
        with transaction.atomic(), tempfile.TemporaryDirectory() as tmp:
            fixture = Path(tmp) / f"data.{SERIALIZER}"
            fixture.write_bytes(_read(archive, "data.json"))
            _clear_seeded_rows()
            call_command("loaddata", str(fixture), verbosity=0)
            if "tables" in manifest:
                differences = [
                    label
                    for label, found in _tables().items()
                    if found != manifest["tables"].get(label, {"rows": 0, "sha256": _digest([])})
                ]
                if differences:
                    raise BackupError(f"Restored rows differ from the backup in: {differences}")
        restored = 0
        expected = manifest.get("files")
        for name, member in _media(archive):
            if default_storage.exists(name):
                default_storage.delete(name)
            saved = default_storage.save(name, ContentFile(_read(archive, member.name)))
            if saved != name:
                raise BackupError(f"The storage wrote {name} as {saved}")
            if expected is not None:
                with default_storage.open(name, "rb") as handle:
                    if _sha256(handle.read()) != expected[name]["sha256"]:
                        raise BackupError(f"{name} was not written back intact")
            restored += 1
    return {"objects": int(manifest.get("objects", 0)), "files": restored}
