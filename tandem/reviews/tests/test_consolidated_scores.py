"""The consolidated report's scores: every score of every review sent counts, including when
reviewers disagree (when they all agree, dropping one would not show)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tandem.reviews import services
from tandem.reviews.consolidate import ScoreSummary, deduplicate, merge, remarks
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


# --- Remarks said once ---------------------------------------------------------------------


def test_remarks_are_cut_by_line_without_their_list_markers():
    text = "  - un\n* deux\n• trois\n1. quatre\n12) cinq\n\n   \nsix - sept"
    assert remarks(text) == ["un", "deux", "trois", "quatre", "cinq", "six - sept"]


def test_remarks_differing_only_in_case_spaces_and_punctuation_are_one():
    assert deduplicate(["A-B", "a b", "a_b", "A.b"]) == ["A-B"]  # same length: the first stays


def test_a_remark_of_punctuation_alone_is_dropped_and_the_rest_kept():
    assert deduplicate(["!!!", "Jargon", "  ", "Trop long"]) == ["Jargon", "Trop long"]


def test_a_near_repeat_is_said_once_in_its_longer_wording():
    kept = deduplicate(["Phrases trop longue", "Phrases trop longues", "Jargon"])
    assert kept == ["Phrases trop longues", "Jargon"]


def test_remarks_exactly_at_the_similarity_threshold_are_one():
    # 17 letters shared out of 2 × 20: similarity 0.85 exactly.
    assert deduplicate(["abcdefghijklmnopqrst", "abcdefghijklmnopqXYZ"]) == ["abcdefghijklmnopqrst"]
    assert len(deduplicate(["abcdefghijklmnopqrst", "abcdefghijklmnopXYZW"])) == 2


def test_the_merged_comment_lists_each_remark_once():
    merged = merge(["- À expliquer\n- Jargon", "jargon.", "", "3) Ponction ?"])
    assert merged == "- À expliquer\n- jargon.\n- Ponction ?"
