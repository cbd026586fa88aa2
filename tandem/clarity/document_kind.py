"""The kind of a document when the caller asks for it to be inferred: a consent form, an
information leaflet or something else."""

from __future__ import annotations

import re

from .checklist import ItemResult

__all__ = ["infer_kind"]

_CONSENT_RE = re.compile(
    r"\b(?:je\s+soussign|j['’]accepte\s+de\s+participer|je\s+consens|je\s+donne\s+(?:mon|librement)"
    r"|en\s+signant\s+ci[- ]dessous|en\s+cliquant\b[^.\n]{0,80}vous\s+(?:consentez|acceptez|confirmez)"
    r"|vous\s+donnez\s+votre\s+consentement|i\s+agree\s+to\s+(?:take\s+part|participate)"
    r"|i\s+consent\b|i,?\s+the\s+undersigned|by\s+signing\s+below"
    r"|by\s+clicking\b[^.\n]{0,80}you\s+(?:agree|consent|confirm|indicate))"
    r"|^[-•]?\s*(?:signature|date\s+et\s+signature)\s*:?\s*$",
    re.MULTILINE,
)
_LEAFLET_RE = re.compile(
    r"\b(?:note|notice|lettre|fiche|feuille)\s+d['’]information|information\s+(?:sheet|leaflet)"
    r"|\binformation\s+(?:for|about)\s+participants|vous\s+(?:etes|avez\s+ete)\s+invite"
    r"|you\s+are\s+(?:being\s+)?invited\s+to\s+(?:take\s+part|participate)"
)
_MIN_ITEMS_FOR_LEAFLET = 4


def infer_kind(folded: str, items: tuple[ItemResult, ...]) -> str:
    """``consent`` when the text asks for consent (a signature, "j'accepte de participer", "I
    agree to take part"), ``leaflet`` when it informs a participant (an information-sheet title,
    an invitation, or at least four checklist items found), ``other`` otherwise."""
    if _CONSENT_RE.search(folded):
        return "consent"
    found = sum(1 for item in items if item.status == "found")
    if _LEAFLET_RE.search(folded) or found >= _MIN_ITEMS_FOR_LEAFLET:
        return "leaflet"
    return "other"
