"""A person's portfolio on their profile page: what they have done across the modules
(trainings followed, contributions to research projects, reviews for the College). Each app
registers its part (`register_portfolio_section`, from a module its `ready()` imports) and
gives the template that shows it, so that the profile (accounts) imports no app above it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tandem.accounts.models import User


@dataclass(frozen=True)
class PortfolioSection:
    """One part of the portfolio: a title, the app's template (an include that gets the
    section as `section`) and what it shows (`context`)."""

    key: str
    title: str
    template: str
    context: Mapping[str, Any] = field(default_factory=dict)
    order: int = 50


SectionProvider = Callable[["User"], "PortfolioSection | None"]
_providers: list[SectionProvider] = []


def register_portfolio_section(provider: SectionProvider) -> SectionProvider:
    _providers.append(provider)
    return provider


def portfolio_of(user: User) -> list[PortfolioSection]:
    """The parts of the person's portfolio that have something to show, in order."""
    sections = [s for provider in _providers if (s := provider(user)) is not None]
    return sorted(sections, key=lambda s: (s.order, s.key))
