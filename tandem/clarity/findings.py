"""Findings: passages worth rewriting, each with offsets, a severity, a message and suggestions.

Kinds: ``long_sentence``, ``jargon``, ``plain_word``, ``rare_word``, ``acronym``, ``passive`` and
``number``.
The analyzer only points and suggests; it never rewrites.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from . import syllables_fr
from .config import Config
from .lexicon import Matcher
from .messages import message, quote_list
from .segment import Document, Section, Sentence, Token
from .text import fold_word

__all__ = [
    "Finding",
    "acronym_findings",
    "jargon_findings",
    "legal_citation_findings",
    "long_sentence_findings",
    "number_findings",
    "passive_findings",
    "rare_word_findings",
    "zipf",
]

Severity = Literal["info", "warning", "error"]


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    severity: Severity
    start: int
    end: int
    text: str
    message: str
    suggestions: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "severity": self.severity,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "message": self.message,
            "suggestions": list(self.suggestions),
        }


# ---------------------------------------------------------------------------- long sentences


def long_sentence_findings(doc: Document, config: Config, ui: str) -> list[Finding]:
    """Sentences of at least ``long_sentence_warning`` words (numbers count, elisions do not)."""
    results: list[Finding] = []
    for sentence in doc.body_sentences:
        length = sum(1 for t in sentence.tokens if not t.elided)
        if length < config.long_sentence_warning:
            continue
        error = length >= config.long_sentence_error
        limit = config.long_sentence_error if error else config.long_sentence_warning
        results.append(
            Finding(
                "long_sentence",
                "error" if error else "warning",
                sentence.start,
                sentence.end,
                doc.text[sentence.start : sentence.end],
                message("long_sentence", ui, words=length, limit=limit),
            )
        )
    return results


# ---------------------------------------------------------------------------- jargon


def jargon_findings(
    doc: Document, matcher: Matcher, ui: str
) -> tuple[list[Finding], set[tuple[int, int]]]:
    """Lexicon hits.

    Technical terms (``jargon``): the first use of each entry is a warning, later ones are
    information; a term explained where it stands ("podomètre (un appareil qui compte les
    pas)") is information. Plain-word swaps (``plain_word``, "afin de" → "pour"): the first use
    of each entry only, as information.
    """
    results: list[Finding] = []
    spans: set[tuple[int, int]] = set()
    seen: set[str] = set()
    text = doc.text
    matches = [
        (sentence, match)
        for sentence in doc.sentences
        for match in matcher.find(text, sentence.tokens)
        if not _url_part(text, Token(match.start, match.end, "", "word"))  # "dpo@hopital.fr"
    ]
    # a term that names its section (a heading, a "Label:") and is used in the text as well is
    # reported where it is used: the section under the heading says what it is
    labels = {id(m) for s, m in matches if _names_its_section(text, s, m.start, m.end)}
    used = {m.entry.term for _s, m in matches if id(m) not in labels}
    for _sentence, match in matches:
        entry = match.entry
        found = text[match.start : match.end]
        spans.add((match.start, match.end))
        if entry.kind == "retired" or (
            id(match) in labels and entry.term in used and entry.kind != "plain"
        ):
            continue
        first = entry.term not in seen
        seen.add(entry.term)
        if entry.kind == "plain":
            if first:
                msg = message("plain_word", ui, text=found, plain=quote_list(entry.plain, ui))
                results.append(
                    Finding("plain_word", "info", match.start, match.end, found, msg, entry.plain)
                )
            continue
        explained = _explained_here(text, match.end)
        if explained:
            msg = message("jargon_explained", ui, text=found)
        elif entry.explanation:
            msg = message("jargon", ui, text=found, explanation=entry.explanation)
        else:
            msg = message("jargon_no_explanation", ui, text=found)
        severity: Severity = "warning" if first and not explained else "info"
        results.append(Finding("jargon", severity, match.start, match.end, found, msg, entry.plain))
    return results, spans


_LABEL_LEAD_RE = re.compile(r"(?:[-•*#]\s*)?(?:\d+[.)]\s*)?$")
_LABEL_TAIL_RE = re.compile(r"[\s?.!]*(?::|$)")


def _names_its_section(text: str, sentence: Sentence, start: int, end: int) -> bool:
    """The term is the whole of a heading ("# 5. Data retention") or the label of a line
    ("- Data Retention: recordings are deleted…"): the text under it says what it is."""
    line_start = text.rfind("\n", 0, start) + 1
    if not _LABEL_LEAD_RE.fullmatch(text, line_start, start):
        return False
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    tail = _LABEL_TAIL_RE.match(text, end, line_end)
    if tail is None:
        return False
    if text[tail.end() - 1 : tail.end()] == ":":
        return True  # a label
    return sentence.heading and tail.end() == line_end


# legal citations: "article 6.1.e du Règlement (UE) 2016/679", "loi n° 94-548", "article 16-6 of
# the Civil Code", "articles L1121-1 du Code de la santé publique"
_LEGAL_RES = (
    re.compile(
        r"\b(?:R[èe]glement|Regulation|Directive)\s+\((?:UE|EU|CE|EC)\)\s+(?:n[°o]\s*)?"
        r"\d{2,4}/\d+(?:/(?:UE|EU|CE|EC))?"
    ),
    re.compile(
        r"\b(?:[Ll]ois?|[Ll]aws?|[Dd][ée]crets?|[Dd]ecrees?|[Oo]rdonnances?|[Aa]cts?)\s+(?:n[°o]s?\.?|[Nn]os?\.?)"
        r"\s*\d{2,4}-\d+(?:\s+du\s+\d{1,2}(?:er)?\s+\w+\s+\d{4})?"
    ),
    re.compile(
        r"\b(?:[Aa]rticles?|[Aa]rt\.)\s+(?:[LRD]\.?\s?)?\d+(?:[-.]\d+)*(?:\.?[a-z]\b|\s?\(\d+\))*"
        r"(?:\s+(?:du|de\s+la|de\s+l['’]|of\s+the|of)\s+"
        r"(?:[Cc]ode(?:\s+(?:civil|p[ée]nal|de\s+la\s+sant[ée]\s+publique))?|[Cc]ivil\s+[Cc]ode|"
        r"R[èe]glement|Regulation|RGPD|GDPR|[Ll]oi|[Ll]aw|Data\s+Protection\s+Act))?"
    ),
)


def legal_citation_findings(doc: Document, ui: str) -> tuple[list[Finding], set[tuple[int, int]]]:
    """Citations of legal texts: a lay reader cannot look them up; say what they mean."""
    spans: list[tuple[int, int]] = []
    text = doc.text
    for pattern in _LEGAL_RES:
        spans.extend(m.span() for m in pattern.finditer(text))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    results = [
        Finding(
            "jargon",
            "warning" if index == 0 else "info",
            start,
            end,
            text[start:end],
            message("legal_citation", ui, text=text[start:end]),
        )
        for index, (start, end) in enumerate(merged)
    ]
    return results, set(merged)


_EXPLANATION_RE = re.compile(
    r" ?(?:\((?:c'est-à-dire |c’est-à-dire |i\.e\.,? |that is,? |soit |ou |or )?"
    r"(?:une?|la|le|les|des|l'|l’|a|an|the)\b[^()\n]{3,}\)"
    r"|, (?:c'est-à-dire|c’est-à-dire|that is|i\.e\.)\b)",
    re.IGNORECASE,
)


def _explained_here(text: str, end: int) -> bool:
    """The term is followed by its explanation: "(un appareil qui compte les pas)", ", that is"."""
    return _EXPLANATION_RE.match(text, end) is not None


# ---------------------------------------------------------------------------- rare words


_DIGIT_RE = re.compile(r"\d")


@functools.lru_cache(maxsize=200_000)
def zipf(word: str, language: str) -> float:
    """wordfreq's Zipf frequency of ``word`` (0 when wordfreq is not installed)."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # pragma: no cover - wordfreq is a declared dependency
        return 7.0
    return float(zipf_frequency(word, language))


