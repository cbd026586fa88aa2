"""CPU cost of one request, in process: a figure that the machine's load barely moves.

The web benchmarks (bench/web.py, bench/directory_search.py) measure throughput and latency over
HTTP, which on a shared machine move by a third from one minute to the next. This script sends
the same requests through Django's whole stack (the WSGI handler with every middleware, as
gunicorn calls it) in one process and reports the CPU time each takes (`time.process_time`:
time the process ran, not time it waited), as the median and the fastest of a fixed loop.
`--profile` prints where that time goes (cProfile, cumulative) and counts the Python function
calls per request, a figure that does not move with the machine's load (`--quiet`: the count
alone; the times measured with the profiler on are then longer).

Usage (the database is the one the settings point at; bench.settings = the real settings):
    DJANGO_SETTINGS_MODULE=bench.settings SQLITE_PATH=… .venv/bin/python bench/cpu.py \
        [--repeat 200] [--profile] [--email member@example.org] PATH [PATH …]
A path is sent signed in when prefixed with "@" (as --email).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=200)
    parser.add_argument("--email", default="member@example.org")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--quiet", action="store_true", help="with --profile: calls only")
    parser.add_argument("--sort", default="cumulative", help="with --profile: cumulative, tottime")
    parser.add_argument(
        "--callers", default="", help="with --profile: also who calls the functions matching this"
    )
    args = parser.parse_args()

    import django

    django.setup()
    from django.test import Client

    from tandem.accounts.models import User

    anonymous = Client(SERVER_NAME="127.0.0.1")  # in bench.settings' ALLOWED_HOSTS
    signed_in = Client(SERVER_NAME="127.0.0.1")
    if any(raw.startswith("@") for raw in args.paths):
        signed_in.force_login(User.objects.get(email=args.email))
    figures: dict[str, dict[str, float]] = {}
    for raw in args.paths:
        client, path = (signed_in, raw[1:]) if raw.startswith("@") else (anonymous, raw)
        for _ in range(20):  # warm-up: templates compiled, connections open
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
        costs = []
        profiler = cProfile.Profile() if args.profile else None
        for _ in range(args.repeat):
            started = time.process_time()
            if profiler:
                profiler.enable()
            client.get(path)
            if profiler:
                profiler.disable()
            costs.append((time.process_time() - started) * 1000)
        figures[raw] = {
            "median_ms": round(statistics.median(costs), 2),
            "fastest_ms": round(min(costs), 2),
        }
        if profiler:
            out = io.StringIO()
            stats = pstats.Stats(profiler, stream=out)
            # Python function calls per request: the same on a busy and on an idle machine.
            figures[raw]["calls"] = round(stats.total_calls / args.repeat)  # type: ignore[attr-defined]
            stats.sort_stats(args.sort).print_stats(45)
            if args.callers:
                stats.print_callers(args.callers)
            if not args.quiet:
                print(f"\n## {raw}\n{out.getvalue()}")
    if args.json:
        print(json.dumps(figures))
    else:
        for raw, figure in figures.items():
            calls = f", {figure['calls']:,} Python calls" if "calls" in figure else ""
            print(
                f"{raw}: median {figure['median_ms']} ms, fastest {figure['fastest_ms']} ms CPU{calls}"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
