"""The consolidated report's scores: every score of every review sent counts, including when
reviewers disagree (when they all agree, dropping one would not show)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.reviews import services
from tandem.reviews.consolidate import ScoreSummary
from tandem.reviews.models import Assignment, AssignmentState

from .conftest import GRID


def test_the_summary_of_differing_scores_counts_each_of_them():
    summary = ScoreSummary((1, 2, 4))
    assert summary.as_dict() == {"scores": [1, 2, 4], "average": 2.3, "low": 1, "high": 4}


def test_a_criterion_without_scores_has_no_average():
    assert ScoreSummary(()).as_dict() == {"scores": [], "average": None, "low": None, "high": None}


@given(st.lists(st.integers(min_value=1, max_value=4), min_size=1, max_size=8))
def test_the_average_is_the_sum_over_the_number_of_scores(scores):
    summary = ScoreSummary(tuple(scores))
    assert summary.average == pytest.approx(round(sum(scores) / len(scores), 1))
    assert (summary.low, summary.high) == (min(scores), max(scores))
    assert summary.as_dict()["scores"] == scores


def test_the_report_averages_every_reviewers_score_when_they_disagree(in_review, coordinator, pool):
    readability = {pool[0].pk: 1, pool[1].pk: 2, pool[2].pk: 4}
    for assignment in Assignment.objects.filter(
        round=in_review.current_round, state=AssignmentState.INVITED
    ):
        services.accept_assignment(assignment, by=assignment.reviewer)
        grid = {**GRID, "readability_score": readability[assignment.reviewer_id]}
        services.save_review(assignment, by=assignment.reviewer, values=grid, submit=True)
    report = services.start_consolidation(in_review, by=coordinator)
    readability_summary = report.scores["readability"]
    assert sorted(readability_summary.pop("scores")) == [1, 2, 4]
    assert readability_summary == {"average": 2.3, "low": 1, "high": 4}
    assert report.scores["rights"]["scores"] == [4, 4, 4]
