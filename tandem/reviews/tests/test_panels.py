"""The College's panels on the personal home page."""

from __future__ import annotations

from tandem.reviews.models import Assignment, RequestStatus
from tandem.reviews.panels import college_queue


def test_the_coordinators_panel_counts_each_request_once(in_review, coordinator):
    # The queue's seat counts join each request to its assignments: one row per reviewer.
    assert Assignment.objects.filter(round__request=in_review).count() > 1

    panel = college_queue(coordinator)

    details = {item.text: item.detail for item in panel.items}
    assert details == {str(RequestStatus.IN_REVIEW.label): "1 request"}
