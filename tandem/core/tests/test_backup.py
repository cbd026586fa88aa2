"""Backup and restore: one consistent set of rows and files, restored onto a fresh database and
an empty media folder, checked row by row and file by file (SQLite, and PostgreSQL when
DATABASE_URL points to it)."""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.core.management.base import CommandError

from tandem.accounts import services as accounts
from tandem.accounts.models import User
from tandem.checks.models import ClarityCheck
from tandem.core.audit import log_action
from tandem.core.backup import EXCLUDED, BackupError, verify_backup
from tandem.core.models import ActionLogEntry
from tandem.core.notifications import notify
from tandem.directory.models import DiseaseArea
from tandem.directory.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db(transaction=True)

PRECISE = dt.datetime(2025, 3, 14, 15, 9, 26, 535897, tzinfo=dt.UTC)


def every_row() -> dict[str, list]:
    """Every column of every row of every table a backup holds, read plainly; the ids of
    content types and permissions (which a new database numbers its own way) by natural key."""
    natural = {
        ContentType: {c.pk: c.natural_key() for c in ContentType.objects.all()},
        Permission: {p.pk: p.natural_key() for p in Permission.objects.all()},
    }
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if meta.proxy or meta.app_label in EXCLUDED or meta.label_lower in EXCLUDED:
            continue
        rows = []
        for row in model._base_manager.order_by("pk").values():
            for field in meta.concrete_fields:
                if field.is_relation and field.related_model in natural:
                    row[field.attname] = natural[field.related_model].get(row[field.attname])
            if meta.auto_created:
                row.pop("id")  # a restore renumbers many-to-many links
            rows.append(row)
        if meta.auto_created:
            rows.sort(key=repr)
        tables[meta.label_lower] = rows
    return tables


def every_file(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def fresh_machine(settings, tmp_path) -> Path:
    """An emptied database as `migrate` leaves it (reference data seeded), a new media folder."""
    call_command("flush", interactive=False, verbosity=0)
    importlib.import_module("tandem.directory.migrations.0002_seed_reference_data").seed(apps, None)
    settings.MEDIA_ROOT = tmp_path / "new-machine-media"
    return settings.MEDIA_ROOT


@pytest.fixture
def varied_data(member, officer, researcher):
    """People with microsecond times, roles, history, notifications, an invitation, a token,
    an organization with disease areas (a many-to-many), a check with its file, a stray file."""
    User.objects.filter(pk=member.pk).update(date_joined=PRECISE, last_login=PRECISE)
    accounts.invite_person("guest@example.net", by=officer, roles=["member"], first_name="Gil")
    accounts.create_api_token(member, name="script")
    log_action(member, "accounts.profile.updated", by=officer, data={"fields": ["phone"]})
    notify(member, kind="test", title="Bonjour", body="Texte accentué", email=False)
    organization = OrganizationFactory(name="Les Amis du Genou")
    organization.disease_areas.set(DiseaseArea.objects.order_by("pk")[:3])
    check = ClarityCheck.objects.create(owner=researcher, title="Notice", document_kind="leaflet")
    check.file.save("notice.txt", ContentFile(b"Vous pouvez arr\xc3\xaater."), save=True)
    default_storage.save("documents/leaflet.txt", ContentFile(b"Notice d'information"))
    ActionLogEntry.objects.filter(pk=log_action(None, "test.precise", by=None).pk).update(
        time=PRECISE
    )


def test_a_backup_restores_every_row_and_file_onto_a_fresh_machine(varied_data, settings, tmp_path):
    rows_before = every_row()
    files_before = every_file(Path(settings.MEDIA_ROOT))
    assert len(files_before) == 2 and rows_before["accounts.user"]
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())

    media = fresh_machine(settings, tmp_path)
    assert not User.objects.exists() and not media.exists()
    call_command("restore", str(archive), stdout=io.StringIO())

    rows_after = every_row()
    for table, rows in rows_before.items():
        assert rows_after[table] == rows, table
    assert every_file(media) == files_before
    member = User.objects.get(date_joined=PRECISE)
    assert member.last_login == PRECISE  # to the microsecond
    assert ActionLogEntry.objects.get(action="test.precise").time == PRECISE
    assert member.role_codes == {"member"}
    # The restored database takes new rows (its sequences follow the restored ids).
    assert User.objects.create_user("new@example.net").pk > max(
        r["id"] for r in rows_before["accounts.user"]
    )


def test_the_manifest_counts_rows_and_checksums_files(varied_data, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    with tarfile.open(archive) as tar:
        manifest = json.loads(tar.extractfile("manifest.json").read())
    assert manifest["tables"]["accounts.user"]["rows"] == User.objects.count()
    assert manifest["tables"]["directory.organization_disease_areas"]["rows"] == 3
    leaflet = manifest["files"]["documents/leaflet.txt"]
    assert leaflet == {
        "size": 20,
        "sha256": hashlib.sha256(b"Notice d'information").hexdigest(),
    }
    assert verify_backup(archive) == {"objects": manifest["objects"], "files": 2}
    out = io.StringIO()
    call_command("restore", "--check", str(archive), stdout=out)
    assert "intact" in out.getvalue()


def test_a_damaged_backup_is_refused_before_anything_is_restored(varied_data, settings, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w:gz") as target:
        for member in source.getmembers():
            content = source.extractfile(member).read()
            if member.name == "media/documents/leaflet.txt":
                content = b"Notice modifiee!!!!!"
            member.size = len(content)
            target.addfile(member, io.BytesIO(content))
    with pytest.raises(BackupError, match=r"leaflet\.txt"):
        verify_backup(damaged)
    fresh_machine(settings, tmp_path)
    with pytest.raises(CommandError, match=r"leaflet\.txt"):
        call_command("restore", str(damaged))
    assert not User.objects.exists()


def test_a_restore_refuses_a_database_that_already_holds_accounts(varied_data, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    count = ActionLogEntry.objects.count()
    with pytest.raises(CommandError, match="freshly migrated"):
        call_command("restore", str(archive))
    assert ActionLogEntry.objects.count() == count


def test_a_backup_fails_loudly_when_a_file_named_in_the_database_is_gone(varied_data, tmp_path):
    check = ClarityCheck.objects.get()
    default_storage.delete(check.file.name)
    with pytest.raises(CommandError, match="missing from the storage"):
        call_command("backup", "--output", str(tmp_path / "backup.tar.gz"))
