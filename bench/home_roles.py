"""The signed-in home page, per role: CPU time and queries per request, in one process.

For each persona (member, officer, director, GRAM member by default): sign in (force_login),
warm up, then time `--repeat` GETs of /home/ with `time.process_time` (CPU the process used,
which the machine's load barely moves) and report the median and the fastest; count the
queries of one request; with `--panels`, the CPU time of each dashboard panel alone
(`--profile`: cProfile of the loop, sorted by cumulative time, or by `PROFILE_SORT=tottime`).

Usage (the database is the one the settings point at):
    PYTHONPATH=. DJANGO_SETTINGS_MODULE=bench.settings SQLITE_PATH=… TANDEM_VAR_DIR=… \
        .venv/bin/python bench/home_roles.py [--repeat 100] [--panels] [--profile EMAIL]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PERSONAS = (
    "member@example.org",
    "officer@example.org",
    "director@example.org",
    "gram@example.org",
)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3, help="best median over rounds")
    parser.add_argument("--email", action="append", help="personas (default: four roles)")
    parser.add_argument("--panels", action="store_true", help="CPU of each panel alone")
    parser.add_argument("--profile", help="profile this persona's home")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    from tandem.accounts.models import User

    figures: dict[str, dict[str, float]] = {}
    for email in args.email or PERSONAS:
        user = User.objects.get(email=email)
        client = Client(HTTP_HOST="127.0.0.1")
        client.force_login(user)
        for _ in range(20):  # warm-up: templates compiled, connections open, cache filled
            response = client.get("/home/")
            assert response.status_code == 200, (email, response.status_code)
        queries: list[str] = []

        def count(execute, sql, params, many, context, seen=queries):  # type: ignore[no-untyped-def]
            seen.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(count):
            client.get("/home/")
        medians, fastest = [], []
        for _ in range(args.rounds):
            costs = []
            for _ in range(args.repeat):
                started = time.process_time()
                client.get("/home/")
                costs.append((time.process_time() - started) * 1000)
            medians.append(statistics.median(costs))
            fastest.append(min(costs))
        figures[email] = {
            "median_ms": round(min(medians), 2),
            "fastest_ms": round(min(fastest), 2),
            "queries": len(queries),
        }
        if args.panels:
            figures[email]["panels"] = panel_costs(user, args.repeat)  # type: ignore[assignment]
        if args.profile == email:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.repeat):
                client.get("/home/")
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats(
                os.environ.get("PROFILE_SORT", "cumulative")
            ).print_stats(60)
            print(out.getvalue())
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for email, row in figures.items():
            print(
                f"{email:24} median {row['median_ms']:6.2f} ms  fastest {row['fastest_ms']:6.2f} ms"
                f"  {row['queries']:3d} queries"
            )
            for name, cost in (row.get("panels") or {}).items():  # type: ignore[union-attr]
                print(f"    {name:32} {cost:6.2f} ms")
    return 0


def panel_costs(user, repeat: int) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Each panel provider alone, as the view calls it (inside a request's memo)."""
    from django.utils import translation

    from tandem.accounts.models import User
    from tandem.core import dashboard
    from tandem.core.request_memo import _memo

    costs = {}
    with translation.override("en"):
        for provider in dashboard._providers:
            person = User.objects.get_with_access_facts(user.pk)  # as the middleware loads it
            samples = []
            for _ in range(repeat):
                token = _memo.set({})
                started = time.process_time()
                provider(person)
                samples.append((time.process_time() - started) * 1000)
                _memo.reset(token)
            costs[f"{provider.__module__.split('.')[1]}.{provider.__name__}"] = round(
                statistics.median(samples), 3
            )
    return costs


if __name__ == "__main__":
    raise SystemExit(main())
