"""Fail when a French translation is missing or fuzzy, or breaks French typography (CI runs this
through `make lint`): a narrow no-break space (U+202F) goes before ":", ";", "!", "?" and
inside « », never an ordinary or a wide no-break space, which let the sign start a line."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A space or a no-break space before a high sign or a closing guillemet, or after an opening one.
WRONG_SPACE = re.compile(r"[ \u00a0]+[:;!?\u00bb]|\u00ab[ \u00a0]+")
# Those signs where they are not punctuation: "https://", a time ("10:30").
NOT_PUNCTUATION = re.compile(r"://|\d:\d")


def _strings(text: str, keyword: str) -> list[str]:
    """Every `keyword` string of a .po file (msgstr, msgstr[n]), its lines joined, unescaped."""
    found = []
    pattern = rf'^{keyword}(?:\[\d+\])? "(.*)"\n((?:".*"\n)*)'
    for match in re.finditer(pattern, text, flags=re.MULTILINE):
        parts = [match.group(1), *re.findall(r'^"(.*)"$', match.group(2), flags=re.MULTILINE)]
        found.append("".join(parts).replace('\\"', '"').replace("\\n", "\n"))
    return found


def typography_errors(po: Path) -> list[str]:
    """The French strings of `po` with an ordinary or wide no-break space where French
    typography wants a narrow one (the header, which holds "Content-Type: …", is skipped)."""
    errors = []
    for string in _strings(po.read_text(encoding="utf-8"), "msgstr")[1:]:
        for match in WRONG_SPACE.finditer(string):
            if not NOT_PUNCTUATION.search(string[max(match.start() - 1, 0) : match.end() + 1]):
                errors.append(f"{po.name}: {string[:70]!r}: use a narrow no-break space (U+202F)")
                break
    return errors


def fix_typography(po: Path) -> None:
    """Put narrow no-break spaces where `typography_errors` wants them, in the msgstr lines of
    `po` (`--fix`: after merging catalogues or translating a batch of strings)."""
    lines, in_msgstr, seen_header = [], False, False
    for line in po.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("msgstr"):
            in_msgstr, seen_header = seen_header, True  # the first msgstr is the header
        elif not line.startswith('"'):
            in_msgstr = False
        if in_msgstr and '"' in line:
            head, _, body = line.partition('"')
            body = re.sub(r"[ \u00a0]+([:;!?\u00bb])", "\u202f\\1", body)
            line = head + '"' + re.sub(r"\u00ab[ \u00a0]+", "\u00ab\u202f", body)
        lines.append(line)
    po.write_text("".join(lines), encoding="utf-8")


def main() -> int:
    if "--fix" in sys.argv[1:]:
        for po in sorted((ROOT / "locale" / "fr" / "LC_MESSAGES").glob("*.po")):
            fix_typography(po)
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
        for error in typography_errors(po):
            failed = True
            print(error)
    if failed:
        print(
            "French translations are missing, fuzzy or badly spaced. Run `make messages`, then "
            "translate them, with a narrow no-break space before : ; ! ? and inside « »."
        )
        return 1
    print("French translations: complete.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
