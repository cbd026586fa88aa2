"""``analyze``: text in, report out. It prepares the text, runs the checks and puts the
report together (see ``report``, ``scoring``, ``language``, ``document_kind``)."""

from __future__ import annotations

from . import checklist as checklist_module
from .checklist import Heading, ItemResult
from .config import Config
from .document_kind import infer_kind
from .findings.acronyms import acronym_findings
from .findings.finding import Finding, sort_findings
from .findings.numbers import number_findings
from .findings.rare_words import rare_word_findings
from .findings.sentences import long_sentence_findings, passive_findings
from .findings.terms import jargon_findings, legal_citation_findings
from .hyphenation import rejoin_hyphenated
from .language import detect_language, foreign_blocks, language_findings
from .lexicon import matcher_for
from .readability import SentenceCounts, compute_stats, formulas
from .report import Report, SectionReport
from .scoring import compute_score
from .segment import Document, section_title, segment
from .text import OffsetMap, fold, normalize

__all__ = ["analyze"]

LANGUAGES = ("fr", "en")
# the checklist items whose place in the text the length block reports (docs/clarity.md)
KEY_ITEMS = ("research_nature", "objective")


def analyze(
    text: str,
    *,
    language: str = "auto",
    document_kind: str = "other",
    category: str | None = None,
    interface_language: str | None = None,
    config: Config | None = None,
) -> Report:
    """Analyse ``text`` and return the report. Offsets point into ``report.text`` (normalised)."""
    if language not in (*LANGUAGES, "auto"):
        raise ValueError(f"language must be fr, en or auto, not {language!r}")
    if document_kind not in (*checklist_module.KINDS, "auto"):
        raise ValueError(f"document_kind must be one of {checklist_module.KINDS} or auto")
    if category is not None and category not in checklist_module.CATEGORIES:
        raise ValueError(f"category must be one of {checklist_module.CATEGORIES} or None")
    config = config or Config()
    original = text
    text = rejoin_hyphenated(normalize(text))
    offsets = None if text == original else OffsetMap(original, text)
    lang = detect_language(text) if language == "auto" else language
    ui = interface_language if interface_language in LANGUAGES else lang
    assert ui is not None
    doc = segment(text, language=lang)

    body = doc.body_sentences
    counts: dict[int, SentenceCounts] = {}
    stats = compute_stats(body, lang, characters=len(text), cache=counts)
    readability = formulas(stats, lang, ui)

    other = "en" if lang == "fr" else "fr"
    foreign = foreign_blocks(doc, lang)
    matcher = matcher_for(lang, config.extra_lexicon, replace=config.replace_lexicon)
    jargon, jargon_spans = jargon_findings(doc, matcher, ui)
    if foreign and not config.replace_lexicon:
        # passages in the other language are read with that language's built-in lexicon (the
        # caller's entries are for the document's language)
        theirs, their_spans = jargon_findings(doc, matcher_for(other), ui)
        jargon = [f for f in jargon if not _inside_any(f.start, foreign)]
        jargon += [f for f in theirs if _inside_any(f.start, foreign)]
        jargon_spans = {sp for sp in jargon_spans if not _inside_any(sp[0], foreign)} | {
            sp for sp in their_spans if _inside_any(sp[0], foreign)
        }
    legal, legal_spans = legal_citation_findings(doc, ui)
    known_acronyms = _acronyms_in_lexicon(jargon)
    acronyms = acronym_findings(doc, config, ui, known=known_acronyms)
    # an acronym that is also in the lexicon is reported once, as an acronym whose message
    # carries the lexicon's explanation and whose suggestions are its plain words
    acronym_spans = {(f.start, f.end) for f in acronyms}
    jargon = [f for f in jargon if (f.start, f.end) not in acronym_spans]
    if legal:  # a term inside a legal citation is reported with the citation
        jargon = [f for f in jargon if not _within(f, legal_spans)]
        acronyms = [f for f in acronyms if not _within(f, legal_spans)]
        jargon_spans |= legal_spans
        jargon.extend(legal)
    findings = sort_findings(
        [
            *long_sentence_findings(doc, config, ui),
            *jargon,
            *language_findings(doc, foreign, other, ui),
            *rare_word_findings(doc, config, ui, skip=jargon_spans | set(foreign)),
            *acronyms,
            *passive_findings(doc, ui),
            *number_findings(doc, ui),
        ]
    )
    folded = fold(text)
    also = ((other, _keep_only(folded, foreign)),) if foreign else ()
    headings = _section_headings(doc)
    inferred = document_kind == "auto"
    items = checklist_module.evaluate(
        text, language=lang, document_kind="other" if inferred else document_kind,
        category=category, ui=ui, folded=folded, also=also, headings=headings,
    )  # fmt: skip
    if inferred:
        document_kind = infer_kind(folded, items)
        if document_kind != "other":
            items = checklist_module.evaluate(
                text, language=lang, document_kind=document_kind, category=category, ui=ui,
                folded=folded, also=also, headings=headings,
            )  # fmt: skip
    sections = tuple(
        _section_report(doc, index, lang, ui, counts) for index in range(len(doc.sections))
    )
    # a document of kind "other" is not expected to hold the leaflet's elements
    score: int | None
    long_starts = {f.start for f in findings if f.kind == "long_sentence"}
    long_words = {
        s.start: sum(1 for t in s.tokens if not t.elided)
        for s in doc.body_sentences
        if s.start in long_starts
    }
    score, details = compute_score(
        stats, readability, findings, items if document_kind != "other" else (), lang,
        long_words, config,
    )  # fmt: skip
    if stats.words < config.min_words_to_judge:  # too short to judge: say so, do not score
        score, details = None, {key: None for key in details}
    key_information = _key_information(items, len(text))
    return Report(
        language=lang,
        interface_language=ui,
        document_kind=document_kind,
        category=category,
        text=text,
        stats=stats,
        paragraphs=doc.paragraph_count,
        readability=readability,
        findings=tuple(findings),
        checklist=items,
        score=score,
        score_details=details,
        sections=sections,
        reading_minutes=round(stats.words / max(1, config.reading_words_per_minute), 1),
        key_information=key_information,
        document_kind_inferred=inferred,
        min_words_to_judge=config.min_words_to_judge,
        offsets=offsets,
    )


