"""Checklist items read by concept, not by phrase (issue 15, fifth round).

The cues of ``data/checklist.json`` are phrases: precise, but each new document words its
elements differently. This reading adds recall with two general rules, both driven by
``data/concepts.json``:

- **a section title names an element by one of its concept words** ("Risques et contraintes",
  "What are the possible disadvantages?", "Complaints/Problems"): a titled section with body
  text states it, and the evidence is the title and the section's first sentence;
- **a sentence holds one word of each of an element's concept sets**: "It is up to you to
  decide if you want to take part" holds {up to you, voluntary, libre …} × {take part,
  particip* …}, so it states that participation is voluntary. A rule may require a word of a
  set anywhere in the sentence's paragraph instead (``"context"``), and may exclude a sentence
  that holds a word of another set (``"none"``: "contact the chair of the ethics committee" is a
  complaint route, not an approval).

Concept words are folded (lowercase, no accents); ``risk*`` is a word starting with "risk", a
space inside an entry stands for any run of spaces, and every entry starts at a word boundary.
Both languages share one set: a French notice with an English sentence is read the same way.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

__all__ = ["ConceptRule", "Concepts", "heading_items", "load_concepts", "sentence_items"]

DATA_FILE = Path(__file__).resolve().parent / "data" / "concepts.json"

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class ConceptRule:
    """One way a sentence states an item: a word of every set of ``all`` in the sentence (in
    that order when ``ordered``: "vos données … dans l'objectif de" states a purpose of the data,
    "dans le but de comprendre … données" does not), of every set of ``context`` in its
    paragraph, and none of ``none`` in the sentence."""

    all: tuple[re.Pattern[str], ...]
    context: tuple[re.Pattern[str], ...] = ()
    none: re.Pattern[str] | None = None
    ordered: bool = False

    def holds(self, sentence: str, paragraph: str) -> bool:
        pos = 0
        for pattern in self.all:
            match = pattern.search(sentence, pos if self.ordered else 0)
            if match is None:
                return False
            pos = match.end()
        if not all(p.search(paragraph) for p in self.context):
            return False
        return self.none is None or not self.none.search(sentence)


@dataclass(frozen=True, slots=True)
class Concepts:
    # item -> (words a title names it by, words that make a title about something else:
    # "Combien de temps gardons-nous vos données ?" is about retention, not duration)
    headings: Mapping[str, tuple[re.Pattern[str], re.Pattern[str] | None]]
    sentences: Mapping[str, tuple[ConceptRule, ...]]


def compile_set(words: Sequence[str]) -> re.Pattern[str]:
    """A regex matching any word of ``words`` at a word boundary (``risk*`` as a prefix)."""
    alternatives = []
    for word in sorted(words, key=len, reverse=True):
        prefix = word.endswith("*")
        body = re.escape(word.rstrip("*").strip()).replace(r"\ ", r"\s+")
        body = body.replace("'", "['’]\\s*")
        alternatives.append(body + (r"\w*" if prefix else r"(?!\w)"))
    # "\b" rather than a look-behind: the engine then skips ahead to word starts quickly; an
    # entry starting with a symbol ("£*") needs no boundary
    words_first = [a for a in alternatives if a[:1].isalnum()]
    symbols_first = [a for a in alternatives if not a[:1].isalnum()]
    parts = [r"\b(?:" + "|".join(words_first) + ")"] if words_first else []
    parts += symbols_first
    return re.compile("|".join(parts))


def parse_concepts(raw: Mapping[str, object]) -> Concepts:
    headings_raw = raw.get("headings") or {}
    sentences_raw = raw.get("sentences") or {}
    assert isinstance(headings_raw, dict) and isinstance(sentences_raw, dict)
    headings: dict[str, tuple[re.Pattern[str], re.Pattern[str] | None]] = {}
    for item, words in headings_raw.items():
        if isinstance(words, dict):
            none = words.get("none")
            headings[str(item)] = (compile_set(words["any"]), compile_set(none) if none else None)
        else:
            headings[str(item)] = (compile_set(words), None)
    sentences: dict[str, tuple[ConceptRule, ...]] = {}
    for item, rules in sentences_raw.items():
        compiled = []
        for rule in rules:
            none = rule.get("none")
            compiled.append(
                ConceptRule(
                    all=tuple(compile_set(s) for s in rule["all"]),
                    context=tuple(compile_set(s) for s in rule.get("context", ())),
                    none=compile_set(none) if none else None,
                    ordered=bool(rule.get("ordered")),
                )
            )
        sentences[str(item)] = tuple(compiled)
    return Concepts(headings, sentences)


@functools.lru_cache(maxsize=2)
def load_concepts(path: Path = DATA_FILE) -> Concepts:
    """The concept sets of ``data/concepts.json`` (none if the file is missing)."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return Concepts({}, {})
    return parse_concepts(raw)


def heading_items(
    item_id: str, titles: Sequence[tuple[str, Span, Span]], concepts: Concepts
) -> list[Span]:
    """Evidence that a section title names ``item_id``: ``titles`` are (folded title, title
    span, first body sentence span) of the sections that have body text."""
    patterns = concepts.headings.get(item_id)
    if patterns is None:
        return []
    pattern, none = patterns
    spans: list[Span] = []
    for title, heading, body in titles:
        if pattern.search(title) and (none is None or not none.search(title)):
            spans.extend((heading, body))
    return spans


def sentence_items(
    item_id: str, folded: str, paragraphs: Sequence[Sequence[Span]], concepts: Concepts
) -> list[Span]:
    """The sentences that state ``item_id`` by its concept rules. ``paragraphs`` hold the
    body sentences' spans of each paragraph or list item of the folded text. A question
    ("Will my data be shared with other researchers?") states nothing and is skipped."""
    rules = concepts.sentences.get(item_id)
    if not rules:
        return []
    # a sentence can only hold a rule if it holds a word of the rule's first set: find those
    # words once in the whole text, and read only the sentences that contain one
    starts = sorted({m.start() for rule in rules for m in rule.all[0].finditer(folded)})
    if not starts:
        return []
    spans: list[Span] = []
    for sentences in paragraphs:
        if not sentences:
            continue
        first = bisect.bisect_left(starts, sentences[0][0])
        if first == len(starts) or starts[first] >= sentences[-1][1]:
            continue
        paragraph = folded[sentences[0][0] : sentences[-1][1]]
        for start, end in sentences:
            index = bisect.bisect_left(starts, start)
            if index == len(starts) or starts[index] >= end:
                continue
            sentence = folded[start:end]
            if sentence.rstrip().endswith("?"):  # a question states nothing by itself
                continue
            if any(rule.holds(sentence, paragraph) for rule in rules):
                spans.append((start, end))
    return spans