def _is_acronym(text: str) -> bool:
    """Two letters or more, all capitals ("CPP", "COVID-19"); not a template variable or an
    identifier with an underscore ("CUREC_ID")."""
    if len(text) < 2 or not text.isupper() or "_" in text:
        return False
    return text.isalpha() or sum(1 for ch in text if ch.isalpha()) >= 2


# a word this common is known to the reader whatever its capitals ("CoViD", "PhD")
_KNOWN_WORD_ZIPF = 3.5


def _is_mixed_abbreviation(text: str) -> bool:
    """An abbreviation in mixed case ("MSc", "MSci", "CoSE", "DPhil"): two to five letters,
    an initial capital, at least two capitals and one small letter. Not a camel-case brand
    ("iPad", "YouTube") and not a capitalised word."""
    return (
        2 <= len(text) <= 5
        and text.isalpha()
        and text[0].isupper()
        and sum(ch.isupper() for ch in text) >= 2
        and not text.isupper()
    )


def rare_word_findings(
    doc: Document, config: Config, ui: str, *, skip: set[tuple[int, int]]
) -> list[Finding]:
    """The first use of each word rarer than ``rare_word_zipf`` in everyday language.

    Not reported: jargon hits (``skip``), acronyms, words with digits, short words, and
    capitalised words inside a sentence or in a heading (likely proper nouns).
    """
    results: list[Finding] = []
    seen: set[str] = set()
    skipped_starts = {s for s, _ in skip}
    skipped = sorted(skip)
    language = doc.language
    for sentence in doc.sentences:
        first_word = True
        for token in sentence.tokens:
            if token.kind != "word" or token.elided:
                continue
            is_first = first_word
            first_word = False
            text = token.text
            if len(text) < config.rare_word_min_length or _DIGIT_RE.search(text):
                continue
            if text[0].isupper() and (sentence.heading or not is_first or _is_acronym(text)):
                continue
            key = text.lower()
            if key in seen or token.start in skipped_starts or _inside(token, skipped):
                continue
            seen.add(key)
            if _url_part(doc.text, token):
                continue
            if language == "en" and key.endswith(("'s", "’s")):
                key = key[:-2]
            frequency = zipf(key, language)
            if frequency < config.rare_word_zipf and language == "fr":
                frequency = max([frequency, *(zipf(form, language) for form in french_forms(key))])
            if frequency >= config.rare_word_zipf:
                continue
            results.append(
                Finding(
                    "rare_word",
                    "info",
                    token.start,
                    token.end,
                    text,
                    message("rare_word", ui, text=text),
                )
            )
    return results


