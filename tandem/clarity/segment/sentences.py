"""Sentences and tokens of a block, with their offsets into the text.

Choices, documented in docs/clarity.md:

* **Sentences** end at ``.``, ``!``, ``?`` or ``…`` followed by a space and a capital letter,
  a digit, a quote or an opening bracket, or at the end of a block; not after the language's
  abbreviations (``Dr.``, ``M.`` and ``Me`` in French, ``p. ex.``, ``e.g.``, ``n°``, ``No.``
  before a number …) or single initials, and never inside a number (``2,5``, ``2.5``). A line
  break also ends a sentence after a form's line: "Label: value" lines, a line ending with a
  colon, a short line (8 words or fewer) followed by a capitalised one.
* **Tokens** are words or numbers. French elisions (``l'``, ``d'``, ``qu'``, ``jusqu'`` …, with
  ``'`` or ``’``) are split off as words of their own; hyphenated compounds stay one word.
  Numbers, dates, percentages and ordinals (``2,5``, ``12/03/2024``, ``25 %``, ``1er``) are
  ``number`` tokens: they count towards a sentence's length for ``long_sentence`` but are not
  words for the readability formulas (they have no reliable syllable count).
"""

from __future__ import annotations

import re

from .document import Token

# abbreviations after which a period does not end a sentence (compared lowercased, without
# the final period), per language: "me" is "Maître" in French but the pronoun in English ("to
# me. I have"); "no" and "nos" are abbreviations only before a number ("No. 5", not "is no. We")
_COMMON_ABBREVIATIONS = frozenset(
    {
        "dr", "drs", "pr", "prof", "st", "cf", "p", "pp", "approx", "fig", "vol", "art", "al",
        "tel", "av", "bd", "ch", "chap", "ed", "inc", "ltd", "co", "dept", "n°",
    }
)  # fmt: skip
_ABBREVIATIONS = {
    "fr": _COMMON_ABBREVIATIONS
    | frozenset(
        {
            "m", "mm", "mme", "mmes", "mlle", "mlles", "me", "ste", "ex", "env", "p.ex",
            "c.-à-d", "c.à.d", "éd", "tél", "vs",
        }
    ),
    "en": _COMMON_ABBREVIATIONS
    | frozenset({"mr", "mrs", "ms", "jr", "sr", "vs", "e.g", "i.e"}),
}  # fmt: skip
_BEFORE_NUMBER_ABBREVIATIONS = frozenset({"no", "nos", "num"})
# a "Label: value" line (a form's header: "Version: 1.0", "Date : 09/09/2025") or a line that
# introduces what follows ("Procédure :")
_LABEL_LINE_RE = re.compile(r"[A-ZÀ-ÖØ-Þ][^\n:.!?]{0,40}?[ ]?:(?:[ ]+\S|[ ]*$)")
_SENTENCE_END_RE = re.compile(r"[.!?…]+[\"»”’)\]]*(?=[ \n]+[\"«“(\[]?[ ]?[A-ZÀ-ÖØ-Þ0-9•\-–])")

_NUMBER = r"""
    (?P<number>
        \d+(?:[.,/:h]\d+)*           # 2,5  2.5  12/03/2024  14h30  1/3
        (?:[ ]?[%‰])?                # 25 %  25%
        (?:er|re|ère|e|ème|è|nd|nde|st|rd|th)?(?!\w)   # 1er 2e 3rd
      | \d+\w*                       # 10mg, 3x
    )
"""
_WORD = r"(?P<word>[^\W\d_]\w*(?:[-'’]\w+)*)"
# French elided clitics come first, so "l'étude" gives "l'" then "étude"
_ELISION = r"(?P<elision>(?i:jusqu|lorsqu|puisqu|quoiqu|presqu|qu|[ldnsjcmt])['’](?=[^\W\d_]))"
# for counting only: words that start at a word boundary (so "1er" gives none), elisions
# still attached ("l'étude"): split them with ELISION_RE
COUNT_RE = re.compile(r"(?<!\w)[^\W\d_]\w*(?:[-'’]\w+)*")
ELISION_RE = re.compile(r"(?i:jusqu|lorsqu|puisqu|quoiqu|presqu|qu|[ldnsjcmt])['’](?=[^\W\d_])")
_TOKEN_RE = {
    True: re.compile(f"{_NUMBER}|{_ELISION}|{_WORD}", re.VERBOSE),
    False: re.compile(f"{_NUMBER}|{_WORD}", re.VERBOSE),
}


def tokenize(text: str, start: int, end: int, *, french: bool) -> tuple[Token, ...]:
    """Words and numbers of ``text[start:end]``, with elisions split off in French."""
    tokens: list[Token] = []
    append = tokens.append
    for match in _TOKEN_RE[french].finditer(text, start, end):
        group = match.lastgroup
        s, e = match.span()
        if group == "word":
            append(Token(s, e, match.group(), "word"))
        elif group == "number":
            append(Token(s, e, match.group(), "number"))
        else:
            append(Token(s, e, match.group(), "word", True))
    return tuple(tokens)


def sentence_spans(
    text: str, start: int, end: int, *, language: str = "fr"
) -> list[tuple[int, int]]:
    """Sentences of the block ``text[start:end]``.

    A sentence ends at a full stop, question or exclamation mark followed by a capital (not
    after an abbreviation of the language), and at a line break that closes a line of a form
    ("Label: value" lines, a line ending with a colon, a short line such as an address line
    followed by a capitalised one).
    """
    abbreviations = _ABBREVIATIONS.get(language, _ABBREVIATIONS["fr"])
    spans: list[tuple[int, int]] = []
    cursor = start
    for match in _SENTENCE_END_RE.finditer(text, start, end):
        stop = match.end()
        if text[match.start()] == ".":
            dot = match.start()
            space = max(text.rfind(" ", cursor, dot), text.rfind("\n", cursor, dot), cursor - 1)
            word = text[space + 1 : dot].lower().lstrip('(«"“')
            if word in abbreviations or (len(word) == 1 and word.isalpha()) or word.endswith("°"):
                continue
            if word in _BEFORE_NUMBER_ABBREVIATIONS and text[stop : stop + 2].strip()[:1].isdigit():
                continue
        spans.append((cursor, stop))
        cursor = stop
        while cursor < end and text[cursor] in " \n":
            cursor += 1
    if cursor < end:
        spans.append((cursor, end))
    if "\n" in text[start:end]:
        spans = [piece for s, e in spans for piece in _split_form_lines(text, s, e)]
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _split_form_lines(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Split a sentence at the line breaks that end a form's line (see sentence_spans)."""
    pieces: list[tuple[int, int]] = []
    cursor = start
    newline = text.find("\n", start, end)
    while newline != -1:
        line = text[cursor:newline].rstrip()
        next_break = text.find("\n", newline + 1, end)
        following = text[newline + 1 : end if next_break == -1 else next_break]
        first = following.lstrip()[:1]
        opens = bool(first) and (first.isupper() or first.isdigit() or first in '(«"“')
        if (
            line
            and line[-1] not in ".!?…"
            and opens
            and (
                line.endswith(":")
                or _LABEL_LINE_RE.match(line)
                or _LABEL_LINE_RE.match(following.lstrip())
                or len(line.split()) <= 8
            )
        ):
            pieces.append((cursor, newline))
            cursor = newline + 1
        newline = text.find("\n", newline + 1, end)
    pieces.append((cursor, end))
    return pieces
