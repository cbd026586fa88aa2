"""Acronyms used before or without being spelled out (``acronym``), and the capitals that
are not acronyms."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from ..config import Config
from ..messages import message
from ..segment import Document, Token
from .finding import Finding
from .words import inside, is_acronym, zipf

__all__ = ["acronym_findings"]

# a word this common is known to the reader whatever its capitals ("CoViD", "PhD")
_KNOWN_WORD_ZIPF = 3.5


def _is_mixed_abbreviation(text: str) -> bool:
    """An abbreviation in mixed case ("MSc", "MSci", "CoSE", "DPhil"): two to five letters,
    an initial capital, at least two capitals and one small letter. Not a camel-case brand
    ("iPad", "YouTube") and not a capitalised word."""
    return (
        2 <= len(text) <= 5
        and text.isalpha()
        and text[0].isupper()
        and sum(ch.isupper() for ch in text) >= 2
        and not text.isupper()
    )


_ROMAN_RE = re.compile(r"^[IVXLCDM]+$")
_DEFINITION_AFTER_RE = re.compile(r"[ ]?\(([^()]{3,120})\)")


def acronym_findings(
    doc: Document,
    config: Config,
    ui: str,
    *,
    known: dict[str, tuple[tuple[str, ...], str]],
) -> list[Finding]:
    """Acronyms used before or without being spelled out.

    Spelled out means "Full name (ABC)", "Full name - ABC" (a word of the full name starts
    with the acronym's first letter) or "ABC (full name)" somewhere in the text. ``known`` maps
    acronyms of the lexicon to their plain alternatives, offered as suggestions, and their
    jargon message, appended to the acronym's.

    Capitals that are not acronyms are left alone: headings and runs of three capitalised words,
    common words in capitals for emphasis ("AND", "DO NOT", "SI"), surnames written in capitals
    beside a first name ("LORENZINI Leila", French usage), postal codes ("OX1 2JD",
    "G1V 0A6"), Roman numerals, and identifiers after a label ("Version: OBC-ULT 1.0").
    """
    text = doc.text
    first_use: dict[str, Token] = {}
    defined_at: dict[str, int] = {}
    long_forms: dict[str, str] = {}
    postal = _postal_code_spans(text)
    emphasis = _EMPHASIS_WORDS.get(doc.language, frozenset()) | _EMPHASIS_WORDS["en"]
    for sentence in doc.sentences:
        tokens = [t for t in sentence.tokens if t.kind == "word" and not t.elided]
        caps = [is_acronym(t.text) for t in tokens]
        if sentence.heading and all(caps):
            continue  # a heading in capitals
        for index, token in enumerate(tokens):
            if not caps[index]:
                if (
                    index > 0
                    and _is_mixed_abbreviation(token.text)  # "MSc", "CoSE"
                    and zipf(token.text.lower(), doc.language) < _KNOWN_WORD_ZIPF  # not "CoViD"
                    and token.text not in config.acronym_allow
                ):
                    first_use.setdefault(token.text, token)
                continue
            run = 1
            j = index - 1
            while j >= 0 and caps[j]:
                run += 1
                j -= 1
            j = index + 1
            while j < len(tokens) and caps[j]:
                run += 1
                j += 1
            if run >= 3:
                continue  # text in capitals, not an acronym
            name = token.text
            if name in config.acronym_allow or _ROMAN_RE.match(name):
                continue
            if name.lower() in emphasis or inside(token, postal):
                continue
            if _surname_in_capitals(tokens, index) or _after_label(text, token.start):
                continue
            first_use.setdefault(name, token)
            if name in defined_at:
                continue
            # "Full name (ABC)", "Full name - ABC"
            before = text[max(0, token.start - 2) : token.start]
            if (before.endswith("(") or before in ("- ", "– ")) and index >= 2:
                long_form = _long_form(text, tokens, index, name)
                if long_form:
                    defined_at[name] = token.start
                    long_forms[name] = long_form
                    continue
            # "ABC (full name)"
            after = _DEFINITION_AFTER_RE.match(text, token.end)
            if after is not None and any(ch.islower() for ch in after.group(1)):
                defined_at[name] = token.start
                long_forms[name] = after.group(1).strip()
    results: list[Finding] = []
    for name, token in first_use.items():
        where = defined_at.get(name)
        if where is not None and where <= token.start:
            continue
        key = "acronym_late" if where is not None else "acronym_undefined"
        suggestions, explanation = known.get(name, ((), ""))
        if name in long_forms:
            suggestions = (long_forms[name], *suggestions)
        text = message(key, ui, text=name)
        if explanation:
            text = f"{text} {explanation}"
        results.append(
            Finding("acronym", "warning", token.start, token.end, name, text, suggestions)
        )
    return results


# Common words written in capitals for emphasis, never acronyms. A constant of the code (a word
# list per language, read-only), not a cache: nothing at run time changes it, so every process
# holds the same one; the lexicon that staff edit lives in the database (checks.LexiconTerm).
_EMPHASIS_WORDS: Mapping[str, frozenset[str]] = MappingProxyType({
    "en": frozenset({
        "a", "all", "and", "any", "are", "be", "before", "do", "does", "after", "if", "in", "is",
        "it", "no", "nor", "not", "of", "on", "or", "only", "must", "never", "the", "to", "we",
        "will", "with", "you", "your", "yes", "important", "note", "part", "page",
    }),
    "fr": frozenset({
        "a", "à", "au", "aucun", "aucune", "avant", "après", "de", "des", "du", "en", "est", "et",
        "il", "jamais", "la", "le", "les", "ne", "ni", "non", "nous", "ou", "pas", "que", "qui",
        "si", "sur", "tout", "tous", "un", "une", "vous", "votre", "vos", "oui", "important",
        "obligatoire", "attention", "partie", "page",
    }),
})  # fmt: skip
_POSTAL_RE = re.compile(
    r"\b(?:[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d)\b"  # UK, Canada
)
_LABEL_RE = re.compile(
    r"(?:version|r[ée]f[ée]rence|r[ée]f|ref|code|protocol|protocole|n°|no|num[ée]ro|number"
    r"|id|identifier|identifiant)\b[^:\n]{0,30}:[^\n]*$",
    re.IGNORECASE,
)
_VOWELS = frozenset("AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜ")


def _postal_code_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _POSTAL_RE.finditer(text)]


def _after_label(text: str, start: int) -> bool:
    """The capitals follow a label on their line ("Version: OBC-ULT 1.0.1")."""
    line_start = text.rfind("\n", 0, start) + 1
    return _LABEL_RE.match(text, line_start, start) is not None


def _surname_in_capitals(tokens: Sequence[Token], index: int) -> bool:
    """A surname in capitals beside a first name ("LORENZINI Leila", "Lucie BOUVET")."""
    name = tokens[index].text
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 4 or sum(ch in _VOWELS for ch in letters) / len(letters) < 0.3:
        return False
    for j in (index - 1, index + 1):
        if 0 <= j < len(tokens):
            word = tokens[j].text
            if len(word) >= 2 and word[0].isupper() and word[1:].islower() and word.isalpha():
                return True
    return False


def _long_form(text: str, tokens: list[Token], index: int, name: str) -> str:
    """The words before "(ABC)" that spell it out, from the first one starting with A; empty
    when they do not (their initials must hold two of the acronym's letters: "Lucie Martin
    (MCF, …)" does not spell out MCF; "National Medicines Safety Agency (ANSM)" does)."""
    window = tokens[max(0, index - len(name) - 3) : index]
    letters = {ch.lower() for ch in name if ch.isalpha()}
    needed = min(2, len(letters))
    initial = name[0].lower()
    # from the word starting with A if it works, else from the first word that shares a letter
    candidates = sorted(
        (i for i, t in enumerate(window) if t.text[:1].lower() in letters),
        key=lambda i: (window[i].text[:1].lower() != initial, i),
    )
    for i in candidates:
        passage = text[window[i].start : window[-1].end]
        initials = {t.text[:1].lower() for t in window[i:]}
        if len(letters & initials) >= needed and not any(ch in passage for ch in ":;()"):
            return passage
    return ""
