"""Segmentation: blocks (headings, paragraphs, list items), sentences and tokens, with offsets.

Every offset points into the text given to :func:`segment`, which should already be normalised
(:func:`tandem.clarity.text.normalize`).

Choices, documented in docs/clarity.md:

* A **heading** is a line starting with ``#`` (markdown), or a short line (at most 12 words and
  80 characters) that does not end with ``.``, ``,``, ``;`` or ``:``, stands alone in its block
  or opens it, and is followed by body text. Headings are not counted as sentences in the
  readability statistics.
* A **numbered heading** is such a line behind a section number: a Roman numeral, a capital
  letter or a number followed by ``)``, ``.`` or a dash (``II) Bénéfices :``, ``B - Confidentialité``,
  ``2. Quels sont les risques ?``, ``3.1 Durée``), or ``Section``, ``Part``, ``Partie``,
  ``Article``, ``Chapitre`` or ``Chapter`` and a number (``Section 3: Risks``). It may end with a
  colon, as French headings often do, and the body may start on the next line; a line that
  continues in lower case or is followed by another numbered or bulleted line is a list item.
* A **label heading** is a line of at most five words, without a comma, ending with a colon,
  alone in its block and followed by a paragraph (``Procédure :``, ``Droit de retrait :``); a
  line that introduces a list ("Je reconnais que :" then items) stays a paragraph.
* A line with cells separated by `` | `` is a table row (DOCX and ODT tables come out so): a list
  item, never a heading.
* A **list item** is a line starting with ``-``, ``•``, ``*``, ``–``, ``▪``, ``◦``, ``·``,
  ``1.``, ``1)``, ``a)``, ``(a)``, ``(ii)`` or ``(3)``. Each item is at least one sentence,
  with or without final punctuation.
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
from dataclasses import dataclass
from typing import Literal, NamedTuple

__all__ = [
    "Block",
    "Document",
    "Section",
    "Sentence",
    "Token",
    "raw_blocks",
    "section_title",
    "segment",
    "sentence_spans",
    "tokenize",
]

BlockKind = Literal["heading", "paragraph", "list_item"]
TokenKind = Literal["word", "number"]


class Token(NamedTuple):
    """A word or a number. A named tuple rather than a frozen dataclass: a document has
    thousands of tokens and a tuple is five times cheaper to create; it is just as immutable."""

    start: int
    end: int
    text: str
    kind: TokenKind
    # the word is an elided clitic split off the next word ("l'", "qu'")
    elided: bool = False


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    tokens: tuple[Token, ...]
    heading: bool = False

    @property
    def words(self) -> tuple[Token, ...]:
        return tuple(t for t in self.tokens if t.kind == "word")


@dataclass(frozen=True, slots=True)
class Block:
    kind: BlockKind
    start: int
    end: int
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True, slots=True)
class Section:
    """A heading and the blocks up to the next heading (the first section may have none)."""

    heading: Block | None
    start: int
    end: int
    blocks: tuple[Block, ...]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for b in self.blocks for s in b.sentences if not s.heading)


@dataclass(frozen=True, slots=True)
class Document:
    text: str
    language: str
    blocks: tuple[Block, ...]
    sections: tuple[Section, ...]

    @property
    def sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for b in self.blocks for s in b.sentences)

    @property
    def body_sentences(self) -> tuple[Sentence, ...]:
        return tuple(s for b in self.blocks for s in b.sentences if not s.heading)

    @property
    def paragraph_count(self) -> int:
        """Paragraphs, counting a run of list items as one paragraph."""
        count = 0
        previous: BlockKind | None = None
        for block in self.blocks:
            if block.kind == "paragraph" or (block.kind == "list_item" and previous != "list_item"):
                count += 1
            previous = block.kind
        return count


_BULLET_RE = re.compile(
    r"[ ]*(?:[-•*–—▪◦·‣●○■□➢►✓✔]|\d{1,2}[.)]|[a-z]\)|\((?:[ivx]{1,4}|[a-z]|\d{1,2})\))[ ]+(?=\S)"
)
_MARKDOWN_HEADING_RE = re.compile(r"[ ]*#{1,6}[ ]+(?=\S)")
# a section number before a heading's title: "II) ", "IV. ", "B - ", "2. ", "3.1 ", "A) ",
# "Section 3: ", "Partie II - "; the title must start with a capital (see raw_blocks)
_SECTION_NUMBER_RE = re.compile(
    r"[ ]*(?:"
    r"(?:[IVX]{1,5}|[A-Z]|\d{1,2}(?:\.\d{1,2})*)(?:[.)]|[ ]?[-–—])"
    r"|\d{1,2}\.\d{1,2}(?:\.\d{1,2})*"
    r"|(?i:section|part|partie|article|chapitre|chapter|titre)[ ]+(?:[IVX]{1,5}|[A-Z]|\d{1,2})"
    r"(?:[ ]?[:.)]|[ ]?[-–—])?"
    r")[ ]+(?=[A-ZÀ-ÖØ-Þ«\"“¿])"
)
_HEADING_END_PUNCT = frozenset(".,;:")

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


def _looks_like_heading(line: str, *, colon: bool = False) -> bool:
    """A short line with a letter, not starting in lower case and not ending like a sentence
    (``colon``: a final colon is allowed, as after a section number)."""
    stripped = line.strip()
    if colon:
        stripped = stripped.rstrip(": \u00a0\u202f")
    if not stripped or len(stripped) > 80 or stripped[-1] in _HEADING_END_PUNCT:
        return False
    if " | " in stripped:  # a table row ("Visite 1 | Prise de sang"), see extract/office.py
        return False
    if len(stripped.split()) > 12:
        return False
    return any(ch.isalpha() for ch in stripped) and not stripped[0].islower()


def raw_blocks(text: str) -> list[tuple[BlockKind, int, int]]:
    """Headings, paragraphs and list items of normalised ``text`` as (kind, start, end)."""
    # lines with their offsets
    lines: list[tuple[int, int]] = []
    pos = 0
    for line_text in text.split("\n"):
        lines.append((pos, pos + len(line_text)))
        pos += len(line_text) + 1
    # group into blank-line separated chunks
    chunks: list[list[tuple[int, int]]] = []
    current: list[tuple[int, int]] = []
    for s, e in lines:
        if text[s:e].strip():
            current.append((s, e))
        elif current:
            chunks.append(current)
            current = []
    if current:
        chunks.append(current)

    raw: list[tuple[BlockKind, int, int]] = []
    for chunk_index, chunk in enumerate(chunks):
        paragraph: list[tuple[int, int]] = []

        def flush(paragraph: list[tuple[int, int]] = paragraph) -> None:
            if paragraph:
                raw.append(("paragraph", paragraph[0][0], paragraph[-1][1]))
                paragraph.clear()

        for line_index, (s, e) in enumerate(chunk):
            line = text[s:e]
            markdown = _MARKDOWN_HEADING_RE.match(line)
            if markdown is not None:
                flush()
                raw.append(("heading", s + markdown.end(), e))
                continue
            bullet = _BULLET_RE.match(line)
            is_last_line = line_index == len(chunk) - 1
            if (
                _numbered_heading(text, chunk, line_index, paragraph)
                and (not is_last_line or chunk_index < len(chunks) - 1)
            ) or (len(chunk) == 1 and _label_heading(text, chunks, chunk_index)):
                flush()
                # "2. Titre": the number is left out, as for a one-line numbered block below
                raw.append(("heading", s + (bullet.end() if bullet else 0), e))
                continue
            followed_by_text = (not is_last_line) or chunk_index < len(chunks) - 1
            # first line of its block, or after a line that closes a sentence (PDF pages)
            alone_or_first = not paragraph or (
                text[paragraph[-1][1] - 1] in ".!?:;" and not is_last_line
            )
            if not is_last_line:
                # a wrapped line continues in lower case: not a heading
                next_line = text[chunk[line_index + 1][0] : chunk[line_index + 1][1]].lstrip()
                alone_or_first = alone_or_first and not next_line[:1].islower()
            if (
                alone_or_first
                and followed_by_text
                and _looks_like_heading(line if bullet is None else line[bullet.end() :])
                and (bullet is None or len(chunk) == 1)
                and not (
                    not is_last_line
                    and _BULLET_RE.match(text[chunk[line_index + 1][0] : chunk[line_index + 1][1]])
                )
            ):
                flush()
                raw.append(("heading", s + (bullet.end() if bullet else 0), e))
                continue
            if bullet is not None:
                flush()
                raw.append(("list_item", s + bullet.end(), e))
                continue
            paragraph.append((s, e))
        flush()

    # a run of headings must lead to body text: trailing ones are short paragraphs
    body_after = False
    demote: set[int] = set()
    for index in range(len(raw) - 1, -1, -1):
        kind, s, _ = raw[index]
        if kind != "heading":
            body_after = True
        elif not body_after and not _MARKDOWN_HEADING_RE.match(text, _line_start(text, s)):
            demote.add(index)
    return [
        ("paragraph", s, e) if index in demote else (kind, s, e)
        for index, (kind, s, e) in enumerate(raw)
    ]


def section_title(heading: str) -> str:
    """A heading's title without its section number and final colon ("II) Bénéfices :" gives
    "Bénéfices")."""
    number = _SECTION_NUMBER_RE.match(heading)
    title = heading[number.end() :] if number is not None else heading
    return title.strip().rstrip(": \u00a0\u202f").strip()


def _numbered_heading(
    text: str, chunk: list[tuple[int, int]], index: int, paragraph: list[tuple[int, int]]
) -> bool:
    """Whether line ``index`` of ``chunk`` is a numbered heading ("II) Bénéfices :"): a section
    number, a short title starting with a capital (a final colon allowed), first in its
    paragraph or after a line that ends a sentence, and not followed by a line that continues
    it in lower case or by another numbered or bulleted line (then it is a list)."""
    if paragraph and text[paragraph[-1][1] - 1] not in ".!?:;":
        return False
    s, e = chunk[index]
    line = text[s:e]
    number = _SECTION_NUMBER_RE.match(line)
    if number is None:
        return False
    title = line[number.end() :].rstrip()
    # a numbered question may be long ("4. Do I have to take part? What happens if I wish to
    # withdraw?"): up to 20 words
    question = title.endswith("?") and len(title.split()) <= 20 and len(title) <= 140
    if not (question or _looks_like_heading(title, colon=True)):
        return False
    if index > 0:
        previous = text[chunk[index - 1][0] : chunk[index - 1][1]]
        if _BULLET_RE.match(previous) or _SECTION_NUMBER_RE.match(previous):
            return False  # the next item of a list
    if index + 1 < len(chunk):
        following = text[chunk[index + 1][0] : chunk[index + 1][1]]
        first = following.lstrip()[:1]
        if not first or first.islower() or _BULLET_RE.match(following):
            return False
        if _SECTION_NUMBER_RE.match(following):
            return False
    return True


def _label_heading(text: str, chunks: list[list[tuple[int, int]]], index: int) -> bool:
    """Whether the one-line block ``chunks[index]`` is a label that heads the paragraph after
    it ("Procédure :", "Droit de retrait :"): at most five words, no comma, a final colon, and
    a paragraph (not a list, which such a line introduces, nor another short line) starting
    with a capital next."""
    s, e = chunks[index][0]
    line = text[s:e].rstrip()
    if not line.endswith(":") or "," in line or index + 1 >= len(chunks):
        return False
    if len(line.split()) > 5 or not _looks_like_heading(line, colon=True):
        return False
    ns, ne = chunks[index + 1][0]
    following = text[ns:ne]
    first = following.lstrip()[:1]
    return (
        bool(first)
        and first.isupper()
        and _BULLET_RE.match(following) is None
        # "Researcher:" then a title, "Date :" then "Nom :": empty fields of a form
        and not _looks_like_heading(following)
        and not following.rstrip().endswith(":")
    )


def segment(text: str, *, language: str = "fr") -> Document:
    """Split normalised ``text`` into blocks, sentences and tokens, and group sections."""
    french = language == "fr"
    blocks: list[Block] = []
    for kind, s, e in raw_blocks(text):
        if kind == "heading":
            sentences: tuple[Sentence, ...] = (
                Sentence(s, e, tokenize(text, s, e, french=french), heading=True),
            )
        else:
            sentences = tuple(
                Sentence(ss, se, tokenize(text, ss, se, french=french))
                for ss, se in sentence_spans(text, s, e, language=language)
            )
        blocks.append(Block(kind, s, e, sentences))

    sections: list[Section] = []
    heading: Block | None = None
    members: list[Block] = []
    section_start = 0
    for block in blocks:
        if block.kind == "heading":
            if heading is not None or members:
                sections.append(
                    Section(heading, section_start, _end_of(heading, members), tuple(members))
                )
            heading, members, section_start = block, [], block.start
        else:
            if heading is None and not members:
                section_start = block.start
            members.append(block)
    if heading is not None or members:
        sections.append(Section(heading, section_start, _end_of(heading, members), tuple(members)))
    return Document(text, language, tuple(blocks), tuple(sections))


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def _end_of(heading: Block | None, members: list[Block]) -> int:
    if members:
        return members[-1].end
    return heading.end if heading is not None else 0