# French future and conditional stems that are not the infinitive ("contiendront" → contenir)
_FR_IRREGULAR_FUTURE = (
    ("tiendr", "tenir"), ("viendr", "venir"), ("pourr", "pouvoir"), ("devr", "devoir"),
    ("saur", "savoir"), ("voudr", "vouloir"), ("faudr", "falloir"), ("vaudr", "valoir"),
    ("verr", "voir"), ("enverr", "envoyer"), ("recevr", "recevoir"), ("aur", "avoir"),
    ("ser", "être"), ("fer", "faire"), ("ir", "aller"), ("courr", "courir"), ("mourr", "mourir"),
)  # fmt: skip
_FR_FUTURE_ENDINGS = (
    "aient", "ions", "iez", "ais", "ait", "ons", "ont", "ez", "ai", "as", "a",
)  # fmt: skip
_FR_1990_RE = re.compile(r"[iu](?=[tn])")
_FR_GRAVE_RE = re.compile(r"è(?=[^aeiouyéèêàâîôû]+er)")


def french_forms(word: str) -> list[str]:
    """Other spellings and the infinitive of a French form, for the frequency look-up.

    The lemma from Lexique; the future and conditional ("recruterons" → recruter,
    "contiendront" → contenir); the 1990 spellings ("entrainera" → entraînera, "couteuses" →
    coûteuses, "accèdera" → accédera) and their own lemma.
    """
    forms: list[str] = []
    lemma = syllables_fr.lemma(word)
    if lemma != word:
        forms.append(lemma)
    for ending in _FR_FUTURE_ENDINGS:
        if word.endswith("r" + ending) and len(word) > len(ending) + 3:
            stem = word[: -len(ending)]  # "recruter", "finir", "contiendr"
            if stem.endswith(("er", "ir")):
                forms.append(stem)
            if stem.endswith("re"):  # "prendre": "prendrons" → "prendr" + "e"
                forms.append(stem)
            if stem.endswith("r") and not stem.endswith(("er", "ir")):
                forms.append(stem + "e")  # "prendr" → "prendre"
            for old, infinitive in _FR_IRREGULAR_FUTURE:
                if stem.endswith(old) and (old not in ("ir", "ser") or stem == old):
                    forms.append(stem[: -len(old)] + infinitive)
                    break
            break
    variants = {
        _FR_1990_RE.sub(lambda m: "î" if m.group() == "i" else "û", word, count=1),
        _FR_GRAVE_RE.sub("é", word),
    } - {word}
    for variant in variants:
        forms.append(variant)
        variant_lemma = syllables_fr.lemma(variant)
        if variant_lemma != variant:
            forms.append(variant_lemma)
    return forms


