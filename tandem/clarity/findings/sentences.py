"""Findings about whole sentences: long sentences (``long_sentence``) and the passive voice
(``passive``)."""

from __future__ import annotations

from .. import syllables_fr
from ..config import Config
from ..messages import message
from ..segment import Document
from ..text import fold_word
from .finding import Finding

__all__ = ["long_sentence_findings", "passive_findings"]

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
