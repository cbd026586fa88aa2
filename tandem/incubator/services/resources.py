"""The resource library: resources and their versions (an agreement template is tried
with sample data before it is kept)."""

from __future__ import annotations

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.uploads import clean_filename
from tandem.incubator import agreements
from tandem.incubator.models import Resource, ResourceKind, ResourceVersion


def _store_version(
    resource: Resource, *, upload: UploadedFile, file_kind: str, change_note: str, by: User
) -> ResourceVersion:
    if resource.kind == ResourceKind.AGREEMENT_TEMPLATE:
        if file_kind != "docx":
            raise DomainError(
                _("An agreement template must be a Word (DOCX) file."), code="not_docx"
            )
        upload.seek(0)
        agreements.check_template(upload.read())
        upload.seek(0)
    number = (resource.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = ResourceVersion(
        resource=resource,
        number=number,
        file_kind=file_kind,
        original_filename=clean_filename(upload.name or ""),
        change_note=change_note.strip(),
        created_by=by,
    )
    version.file.save("upload", upload, save=False)
    version.save()
    resource.latest = version
    resource.save(update_fields=["latest", "updated"])
    return version


def add_resource(
    by: User,
    *,
    title: str,
    summary: str,
    kind: str,
    language: str,
    visibility: str,
    upload: UploadedFile,
    file_kind: str,
    change_note: str = "",
) -> Resource:
    """Add a resource to the library with its first version (an agreement template is tried
    with sample data first). Logs `incubator.resource.added`."""
    with transaction.atomic():
        resource = Resource.objects.create(
            title=title.strip(),
            summary=summary,
            kind=kind,
            language=language,
            visibility=visibility,
            created_by=by,
        )
        _store_version(
            resource,
            upload=upload,
            file_kind=file_kind,
            change_note=change_note or str(_("First version")),
            by=by,
        )
        log_action(resource, "incubator.resource.added", by=by, data={"kind": kind})
    return resource


def add_resource_version(
    resource: Resource, *, upload: UploadedFile, file_kind: str, change_note: str, by: User
) -> ResourceVersion:
    """Publish a new version of a resource: it becomes what people find. Logs
    `incubator.resource.version_added`."""
    if not change_note.strip():
        raise DomainError(_("Say what changed in this version."), code="no_change_note")
    with transaction.atomic():
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        version = _store_version(
            resource, upload=upload, file_kind=file_kind, change_note=change_note, by=by
        )
        log_action(
            resource, "incubator.resource.version_added", by=by, data={"version": version.number}
        )
    return version


def update_resource(
    resource: Resource, *, title: str, summary: str, language: str, visibility: str, by: User
) -> Resource:
    """Change a resource's description or who sees it. Logs `incubator.resource.updated`."""
    with transaction.atomic():
        resource = Resource.objects.select_for_update().get(pk=resource.pk)
        resource.title = title.strip()
        resource.summary = summary
        resource.language = language
        resource.visibility = visibility
        resource.save(update_fields=["title", "summary", "language", "visibility", "updated"])
        log_action(resource, "incubator.resource.updated", by=by)
    return resource
