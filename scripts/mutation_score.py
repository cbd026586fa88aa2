"""Kill rate per module of the last `make mutants` run, read from mutmut's results in mutants/.

A mutant counts as killed when a test failed (or it was stopped for running too long: the
mutation made the code loop); "no tests" means no selected test calls the function. Only the
mutants that were run count (mutmut run narrowed to some modules leaves the others unchecked).
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

KILLED = {1, 3, -24, 24, 152, 255, 36, 37}
SURVIVED = {0}
NO_TESTS = {5, 33}


def module_of(key: str) -> str:
    """`tandem.accounts.services.x_erase_account__mutmut_3` → `tandem.accounts.services`
    (`…services.erase_account` for the erasure function, the only one measured there)."""
    function = key.rsplit("__mutmut_", 1)[0]
    module, _, name = function.rpartition(".")
    if module == "tandem.accounts.services":
        return f"{module}.{name.removeprefix('x_')}"
    return module


def main(root: Path = Path("mutants")) -> int:
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    survivors: list[str] = []
    for meta in sorted(root.rglob("*.py.meta")):
        for key, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            if code is None:
                continue
            status = (
                "killed"
                if code in KILLED
                else "survived"
                if code in SURVIVED
                else "no tests"
                if code in NO_TESTS
                else "other"
            )
            counts[module_of(key)][status] += 1
            if status == "survived":
                survivors.append(key)
    print(f"{'module':<52} {'killed':>7} {'survived':>9} {'no tests':>9} {'kill rate':>10}")
    for module, c in sorted(counts.items()):
        tested = c["killed"] + c["survived"]
        rate = f"{100 * c['killed'] / tested:.1f} %" if tested else "-"
        print(f"{module:<52} {c['killed']:>7} {c['survived']:>9} {c['no tests']:>9} {rate:>10}")
    print("\nSurvivors (`.venv/bin/mutmut show NAME` shows the change):")
    for key in survivors:
        print(f"  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*[Path(a) for a in sys.argv[1:]]))