def _url_part(text: str, token: Token) -> bool:
    """Part of a web or email address ("www.cnil.fr", "contact@hopital.fr")."""
    before = text[token.start - 1] if token.start else " "
    after = text[token.end : token.end + 2]
    return before in "./@" or after[:1] in "@/" or (after[:1] == "." and after[1:].isalnum())


def _inside(token: Token, spans: Sequence[tuple[int, int]]) -> bool:
    for start, end in spans:
        if start <= token.start and token.end <= end:
            return True
        if start > token.start:
            return False
    return False


# ---------------------------------------------------------------------------- acronyms

_ROMAN_RE = re.compile(r"^[IVXLCDM]+$")
_DEFINITION_AFTER_RE = re.compile(r"[ ]?\(([^()]{3,120})\)")


def acronym_findings(
    doc: Document,
    config: Config,
    ui: str,
    *,
    known: dict[str, tuple[tuple[str, ...], str]],
) -> list[Finding]:
    """Acronyms used before or without being spelled out.

    Spelled out means "Full name (ABC)", "Full name - ABC" (a word of the full name starts
    with the acronym's first letter) or "ABC (full name)" somewhere in the text. ``known`` maps
    acronyms of the lexicon to their plain alternatives, offered as suggestions, and their
    jargon message, appended to the acronym's.

    Capitals that are not acronyms are left alone: headings and runs of three capitalised words,
    common words in capitals for emphasis ("AND", "DO NOT", "SI"), surnames written in capitals
    beside a first name ("LORENZINI Leila", French usage), postal codes ("OX1 2JD",
    "G1V 0A6"), Roman numerals, and identifiers after a label ("Version: OBC-ULT 1.0").
    """
    text = doc.text
    first_use: dict[str, Token] = {}
    defined_at: dict[str, int] = {}
    long_forms: dict[str, str] = {}
    postal = _postal_code_spans(text)
    emphasis = _EMPHASIS_WORDS.get(doc.language, frozenset()) | _EMPHASIS_WORDS["en"]
    for sentence in doc.sentences:
        tokens = [t for t in sentence.tokens if t.kind == "word" and not t.elided]
        caps = [_is_acronym(t.text) for t in tokens]
        if sentence.heading and all(caps):
            continue  # a heading in capitals
        for index, token in enumerate(tokens):
            if not caps[index]:
                if (
                    index > 0
                    and _is_mixed_abbreviation(token.text)  # "MSc", "CoSE"
                    and zipf(token.text.lower(), doc.language) < _KNOWN_WORD_ZIPF  # not "CoViD"
                    and token.text not in config.acronym_allow
                ):
                    first_use.setdefault(token.text, token)
                continue
            run = 1
            j = index - 1
            while j >= 0 and caps[j]:
                run += 1
                j -= 1
            j = index + 1
            while j < len(tokens) and caps[j]:
                run += 1
                j += 1
            if run >= 3:
                continue  # text in capitals, not an acronym
            name = token.text
            if name in config.acronym_allow or _ROMAN_RE.match(name):
                continue
            if name.lower() in emphasis or _inside(token, postal):
                continue
            if _surname_in_capitals(tokens, index) or _after_label(text, token.start):
                continue
            first_use.setdefault(name, token)
            if name in defined_at:
                continue
            # "Full name (ABC)", "Full name - ABC"
            before = text[max(0, token.start - 2) : token.start]
            if (before.endswith("(") or before in ("- ", "– ")) and index >= 2:
                long_form = _long_form(text, tokens, index, name)
                if long_form:
                    defined_at[name] = token.start
                    long_forms[name] = long_form
                    continue
            # "ABC (full name)"
            after = _DEFINITION_AFTER_RE.match(text, token.end)
            if after is not None and any(ch.islower() for ch in after.group(1)):
                defined_at[name] = token.start
                long_forms[name] = after.group(1).strip()
    results: list[Finding] = []
    for name, token in first_use.items():
        where = defined_at.get(name)
        if where is not None and where <= token.start:
            continue
        key = "acronym_late" if where is not None else "acronym_undefined"
        suggestions, explanation = known.get(name, ((), ""))
        if name in long_forms:
            suggestions = (long_forms[name], *suggestions)
        text = message(key, ui, text=name)
        if explanation:
            text = f"{text} {explanation}"
        results.append(
            Finding("acronym", "warning", token.start, token.end, name, text, suggestions)
        )
    return results


