"""``analyze``: text in, report out (schema ``tandem.clarity/1``, documented in docs/clarity.md)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from . import checklist as checklist_module
from .checklist import Heading, ItemResult
from .config import Config
from .findings.acronyms import acronym_findings
from .findings.finding import Finding, sort_findings
from .findings.numbers import number_findings
from .findings.rare_words import rare_word_findings
from .findings.sentences import long_sentence_findings, passive_findings
from .findings.terms import jargon_findings, legal_citation_findings
from .findings.words import zipf
from .lexicon import matcher_for
from .messages import message
from .readability import Formula, SentenceCounts, Stats, compute_stats, formulas
from .segment import Document, section_title, segment
from .text import OffsetMap, fold, normalize

__all__ = ["SCHEMA", "Report", "SectionReport", "analyze", "detect_language"]

SCHEMA = "tandem.clarity/1"
LANGUAGES = ("fr", "en")
# weights of the score's components (see docs/clarity.md)
WEIGHTS = {"readability": 0.40, "findings": 0.35, "checklist": 0.25}
SEVERITY_WEIGHTS = {"error": 3.0, "warning": 1.0, "info": 0.25}
KEY_ITEMS = ("research_nature", "objective")
# findings component = 100 · exp(−density / FINDINGS_SCALE), density = weighted findings per
# 100 words: 2 → 67, 5 → 37, 10 → 14
FINDINGS_SCALE = 5.0

_FR_STOP = frozenset(
    [
        "le",
        "la",
        "les",
        "de",
        "des",
        "du",
        "un",
        "une",
        "et",
        "est",
        "que",
        "qui",
        "dans",
        "pour",
        "pas",
        "vous",
        "nous",
        "il",
        "elle",
        "ce",
        "cette",
        "sur",
        "avec",
        "au",
        "aux",
        "en",
        "votre",
        "vos",
        "ne",
        "sont",
        "être",
        "sera",
        "par",
    ]
)
_EN_STOP = frozenset(
    [
        "the",
        "of",
        "and",
        "to",
        "a",
        "in",
        "is",
        "that",
        "for",
        "it",
        "you",
        "we",
        "with",
        "on",
        "are",
        "be",
        "this",
        "will",
        "your",
        "not",
        "or",
        "as",
        "by",
        "have",
        "has",
        "was",
        "from",
        "can",
    ]
)
_WORD_RE = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """``fr`` or ``en`` from the share of each language's commonest words (``fr`` on a tie)."""
    fr = en = 0
    for index, match in enumerate(_WORD_RE.finditer(text[:20_000])):
        if index > 3000:
            break
        word = match.group().lower()
        fr += word in _FR_STOP
        en += word in _EN_STOP
    return "en" if en > fr else "fr"


_HYPHENATED_RE = re.compile(r"(?<=[^\W\d_])-\n(?=[a-zà-öø-ÿœ])")
_WORD_END_RE = re.compile(r"[^\W\d_]+$")
_WORD_START_RE = re.compile(r"^[^\W\d_]+")
_MIN_FOREIGN_BLOCK_WORDS = 6


def rejoin_hyphenated(text: str) -> str:
    """Rejoin words cut by a hyphen at a line end ("partici-\npation") when the joined word is
    a word of French or English; otherwise keep the hyphen and drop the line break
    ("non-\ninvasive" → "non-invasive"). Same length or shorter; run before the analysis."""
    if "-\n" not in text:
        return text

    def join(match: re.Match[str]) -> str:
        before = _WORD_END_RE.search(text, 0, match.start())
        after = _WORD_START_RE.match(text[match.end() : match.end() + 40])
        if before is None or after is None:
            return match.group()
        word = (before.group() + after.group()).lower()
        known = max(zipf(word, "fr"), zipf(word, "en")) >= 1.5
        return "" if known else "-"

    return _HYPHENATED_RE.sub(join, text)


def foreign_blocks(doc: Document, language: str) -> list[tuple[int, int]]:
    """Body blocks written in the other language (French or English) than ``language``: at
    least six words, at least three of the other language's commonest words and twice as many
    as of the document's language."""
    result: list[tuple[int, int]] = []
    own, other = (_FR_STOP, _EN_STOP) if language == "fr" else (_EN_STOP, _FR_STOP)
    for block in doc.blocks:
        if block.kind == "heading":
            continue
        words = [m.group().lower() for m in _WORD_RE.finditer(doc.text, block.start, block.end)]
        if len(words) < _MIN_FOREIGN_BLOCK_WORDS:
            continue
        mine = sum(w in own for w in words)
        theirs = sum(w in other for w in words)
        if theirs >= 3 and theirs >= 2 * mine:
            result.append((block.start, block.end))
    return result


