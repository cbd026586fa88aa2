"""Numbers a lay reader may misread (``number``): percentages without a concrete frequency,
formats mixed in one section, decimal commas and points mixed in one text."""

from __future__ import annotations

import re
from typing import Literal

from ..messages import message
from ..segment import Document, Section, Sentence, Token
from .finding import Finding

__all__ = ["number_findings"]

_FREQUENCY_RE = re.compile(
    r"\b(?:\d+|une?|one)(?:[ ]+[^\W\d]+){0,2}[ ]+(?:sur|in|out[ ]+of)[ ]+\d[\d ]*(?<! )",
    re.IGNORECASE,
)
_FRACTION_WORDS_RE = re.compile(
    r"\b(?:un|deux|trois|a|one|two|three)[ ]+(?:tiers|quarts?|cinquièmes?|thirds?|quarters?|"
    r"fifths?)\b",
    re.IGNORECASE,
)
_FRACTION_RE = re.compile(r"^\d{1,3}/\d{1,4}$")
_PERCENT_WORDS_RE = re.compile(r"^(?:pour[ ]?cent|percent|per[ ]?cent)\b", re.IGNORECASE)
_DECIMAL_RE = re.compile(r"^(\d+)([.,])(\d+)$")

NumberFormat = Literal["percent", "frequency", "fraction"]


def _sentence_numbers(text: str, sentence: Sentence) -> list[tuple[NumberFormat, int, int]]:
    found: list[tuple[NumberFormat, int, int]] = []
    for token in sentence.tokens:
        if token.kind != "number":
            continue
        if "%" in token.text or "‰" in token.text:
            found.append(("percent", token.start, token.end))
        elif _PERCENT_WORDS_RE.match(text, token.end + 1, sentence.end):
            words = _PERCENT_WORDS_RE.match(text, token.end + 1, sentence.end)
            assert words is not None
            found.append(("percent", token.start, words.end()))
        elif _FRACTION_RE.match(token.text):
            found.append(("fraction", token.start, token.end))
    for match in _FREQUENCY_RE.finditer(text, sentence.start, sentence.end):
        found.append(("frequency", match.start(), match.end()))
    for match in _FRACTION_WORDS_RE.finditer(text, sentence.start, sentence.end):
        found.append(("fraction", match.start(), match.end()))
    found.sort(key=lambda item: item[1])
    return found


def number_findings(doc: Document, ui: str) -> list[Finding]:
    """Percentages, fractions and "1 in N" mixed in one section; percentages without a
    concrete frequency in the same sentence; decimal commas and points mixed in the text."""
    text = doc.text
    results: list[Finding] = []
    for section in doc.sections:
        results.extend(_section_number_findings(text, section, ui))
    results.extend(_decimal_findings(doc, ui))
    return results


def _section_number_findings(text: str, section: Section, ui: str) -> list[Finding]:
    results: list[Finding] = []
    formats_seen: list[tuple[NumberFormat, int, int]] = []
    for sentence in section.sentences:
        numbers = _sentence_numbers(text, sentence)
        kinds = {kind for kind, _, _ in numbers}
        explained = "percent" in kinds and "frequency" in kinds
        for kind, start, end in numbers:
            if kind == "percent" and not explained:
                value = _percent_value(text[start:end])
                results.append(
                    Finding(
                        "number",
                        "info",
                        start,
                        end,
                        text[start:end],
                        message(
                            "number_unexplained_percentage",
                            ui,
                            text=text[start:end],
                            n=value if value is not None else "N",
                        ),
                        (_frequency_suggestion(value, ui),) if value is not None else (),
                    )
                )
        if not explained:
            formats_seen.extend(numbers)
    first_kind: NumberFormat | None = None
    for kind, start, end in formats_seen:
        if first_kind is None:
            first_kind = kind
        elif kind != first_kind:
            results.append(
                Finding(
                    "number",
                    "warning",
                    start,
                    end,
                    text[start:end],
                    message("number_mixed", ui),
                )
            )
            break
    return results


def _percent_value(found: str) -> str | None:
    match = re.match(r"\d+(?:[.,]\d+)?", found)
    if match is None:
        return None
    value = float(match.group().replace(",", "."))
    return f"{value:g}".replace(".", ",") if "," in match.group() else f"{value:g}"


def _frequency_suggestion(value: str, ui: str) -> str:
    return f"{value} personnes sur 100" if ui == "fr" else f"{value} people out of 100"


def _decimal_findings(doc: Document, ui: str) -> list[Finding]:
    commas: list[Token] = []
    points: list[Token] = []
    for sentence in doc.body_sentences:
        for token in sentence.tokens:
            if token.kind != "number":
                continue
            match = _DECIMAL_RE.match(token.text)
            if match is None:
                continue
            whole, separator, fraction = match.groups()
            if len(fraction) == 3 and whole != "0":
                continue  # 1,000 or 1.000: a thousands separator, not a decimal
            (commas if separator == "," else points).append(token)
    if not commas or not points:
        return []
    preferred_comma = doc.language == "fr"
    wrong, right = (points, commas) if preferred_comma else (commas, points)
    other = right[0].text
    results: list[Finding] = []
    for token in wrong:
        fixed = token.text.replace(".", ",") if preferred_comma else token.text.replace(",", ".")
        results.append(
            Finding(
                "number",
                "warning",
                token.start,
                token.end,
                token.text,
                message("number_decimal_separators", ui, text=token.text, other=other),
                (fixed,),
            )
        )
    return results