def _section_headings(doc: Document) -> tuple[Heading, ...]:
    """Each heading followed by body text, its title folded and without section number, and
    the section's first body sentence."""
    headings = []
    for section in doc.sections:
        if section.heading is None:
            continue
        body = section.sentences
        if not body:
            continue
        h = section.heading
        title = fold(section_title(doc.text[h.start : h.end]))
        headings.append(Heading(h.start, h.end, title, body[0].start, body[0].end))
    return tuple(headings)


def _keep_only(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with everything outside ``spans`` blanked out (offsets kept)."""
    out = [" "] * len(text)
    for start, end in spans:
        out[start:end] = text[start:end]
    return "".join(out)


def _inside_any(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)


def _within(finding: Finding, spans: set[tuple[int, int]]) -> bool:
    return any(a <= finding.start and finding.end <= b for a, b in spans)


def _acronyms_in_lexicon(jargon: list[Finding]) -> dict[str, tuple[tuple[str, ...], str]]:
    """Acronyms found in the lexicon: plain alternatives and the jargon message."""
    known: dict[str, tuple[tuple[str, ...], str]] = {}
    for finding in jargon:
        if finding.text.isupper():
            known.setdefault(finding.text, (finding.suggestions, finding.message))
    return known


def _section_report(
    doc: Document, index: int, language: str, ui: str, counts: dict[int, SentenceCounts]
) -> SectionReport:
    section = doc.sections[index]
    sentences = section.sentences
    stats = compute_stats(sentences, language, characters=section.end - section.start, cache=counts)
    heading = None
    if section.heading is not None:
        heading = doc.text[section.heading.start : section.heading.end]
    return SectionReport(
        heading, section.start, section.end, stats.words, formulas(stats, language, ui)
    )


def _key_information(items: tuple[ItemResult, ...], length: int) -> dict[str, int | float | None]:
    info: dict[str, int | float | None] = {}
    for item in items:
        if item.id in KEY_ITEMS:
            info[item.id] = item.evidence[0][0] if item.evidence else None
    for key in KEY_ITEMS:
        info.setdefault(key, None)
    offsets = [v for k, v in info.items() if k in KEY_ITEMS and isinstance(v, int)]
    first = min(offsets) if offsets else None
    info["first_offset"] = first
    info["first_position"] = round(first / length, 3) if first is not None and length else None
    return info
