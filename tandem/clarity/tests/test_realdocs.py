"""Regression test on the real documents of issue 15 (hand judgements in data/real).

The committed part (the Open Brain Consent texts, CC BY-SA 3.0) always runs. The whole set runs
when the documents kept out of git are present in data/real/private/ (their licence does not
allow redistribution; judgements.json gives their source and SHA-256); otherwise that test is
skipped and says why. Thresholds are the figures reached when the set was built (see
docs/clarity-benchmarks.md, "Real documents, issue 15"), so that any regression fails.
"""

from __future__ import annotations

import pytest

from tandem.clarity.tests import realdocs

# measure -> lowest accepted share, on the committed documents (6, both parts)
COMMITTED = {
    "checklist_precision": 1.0,
    "checklist_recall": 1.0,
    "evidence_at_passage": 0.96,
    "technical_precision": 0.92,
    "acronym_precision": 1.0,
    "hard_term_recall": 0.98,
    "long_sentence_recall": 1.0,
    "long_sentence_precision": 1.0,
}
# on the whole set (20 documents), per part
WHOLE = {
    "tune": {
        "checklist_precision": 1.0,
        "checklist_recall": 1.0,
        "technical_precision": 0.99,
        "acronym_precision": 1.0,
        "hard_term_recall": 0.86,
        "long_sentence_recall": 0.99,
        "long_sentence_precision": 1.0,
    },
    "heldout": {
        "checklist_precision": 0.95,
        "checklist_recall": 0.95,
        "technical_precision": 0.74,
        "acronym_precision": 0.88,
        "hard_term_recall": 0.74,
        "long_sentence_recall": 1.0,
        "long_sentence_precision": 0.98,
    },
}


# the parts judged later, never tuned on (fourth round of 7 December: the figures reached on
# the texts rebuilt from their sources, less a finding's worth of margin)
WHOLE["fresh"] = {
    "checklist_precision": 0.97,
    "checklist_recall": 0.97,
    "technical_precision": 0.85,
    "hard_term_recall": 0.77,
    "long_sentence_recall": 1.0,
}
WHOLE["unseen"] = {
    "checklist_precision": 1.0,
    "checklist_recall": 1.0,
    "technical_precision": 0.93,
    "hard_term_recall": 0.90,
    "long_sentence_recall": 1.0,
}
WHOLE["unseen2"] = {
    "checklist_precision": 1.0,
    "checklist_recall": 1.0,
    "technical_precision": 1.0,
    "hard_term_recall": 0.85,
    "long_sentence_recall": 1.0,
}
# fifth round (7 December): unseen3's misses were read, so it is a tuning part now; unseen4 was
# judged before that round. The round's concept reading was measured and not kept (it cost
# precision, docs/clarity-benchmarks.md): these are the phrase cues' figures.
WHOLE["unseen3"] = {
    "checklist_precision": 1.0,
    "checklist_recall": 0.59,
    "technical_precision": 0.82,
    "hard_term_recall": 0.75,
    "long_sentence_recall": 1.0,
}
WHOLE["unseen4"] = {
    "checklist_precision": 1.0,
    "checklist_recall": 0.72,
    "technical_precision": 0.29,
    "hard_term_recall": 0.62,
    "long_sentence_recall": 0.96,
}


def _check(measures: realdocs.Measures, thresholds: dict[str, float]) -> None:
    failures = []
    for name, lowest in thresholds.items():
        value = getattr(measures, name).value
        assert value is not None, name
        if value + 1e-9 < lowest:
            failures.append(f"{name}: {getattr(measures, name)} < {lowest:.0%}")
    assert not failures, "\n".join([*failures, *measures.errors])


def test_the_judgements_name_their_sources_and_split():
    documents = realdocs.load()
    assert len(documents) >= 20
    assert {d.language for d in documents} == {"fr", "en"}
    not_tuned = [d for d in documents if d.split != "tune"]
    assert len(not_tuned) >= len(documents) // 3
    for doc in documents:
        assert doc.source and len(doc.sha256) == 64
        assert doc.split in realdocs.SPLITS
        if doc.committed:
            assert doc.text() is not None, f"{doc.id}: committed text missing or changed"


def test_measures_hold_on_the_committed_documents():
    measures, skipped = realdocs.measure(realdocs.load(), committed_only=True)
    assert not skipped
    assert measures.documents >= 6
    _check(measures, COMMITTED)


@pytest.mark.parametrize("split", realdocs.SPLITS)
def test_measures_hold_on_the_whole_set(split):
    documents = realdocs.load()
    measures, skipped = realdocs.measure(documents, split=split)
    if skipped:
        pytest.skip(
            f"{len(skipped)} documents of the {split} part are not in data/real/private/ "
            "(licence unknown, kept out of git; see judgements.json for their sources)"
        )
    _check(measures, WHOLE[split])


# the same form in English and in French (Open Brain Consent and its translations, committed)
TRANSLATION_PAIRS = (
    ("obc_ult_en", "obc_ult_fr"),
    ("obc_ult2t_en", "obc_ult2t_fr"),
    ("obc_gdpr_en", "obc_gdpr_fr"),
)
# score points apart at most (1, 4 and 2 when set; 2, 6 and 6 before; 18, 21, 18 at first)
MAX_PAIR_GAP = 4


@pytest.mark.parametrize(("english", "french"), TRANSLATION_PAIRS)
def test_a_form_and_its_translation_score_alike(english, french):
    documents = {d.id: d for d in realdocs.load()}
    scores = []
    for doc_id in (english, french):
        doc = documents[doc_id]
        text = doc.text()
        assert text is not None, doc_id
        scores.append(realdocs.analyse(doc, text).score)
    en, fr = scores
    assert en is not None and fr is not None
    assert abs(en - fr) <= MAX_PAIR_GAP, f"{english} {en}, {french} {fr}"


def test_the_reference_splitter_reads_no_as_a_word_and_a_dash_as_no_word():
    # "No." abbreviates "number" only before a number; a dash between spaces is not a word
    words = " ".join(["word"] * 18)
    assert realdocs.reference_long_sentences(f"No. Taking {words}.") == []
    assert len(realdocs.reference_long_sentences(f"See No. 5 {words}.")) == 1
    assert realdocs.reference_long_sentences(f"{' '.join(['word'] * 18)} - end.") == []
