"""Segmentation: blocks (headings, paragraphs, list items), sentences and tokens, with offsets.

Every offset points into the text given to :func:`segment`, which should already be normalised
(:func:`tandem.clarity.text.normalize`).

How: :mod:`.blocks` finds the headings, paragraphs and list items (the choices are documented
there and in docs/clarity.md), :mod:`.sentences` splits a block into sentences and tokens, and
:func:`segment` puts them together in a :class:`.document.Document` with its sections.
"""

from __future__ import annotations

from .blocks import _SECTION_NUMBER_RE, raw_blocks, section_title  # noqa: F401 (the tests read it)
from .document import Block, Document, Section, Sentence, Token
from .sentences import COUNT_RE, ELISION_RE, sentence_spans, tokenize

__all__ = [
    "COUNT_RE",
    "ELISION_RE",
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


def _end_of(heading: Block | None, members: list[Block]) -> int:
    if members:
        return members[-1].end
    return heading.end if heading is not None else 0
