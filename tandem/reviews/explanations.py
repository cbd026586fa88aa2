"""Sentences for the optimiser's results: why a reviewer is proposed and what blocks a seat.
The services record them (an assignment's reason, a refused assignment's error) and the pages
show them; they are domain words, not page layout, so services may import them."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.core.formatting import join_clauses
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


# Why an assignment was made, stored as a code and its parameters (`Assignment.reason_code`,
# `reason_params`) and put into words when a page or the API shows it, in the reader's language.
SUGGESTED = "suggested"  # the suggestion named this person: affinity, load, language
PREVIOUS_ROUND = "previous_round"  # a new round: they reviewed the previous version


def reason_params(choice: optimiser.Choice, language: str) -> dict[str, object]:
    """The parameters of a SUGGESTED reason: what `reason_sentence` needs, nothing in words."""
    affinity = {optimiser.EXACT: "exact", optimiser.RELATED: "related"}.get(choice.affinity, "none")
    return {
        "affinity": affinity,
        "area": choice.matched_area or "",
        "before": choice.load_after - 1,
        "max": choice.candidate.max_load,
        "language": language,
    }


def reason_sentence(code: str, params: dict[str, object] | None = None) -> str:
    """The sentence of a stored reason, in the active language; "" for an unknown code."""
    params = params or {}
    if code == PREVIOUS_ROUND:
        return _("Reviewed the previous version.")
    if code != SUGGESTED:
        return ""
    parts = []
    area = params.get("area", "")
    if params.get("affinity") == "exact":
        parts.append(_("knows this disease area (%(area)s)") % {"area": area})
    elif params.get("affinity") == "related":
        parts.append(_("knows a related disease area (%(area)s)") % {"area": area})
    else:
        parts.append(_("no particular disease-area experience, but free to review"))
    before = int(params.get("before", 0) or 0)  # type: ignore[call-overload]
    parts.append(
        ngettext(
            "%(n)d open review before this one, of %(max)d accepted",
            "%(n)d open reviews before this one, of %(max)d accepted",
            before,
        )
        % {"n": before, "max": int(params.get("max", 0) or 0)}  # type: ignore[call-overload]
    )
    parts.append(
        _("reads %(language)s, no conflict of interest, available")
        % {"language": _("French") if params.get("language") == "fr" else _("English")}
    )
    text = join_clauses(parts)
    return text[:1].upper() + text[1:] + "."


def explain(choice: optimiser.Choice, language: str) -> str:
    """One sentence on why this reviewer is proposed."""
    return reason_sentence(SUGGESTED, reason_params(choice, language))
