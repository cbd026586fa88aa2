"""Throughput and latency of pages against a minimal Django view, served the same way, in one run.

gunicorn (the production server) serves a copy of the demo database; wrk (Debian's package)
loads each URL with 16 connections. Prints a Markdown table and writes bench/out/web.json.
Usage: .venv/bin/python bench/web.py [--duration 10] [--connections 16] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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


def _wrk(url: str, *, duration: int, connections: int, cookie: str | None) -> dict[str, float]:
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", url]
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: sessionid={cookie}"]
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(label: str) -> float:
        match = re.search(rf"\s{label}%\s+([\d.]+)(us|ms|s)", out)
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value

    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "rps": rps,
        "p50_ms": pct("50"),
        "p99_ms": pct("99"),
        "errors": int(non2xx.group(1)) if non2xx else 0,
    }


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)  # one per core of this machine
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
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "bench.wsgi_app:application",
            "-b",
            f"127.0.0.1:{PORT}",
            "-w",
            str(args.workers),
            "--log-level",
            "warning",
        ],
        env=env,
        cwd=ROOT,
    )
    try:
        for _ in range(50):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=1)
                break
            except OSError:
                time.sleep(0.2)
        base = f"http://127.0.0.1:{PORT}"
        scenarios = {
            "minimal view": (f"{base}/_bench/minimal", None),
            "home, anonymous": (f"{base}/", None),
            "home, signed in (member)": (f"{base}/home/", cookie),
        }
        results = {}
        for name, (url, cookie_value) in scenarios.items():
            _wrk(url, duration=2, connections=args.connections, cookie=cookie_value)  # warm-up
            results[name] = _wrk(
                url, duration=args.duration, connections=args.connections, cookie=cookie_value
            )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(tmp, ignore_errors=True)
    minimal = results["minimal view"]["rps"]
    print("| scenario | req/s | p50 (ms) | p99 (ms) | share of minimal | errors |")
    print("|---|---|---|---|---|---|")
    for name, r in results.items():
        print(
            f"| {name} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {100 * r['rps'] / minimal:.0f} % | {r['errors']} |"
        )
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "web.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
