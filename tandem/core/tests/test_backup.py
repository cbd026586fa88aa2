from __future__ import annotations

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.models import ActionLogEntry

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_backup_restores_people_history_and_files(tmp_path, member, officer):
    log_action(member, "accounts.profile.updated", by=officer)
    default_storage.save("documents/leaflet.txt", ContentFile(b"Notice d'information"))
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "--output", str(archive))

    # A freshly migrated database: reference data and content types, but nobody yet.
    ActionLogEntry.objects.all().delete()
    User.objects.all().delete()
    default_storage.delete("documents/leaflet.txt")
    assert not User.objects.exists()

    call_command("restore", str(archive))
    restored = User.objects.get(email=member.email)
    assert restored.role_codes == {"member"}
    assert restored.actions.count() == 0
    assert User.objects.get(email=officer.email).actions.get().action == "accounts.profile.updated"
    with default_storage.open("documents/leaflet.txt") as handle:
        assert handle.read() == b"Notice d'information"
