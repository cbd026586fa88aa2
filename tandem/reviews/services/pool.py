"""The reviewer pool: applications, invitations, validation, status, profile and absences."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import Role, RoleAssignment, User
from tandem.core.audit import log_action
from tandem.core.errors import DomainError, TransitionNotAllowed
from tandem.core.notifications import notify
from tandem.directory.models import DiseaseArea, Organization, OrganizationMembership
from tandem.reviews.models import REVIEWER_WORKFLOW, ReviewerProfile, ReviewerStatus, Unavailability
from tandem.reviews.services.notices import notify_coordinators


def apply_to_college(
    user: User,
    *,
    organization: Organization,
    languages: Sequence[str],
    motivation: str = "",
    disease_areas: Iterable[DiseaseArea] = (),
    max_open_reviews: int = 2,
    declared_conflicts: str = "",
) -> ReviewerProfile:
    """An organization member applies to join the College. Creates an `applied` profile, logs
    `reviews.reviewer.applied`, tells the coordinators."""
    if not OrganizationMembership.objects.filter(user=user, organization=organization).exists():
        raise DomainError(
            _("You can apply only on behalf of an organization you are a member of."),
            code="not_member",
        )
    duplicate = DomainError(_("You have already applied to the College."), code="duplicate")
    if ReviewerProfile.objects.filter(user=user).exists():
        raise duplicate
    with transaction.atomic():
        try:
            # The check above reads before any lock: a second application sent at the same
            # moment meets the unique profile per person here and is refused the same way.
            with transaction.atomic():
                profile = ReviewerProfile.objects.create(
                    user=user,
                    organization=organization,
                    languages=list(languages),
                    motivation=motivation,
                    max_open_reviews=max_open_reviews,
                    declared_conflicts=declared_conflicts,
                    status=ReviewerStatus.APPLIED,
                )
        except IntegrityError as exc:
            raise duplicate from exc
        profile.disease_areas.set(list(disease_areas))
        log_action(profile, "reviews.reviewer.applied", by=user)
        notify_coordinators(
            kind="reviews.application",
            title=gettext_noop("%(name)s applies to the College of Reviewers"),
            params={"name": str(user)},
            url=reverse("reviews:pool"),
        )
    return profile


def invite_reviewer(
    user: User,
    *,
    by: User,
    organization: Organization | None,
    languages: Sequence[str],
    training_completed_on: dt.date | None = None,
    max_open_reviews: int = 2,
    disease_areas: Iterable[DiseaseArea] = (),
) -> ReviewerProfile:
    """The coordinator adds a person to the College directly (an invitation): the profile is
    active and the person gets the reviewer role. Logs `reviews.reviewer.invited`."""
    with transaction.atomic():
        profile, created = ReviewerProfile.objects.get_or_create(
            user=user,
            defaults={
                "organization": organization,
                "languages": list(languages),
                "training_completed_on": training_completed_on,
                "max_open_reviews": max_open_reviews,
                "status": ReviewerStatus.ACTIVE,
                "validated_by": by,
                "validated_at": timezone.now(),
            },
        )
        if not created:
            raise DomainError(_("This person is already in the College."), code="duplicate")
        profile.disease_areas.set(list(disease_areas))
        RoleAssignment.objects.get_or_create(
            user=user, role=Role.REVIEWER, defaults={"granted_by": by}
        )
        log_action(profile, "reviews.reviewer.invited", by=by)
        notify(
            user,
            kind="reviews.welcome",
            title=gettext_noop("Welcome to the College of Reviewers"),
            params={},
            url=reverse("reviews:my_assignments"),
        )
    return profile


def validate_application(
    profile: ReviewerProfile, *, by: User, training_completed_on: dt.date | None = None
) -> ReviewerProfile:
    """The coordinator validates an application: active, reviewer role granted. Logs
    `reviews.reviewer.validated` and tells the applicant."""
    with transaction.atomic():
        profile = ReviewerProfile.objects.select_for_update(of=("self",)).get(pk=profile.pk)
        if profile.status != ReviewerStatus.APPLIED:
            raise TransitionNotAllowed(
                _("Only an application waiting for validation can be validated.")
            )
        REVIEWER_WORKFLOW.apply(profile, ReviewerStatus.ACTIVE)
        profile.validated_by = by
        profile.validated_at = timezone.now()
        if training_completed_on is not None:
            profile.training_completed_on = training_completed_on
        profile.save()
        RoleAssignment.objects.get_or_create(
            user=profile.user, role=Role.REVIEWER, defaults={"granted_by": by}
        )
        log_action(profile, "reviews.reviewer.validated", by=by)
        notify(
            profile.user,
            kind="reviews.welcome",
            title=gettext_noop("Your application to the College of Reviewers is accepted"),
            params={},
            url=reverse("reviews:my_assignments"),
        )
    return profile


def waive_training(profile: ReviewerProfile, *, by: User, reason: str) -> ReviewerProfile:
    """The coordinator waives the reviewers' training for a person (trained elsewhere, say):
    the profile counts as trained from today. Refused without a reason. Logs
    `reviews.training.waived` with the reason."""
    if not reason.strip():
        raise DomainError(_("Say why the training is waived."), code="reason_required")
    with transaction.atomic():
        profile = ReviewerProfile.objects.select_for_update(of=("self",)).get(pk=profile.pk)
        if profile.training_completed_on is not None:
            return profile
        profile.training_completed_on = timezone.localdate()
        profile.save(update_fields=["training_completed_on", "updated"])
        log_action(profile, "reviews.training.waived", by=by, data={"reason": reason.strip()[:500]})
    return profile


def set_reviewer_status(profile: ReviewerProfile, *, by: User, status: str) -> ReviewerProfile:
    """Activate or deactivate a reviewer (or turn down an application). Logs
    `reviews.reviewer.<status>`."""
    with transaction.atomic():
        profile = ReviewerProfile.objects.select_for_update(of=("self",)).get(pk=profile.pk)
        REVIEWER_WORKFLOW.apply(profile, status)
        profile.save(update_fields=["status", "updated"])
        log_action(profile, f"reviews.reviewer.{status}", by=by)
    return profile


def update_reviewer_profile(
    profile: ReviewerProfile, *, by: User, values: Mapping[str, Any]
) -> ReviewerProfile:
    """Change a profile's fields (many-to-many values given as lists). Logs
    `reviews.reviewer.updated` with the names of the fields changed."""
    many = {"disease_areas", "conflict_organizations"}
    with transaction.atomic():
        # Only the fields given change: a concurrent edit of the others is kept.
        profile = ReviewerProfile.objects.select_for_update(of=("self",)).get(pk=profile.pk)
        for name, value in values.items():
            if name in many:
                getattr(profile, name).set(list(value))
            else:
                setattr(profile, name, value)
        profile.save()
        log_action(profile, "reviews.reviewer.updated", by=by, data={"fields": sorted(values)})
    return profile


def add_unavailability(
    profile: ReviewerProfile, *, by: User, start: dt.date, end: dt.date, note: str = ""
) -> Unavailability:
    if end < start:
        raise DomainError(_("The end of an absence cannot come before its start."), code="order")
    with transaction.atomic():
        period = Unavailability.objects.create(profile=profile, start=start, end=end, note=note)
        log_action(
            profile,
            "reviews.reviewer.unavailable",
            by=by,
            data={"start": str(start), "end": str(end)},
        )
    return period
