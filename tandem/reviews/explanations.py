"""Sentences for the optimiser's results: why a reviewer is proposed and what blocks a seat.
The services record them (an assignment's reason, a refused assignment's error) and the pages
show them; they are domain words, not page layout, so services may import them."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.reviews import assignment as optimiser


def blocker_sentence(code: str) -> str:
    return {
        optimiser.INACTIVE: _("not an active member of the College"),
        optimiser.UNTRAINED: _("has not completed the training yet"),
        optimiser.ALREADY: _("already on this request, or declined it"),
        optimiser.OWN_ORGANIZATION: _("their organization is involved in the study"),
        optimiser.DECLARED_CONFLICT: _("declared a conflict of interest with this study"),
        optimiser.UNAVAILABLE: _("away during the review period"),
        optimiser.LANGUAGE: _("does not read the language of the documents"),
        optimiser.FULL: _("already has as many open reviews as they accept"),
    }.get(code, code)


def explain(choice: optimiser.Choice, language: str) -> str:
    """One sentence on why this reviewer is proposed."""
    parts = []
    if choice.affinity == optimiser.EXACT:
        parts.append(_("knows this disease area (%(area)s)") % {"area": choice.matched_area})
    elif choice.affinity == optimiser.RELATED:
        parts.append(_("knows a related disease area (%(area)s)") % {"area": choice.matched_area})
    else:
        parts.append(_("no particular disease-area experience, but free to review"))
    before = choice.load_after - 1
    parts.append(
        ngettext(
            "%(n)d open review before this one, of %(max)d accepted",
            "%(n)d open reviews before this one, of %(max)d accepted",
            before,
        )
        % {"n": before, "max": choice.candidate.max_load}
    )
    parts.append(
        _("reads %(language)s, no conflict of interest, available")
        % {"language": _("French") if language == "fr" else _("English")}
    )
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."
