"""The coordinator's indicators: turnaround per stage, on-time rate, load per reviewer, decline
rate, requests per category, the analyzer's indicators before and after review. A handful of
aggregate queries, whatever the number of requests."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Avg, Count, F, Max, Min, Q
from django.utils.translation import gettext_lazy as _

from tandem.checks.models import StudyCategory
from tandem.reviews.models import (
    ANALYSED_DOCUMENTS,
    OPEN_STATES,
    Assignment,
    AssignmentState,
    DocumentKind,
    DocumentVersion,
    ReviewerProfile,
    ReviewRequest,
)

STAGES = (
    ("triage", _("Submission to acceptance")),
    ("assignment", _("Acceptance to the first invitation")),
    ("review", _("First invitation to the report sent")),
    ("total", _("Submission to the report sent")),
)


def _days(value: dt.timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 86400, 1)


def compute() -> dict[str, Any]:
    stages = ReviewRequest.objects.aggregate(
        triage=Avg(F("accepted_at") - F("submitted_at")),
        assignment=Avg(F("review_started_at") - F("accepted_at")),
        review=Avg(F("report_sent_at") - F("review_started_at")),
        total=Avg(F("report_sent_at") - F("submitted_at")),
    )
    answered = Assignment.objects.aggregate(
        submitted=Count("pk", filter=Q(state=AssignmentState.SUBMITTED)),
        on_time=Count(
            "pk", filter=Q(state=AssignmentState.SUBMITTED, submitted_at__date__lte=F("due"))
        ),
        declined=Count("pk", filter=Q(state=AssignmentState.DECLINED)),
        expired=Count("pk", filter=Q(state=AssignmentState.EXPIRED)),
        invited=Count("pk", filter=~Q(state=AssignmentState.PROPOSED)),
    )
    load = (
        ReviewerProfile.objects.select_related("user")
        .annotate(
            open_load=Count(
                "user__review_assignments",
                filter=Q(user__review_assignments__state__in=OPEN_STATES),
            ),
            done=Count(
                "user__review_assignments",
                filter=Q(user__review_assignments__state=AssignmentState.SUBMITTED),
            ),
        )
        .order_by("-open_load", "user__last_name")
    )
    categories = dict(
        ReviewRequest.objects.values_list("category").annotate(n=Count("pk")).order_by()
    )
    # First and latest indicator of each analysed document that has several versions.
    per_document = (
        DocumentVersion.objects.filter(document__kind__in=ANALYSED_DOCUMENTS, score__isnull=False)
        .values("document_id", "document__kind")
        .annotate(first=Min("number"), last=Max("number"))
        .filter(last__gt=F("first"))
    )
    scores: dict[tuple[int, int], int] = {
        (v["document_id"], v["number"]): int(v["score"] or 0)
        for v in DocumentVersion.objects.filter(
            document_id__in=[d["document_id"] for d in per_document], score__isnull=False
        ).values("document_id", "number", "score")
    }
    indicators = []
    for kind in ANALYSED_DOCUMENTS:
        pairs: list[tuple[int, int]] = [
            (scores[d["document_id"], d["first"]], scores[d["document_id"], d["last"]])
            for d in per_document
            if d["document__kind"] == kind
        ]
        indicators.append(
            {
                "label": DocumentKind(kind).label,
                "documents": len(pairs),
                "before": round(sum(a for a, _b in pairs) / len(pairs), 1) if pairs else None,
                "after": round(sum(b for _a, b in pairs) / len(pairs), 1) if pairs else None,
            }
        )
    invited = answered["invited"] or 0
    return {
        "stages": [{"label": label, "days": _days(stages[key])} for key, label in STAGES],
        "on_time_rate": round(100 * answered["on_time"] / answered["submitted"])
        if answered["submitted"]
        else None,
        "submitted": answered["submitted"],
        "decline_rate": round(100 * answered["declined"] / invited) if invited else None,
        "expired": answered["expired"],
        "invited": invited,
        "load": list(load),
        "categories": [
            {"label": label, "count": categories.get(code, 0)}
            for code, label in StudyCategory.choices
        ],
        "indicators": indicators,
    }
