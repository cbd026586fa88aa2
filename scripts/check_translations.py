"""Fail when a French translation is missing or fuzzy (CI runs this through `make lint`)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    catalogues = sorted((ROOT / "locale" / "fr" / "LC_MESSAGES").glob("*.po"))
    if not catalogues:
        print("No French catalogue found in locale/fr/LC_MESSAGES.")
        return 1
    failed = False
    for po in catalogues:
        result = subprocess.run(  # noqa: S603 - fixed command on project files
            ["msgfmt", "--statistics", "--check-format", "-o", "/dev/null", str(po)],  # noqa: S607
            capture_output=True,
            text=True,
            check=False,
        )
        stats = result.stderr.strip()
        fuzzy = re.search(r"(\d+) fuzzy", stats)
        untranslated = re.search(r"(\d+) untranslated", stats)
        if result.returncode != 0 or fuzzy or untranslated:
            failed = True
            print(f"{po.relative_to(ROOT)}: {stats}")
    if failed:
        print("French translations are missing or fuzzy. Run `make messages` and translate them.")
        return 1
    print("French translations: complete.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
