"""Words rare in everyday language (``rare_word``), by their wordfreq frequency; a French
form is also looked up by its infinitive and its other spellings."""

from __future__ import annotations

import re

from .. import syllables_fr
from ..config import Config
from ..messages import message
from ..segment import Document
from .finding import Finding
from .words import inside, is_acronym, url_part, zipf

__all__ = ["french_forms", "rare_word_findings"]

_DIGIT_RE = re.compile(r"\d")


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
            if text[0].isupper() and (sentence.heading or not is_first or is_acronym(text)):
                continue
            key = text.lower()
            if key in seen or token.start in skipped_starts or inside(token, skipped):
                continue
            seen.add(key)
            if url_part(doc.text, token):
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
