"""The indicators of the partnership, one module per domain; importing this package fills the
registry (see base.py)."""

from tandem.reporting.indicators import events, gram, partners, projects, reviews  # noqa: F401
from tandem.reporting.indicators.base import Indicator, Result, all_indicators, get

SECTIONS = ("partners", "projects", "reviews", "events", "gram")

__all__ = ["SECTIONS", "Indicator", "Result", "all_indicators", "get"]
