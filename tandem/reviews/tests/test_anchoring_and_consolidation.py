from __future__ import annotations

import pytest

from tandem.reviews.anchoring import context, locate
from tandem.reviews.consolidate import deduplicate, merge
from tandem.reviews.documents import report_pdf
from tandem.reviews.presenters import diff

TEXT = "Vous pouvez arrêter. Plus loin : vous pouvez arrêter à tout moment. Fin."


def test_a_quote_is_found_across_line_breaks():
    assert locate("une ponction\narticulaire ici", "ponction articulaire") == (4, 24)


def test_a_repeated_quote_is_placed_by_its_context():
    first = TEXT.index("Vous pouvez arrêter")
    second = TEXT.lower().index("vous pouvez arrêter à")
    prefix, suffix = context(TEXT, second, second + 19)
    assert locate(TEXT, "vous pouvez arrêter", prefix=prefix, suffix=suffix) == (
        second,
        second + 19,
    )
    assert locate(TEXT, "Vous pouvez arrêter") == (first, first + 19)


def test_a_rewritten_passage_is_not_found():
    assert locate(TEXT, "vous pouvez partir") is None


def test_near_repeats_are_said_once_keeping_the_longer_wording():
    kept = deduplicate(
        [
            "Phrases trop longues.",
            "phrases trop longues",
            "Phrases beaucoup trop longues !",
            "Jargon",
        ]
    )
    assert kept == ["Phrases beaucoup trop longues !", "Jargon"] or kept == [
        "Phrases trop longues.",
        "Phrases beaucoup trop longues !",
        "Jargon",
    ]
    assert merge(["- A expliquer\n- Jargon", "jargon."]) == "- A expliquer\n- jargon."


def _marked(row):
    return [(p.kind, p.text) for p in [*row.before, *row.after] if p.kind != "equal"]


def test_the_diff_marks_insertions_and_deletions():
    [row] = diff("Le médecin vérifie.", "Le docteur vérifie.")
    assert row.kind == "changed"
    assert _marked(row) == [("delete", "médecin"), ("insert", "docteur")]


def test_a_rewritten_sentence_never_runs_words_together():
    """The issue's case: whitespace was matched as equal, gluing removed and added words
    ("rechercherecherche. impliquantElle laveut")."""
    before = "Nous menons une recherche impliquant la personne humaine. Elle dure un an."
    after = "Nous menons une recherche. Elle veut savoir si le médicament aide. Elle dure un an."
    rows = diff(before, after)
    assert [r.kind for r in rows] == ["changed", "added", "equal"]
    first = rows[0]
    assert " ".join(p.text for p in first.before) == (
        "Nous menons une recherche impliquant la personne humaine."
    )
    assert " ".join(p.text for p in first.after) == "Nous menons une recherche."
    assert ("delete", "recherche impliquant la personne humaine.") in _marked(first)
    assert rows[1].after[0].text == "Elle veut savoir si le médicament aide."
    assert rows[2].before[0].text == rows[2].after[0].text == "Elle dure un an."


def test_sentences_are_aligned_removed_and_added_around_unchanged_ones():
    before = "Titre\n\nUn. Deux phrases ici. Trois."
    after = "Titre\n\nUn. Quatre tout nouveau sans rapport! Trois."
    kinds = [r.kind for r in diff(before, after)]
    assert kinds == ["equal", "equal", "removed", "added", "equal"]


def test_the_report_pdf_is_a_valid_pdf(in_review, coordinator):
    from tandem.reviews import services

    from .conftest import review_all

    review_all(in_review)
    report = services.start_consolidation(in_review, by=coordinator)
    data = report_pdf(report)
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    import io

    from pypdf import PdfReader

    assert "College of Reviewers" in PdfReader(io.BytesIO(data)).pages[0].extract_text()


@pytest.mark.parametrize(
    ("text", "quote", "found"),
    [
        ("Vous pouvez l’arrêter à tout moment.", "l'arrêter à tout", "l’arrêter à tout"),
        ("Vous pouvez l'arrêter à tout moment.", "l’arrêter à tout", "l'arrêter à tout"),
        ("L’étude dite « GENOU » dure un an.", 'dite "GENOU" dure', "dite « GENOU » dure"),
        ('L’étude dite "GENOU" dure un an.', "dite « GENOU » dure", 'dite "GENOU" dure'),
        ("dite «\u00a0GENOU\u00a0» dure", "dite “GENOU” dure", "dite «\u00a0GENOU\u00a0» dure"),
        ("dite “GENOU” dure", "dite «\u202fGENOU\u202f» dure", "dite “GENOU” dure"),
        ("jusqu’à\u00a0la fin", "jusqu'à la fin", "jusqu’à\u00a0la fin"),
        ("jusqu'à la fin", "jusqu’à\u00a0la fin", "jusqu'à la fin"),
    ],
)
def test_a_quote_is_found_whichever_apostrophes_quotes_and_spaces_were_typed(text, quote, found):
    span = locate(text, quote)
    assert span is not None
    assert text[span[0] : span[1]] == found


def test_folding_quotes_does_not_swallow_the_space_around_a_passage():
    text = "Il a dit « oui » hier."
    start, end = locate(text, '"oui"')
    assert text[start:end] == "« oui »"
    assert locate(text, "a dit") == (3, 8)
    assert locate(text, "l'arrêt") is None
