"""The analyzer's French follows the project's typography: a narrow no-break space (U+202F)
before ":" ";" "?" "!" and inside « », never a plain space that lets the mark start a line
("n'est pas développé : écrivez" was the tester's example). English has no space there."""

from __future__ import annotations

import re

from tandem.clarity import analyze, docx_comments, html, messages
from tandem.clarity.checklist import load_items
from tandem.clarity.cli import render_text
from tandem.clarity.extract import errors
from tandem.clarity.lexicon import load_entries

PLAIN_SPACE = re.compile(r" [:;!?»]|« ")
# Findings of every kind: a long sentence, technical and rare words, an acronym never spelled
# out, a passive, an unexplained percentage, mixed decimal separators.
TEXT = (
    "Vous êtes invité à participer à une recherche. Les prélèvements seront réalisés par"
    " l'investigateur principal lors de chaque visite prévue dans le protocole de la recherche"
    " biomédicale qui a été approuvé par le comité de protection des personnes et qui comporte"
    " une ponction lombaire ainsi que plusieurs examens complémentaires. Le CPP a donné un avis"
    " favorable. Dans 12 % des cas, un effet indésirable survient. La dose est de 2,5 mg puis"
    " de 1.5 mg. Vous pouvez arrêter à tout moment."
)


def _plain_spaced(texts: list[str]) -> list[str]:
    return [text for text in texts if PLAIN_SPACE.search(text)]


def test_no_french_message_of_the_analyzer_has_a_plain_space_before_double_punctuation():
    texts = [table["fr"] for table in messages._MESSAGES.values()]
    texts += [table["fr"] for table in messages._BANDS.values()]
    texts += [french for french, _english in errors._ERRORS.values()]
    texts += [table["fr"] for table in (*html._LABELS.values(), *html._KINDS.values())]
    texts += [table["fr"] for table in docx_comments._KIND_LABELS.values()]
    for item in load_items():
        texts += [item.label["fr"], item.source_for("fr")]
    texts += [entry.explanation or "" for entry in load_entries("fr")]
    texts.append(messages.quote_list(["groupe", "partie"], "fr"))
    assert _plain_spaced(texts) == []


def test_a_french_report_has_no_plain_space_before_double_punctuation():
    report = analyze(TEXT, language="fr", document_kind="consent", interface_language="fr")
    assert {"long_sentence", "jargon", "acronym"} <= {f.kind for f in report.findings}
    texts = [f.message for f in report.findings]
    texts += [f.band or "" for f in report.readability] + [f.note or "" for f in report.readability]
    texts += [f"{c.label} {c.source} {c.note or ''}" for c in report.checklist]
    texts += [report.too_short_message or ""]
    texts += [docx_comments._comment_text(f, "fr") for f in report.findings]
    texts += render_text(report).splitlines()
    assert _plain_spaced(texts) == []
    assert "\u202f:" in " ".join(texts)


def test_english_messages_have_no_space_before_double_punctuation():
    english = [table["en"] for table in messages._MESSAGES.values()]
    english += [en for _fr, en in errors._ERRORS.values()]
    assert [t for t in english if re.search(r"[ \u00a0\u202f][:;!?]", t)] == []