# Common words written in capitals for emphasis, never acronyms. A constant of the code (a word
# list per language, read-only), not a cache: nothing at run time changes it, so every process
# holds the same one; the lexicon that staff edit lives in the database (checks.LexiconTerm).
_EMPHASIS_WORDS: Mapping[str, frozenset[str]] = MappingProxyType({
    "en": frozenset({
        "a", "all", "and", "any", "are", "be", "before", "do", "does", "after", "if", "in", "is",
        "it", "no", "nor", "not", "of", "on", "or", "only", "must", "never", "the", "to", "we",
        "will", "with", "you", "your", "yes", "important", "note", "part", "page",
    }),
    "fr": frozenset({
        "a", "à", "au", "aucun", "aucune", "avant", "après", "de", "des", "du", "en", "est", "et",
        "il", "jamais", "la", "le", "les", "ne", "ni", "non", "nous", "ou", "pas", "que", "qui",
        "si", "sur", "tout", "tous", "un", "une", "vous", "votre", "vos", "oui", "important",
        "obligatoire", "attention", "partie", "page",
    }),
})  # fmt: skip
_POSTAL_RE = re.compile(
    r"\b(?:[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d)\b"  # UK, Canada
)
_LABEL_RE = re.compile(
    r"(?:version|r[ée]f[ée]rence|r[ée]f|ref|code|protocol|protocole|n°|no|num[ée]ro|number"
    r"|id|identifier|identifiant)\b[^:\n]{0,30}:[^\n]*$",
    re.IGNORECASE,
)
_VOWELS = frozenset("AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜ")


def _postal_code_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _POSTAL_RE.finditer(text)]


def _after_label(text: str, start: int) -> bool:
    """The capitals follow a label on their line ("Version: OBC-ULT 1.0.1")."""
    line_start = text.rfind("\n", 0, start) + 1
    return _LABEL_RE.match(text, line_start, start) is not None


def _surname_in_capitals(tokens: Sequence[Token], index: int) -> bool:
    """A surname in capitals beside a first name ("LORENZINI Leila", "Lucie BOUVET")."""
    name = tokens[index].text
    letters = [ch for ch in name if ch.isalpha()]
    if len(letters) < 4 or sum(ch in _VOWELS for ch in letters) / len(letters) < 0.3:
        return False
    for j in (index - 1, index + 1):
        if 0 <= j < len(tokens):
            word = tokens[j].text
            if len(word) >= 2 and word[0].isupper() and word[1:].islower() and word.isalpha():
                return True
    return False


def _long_form(text: str, tokens: list[Token], index: int, name: str) -> str:
    """The words before "(ABC)" that spell it out, from the first one starting with A; empty
    when they do not (their initials must hold two of the acronym's letters: "Lucie Martin
    (MCF, …)" does not spell out MCF; "National Medicines Safety Agency (ANSM)" does)."""
    window = tokens[max(0, index - len(name) - 3) : index]
    letters = {ch.lower() for ch in name if ch.isalpha()}
    needed = min(2, len(letters))
    initial = name[0].lower()
    # from the word starting with A if it works, else from the first word that shares a letter
    candidates = sorted(
        (i for i, t in enumerate(window) if t.text[:1].lower() in letters),
        key=lambda i: (window[i].text[:1].lower() != initial, i),
    )
    for i in candidates:
        passage = text[window[i].start : window[-1].end]
        initials = {t.text[:1].lower() for t in window[i:]}
        if len(letters & initials) >= needed and not any(ch in passage for ch in ":;()"):
            return passage
    return ""


# ---------------------------------------------------------------------------- passive voice

