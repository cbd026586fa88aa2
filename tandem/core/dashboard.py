"""The personal home page: each app contributes panels of "what needs my attention"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tandem.accounts.models import User


@dataclass(frozen=True)
class Item:
    text: str
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class Panel:
    title: str
    items: list[Item] = field(default_factory=list)
    empty: str = ""
    action_label: str = ""
    action_url: str = ""
    order: int = 50


PanelProvider = Callable[["User"], "Panel | None"]
_providers: list[PanelProvider] = []


def register_panel(provider: PanelProvider) -> PanelProvider:
    _providers.append(provider)
    return provider


def panels_for(user: User) -> list[Panel]:
    panels = [panel for provider in _providers if (panel := provider(user)) is not None]
    return sorted(panels, key=lambda p: p.order)
