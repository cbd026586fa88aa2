"""A check's printable report (PDF): the request that drew it, against the requests that ask
for it, follow it and download it once a task worker has drawn it.

In a fresh SQLite database (the real settings, DEBUG off, the database task backend of
production: a request only enqueues), a researcher's long document, the demo's (40 chapters,
about 3,300 words and 365 notes), is checked. Then, through Django's test client in one
process, `--rounds` times:
- before: what `GET /clarity/<id>/report.pdf` did in the request until this change (the PDF
  drawn by `downloads.report_pdf`, answered by `document_response`), timed in this process;
- after: `POST /clarity/<id>/prepare-pdf/` (asks; the task is enqueued), the report's page
  (`GET /clarity/<id>/`, with its PDF section "being prepared") and the status the page asks
  for (`GET /clarity/<id>/status/`); then a real worker, `tandem task_worker --batch`, in its
  own process, draws it (the time until it is ready, the worker's start included); then the
  page again (the PDF ready) and `GET /clarity/<id>/report.pdf`, which hands over the file.

Usage:
    .venv/bin/python bench/checks_pdf.py [--rounds 3]
Prints a Markdown table and writes bench/out/checks_pdf.json.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BIN = Path(sys.executable).parent


def _env(tmp: Path, rounds: int) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        PYTHONPATH=str(ROOT),
        TANDEM_VAR_DIR=str(tmp),
        SQLITE_PATH=str(tmp / "checks-pdf-bench.sqlite3"),
        MEDIA_ROOT=str(tmp / "media"),
        TASKS_BACKEND="database",
        BENCH_ROUNDS=str(rounds),
    )
    return env


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def measure(rounds: int) -> dict[str, object]:
    from django.test import Client
    from django.urls import reverse
    from django.utils import translation

    from tandem.accounts.models import RoleAssignment, User
    from tandem.checks import demo, downloads
    from tandem.checks.models import CheckPdf, ClarityCheck, PdfStatus
    from tandem.documents import document_response

    user = User.objects.create_user("researcher@bench.example", "x", is_demo=True, language="fr")
    RoleAssignment.objects.create(user=user, role="researcher")
    demo._long_and_short(user)
    check = ClarityCheck.objects.get(owner=user, title=demo.LONG_TITLE)
    assert check.report is not None
    client = Client(HTTP_HOST="localhost")  # one of the bench settings' ALLOWED_HOSTS
    client.force_login(user)
    page, status = check.get_absolute_url(), reverse("checks:status", args=[check.pk])
    prepare = reverse("checks:prepare_pdf", args=[check.pk])
    download = reverse("checks:report_pdf", args=[check.pk])
    client.get(page)  # imports, templates, the session: not what is measured

    runs: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}

    last_cpu = [0.0]  # the CPU time of the last `timed` call, in this process

    def timed(call: Callable[[], Any]) -> tuple[float, Any]:
        started, used = time.perf_counter(), time.process_time()
        result = call()
        last_cpu[0] = time.process_time() - used
        return time.perf_counter() - started, result

    def note(name: str, seconds: float, used: float | None = None) -> None:
        runs.setdefault(name, []).append(seconds)
        cpu.setdefault(name, []).append(last_cpu[0] if used is None else used)

    size = 0
    for _round in range(rounds):
        with translation.override("fr"):
            took, response = timed(
                lambda: document_response(downloads.report_pdf(check), f"clarity-{check.pk}.pdf")
            )
        note("before: GET report.pdf (drawn in the request)", took)
        CheckPdf.objects.all().delete()
        took, response = timed(lambda: client.post(prepare))
        assert response.status_code == 302, response
        note("after: POST prepare-pdf (enqueues)", took)
        took, response = timed(lambda: client.get(page))
        assert b"data-pdf-status-url" in response.content
        note("after: GET the report's page (being prepared)", took)
        took, response = timed(lambda: client.get(status))
        assert response.json()["pdf"]["status"] == "pending"
        note("after: GET status (the page's poll)", took)
        started, children = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(
            [str(BIN / "tandem"), "task_worker", "--batch", "--no-startup-delay", "-v0"],
            env=dict(os.environ),
            cwd=ROOT,
            check=True,
        )
        done = resource.getrusage(resource.RUSAGE_CHILDREN)
        note(
            "worker: asked → ready (its own process, start included)",
            time.perf_counter() - started,
            (done.ru_utime + done.ru_stime) - (children.ru_utime + children.ru_stime),
        )
        assert CheckPdf.objects.get().status == PdfStatus.READY
        took, response = timed(lambda: client.get(page))
        assert download.encode() in response.content
        note("after: GET the report's page (ready)", took)
        took, response = timed(lambda: client.get(download))
        assert response["Content-Type"] == "application/pdf"
        size = len(response.content)
        note("after: GET report.pdf (the prepared file)", took)
    return {
        "words": check.words,
        "notes": check.findings_count,
        "pdf_bytes": size,
        "rounds": rounds,
        "ms": {name: [_ms(s) for s in seconds] for name, seconds in runs.items()},
        "median_ms": {name: _ms(statistics.median(s)) for name, s in runs.items()},
        "cpu_ms": {name: [_ms(s) for s in seconds] for name, seconds in cpu.items()},
        "median_cpu_ms": {name: _ms(statistics.median(s)) for name, s in cpu.items()},
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--child", action="store_true")
    args = parser.parse_args()
    if args.child:
        import django

        django.setup()
        print(json.dumps(measure(int(os.environ["BENCH_ROUNDS"]))))
        return 0
    tmp = Path(tempfile.mkdtemp(prefix="tandem-checks-pdf-bench-"))
    env = _env(tmp, args.rounds)
    subprocess.run([str(BIN / "tandem"), "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    load = os.getloadavg()
    out = subprocess.run(
        [sys.executable, __file__, "--child"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if out.returncode:
        print(out.stderr, file=sys.stderr)
        return out.returncode
    figures = json.loads(out.stdout.strip().splitlines()[-1])
    figures["load_average"] = [round(x, 1) for x in (*load, *os.getloadavg())]
    target = ROOT / "bench" / "out"
    target.mkdir(exist_ok=True)
    (target / "checks_pdf.json").write_text(json.dumps(figures, indent=2))
    print(
        f"{figures['words']} words, {figures['notes']} notes, PDF of {figures['pdf_bytes']:,} "
        f"bytes; load average before and after: {figures['load_average']}"
    )
    print("| request | wall, median (ms) | wall, each round (ms) | CPU, median (ms) |")
    print("|---|---:|---|---:|")
    for name, median in figures["median_ms"].items():
        each = " / ".join(f"{v:,}" for v in figures["ms"][name])
        print(f"| {name} | {median:,} | {each} | {figures['median_cpu_ms'][name]:,} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
