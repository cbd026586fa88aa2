"""Clarity: plain-language analysis of participant documents, as a pure Python library.

No Django and nothing else from ``tandem`` is imported here (a test enforces it). Text in,
report out::

    from tandem.clarity import analyze
    report = analyze(text, language="auto", document_kind="leaflet", category="riph2")
    report.to_dict()  # schema "tandem.clarity/1", see docs/clarity.md
"""

from __future__ import annotations

from .analysis import analyze
from .config import Config
from .findings.finding import Finding
from .language import detect_language
from .lexicon import LexiconEntry
from .report import SCHEMA, Report

__all__ = ["SCHEMA", "Config", "Finding", "LexiconEntry", "Report", "analyze", "detect_language"]