_ETRE = frozenset({
    "suis", "es", "est", "sommes", "etes", "sont", "etais", "etait", "etions", "etiez",
    "etaient", "serai", "seras", "sera", "serons", "serez", "seront", "serais", "serait",
    "serions", "seriez", "seraient", "sois", "soit", "soyons", "soyez", "soient", "fus", "fut",
    "fumes", "futes", "furent", "ete", "etre", "etant",
})  # fmt: skip
_BE = frozenset(["am", "is", "are", "was", "were", "be", "been", "being"])
_FR_SKIP = frozenset({
    "pas", "plus", "jamais", "toujours", "deja", "bien", "tres", "souvent", "egalement",
    "aussi", "ensuite", "alors", "ainsi", "tous", "tout", "toutes", "ne", "n'", "peut-etre",
    "parfois", "donc", "d'abord", "systematiquement",
})  # fmt: skip
_EN_SKIP = frozenset({
    "not", "also", "then", "always", "never", "only", "often", "still", "just", "all", "both",
    "usually",
})  # fmt: skip
_FR_MOTION = (
    "all", "venu", "parti", "arriv", "n", "mort", "rest", "devenu", "tomb", "entr", "sorti",
    "mont", "descendu", "retourn", "revenu", "rentr", "parvenu", "intervenu", "survenu",
    "d\u00e9c\u00e9d", "apparu", "redevenu", "reparti", "ressorti", "pass",
)  # fmt: skip
_FR_MOTION_FORMS = frozenset(
    f"{stem}{'é' if stem[-1] not in 'iu' else ''}{suffix}"
    for stem in _FR_MOTION
    for suffix in ("", "e", "s", "es")
) | frozenset({"morte", "mortes", "morts", "mort", "né", "née", "nés", "nées"})
_FR_REFLEXIVE = frozenset({"me", "m'", "te", "t'", "se", "s'"})
_FR_OBJECT = frozenset({"vous", "nous", "lui", "leur", "me", "m'", "te", "t'"})
_EN_IRREGULAR = frozenset({
    "arisen", "awoken", "borne", "beaten", "become", "begun", "bent", "bet", "bound", "bitten",
    "bled", "blown", "broken", "bred", "brought", "built", "burnt", "bought", "caught",
    "chosen", "come", "cut", "dealt", "done", "drawn", "drunk", "driven", "eaten", "fallen",
    "fed", "felt", "fought", "found", "fled", "flung", "flown", "forbidden", "forgotten",
    "forgiven", "frozen", "got", "gotten", "given", "gone", "ground", "grown", "hung", "had",
    "heard", "hidden", "hit", "held", "hurt", "kept", "knelt", "known", "laid", "led", "left",
    "lent", "let", "lain", "lit", "lost", "made", "meant", "met", "paid", "put", "quit", "read",
    "rid", "ridden", "rung", "risen", "run", "said", "seen", "sought", "sold", "sent", "set",
    "sewn", "shaken", "shed", "shone", "shot", "shown", "shrunk", "shut", "sung", "sunk", "sat",
    "slept", "slid", "spoken", "spent", "spun", "spread", "stood", "stolen", "stuck", "stung",
    "struck", "sworn", "swept", "swum", "taken", "taught", "torn", "told", "thought", "thrown",
    "understood", "undertaken", "upset", "woken", "worn", "won", "withdrawn", "written",
})  # fmt: skip
_EN_NOT_PARTICIPLE = frozenset({
    "hundred", "indeed", "speed", "breed", "need", "feed", "seed", "bleed", "shred", "red",
    "bed", "sacred", "naked", "wicked", "kindred",
})  # fmt: skip
_EN_MODALS = frozenset({
    "will", "would", "may", "might", "can", "could", "should", "must", "shall", "has", "have",
    "had",
})  # fmt: skip
_EN_AUXILIARIES = _EN_MODALS | {"not"}
_FIXED_SUGGESTIONS: dict[str, tuple[str, ...]] = {
    "il vous sera demande": ("nous vous demanderons",),
    "il vous sera propose": ("nous vous proposerons",),
    "il vous sera remis": ("nous vous remettrons",),
    "il est recommande": ("nous vous recommandons",),
    "il est conseille": ("nous vous conseillons",),
    "it will be requested": ("we will ask you",),
    "it is recommended": ("we recommend",),
    "you will be asked": ("we will ask you",),
}


def _fr_participle(word: str) -> bool:
    if word.isupper():
        return False  # an acronym ("EU"), not "eu"
    lower = word.lower()
    if lower in _FR_MOTION_FORMS:
        return False
    known = syllables_fr.participles()
    if known:
        return lower in known
    return lower.endswith(("é", "ée", "és", "ées"))


