"""Load pages over HTTP next to a minimal Django view, in interleaved rounds.

The shared 2-CPU machines here change speed by a third from one minute to the next, so a page
measured a minute after the minimal view can look much better or worse than it is. Each round
loads the minimal view and then every page for `duration` seconds with wrk (16 connections by
default); a page's share of the minimal view is computed within its round, and the figures
reported are the medians over the rounds (p99: the median and the worst round).
"""

from __future__ import annotations

import contextlib
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

BIN = Path(sys.executable).parent
MINIMAL = "minimal view"


def wrk(url: str, *, duration: int, connections: int, cookie: str | None = None) -> dict:
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


def wait_healthy(base: str, *, attempts: int = 100, timeout: float = 1) -> None:
    """Until the server at `base` answers /healthz (or `attempts` tries, 0.2 s apart, are spent)."""
    for _ in range(attempts):
        try:
            urllib.request.urlopen(f"{base}/healthz", timeout=timeout)  # noqa: S310 - local URL
            return
        except OSError:
            time.sleep(0.2)


@contextlib.contextmanager
def gunicorn(
    env: dict[str, str], *, port: int, workers: int, cwd: Path, served: bool = False
) -> Iterator[str]:
    """gunicorn serving bench.wsgi_app (config.wsgi); yields its base URL. By default its sync
    worker, one request at a time per process, as every figure before 8 Dec 2026 was measured.
    `served`: `tandem serve` instead, as `make run` and production run it (tandem.core.serving:
    the gthread worker with 4 threads, keep-alive, the application loaded before the fork)."""
    if served:
        command = [str(BIN / "tandem"), "serve", "--host", "127.0.0.1", "--port", str(port),
                   "--workers", str(workers)]  # fmt: skip
    else:
        command = [str(BIN / "gunicorn"), "bench.wsgi_app:application", "-b", f"127.0.0.1:{port}",
                   "-w", str(workers), "--log-level", "warning"]  # fmt: skip
    server = subprocess.Popen(
        command, env=env, cwd=cwd, stdout=subprocess.DEVNULL if served else None
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base)
        yield base
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def rounds(
    base: str,
    pages: dict[str, tuple[str, str | None]],
    *,
    rounds: int,
    duration: int,
    connections: int,
) -> dict[str, dict]:
    """`pages`: name → (path, session cookie or None). The minimal view is added first."""
    scenarios = {MINIMAL: ("/_bench/minimal", None), **pages}
    for name, (path, cookie) in scenarios.items():
        request = urllib.request.Request(base + path)  # noqa: S310 - local http URL
        if cookie:
            request.add_header("Cookie", f"sessionid={cookie}")
        with urllib.request.urlopen(request) as response:  # noqa: S310 - local URL
            assert response.status == 200, (name, response.status)
        wrk(base + path, duration=2, connections=connections, cookie=cookie)  # warm-up
    runs: dict[str, list[dict]] = {name: [] for name in scenarios}
    for _ in range(rounds):
        for name, (path, cookie) in scenarios.items():
            runs[name].append(
                wrk(base + path, duration=duration, connections=connections, cookie=cookie)
            )
        minimal = runs[MINIMAL][-1]["rps"]
        for name in scenarios:
            runs[name][-1]["share_of_minimal"] = runs[name][-1]["rps"] / minimal
    return {
        name: {
            "rps": round(statistics.median(r["rps"] for r in results), 1),
            "p50_ms": round(statistics.median(r["p50_ms"] for r in results), 1),
            "p99_ms": round(statistics.median(r["p99_ms"] for r in results), 1),
            "p99_worst_ms": round(max(r["p99_ms"] for r in results), 1),
            "share_of_minimal": round(statistics.median(r["share_of_minimal"] for r in results), 3),
            "errors": sum(r["errors"] for r in results),
            "rounds": results,
        }
        for name, results in runs.items()
    }


def table(results: dict[str, dict]) -> str:
    lines = [
        "| scenario | rps | p50 ms | p99 ms (median round) | p99 ms (worst round) | share of minimal | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for name, v in results.items():
        lines.append(
            f"| {name} | {v['rps']:.0f} | {v['p50_ms']:.1f} | {v['p99_ms']:.1f} | "
            f"{v['p99_worst_ms']:.1f} | {v['share_of_minimal']:.1%} | {v['errors']} |"
        )
    return "\n".join(lines)
