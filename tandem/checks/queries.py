from __future__ import annotations

from django.db.models import QuerySet

from tandem.accounts.models import User
from tandem.checks.models import ClarityCheck, LexiconTerm
from tandem.clarity import LexiconEntry


def checks_of(user: User | int) -> QuerySet[ClarityCheck]:
    """A person's own checks: nobody else's, whatever their role."""
    return ClarityCheck.objects.filter(owner=user)


def history_of(user: User | int) -> QuerySet[ClarityCheck]:
    return checks_of(user).defer("report", "text")


def lexicon_terms() -> QuerySet[LexiconTerm]:
    return LexiconTerm.objects.select_related("added_by")


def extra_lexicon(language: str) -> tuple[LexiconEntry, ...]:
    """The College's entries for one language, as the analyzer takes them. A retired entry
    is passed as ``retired``: it silences the built-in entry of the same term too."""
    return tuple(
        LexiconEntry(
            term=t.term,
            plain=LexiconTerm.split(t.plain),
            explanation=t.explanation,
            variants=LexiconTerm.split(t.variants),
            source=t.source or "College of Reviewers",
            kind="technical" if t.is_active else "retired",
        )
        for t in LexiconTerm.objects.filter(language=language)
    )
