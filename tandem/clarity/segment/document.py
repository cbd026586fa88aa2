"""What segmentation gives: a document's blocks (headings, paragraphs, list items), their
sentences and their tokens, each with its offsets, and the sections a heading opens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

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
