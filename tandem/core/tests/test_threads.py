"""The concurrency tests' helpers are written once (`tandem.core.tests.threads`): no app keeps
its own copy of the PostgreSQL mark, which would drift from the shared one."""

from __future__ import annotations

import ast
from pathlib import Path

from django.db import DatabaseError

from tandem.core.tests.threads import in_thread

TANDEM = Path(__file__).resolve().parents[2]
SHARED = Path(__file__).resolve().with_name("threads.py")


def test_only_the_shared_helpers_define_the_postgresql_mark():
    defined = []
    for path in sorted(TANDEM.glob("*/tests/**/*.py")):
        if path == SHARED:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = [*getattr(node, "targets", []), getattr(node, "target", None)]
            names = {t.id for t in targets if isinstance(t, ast.Name)}
            if isinstance(node, ast.FunctionDef):
                names.add(node.name)
            if "postgres_only" in names:
                defined.append(f"{path.relative_to(TANDEM)}:{node.lineno}")
    assert defined == []


def test_a_threads_failure_is_kept_for_the_test_to_see():
    failures: list[BaseException] = []

    def fails():
        raise DatabaseError("deadlock detected")

    in_thread(fails, failures).join()
    assert [str(f) for f in failures] == ["deadlock detected"]
