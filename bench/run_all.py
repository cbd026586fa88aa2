"""`make bench`: every benchmark that an issue asks for, one after the other.

Each script prints its table and writes bench/out/*.json; docs/benchmarks.md reports the figures
and how they were measured. Run on a quiet machine: the web figures compare a page with a
minimal Django view served the same way in the same run, so the ratios matter more than the
absolute numbers.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SCRIPTS = [
    ["bench/web.py"],
    ["bench/serve_load.py"],
    ["bench/clarity_syllables.py"],
    ["bench/clarity_speed.py"],
    ["bench/reviews_assignment.py"],
    ["bench/directory_search.py"],
    ["bench/directory_search.py", "--postgres"],
    ["bench/events_calendar.py"],
    ["bench/events_calendar.py", "--postgres"],
    ["bench/checks_pdf.py"],
    ["bench/soak.py"],  # ten minutes on the production topology (haproxy: make topology-tools)
]


def main() -> int:
    if not shutil.which("wrk"):
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=False)
    failed = []
    for script in SCRIPTS:
        print(f"\n== {' '.join(script)}", flush=True)
        result = subprocess.run([sys.executable, *script], cwd=ROOT, check=False)
        if result.returncode != 0:
            failed.append(" ".join(script))
    if failed:
        print("\nFailed: " + ", ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
