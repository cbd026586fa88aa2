"""Agreements: generating one from a template of the library, recording signatures and
keeping the signed copy."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.uploads import clean_filename
from tandem.incubator import agreements
from tandem.incubator.models import (
    Agreement,
    AgreementVersion,
    EntryKind,
    Project,
    Resource,
    ResourceKind,
    ResourceVersion,
    Signature,
    TimelineEntry,
)


class MissingData(DomainError):
    """An agreement asked for a project that lacks what it needs; `missing` lists it."""

    def __init__(self, missing: list[str]) -> None:
        super().__init__(
            _("The agreement cannot be generated yet. Missing: %(items)s.")
            % {"items": "; ".join(missing)},
            code="missing_data",
        )
        self.missing = missing


def generate_agreement(
    project: Project, *, template: Resource, by: User, language: str = "fr"
) -> AgreementVersion:
    """Fill the template's latest version with the project's data: a new agreement, or a new
    version of the project's agreement from the same template. Refuses with the list of what
    is missing, or with the template's problem. Logs `incubator.agreement.generated`."""
    if template.kind != ResourceKind.AGREEMENT_TEMPLATE or template.latest_id is None:
        raise DomainError(_("Choose an agreement template of the library."), code="not_a_template")
    project = Project.objects.select_related("officer", "institute", "regional_office").get(
        pk=project.pk
    )
    missing = agreements.missing_data(project)
    if missing:
        raise MissingData(missing)
    source = ResourceVersion.objects.get(pk=template.latest_id)
    with source.file.open("rb") as handle:
        data = handle.read()
    content = agreements.render(data, agreements.agreement_context(project), language=language)
    with transaction.atomic():
        Project.objects.select_for_update().get(pk=project.pk)  # one generation at a time
        agreement = Agreement.objects.filter(project=project, template=template).first()
        if agreement is None:
            agreement = Agreement.objects.create(project=project, template=template, created_by=by)
        number = (agreement.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = AgreementVersion(
            agreement=agreement,
            number=number,
            template_version=source,
            language=language,
            created_by=by,
        )
        version.file.save("agreement", ContentFile(content), save=False)
        version.save()
        TimelineEntry.objects.create(
            project=project,
            kind=EntryKind.DECISION,
            text=str(_("Agreement generated (version %(n)s).") % {"n": number}),
            author=by,
        )
        log_action(agreement, "incubator.agreement.generated", by=by, data={"version": number})
    return version


def record_signature(
    agreement: Agreement, *, party: str, signatory: str, signed_on: dt.date, by: User
) -> Signature:
    """Record who signed for a party, and when. Logs `incubator.agreement.signed`."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if not agreement.versions.exists():
            raise DomainError(_("There is no version to sign yet."), code="no_version")
        signature = Signature.objects.create(
            agreement=agreement,
            party=party.strip(),
            signatory=signatory.strip(),
            signed_on=signed_on,
            recorded_by=by,
        )
        log_action(agreement, "incubator.agreement.signed", by=by, data={"signature": signature.pk})
    return signature


def store_signed_copy(agreement: Agreement, *, upload: UploadedFile, by: User) -> Agreement:
    """Keep the signed copy (a PDF checked by the form). Logs
    `incubator.agreement.signed_copy_stored`."""
    with transaction.atomic():
        agreement = Agreement.objects.select_for_update().get(pk=agreement.pk)
        if not agreement.signatures.exists():
            raise DomainError(_("Record the signatures first."), code="no_signature")
        old = agreement.signed_copy.name
        agreement.signed_copy_name = clean_filename(upload.name or "")
        agreement.signed_copy.save("signed", upload, save=False)
        agreement.save(update_fields=["signed_copy", "signed_copy_name", "updated"])
        log_action(agreement, "incubator.agreement.signed_copy_stored", by=by)
        if old:
            storage = agreement.signed_copy.storage
            transaction.on_commit(lambda: storage.delete(old))
    return agreement