def _en_participle(word: str) -> bool:
    if word.isupper():
        return False
    lower = word.lower()
    if lower in _EN_IRREGULAR:
        return True
    return len(lower) > 4 and lower.endswith("ed") and lower not in _EN_NOT_PARTICIPLE


def passive_findings(doc: Document, ui: str) -> list[Finding]:
    """Passive voice (French ``être`` + past participle; English ``be`` + past participle) and
    impersonal passives ("il vous sera demandé", "it will be requested")."""
    french = doc.language == "fr"
    results: list[Finding] = []
    text = doc.text
    for sentence in doc.body_sentences:
        words = [t for t in sentence.tokens if t.kind == "word"]
        folded = [fold_word(t.text) for t in words]
        n = len(words)
        i = 0
        while i < n:
            aux = folded[i]
            if not ((french and aux in _ETRE) or (not french and aux in _BE)):
                i += 1
                continue
            j = i + 1
            skip = _FR_SKIP if french else _EN_SKIP
            while j < n and j - i <= 3 and (folded[j] in skip or folded[j].endswith("ly")):
                j += 1
            if j >= n:
                break
            participle = words[j].text
            is_participle = _fr_participle(participle) if french else _en_participle(participle)
            if not is_participle or (french and _fr_reflexive(folded, i)):
                i += 1
                continue
            if _own_declaration(folded, i, french):
                i = j + 1  # "I have been informed", "j'ai été informé(e)": the form's wording
                continue
            start_index = i
            impersonal = False
            if french:
                k = i - 1
                if k >= 0 and folded[k] in _FR_OBJECT:
                    k -= 1
                if k >= 0 and folded[k] == "il":
                    impersonal, start_index = True, k
            else:
                k = i - 1
                while k >= 0 and folded[k] in _EN_AUXILIARIES:
                    k -= 1
                start_index = k + 1  # "will be taken", "has been approved"
                if k >= 0 and folded[k] in {"it", "there"}:
                    impersonal, start_index = True, k
                elif k >= 0 and folded[k] == "you" and start_index < i:
                    start_index = k  # "you will be asked"
            start, end = words[start_index].start, words[j].end
            found = text[start:end]
            key = " ".join(fold_word(found).split())
            results.append(
                Finding(
                    "passive",
                    "warning" if impersonal else "info",
                    start,
                    end,
                    found,
                    message("impersonal" if impersonal else "passive", ui, text=found),
                    _FIXED_SUGGESTIONS.get(key, ()),
                )
            )
            i = j + 1
    return results


_FIRST_PERSON_EN = frozenset({"i", "i've", "i'm"})
_FIRST_PERSON_FR = frozenset({"je", "j'", "j", "j'ai"})


def _own_declaration(folded: list[str], i: int, french: bool) -> bool:
    """A passive in the participant's own declaration ("I have been informed that…", "j'ai été
    informé(e)…", "je suis informé(e)"): the consent form's set wording, not reported."""
    window = folded[max(0, i - 3) : i]
    if french:
        return any(w in _FIRST_PERSON_FR for w in window)
    return any(w in _FIRST_PERSON_EN for w in window)


def _fr_reflexive(folded: list[str], i: int) -> bool:
    """``s'est engagé``, ``vous vous êtes engagés``: pronominal verbs, not passives."""
    if i >= 1 and folded[i - 1] in _FR_REFLEXIVE:
        return True
    return i >= 2 and folded[i - 1] in {"nous", "vous"} and folded[i - 1] == folded[i - 2]


# ---------------------------------------------------------------------------- numbers

_FREQUENCY_RE = re.compile(
    r"\b(?:\d+|une?|one)(?:[ ]+[^\W\d]+){0,2}[ ]+(?:sur|in|out[ ]+of)[ ]+\d[\d ]*(?<! )",
    re.IGNORECASE,
)
_FRACTION_WORDS_RE = re.compile(
    r"\b(?:un|deux|trois|a|one|two|three)[ ]+(?:tiers|quarts?|cinquièmes?|thirds?|quarters?|"
    r"fifths?)\b",
    re.IGNORECASE,
)
_FRACTION_RE = re.compile(r"^\d{1,3}/\d{1,4}$")
_PERCENT_WORDS_RE = re.compile(r"^(?:pour[ ]?cent|percent|per[ ]?cent)\b", re.IGNORECASE)
_DECIMAL_RE = re.compile(r"^(\d+)([.,])(\d+)$")

NumberFormat = Literal["percent", "frequency", "fraction"]


