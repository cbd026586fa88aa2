"""Speed and memory of the clarity library, side by side with textstat.

    .venv/bin/python bench/clarity_speed.py

1. Full analysis (``analyze``: segmentation, syllables, readability for the document and each
   section, every finding, the checklist) of a generated 5,000-word French leaflet
   (``bench/clarity_leaflet.py``), warm (one analysis first), pinned to one core; the median of
   40 runs, each on the text with a different last sentence so no per-text cache helps.
2. Readability statistics alone (``text_statistics``: normalisation, blocks, sentences, words,
   syllables; then Kandel-Moles) against textstat's ``flesch_reading_ease`` in French on the same
   texts (textstat caches per text, hence the different last sentence again). Runs alternate
   between the two so that other load on the machine affects both alike.
3. Peak resident memory of the command line (``python -m tandem.clarity FILE --format json``)
   in a child process, read with ``resource.getrusage(RUSAGE_CHILDREN)``: once with the
   Lexique cache already built, once with an empty cache directory (the cache is built from
   Lexique383.txt in that run).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from clarity_leaflet import leaflet  # noqa: E402

from tandem.clarity import analyze  # noqa: E402
from tandem.clarity.readability import formulas, text_statistics  # noqa: E402

RUNS = 40


def median_seconds(*functions: Callable[[str], object], text: str) -> list[float]:
    """Median time of each function; runs alternate between them so that load on the machine
    affects them alike."""
    for function in functions:
        function(text + "\n\nPremier essai.")
    times: list[list[float]] = [[] for _ in functions]
    for run in range(RUNS):
        variant = f"{text}\n\nFin numéro {run}."
        for index, function in enumerate(functions):
            started = time.perf_counter()
            function(variant)
            times[index].append(time.perf_counter() - started)
    return [statistics.median(t) for t in times]


def our_statistics(text: str) -> float | None:
    return formulas(text_statistics(text, "fr"), "fr", "fr")[0].value


def textstat_statistics(text: str) -> float:
    import textstat

    textstat.set_lang("fr")
    return float(textstat.flesch_reading_ease(text))


def cli_peak_rss(path: Path, cache_dir: str) -> tuple[float, float]:
    """Peak RSS (MB) and wall time of one command-line run, measured by a fresh parent process
    so that no earlier child counts."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "started = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True)\n"
        "elapsed = time.perf_counter() - started\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, elapsed)\n"
    )
    command = [sys.executable, "-m", "tandem.clarity", str(path), "--format", "json",
               "--output", os.devnull]  # fmt: skip
    env = {**os.environ, "TANDEM_CACHE_DIR": cache_dir}
    result = subprocess.run(
        [sys.executable, "-c", probe, *command],
        check=True, cwd=ROOT, env=env, capture_output=True, text=True,
    )  # fmt: skip
    peak_kb, elapsed = result.stdout.split()
    return int(peak_kb) / 1024, float(elapsed)


def main() -> int:
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    text = leaflet()
    words = analyze(text).stats.words

    (full,) = median_seconds(lambda t: analyze(t, document_kind="leaflet"), text=text)
    ours, theirs = median_seconds(our_statistics, textstat_statistics, text=text)

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "leaflet.txt"
        path.write_text(text, encoding="utf-8")
        cold_rss, cold_time = cli_peak_rss(path, cache_dir=str(Path(tmp) / "cache"))
        warm_rss, warm_time = cli_peak_rss(path, cache_dir=str(Path(tmp) / "cache"))

    print(f"Generated French leaflet: {words} words (Tandem's count), {len(text)} characters.\n")
    print("| measure | time | words per second |")
    print("|---|---|---|")
    print(
        f"| full analysis (`analyze`), warm, one core | {full * 1000:.0f} ms | {words / full:,.0f} |"
    )
    print(f"| readability statistics alone, Tandem | {ours * 1000:.1f} ms | {words / ours:,.0f} |")
    print(
        f"| readability statistics alone, textstat (fr) | {theirs * 1000:.1f} ms "
        f"| {words / theirs:,.0f} |"
    )
    print("\n| command line run | wall time | peak resident memory |")
    print("|---|---|---|")
    print(f"| first run, empty Lexique cache | {cold_time:.2f} s | {cold_rss:.0f} MB |")
    print(f"| later run, cache built | {warm_time:.2f} s | {warm_rss:.0f} MB |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
