"""Measure the clarity analyzer on the real documents of issue 15 (hand judgements).

    .venv/bin/python bench/clarity_realdocs.py [--errors] [--speed]

Prints, for the tuning part and the held-out part, checklist precision and recall, strict
precision of technical-term and acronym findings, recall of hard terms and of long sentences,
and (with --speed) the warm speed in words per second. Documents whose text is absent (the ones
whose licence keeps them out of git, see tandem/clarity/tests/data/real/judgements.json) are
skipped and named.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tandem.clarity.tests import realdocs


def speed(
    documents: list[realdocs.RealDocument], runs: int = 15, *, verify: bool = True
) -> tuple[int, float, float]:
    """Words per pass and the median words per second, by the wall clock and by the processor
    time of this process (on a loaded machine the second is the one to read)."""
    texts = [(doc, doc.text(verify=verify)) for doc in documents]
    texts = [(doc, text) for doc, text in texts if text is not None]
    for doc, text in texts:  # warm-up: caches, lexicons, wordfreq
        realdocs.analyse(doc, text)
    wall: list[float] = []
    cpu: list[float] = []
    words = 0
    for run in range(runs):
        started, started_cpu = time.perf_counter(), time.process_time()
        words = 0
        for doc, text in texts:
            report = realdocs.analyse(doc, f"{text}\n\nVersion {run}.")
            words += report.stats.words
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return words, words / statistics.median(wall), words / statistics.median(cpu)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list every miss and false flag")
    parser.add_argument("--speed", action="store_true", help="also time the analysis")
    parser.add_argument(
        "--unverified",
        action="store_true",
        help="also measure private texts that differ from the judged version (rebuilt from their "
        "source); they are named, and the figures are then approximate",
    )
    parser.add_argument("--split", choices=realdocs.SPLITS, help="only this part (errors included)")
    parser.add_argument(
        "--pasted",
        action="store_true",
        help="measure the texts without their '# ' heading marks, as pasted from a web page or a "
        "PDF (headings must then be recognised by their form)",
    )
    args = parser.parse_args()
    documents = realdocs.load()
    verify = not args.unverified
    if not verify:
        rebuilt = [
            d.id for d in documents if d.path.exists() and not d.verified(d.path.read_bytes())
        ]
        print(f"== measured on texts that differ from the judged version: {', '.join(rebuilt)}")
    for split in (args.split,) if args.split else (*realdocs.SPLITS, None):
        measures, skipped = realdocs.measure(
            documents, split=split, verify=verify, pasted=args.pasted
        )
        name = split or "all"
        print(f"== {name}: {measures.documents} documents, {measures.words} words")
        if skipped:
            print(f"   skipped (text absent): {', '.join(skipped)}")
        for key in realdocs.MEASURE_NAMES:
            print(f"   {key:22} {getattr(measures, key)}")
        if args.errors and split is not None:
            for error in measures.errors:
                print(f"   - {error}")
    if args.speed:
        words, rate, cpu_rate = speed(documents, verify=verify)
        print(
            f"== speed: {words} words per pass, warm, median of 15: {rate:,.0f} words/s by the"
            f" wall clock, {cpu_rate:,.0f} words/s of processor time"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