def _sentence_numbers(text: str, sentence: Sentence) -> list[tuple[NumberFormat, int, int]]:
    found: list[tuple[NumberFormat, int, int]] = []
    for token in sentence.tokens:
        if token.kind != "number":
            continue
        if "%" in token.text or "‰" in token.text:
            found.append(("percent", token.start, token.end))
        elif _PERCENT_WORDS_RE.match(text, token.end + 1, sentence.end):
            words = _PERCENT_WORDS_RE.match(text, token.end + 1, sentence.end)
            assert words is not None
            found.append(("percent", token.start, words.end()))
        elif _FRACTION_RE.match(token.text):
            found.append(("fraction", token.start, token.end))
    for match in _FREQUENCY_RE.finditer(text, sentence.start, sentence.end):
        found.append(("frequency", match.start(), match.end()))
    for match in _FRACTION_WORDS_RE.finditer(text, sentence.start, sentence.end):
        found.append(("fraction", match.start(), match.end()))
    found.sort(key=lambda item: item[1])
    return found


def number_findings(doc: Document, ui: str) -> list[Finding]:
    """Percentages, fractions and "1 in N" mixed in one section; percentages without a
    concrete frequency in the same sentence; decimal commas and points mixed in the text."""
    text = doc.text
    results: list[Finding] = []
    for section in doc.sections:
        results.extend(_section_number_findings(text, section, ui))
    results.extend(_decimal_findings(doc, ui))
    return results


def _section_number_findings(text: str, section: Section, ui: str) -> list[Finding]:
    results: list[Finding] = []
    formats_seen: list[tuple[NumberFormat, int, int]] = []
    for sentence in section.sentences:
        numbers = _sentence_numbers(text, sentence)
        kinds = {kind for kind, _, _ in numbers}
        explained = "percent" in kinds and "frequency" in kinds
        for kind, start, end in numbers:
            if kind == "percent" and not explained:
                value = _percent_value(text[start:end])
                results.append(
                    Finding(
                        "number",
                        "info",
                        start,
                        end,
                        text[start:end],
                        message(
                            "number_unexplained_percentage",
                            ui,
                            text=text[start:end],
                            n=value if value is not None else "N",
                        ),
                        (_frequency_suggestion(value, ui),) if value is not None else (),
                    )
                )
        if not explained:
            formats_seen.extend(numbers)
    first_kind: NumberFormat | None = None
    for kind, start, end in formats_seen:
        if first_kind is None:
            first_kind = kind
        elif kind != first_kind:
            results.append(
                Finding(
                    "number",
                    "warning",
                    start,
                    end,
                    text[start:end],
                    message("number_mixed", ui),
                )
            )
            break
    return results


def _percent_value(found: str) -> str | None:
    match = re.match(r"\d+(?:[.,]\d+)?", found)
    if match is None:
        return None
    value = float(match.group().replace(",", "."))
    return f"{value:g}".replace(".", ",") if "," in match.group() else f"{value:g}"


def _frequency_suggestion(value: str, ui: str) -> str:
    return f"{value} personnes sur 100" if ui == "fr" else f"{value} people out of 100"


def _decimal_findings(doc: Document, ui: str) -> list[Finding]:
    commas: list[Token] = []
    points: list[Token] = []
    for sentence in doc.body_sentences:
        for token in sentence.tokens:
            if token.kind != "number":
                continue
            match = _DECIMAL_RE.match(token.text)
            if match is None:
                continue
            whole, separator, fraction = match.groups()
            if len(fraction) == 3 and whole != "0":
                continue  # 1,000 or 1.000: a thousands separator, not a decimal
            (commas if separator == "," else points).append(token)
    if not commas or not points:
        return []
    preferred_comma = doc.language == "fr"
    wrong, right = (points, commas) if preferred_comma else (commas, points)
    other = right[0].text
    results: list[Finding] = []
    for token in wrong:
        fixed = token.text.replace(".", ",") if preferred_comma else token.text.replace(",", ".")
        results.append(
            Finding(
                "number",
                "warning",
                token.start,
                token.end,
                token.text,
                message("number_decimal_separators", ui, text=token.text, other=other),
                (fixed,),
            )
        )
    return results


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    order = {"error": 0, "warning": 1, "info": 2}
    return sorted(findings, key=lambda f: (f.start, order[f.severity], -f.end, f.kind))
