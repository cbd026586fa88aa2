"""Blocks: the headings, paragraphs and list items of a normalised text, and a heading's title.

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
"""

from __future__ import annotations

import re

from .document import BlockKind

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


def _line_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1
