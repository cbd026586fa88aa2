"""``python -m tandem.clarity FILE [options]``."""

from __future__ import annotations

from .cli import main

raise SystemExit(main(prog="python -m tandem.clarity"))
