"""Summarise pip's output while `make install` runs: one line every few packages instead of
silence (`--quiet`) or hundreds of lines. Reads pip's output on standard input; prints pip's
errors in full; exits with pip's failure through the shell's pipefail."""

from __future__ import annotations

import sys
import time

EVERY = 10  # packages between two progress lines


def main() -> None:
    start = time.monotonic()
    collected = 0
    tail: list[str] = []  # the last lines, shown if pip fails
    for line in sys.stdin:
        tail = [*tail[-40:], line]
        text = line.strip()
        if text.startswith("Collecting ") or text.startswith("Requirement already satisfied"):
            collected += 1
            if collected % EVERY == 0:
                print(f"    {collected} packages resolved…", flush=True)
        elif text.startswith("Installing collected packages"):
            print(f"    {collected} packages resolved; installing them…", flush=True)
        elif text.startswith("Successfully installed"):
            count = len(text.split()) - 2
            noun = "package" if count == 1 else "packages"
            print(f"    {count} {noun} installed in {time.monotonic() - start:.0f} s", flush=True)
        elif text.startswith("ERROR") or "error:" in text.lower():
            sys.stdout.write("".join(tail))
            tail = []


if __name__ == "__main__":
    main()