@dataclass(frozen=True, slots=True)
class SectionReport:
    heading: str | None
    start: int
    end: int
    words: int
    readability: tuple[Formula, ...]

    def to_dict(self) -> dict[str, object]:
        return {
            "heading": self.heading,
            "start": self.start,
            "end": self.end,
            "words": self.words,
            "readability": [f.to_dict() for f in self.readability],
        }


@dataclass(frozen=True, slots=True)
class Report:
    language: str
    interface_language: str
    document_kind: str
    category: str | None
    text: str
    stats: Stats
    paragraphs: int
    readability: tuple[Formula, ...]
    findings: tuple[Finding, ...]
    checklist: tuple[ItemResult, ...]
    # None when the text is too short to judge (``too_short``)
    score: int | None
    score_details: dict[str, float | None]
    sections: tuple[SectionReport, ...]
    reading_minutes: float
    key_information: dict[str, int | float | None]
    document_kind_inferred: bool = False
    # the smallest number of body words that gets a score (``Config.min_words_to_judge``)
    min_words_to_judge: int = 0
    # maps offsets of ``text`` back to the text given to ``analyze`` (None: they are the same)
    offsets: OffsetMap | None = field(default=None, compare=False, repr=False)

    def original_range(self, start: int, end: int) -> tuple[int, int]:
        """The range of the text given to :func:`analyze` that ``text[start:end]`` comes
        from (its paragraph, its own characters)."""
        return (start, end) if self.offsets is None else self.offsets.original(start, end)

    def _finding_dict(self, finding: Finding) -> dict[str, object]:
        data = finding.to_dict()
        start, end = self.original_range(finding.start, finding.end)
        if self.offsets is None:
            line = self.text.count("\n", 0, start) + 1
        else:
            line = self.offsets.line(start)
        data["original"] = {"start": start, "end": end, "line": line}
        return data

    @property
    def too_short(self) -> bool:
        """The text has too few words to judge: no score is given, the report says why."""
        return self.stats.words < self.min_words_to_judge

    @property
    def too_short_message(self) -> str | None:
        if not self.too_short:
            return None
        return message(
            "too_short",
            self.interface_language,
            words=self.stats.words,
            minimum=self.min_words_to_judge,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready report (schema ``tandem.clarity/1``, see docs/clarity.md)."""
        stats = self.stats
        return {
            "schema": SCHEMA,
            "language": self.language,
            "document_kind": self.document_kind,
            "category": self.category,
            "text": self.text,
            "stats": {
                "characters": stats.characters,
                "words": stats.words,
                "sentences": stats.sentences,
                "syllables": stats.syllables,
                "paragraphs": self.paragraphs,
                "avg_words_per_sentence": round(stats.avg_words_per_sentence, 2),
                "avg_syllables_per_word": round(stats.avg_syllables_per_word, 2),
            },
            "readability": [f.to_dict() for f in self.readability],
            "findings": [self._finding_dict(f) for f in self.findings],
            "checklist": [c.to_dict() for c in self.checklist],
            "score": self.score,
            # extra keys (documented in docs/clarity.md)
            "too_short": (
                {
                    "words": stats.words,
                    "minimum": self.min_words_to_judge,
                    "message": self.too_short_message,
                }
                if self.too_short
                else None
            ),
            "interface_language": self.interface_language,
            "document_kind_inferred": self.document_kind_inferred,
            "score_details": dict(self.score_details),
            "sections": [s.to_dict() for s in self.sections],
            "length": {
                "words": stats.words,
                "reading_minutes": self.reading_minutes,
                "key_information": dict(self.key_information),
            },
        }


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
            *_language_findings(doc, foreign, other, ui),
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
    score, details = _score(
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


_CONSENT_RE = re.compile(
    r"\b(?:je\s+soussign|j['’]accepte\s+de\s+participer|je\s+consens|je\s+donne\s+(?:mon|librement)"
    r"|en\s+signant\s+ci[- ]dessous|en\s+cliquant\b[^.\n]{0,80}vous\s+(?:consentez|acceptez|confirmez)"
    r"|vous\s+donnez\s+votre\s+consentement|i\s+agree\s+to\s+(?:take\s+part|participate)"
    r"|i\s+consent\b|i,?\s+the\s+undersigned|by\s+signing\s+below"
    r"|by\s+clicking\b[^.\n]{0,80}you\s+(?:agree|consent|confirm|indicate))"
    r"|^[-•]?\s*(?:signature|date\s+et\s+signature)\s*:?\s*$",
    re.MULTILINE,
)
_LEAFLET_RE = re.compile(
    r"\b(?:note|notice|lettre|fiche|feuille)\s+d['’]information|information\s+(?:sheet|leaflet)"
    r"|\binformation\s+(?:for|about)\s+participants|vous\s+(?:etes|avez\s+ete)\s+invite"
    r"|you\s+are\s+(?:being\s+)?invited\s+to\s+(?:take\s+part|participate)"
)
_MIN_ITEMS_FOR_LEAFLET = 4


def infer_kind(folded: str, items: tuple[ItemResult, ...]) -> str:
    """``consent`` when the text asks for consent (a signature, "j'accepte de participer", "I
    agree to take part"), ``leaflet`` when it informs a participant (an information-sheet title,
    an invitation, or at least four checklist items found), ``other`` otherwise."""
    if _CONSENT_RE.search(folded):
        return "consent"
    found = sum(1 for item in items if item.status == "found")
    if _LEAFLET_RE.search(folded) or found >= _MIN_ITEMS_FOR_LEAFLET:
        return "leaflet"
    return "other"


def _language_findings(
    doc: Document, foreign: list[tuple[int, int]], other: str, ui: str
) -> list[Finding]:
    """One warning at the first passage in the other language: the document is mixed."""
    if not foreign:
        return []
    words = sum(len(_WORD_RE.findall(doc.text, s, e)) for s, e in foreign)
    start, end = foreign[0]
    return [
        Finding(
            "language",
            "warning",
            start,
            end,
            doc.text[start:end],
            message(f"mixed_language_{other}", ui, words=words, blocks=len(foreign)),
        )
    ]


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


def _clamp(value: float) -> float:
    return max(0.0, min(100.0, value))


# Kandel-Moles reads higher than Flesch on the same content: on the Open Brain Consent form and
# its French translation (single access type version, the tuning pair) by 7.1 points once an
# elided clitic counts as part of its word (10.3 when "l'" counted as a word of its own); checked
# on the two other translation pairs of the real-document set (docs/clarity-benchmarks.md)
FRENCH_EASE_OFFSET = 7.0


def _finding_weight(finding: Finding, long_words: dict[int, int], config: Config) -> float:
    """A finding's weight in the score: its severity's, except for a long sentence (its words
    in ``long_words``, by start), whose weight grows with its length from the warning's (at
    ``long_sentence_warning`` words) to the error's (at ``long_sentence_error``), so that one
    word more or less around a limit, as between a text and its translation, moves the score
    by a little, not by a step."""
    if finding.kind != "long_sentence" or finding.start not in long_words:
        return SEVERITY_WEIGHTS[finding.severity]
    words = long_words[finding.start]
    low, high = config.long_sentence_warning, config.long_sentence_error
    share = min(1.0, max(0.0, (words - low) / max(1, high - low)))
    warning, error = SEVERITY_WEIGHTS["warning"], SEVERITY_WEIGHTS["error"]
    return warning + share * (error - warning)


def _score(
    stats: Stats,
    readability: tuple[Formula, ...],
    findings: list[Finding],
    items: tuple[ItemResult, ...],
    language: str,
    long_words: dict[int, int],
    config: Config,
) -> tuple[int, dict[str, float | None]]:
    """Score 0–100: a weighted mean of three components, each 0–100 (docs/clarity.md)."""
    values = {f.formula: f.value for f in readability}
    readability_part: float | None = None
    ease = values.get("kandel_moles" if language == "fr" else "flesch_reading_ease")
    if ease is not None:
        if language == "fr":
            ease -= FRENCH_EASE_OFFSET
        readability_part = _clamp((ease - 30) / 40 * 100)
    findings_part: float | None = None
    if stats.words:
        weight = sum(_finding_weight(f, long_words, config) for f in findings)
        density = weight / stats.words * 100
        findings_part = 100 * math.exp(-density / FINDINGS_SCALE)
    applicable = [i for i in items if i.status != "not_applicable"]
    checklist_part: float | None = None
    if applicable:
        checklist_part = sum(i.status == "found" for i in applicable) / len(applicable) * 100
    parts = {
        "readability": readability_part,
        "findings": findings_part,
        "checklist": checklist_part,
    }
    total_weight = sum(WEIGHTS[k] for k, v in parts.items() if v is not None)
    if not total_weight:
        return 0, {k: None for k in parts}
    score = sum(WEIGHTS[k] * v for k, v in parts.items() if v is not None) / total_weight
    details: dict[str, float | None] = {
        k: (round(v, 1) if v is not None else None) for k, v in parts.items()
    }
    return round(score), details


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
