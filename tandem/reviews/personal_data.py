"""What the College holds about a person, for the data export and for erasure."""

from __future__ import annotations

from typing import Any

from tandem.accounts.models import User
from tandem.reviews.models import (
    AnchoredComment,
    Assignment,
    ConsolidatedReport,
    ReviewerProfile,
)


def export(user: User) -> dict[str, Any]:
    profile = ReviewerProfile.objects.filter(user=user).first()
    return {
        "reviewer_profile": None
        if profile is None
        else {
            "status": profile.status,
            "organization": str(profile.organization or ""),
            "languages": profile.languages,
            "training_completed_on": str(profile.training_completed_on or ""),
            "max_open_reviews": profile.max_open_reviews,
            "declared_conflicts": profile.declared_conflicts,
            "motivation": profile.motivation,
        },
        "assignments": [
            {"request": str(a.round.request), "state": a.state, "due": str(a.due)}
            for a in Assignment.objects.filter(reviewer=user).select_related("round__request")
        ],
        "comments": [
            {"quote": c.quote, "comment": c.comment, "suggestion": c.suggestion}
            for c in AnchoredComment.objects.filter(author=user)
        ],
    }


def erase(user: User) -> None:
    # Reviews sent belong to the studies' records; the profile (personal details) goes, and so
    # does the name the person let reports show.
    ReviewerProfile.objects.filter(user=user).delete()
    name = str(user)
    for report in ConsolidatedReport.objects.filter(round__assignments__reviewer=user).distinct():
        if name in report.reviewer_names:
            report.reviewer_names = [n for n in report.reviewer_names if n != name]
            report.save(update_fields=["reviewer_names"])
