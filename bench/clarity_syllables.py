"""Syllable accuracy of the clarity library, side by side with textstat.

    .venv/bin/python bench/clarity_syllables.py > /tmp/syllables.md

French reference: Lexique 3.83's phonological counts (column ``nbsyll``; when a spelling has
homographs with different counts, the most frequent one). Frequent words: every single-token
Lexique spelling (letters and hyphens) whose wordfreq Zipf frequency in French is 3 or more.
Medical words: the annotated lists in ``tandem/clarity/tests/data/medical_words_*.tsv``.

Columns: exact share, mean absolute error (syllables per word), words.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tandem.clarity import syllables_en, syllables_fr  # noqa: E402

DATA = ROOT / "tandem" / "clarity" / "tests" / "data"
WORD_RE = re.compile(r"[a-zàâäéèêëîïôöùûüçœæ]+(?:-[a-zàâäéèêëîïôöùûüçœæ]+)*")

Counter = Callable[[str], int]


def load_tsv(path: Path) -> list[tuple[str, int]]:
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            word, count = line.split("\t")[:2]
            rows.append((word.strip(), int(count)))
    return rows


def score(counter: Counter, rows: Sequence[tuple[str, int]]) -> str:
    try:
        exact = errors = 0
        for word, expected in rows:
            got = counter(word)
            exact += got == expected
            errors += abs(got - expected)
    except Exception as error:  # textstat's English counter needs an nltk download
        lines = [line for line in str(error).splitlines() if any(c.isalpha() for c in line)]
        reason = lines[0].strip()[:70] if lines else ""
        return f"fails: {type(error).__name__} ({reason})"
    return f"{exact / len(rows):.2%} exact, MAE {errors / len(rows):.3f}"


def textstat_counter(language: str) -> Counter:
    import textstat

    def count(word: str) -> int:
        textstat.set_lang(language)
        return int(textstat.syllable_count(word))

    return count


def frequent_french_words() -> list[tuple[str, int]]:
    from wordfreq import zipf_frequency

    lexicon = syllables_fr.lexicon()
    return [
        (w, n)
        for w, n in sorted(lexicon.items())
        if WORD_RE.fullmatch(w) and zipf_frequency(w, "fr") >= 3
    ]


def frequent_english_words() -> list[tuple[str, int]]:
    from wordfreq import zipf_frequency

    dictionary = syllables_en.dictionary()
    return [
        (w, n)
        for w, n in sorted(dictionary.items())
        if w.isalpha() and w.isascii() and zipf_frequency(w, "en") >= 3
    ]


def main() -> int:
    started = time.perf_counter()
    frequent_fr = frequent_french_words()
    medical_fr = load_tsv(DATA / "medical_words_fr.tsv")
    medical_en = load_tsv(DATA / "medical_words_en.tsv")
    frequent_en = frequent_english_words()
    lexicon = syllables_fr.lexicon()
    in_lexique = sum(w.lower() in lexicon for w, _ in medical_fr)
    in_cmu = sum(w.lower() in syllables_en.dictionary() for w, _ in medical_en)

    def fr_rules(w: str) -> int:
        return syllables_fr.count_rules(w)

    def fr_rules_exceptions(w: str) -> int:
        return syllables_fr.count(w, use_lexicon=False)

    def fr_full(w: str) -> int:
        return syllables_fr.count(w)

    def en_rules(w: str) -> int:
        return syllables_en.count_rules(w)

    def en_full(w: str) -> int:
        return syllables_en.count(w)

    print(
        "| word set | words | Tandem rules only | Tandem rules + exceptions | Tandem full | textstat |"
    )
    print("|---|---|---|---|---|---|")
    print(
        f"| French, Lexique 3.83, Zipf ≥ 3 | {len(frequent_fr)} | {score(fr_rules, frequent_fr)} "
        f"| {score(fr_rules_exceptions, frequent_fr)} | {score(fr_full, frequent_fr)} "
        f"| {score(textstat_counter('fr'), frequent_fr)} |"
    )
    print(
        f"| French medical list ({in_lexique} of {len(medical_fr)} in Lexique) | {len(medical_fr)} "
        f"| {score(fr_rules, medical_fr)} | {score(fr_rules_exceptions, medical_fr)} "
        f"| {score(fr_full, medical_fr)} | {score(textstat_counter('fr'), medical_fr)} |"
    )
    print(
        f"| English medical list ({in_cmu} of {len(medical_en)} in CMU) | {len(medical_en)} "
        f"| {score(en_rules, medical_en)} | — | {score(en_full, medical_en)} "
        f"| {score(textstat_counter('en'), medical_en)} |"
    )
    print(
        f"| English, CMU dictionary, Zipf ≥ 3 (rules vs the dictionary) | {len(frequent_en)} "
        f"| {score(en_rules, frequent_en)} | — | (the dictionary itself) | — |"
    )
    print(f"\n(ran in {time.perf_counter() - started:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
