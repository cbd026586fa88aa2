"""Technical terms and plain-word swaps from the lexicon (``jargon``, ``plain_word``), and
citations of legal texts (``jargon``)."""

from __future__ import annotations

import re

from ..lexicon import Matcher
from ..messages import message, quote_list
from ..segment import Document, Sentence, Token
from .finding import Finding, Severity
from .words import url_part

__all__ = ["jargon_findings", "legal_citation_findings"]


def jargon_findings(
    doc: Document, matcher: Matcher, ui: str
) -> tuple[list[Finding], set[tuple[int, int]]]:
    """Lexicon hits.

    Technical terms (``jargon``): the first use of each entry is a warning, later ones are
    information; a term explained where it stands ("podomètre (un appareil qui compte les
    pas)") is information. Plain-word swaps (``plain_word``, "afin de" → "pour"): the first use
    of each entry only, as information.
    """
    results: list[Finding] = []
    spans: set[tuple[int, int]] = set()
    seen: set[str] = set()
    text = doc.text
    matches = [
        (sentence, match)
        for sentence in doc.sentences
        for match in matcher.find(text, sentence.tokens)
        if not url_part(text, Token(match.start, match.end, "", "word"))  # "dpo@hopital.fr"
    ]
    # a term that names its section (a heading, a "Label:") and is used in the text as well is
    # reported where it is used: the section under the heading says what it is
    labels = {id(m) for s, m in matches if _names_its_section(text, s, m.start, m.end)}
    used = {m.entry.term for _s, m in matches if id(m) not in labels}
    for _sentence, match in matches:
        entry = match.entry
        found = text[match.start : match.end]
        spans.add((match.start, match.end))
        if entry.kind == "retired" or (
            id(match) in labels and entry.term in used and entry.kind != "plain"
        ):
            continue
        first = entry.term not in seen
        seen.add(entry.term)
        if entry.kind == "plain":
            if first:
                msg = message("plain_word", ui, text=found, plain=quote_list(entry.plain, ui))
                results.append(
                    Finding("plain_word", "info", match.start, match.end, found, msg, entry.plain)
                )
            continue
        explained = _explained_here(text, match.end)
        if explained:
            msg = message("jargon_explained", ui, text=found)
        elif entry.explanation:
            msg = message("jargon", ui, text=found, explanation=entry.explanation)
        else:
            msg = message("jargon_no_explanation", ui, text=found)
        severity: Severity = "warning" if first and not explained else "info"
        results.append(Finding("jargon", severity, match.start, match.end, found, msg, entry.plain))
    return results, spans


_LABEL_LEAD_RE = re.compile(r"(?:[-•*#]\s*)?(?:\d+[.)]\s*)?$")
_LABEL_TAIL_RE = re.compile(r"[\s?.!]*(?::|$)")


def _names_its_section(text: str, sentence: Sentence, start: int, end: int) -> bool:
    """The term is the whole of a heading ("# 5. Data retention") or the label of a line
    ("- Data Retention: recordings are deleted…"): the text under it says what it is."""
    line_start = text.rfind("\n", 0, start) + 1
    if not _LABEL_LEAD_RE.fullmatch(text, line_start, start):
        return False
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    tail = _LABEL_TAIL_RE.match(text, end, line_end)
    if tail is None:
        return False
    if text[tail.end() - 1 : tail.end()] == ":":
        return True  # a label
    return sentence.heading and tail.end() == line_end


# legal citations: "article 6.1.e du Règlement (UE) 2016/679", "loi n° 94-548", "article 16-6 of
# the Civil Code", "articles L1121-1 du Code de la santé publique"
_LEGAL_RES = (
    re.compile(
        r"\b(?:R[èe]glement|Regulation|Directive)\s+\((?:UE|EU|CE|EC)\)\s+(?:n[°o]\s*)?"
        r"\d{2,4}/\d+(?:/(?:UE|EU|CE|EC))?"
    ),
    re.compile(
        r"\b(?:[Ll]ois?|[Ll]aws?|[Dd][ée]crets?|[Dd]ecrees?|[Oo]rdonnances?|[Aa]cts?)\s+(?:n[°o]s?\.?|[Nn]os?\.?)"
        r"\s*\d{2,4}-\d+(?:\s+du\s+\d{1,2}(?:er)?\s+\w+\s+\d{4})?"
    ),
    re.compile(
        r"\b(?:[Aa]rticles?|[Aa]rt\.)\s+(?:[LRD]\.?\s?)?\d+(?:[-.]\d+)*(?:\.?[a-z]\b|\s?\(\d+\))*"
        r"(?:\s+(?:du|de\s+la|de\s+l['’]|of\s+the|of)\s+"
        r"(?:[Cc]ode(?:\s+(?:civil|p[ée]nal|de\s+la\s+sant[ée]\s+publique))?|[Cc]ivil\s+[Cc]ode|"
        r"R[èe]glement|Regulation|RGPD|GDPR|[Ll]oi|[Ll]aw|Data\s+Protection\s+Act))?"
    ),
)


def legal_citation_findings(doc: Document, ui: str) -> tuple[list[Finding], set[tuple[int, int]]]:
    """Citations of legal texts: a lay reader cannot look them up; say what they mean."""
    spans: list[tuple[int, int]] = []
    text = doc.text
    for pattern in _LEGAL_RES:
        spans.extend(m.span() for m in pattern.finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    results = [
        Finding(
            "jargon",
            "warning" if index == 0 else "info",
            start,
            end,
            text[start:end],
            message("legal_citation", ui, text=text[start:end]),
        )
        for index, (start, end) in enumerate(merged)
    ]
    return results, set(merged)


_EXPLANATION_RE = re.compile(
    r" ?(?:\((?:c'est-à-dire |c’est-à-dire |i\.e\.,? |that is,? |soit |ou |or )?"
    r"(?:une?|la|le|les|des|l'|l’|a|an|the)\b[^()\n]{3,}\)"
    r"|, (?:c'est-à-dire|c’est-à-dire|that is|i\.e\.)\b)",
    re.IGNORECASE,
)


def _explained_here(text: str, end: int) -> bool:
    """The term is followed by its explanation: "(un appareil qui compte les pas)", ", that is"."""
    return _EXPLANATION_RE.match(text, end) is not None
