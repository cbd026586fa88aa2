"""`make run`'s server under load: runserver (before issue 11) against `tandem serve`.

A copy of the demo database is served the way `make run` serves it, on one port at a time;
wrk (Debian's package) sends a mix of public pages, a static file and a signed-in page over
16 connections for 60 s (bench/mixed.lua), with a 60 s timeout per request so that a request
held for a long time is counted, not dropped. Prints a Markdown table and writes
bench/out/serve.json. Usage:
  .venv/bin/python bench/serve_load.py [--duration 60] [--connections 16] [--port 8520]
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
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import httpload, web  # noqa: E402 - after the path

BIN = Path(sys.executable).parent

SERVERS = {
    # make run before issue 11: runserver, DEBUG on by default.
    "runserver, DEBUG on (before)": (["runserver", "--noreload"], {"DEBUG": "1"}),
    # make run now.
    "tandem serve (after)": (["serve"], {}),
}


def _env(tmp: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings",
        SQLITE_PATH=str(tmp / "bench.sqlite3"),
        TANDEM_VAR_DIR=str(tmp),
        DEBUG="0",
        **extra,
    )
    return env


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def wrk(base: str, *, duration: int, connections: int, cookie: str) -> dict:
    cmd = [
        "wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "60s", "--latency",
        "-s", str(ROOT / "bench" / "mixed.lua"), base, "--", cookie,
    ]  # fmt: skip
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    latency = re.search(
        r"Latency\s+([\d.]+)(us|ms|s|m)\s+([\d.]+)(us|ms|s|m)\s+([\d.]+)(us|ms|s|m)", out
    )
    percentiles = {
        p: _ms(v, u) for p, v, u in re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s|m)$", out, re.M)
    }
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return {
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": percentiles["50"],
        "p99_ms": percentiles["99"],
        "max_ms": _ms(latency.group(5), latency.group(6)),
        "timeouts_60s": int(errors.group(4)) if errors else 0,
        "socket_errors": sum(int(errors.group(i)) for i in (1, 2, 3)) if errors else 0,
        "non_2xx_3xx": int(non2xx.group(1)) if non2xx else 0,
        "raw": out,
    }


def run_server(name: str, env: dict[str, str], port: int, args: argparse.Namespace, cookie: str):
    command, extra = SERVERS[name]
    address = ["--port", str(port)] if command[0] == "serve" else [f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [str(BIN / "tandem"), *command, *address],
        env={**env, **extra},
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        httpload.wait_healthy(base, attempts=150, timeout=2)
        wrk(base, duration=5, connections=args.connections, cookie=cookie)  # warm-up
        return wrk(base, duration=args.duration, connections=args.connections, cookie=cookie)
    finally:
        server.send_signal(signal.SIGINT)
        server.wait(timeout=60)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=60)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--port", type=int, default=8520)
    args = parser.parse_args()
    if not shutil.which("wrk"):
        print("wrk is missing: apt-get install -y wrk", file=sys.stderr)
        return 2
    tmp = Path(tempfile.mkdtemp(prefix="tandem-serve-bench-"))
    env = _env(tmp)
    subprocess.run([str(BIN / "tandem"), "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [str(BIN / "tandem"), "demo"], env=env, check=True, cwd=ROOT, stdout=subprocess.DEVNULL
    )
    cookie = web._login_cookie(env, "member@example.org")
    results = {}
    try:
        for name in SERVERS:
            load_before = os.getloadavg()[0]
            results[name] = run_server(name, env, args.port, args, cookie)
            results[name]["load_average_before"] = round(load_before, 2)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(
        "| server | requests | req/s | p50 ms | p99 ms | max ms | timeouts (60 s) | socket errors | non-2xx/3xx |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    )
    for name, r in results.items():
        print(
            f"| {name} | {r['requests']} | {r['rps']:.0f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} "
            f"| {r['max_ms']:.0f} | {r['timeouts_60s']} | {r['socket_errors']} | {r['non_2xx_3xx']} |"
        )
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "serve.json").write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
