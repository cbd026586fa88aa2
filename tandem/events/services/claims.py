"""Travel expenses: a volunteer's claim with its receipts, an officer's decision."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.notifications import notify
from tandem.core.uploads import clean_filename
from tandem.events.models import (
    MAY_CLAIM,
    ClaimStatus,
    Event,
    ExpenseClaim,
    Receipt,
    Registration,
    RegistrationStatus,
)
from tandem.events.services.common import CLAIM_WORKFLOW


def _refuse_claim(registration: Registration | None) -> None:
    """The one rule of who may claim (`MAY_CLAIM`), with a reason for each refusal."""
    if registration is not None and registration.status == RegistrationStatus.NO_SHOW:
        raise DomainError(
            _(
                "You were recorded as absent from this event: travel expenses are for the "
                "people who came. If this is a mistake, ask the officer to correct the "
                "attendance."
            ),
            code="no_show",
        )
    if registration is None or registration.status not in MAY_CLAIM:
        raise DomainError(
            _("Travel expenses are for the events you had a place at."), code="not_registered"
        )


def submit_claim(
    *,
    by: User,
    event: Event,
    amount: Decimal,
    description: str,
    receipts: Sequence[tuple[UploadedFile, str]],
) -> ExpenseClaim:
    """A volunteer asks for travel expenses of an event they had a place at and were not
    recorded as absent from (`MAY_CLAIM`), with receipts (already checked by
    `validate_upload`: (file, kind)). Logs `events.claim.submitted`."""
    if not receipts:
        raise DomainError(_("Add at least one receipt."), code="no_receipt")
    if amount <= 0:
        raise DomainError(_("The amount must be more than zero."), code="amount")
    with transaction.atomic():
        # Lock and re-read the person's registration: attendance recorded meanwhile is seen.
        registration = (
            Registration.objects.select_for_update()
            .filter(event=event, user=by)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
        _refuse_claim(registration)
        claim = ExpenseClaim.objects.create(
            user=by, event=event, amount=amount, description=description.strip()
        )
        for upload, kind in receipts:
            receipt = Receipt(
                claim=claim, original_filename=clean_filename(upload.name or ""), kind=kind
            )
            receipt.file.save("receipt", upload, save=False)
            receipt.save()
        log_action(claim, "events.claim.submitted", by=by, data={"receipts": len(receipts)})
    return claim


def decide_claim(claim: ExpenseClaim, *, by: User, approve: bool, reason: str = "") -> ExpenseClaim:
    """An officer approves or rejects a claim (a rejection says why); the person is told.
    Logs `events.claim.approved` or `events.claim.rejected`."""
    if not approve and not reason.strip():
        raise DomainError(_("Say why the claim is rejected."), code="reason_required")
    with transaction.atomic():
        claim = ExpenseClaim.objects.select_for_update().select_related("user").get(pk=claim.pk)
        CLAIM_WORKFLOW.apply(claim, ClaimStatus.APPROVED if approve else ClaimStatus.REJECTED)
        claim.decided_by = by
        claim.decided_at = timezone.now()
        claim.decision_reason = reason.strip()
        claim.save()
        log_action(claim, f"events.claim.{claim.status}", by=by)
        person = claim.user
        title = (
            _("Your travel expenses are approved")
            if approve
            else _("Your travel expenses are rejected")
        )
        (
            notify(
                person,
                kind="events.claim",
                title=title,
                body=claim.decision_reason,
                url=claim.get_absolute_url(),
            )
        )
    return claim
