"""Throughput and latency of pages against a minimal Django view, served the same way, in one run.

gunicorn (the production server) serves a copy of the demo database; wrk (Debian's package)
loads each URL with 16 connections. Prints a Markdown table and writes bench/out/web.json.
Pages are loaded in interleaved rounds with the minimal view (bench/httpload.py).
Usage: .venv/bin/python bench/web.py [--rounds 3] [--duration 6] [--connections 16] [--workers 2] [--served]
    [--port 8765]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import httpload  # noqa: E402 - after the path

BIN = Path(sys.executable).parent
PORT = 8765


def _env(db: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SQLITE_PATH=str(db),
        TANDEM_VAR_DIR=str(db.parent),
        PYTHONPATH=str(ROOT),
    )
    return env


def _login_cookie(env: dict[str, str], email: str) -> str:
    code = (
        "import django; django.setup();"
        "from django.test import Client; from tandem.accounts.models import User;"
        f"c=Client(); c.force_login(User.objects.get(email='{email}'));"
        "c.get('/home/');"
        "print(c.cookies['sessionid'].value)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True, cwd=ROOT
    )
    return out.stdout.strip().splitlines()[-1]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=6, help="seconds per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)  # one per core of this machine
    parser.add_argument(
        "--served", action="store_true", help="through `tandem serve` (production's settings)"
    )
    parser.add_argument("--port", type=int, default=PORT, help="for gunicorn, on 127.0.0.1")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    db = tmp / "bench.sqlite3"
    env = _env(db)
    subprocess.run([str(BIN / "tandem"), "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [str(BIN / "tandem"), "demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    cookie = _login_cookie(env, "member@example.org")
    pages = {
        "home, anonymous": ("/", None),
        "home, signed in (member)": ("/home/", cookie),
        # The directory's page layout, search form, filters and rows (the search itself is
        # measured with 100,000 organizations by bench/directory_search.py).
        "directory, anonymous": ("/directory/", None),
        "directory search, signed in": ("/directory/?q=association&region=idf", cookie),
    }
    try:
        with httpload.gunicorn(
            env, port=args.port, workers=args.workers, cwd=ROOT, served=args.served
        ) as base:
            results = httpload.rounds(
                base,
                pages,
                rounds=args.rounds,
                duration=args.duration,
                connections=args.connections,
            )
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(httpload.table(results))
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "web.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
