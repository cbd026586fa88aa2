"""Measure a checklist reader LEARNED from the judged passages of issue 15 (bench only).

    .venv/bin/python bench/clarity_learned.py [--reader logreg|nearest] [--precision 0.98]

Leave-one-document-out over every document of the real set whose text is here (the private ones
rebuilt, hence ``--unverified`` figures): for each document, a reader is trained on the other
documents and added to the phrase cues of the product (an item the cues find stays found; an
item they miss is found when a sentence of the document scores at or above the item's
threshold).

- Sentences are the analyzer's own (``tandem.clarity.segment`` on the report's normalised text),
  headings included; each is read with the title of its section.
- Features: TF-IDF of the folded sentence's words (1-2 grams) and characters (2-5 grams within
  words) and of its section title's words. ``logreg``: one logistic regression per item (one
  against the rest); ``nearest``: the cosine similarity to the nearest judged sentence of the
  item in the training documents.
- Positives: the sentences that overlap an occurrence of the judged passage of the item;
  negatives: every other sentence of the training documents.
- A document's score for an item is its best sentence's. The item's threshold is chosen inside
  the training documents only: their scores come from an inner leave-documents-out split
  (four groups), and the threshold is the lowest score that keeps the learned reader's own
  precision over the training documents at or above ``--precision``; with ``--pooled`` one
  threshold is chosen for all items together, with ``--on-misses`` only the training items the
  cues miss count (the reader's own additions). The left-out document is never read to choose it.

Prints checklist precision and recall of the cues alone and of cues + learned reader, pooled
over all documents and for the unseen3 and unseen4 parts, and the same restricted to the items
the cues miss ("new wording"). Needs scikit-learn (the ``dev`` extra); the product does not.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import normalize as l2_normalize

from tandem.clarity.segment import section_title, segment
from tandem.clarity.tests import realdocs
from tandem.clarity.text import fold

INNER_GROUPS = 4
MIN_POSITIVES = 3  # an item with fewer positive sentences in the training documents is not learned
SKIPPED_ITEMS = frozenset({"plain_language"})


@dataclass(slots=True)
class Doc:
    id: str
    split: str
    language: str
    sentences: list[str]  # folded
    titles: list[str]  # folded title of each sentence's section
    positives: dict[str, set[int]]  # item -> indexes of the sentences of its judged passage
    present: frozenset[str]
    applicable: frozenset[str]  # items checked for this document's kind
    cue_found: frozenset[str]
    missing_passages: list[str] = field(default_factory=list)


def load_documents() -> list[Doc]:
    result: list[Doc] = []
    for real in realdocs.load():
        text = real.text(verify=False)
        if text is None:
            continue
        report = realdocs.analyse(real, text)
        analysed = report.text
        folded = fold(analysed)
        document = segment(analysed, language=real.language)
        spans: list[tuple[int, int]] = []
        titles: list[str] = []
        for section in document.sections:
            title = ""
            if section.heading is not None:
                h = section.heading
                title = fold(section_title(analysed[h.start : h.end]))
                spans.append((h.start, h.end))
                titles.append(title)
            for sentence in section.sentences:
                spans.append((sentence.start, sentence.end))
                titles.append(title)
        positives: dict[str, set[int]] = {}
        missing: list[str] = []
        for item, passage in real.present.items():
            occurrences = realdocs._occurrences(folded, passage)
            hit = {
                index
                for index, (s, e) in enumerate(spans)
                for a, b in occurrences
                if s < b and a < e
            }
            if hit:
                positives[item] = hit
            else:
                missing.append(item)
        applicable = frozenset(
            i.id
            for i in report.checklist
            if i.status != "not_applicable" and i.id not in SKIPPED_ITEMS
        )
        result.append(
            Doc(
                id=real.id,
                split=real.split,
                language=real.language,
                sentences=[folded[s:e] for s, e in spans],
                titles=titles,
                positives=positives,
                present=frozenset(real.present) & applicable,
                applicable=applicable,
                cue_found=frozenset(i.id for i in report.checklist if i.status == "found"),
                missing_passages=missing,
            )
        )
    return result


class Features:
    """TF-IDF of the sentence (words, characters) and of its section title, fitted on the
    training documents only."""

    def __init__(self, docs: Sequence[Doc]) -> None:
        sentences = [s for d in docs for s in d.sentences]
        titles = [t for d in docs for t in d.titles]
        self.words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        self.chars = TfidfVectorizer(
            analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True
        )
        self.titles = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)
        self.words.fit(sentences)
        self.chars.fit(sentences)
        self.titles.fit([t or "_" for t in titles])

    def transform(self, doc: Doc) -> Any:
        return l2_normalize(
            sparse.hstack(
                [
                    self.words.transform(doc.sentences),
                    self.chars.transform(doc.sentences),
                    0.5 * self.titles.transform([t or "_" for t in doc.titles]),
                ]
            ).tocsr()
        )


def train_scorer(
    train: Sequence[Doc], items: Sequence[str], reader: str, matrices: dict[str, Any]
) -> Any:
    """A function giving, for a document, each item's best sentence score and its index
    (``matrices``: each document's features, the vectorizers fitted on training text only)."""
    x = sparse.vstack([matrices[d.id] for d in train]).tocsr()
    models: dict[str, Any] = {}
    for item in items:
        y = np.concatenate(
            [
                np.array([i in d.positives.get(item, ()) for i in range(len(d.sentences))])
                for d in train
            ]
        )
        if y.sum() < MIN_POSITIVES:
            continue
        if reader == "logreg":
            model = LogisticRegression(
                C=4.0, class_weight="balanced", solver="liblinear", dual=True
            )
            model.fit(x, y)
            models[item] = model
        else:
            models[item] = x[np.flatnonzero(y)]

    def score(doc: Doc) -> dict[str, tuple[float, int]]:
        m = matrices[doc.id]
        result: dict[str, tuple[float, int]] = {}
        for item, model in models.items():
            if reader == "logreg":
                values = model.predict_proba(m)[:, 1]
            else:
                values = np.asarray((m @ model.T).max(axis=1).todense()).ravel()
            best = int(np.argmax(values))
            result[item] = (float(values[best]), best)
        return result

    return score


def choose_thresholds(
    train: Sequence[Doc],
    items: Sequence[str],
    reader: str,
    matrices: dict[str, Any],
    precision: float,
    pooled: bool,
    on_misses: bool,
) -> dict[str, float]:
    """Thresholds from the training documents only: their scores come from an inner split
    (each group scored by a reader trained on the other groups)."""
    pairs: dict[str, list[tuple[float, bool]]] = {item: [] for item in items}
    for group in range(INNER_GROUPS):
        inner_test = [d for i, d in enumerate(train) if i % INNER_GROUPS == group]
        inner_train = [d for i, d in enumerate(train) if i % INNER_GROUPS != group]
        score = train_scorer(inner_train, items, reader, matrices)
        for doc in inner_test:
            for item, (value, _) in score(doc).items():
                if item in doc.applicable and not (on_misses and item in doc.cue_found):
                    pairs[item].append((value, item in doc.present))
    if pooled:
        threshold = _lowest_threshold([p for ps in pairs.values() for p in ps], precision)
        return dict.fromkeys(items, threshold)
    return {item: _lowest_threshold(pairs[item], precision) for item in items}


def _lowest_threshold(pairs: list[tuple[float, bool]], precision: float) -> float:
    """The lowest score whose pairs at or above it are right at least ``precision`` of the
    time (infinity when no score does, or none finds a present item)."""
    best = float("inf")
    right = 0
    for total, (value, present) in enumerate(sorted(pairs, reverse=True), start=1):
        right += present
        if right and right / total >= precision:
            best = value
    return best


@dataclass(slots=True)
class Tally:
    found_right: int = 0
    found_wrong: int = 0
    present: int = 0
    new_right: int = 0  # found by the reader only, judged present
    new_wrong: int = 0  # found by the reader only, judged absent
    missed_by_cues: int = 0  # judged present, not found by the cues
    at_passage: int = 0  # reader's finds whose best sentence is in the judged passage

    def line(self, name: str) -> str:
        return (
            f"{name:12} precision {_pct(self.found_right, self.found_right + self.found_wrong)}"
            f"  recall {_pct(self.found_right, self.present)}"
        )


def _pct(a: int, b: int) -> str:
    return f"{100 * a / b:.1f} % ({a}/{b})" if b else "—"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reader", choices=("logreg", "nearest"), default="logreg")
    parser.add_argument("--precision", type=float, default=0.98)
    parser.add_argument("--pooled", action="store_true", help="one threshold for all items")
    parser.add_argument(
        "--on-misses",
        action="store_true",
        help="choose the thresholds on the training items the cues miss (what the reader adds)",
    )
    parser.add_argument("--errors", action="store_true", help="list the reader's finds")
    args = parser.parse_args()
    started = time.perf_counter()
    docs = load_documents()
    items = sorted({i for d in docs for i in d.applicable})
    sentences = sum(len(d.sentences) for d in docs)
    judged = sum(len(d.present) for d in docs)
    located = sum(len(d.positives) for d in docs)
    print(
        f"== {len(docs)} documents, {sentences} sentences, {judged} items judged present "
        f"(their passage located in {located})"
    )
    for d in docs:
        if d.missing_passages:
            print(f"   passage not located: {d.id}: {', '.join(d.missing_passages)}")
    groups = {"all": None, "unseen3": "unseen3", "unseen4": "unseen4"}
    cues = {g: Tally() for g in groups}
    learned = {g: Tally() for g in groups}
    lines: list[str] = []
    thresholds_seen: list[float] = []
    # every left-out score of an item the cues miss, for the ranking curve (diagnostic only)
    ranked: list[tuple[float, bool]] = []
    for index, test in enumerate(docs):
        train = [d for i, d in enumerate(docs) if i != index]
        # the vectorizers learn their vocabulary from the training documents' text only
        features = Features(train)
        matrices = {d.id: features.transform(d) for d in docs}
        thresholds = choose_thresholds(
            train, items, args.reader, matrices, args.precision, args.pooled, args.on_misses
        )
        thresholds_seen.extend(t for t in thresholds.values() if t != float("inf"))
        scores = train_scorer(train, items, args.reader, matrices)(test)
        print(f"   {index + 1}/{len(docs)} {test.id}", file=sys.stderr, flush=True)
        for item in sorted(test.applicable):
            present = item in test.present
            by_cues = item in test.cue_found
            value, best = scores.get(item, (float("-inf"), -1))
            by_reader = not by_cues and value >= thresholds.get(item, float("inf"))
            if not by_cues and item in scores:
                ranked.append((value, present))
            for group, split in groups.items():
                if split is not None and test.split != split:
                    continue
                for tally, found in (
                    (cues[group], by_cues),
                    (learned[group], by_cues or by_reader),
                ):
                    tally.present += present
                    if found:
                        tally.found_right += present
                        tally.found_wrong += not present
                    if present and not by_cues:
                        tally.missed_by_cues += 1
                lt = learned[group]
                if by_reader:
                    lt.new_right += present
                    lt.new_wrong += not present
                    lt.at_passage += best in test.positives.get(item, ())
            if by_reader or (present and not by_cues):
                verdict = ("RIGHT" if present else "FALSE") if by_reader else "missed"
                lines.append(
                    f"{test.split:8} {test.id:26} {item:26} {verdict:6} {value:.2f}"
                    f" (threshold {thresholds.get(item, float('inf')):.2f})"
                    f" {test.sentences[best][:90]!r}"
                )
    print(
        f"== reader {args.reader}, thresholds at training precision >= {args.precision:.0%}"
        f" ({'one for all items' if args.pooled else 'per item'}"
        f"{', on the items the cues miss' if args.on_misses else ''}), {INNER_GROUPS} inner groups"
    )
    for group in groups:
        c, lt = cues[group], learned[group]
        print(f"-- {group}")
        print("   " + c.line("cues"))
        print("   " + lt.line("cues+learned"))
        print(
            f"   new wording: {c.missed_by_cues} present items the cues miss; the reader finds "
            f"{_pct(lt.new_right, c.missed_by_cues)} of them; its finds on items the cues miss "
            f"are right {_pct(lt.new_right, lt.new_right + lt.new_wrong)}, best sentence in the "
            f"judged passage {_pct(lt.at_passage, lt.new_right)}"
        )
    if thresholds_seen:
        print(
            f"== finite thresholds: median {np.median(thresholds_seen):.2f}, "
            f"{len(thresholds_seen)} of {len(items) * len(docs)} item-folds"
        )
    ranked.sort(reverse=True)
    present_total = sum(p for _, p in ranked)
    curve = ", ".join(
        f"top {k}: {sum(p for _, p in ranked[:k])} right" for k in (5, 10, 20, 40, 80)
    )
    print(
        f"== ranking of the {len(ranked)} left-out items the cues miss by the reader's score "
        f"({present_total} judged present; diagnostic, no threshold): {curve}"
    )
    if args.errors:
        print("\n".join(lines))
    print(f"== {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
