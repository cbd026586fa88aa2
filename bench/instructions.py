"""Machine instructions per request, counted by valgrind: a figure that another process's load
does not move (docs/benchmarks.md).

Timings on this shared two-core machine move by a third from one minute to the next; the
instructions one request executes do not. Each path is run twice under
`valgrind --tool=callgrind` in a fresh process (start-up, sign-in and 20 warm-up requests,
then 0 or REPEAT requests); the difference of the two totals divided by REPEAT is the cost of
one request through Django's whole stack (the test client's WSGI handler, every middleware).
`PYTHONHASHSEED=0` keeps dictionary orders, and so the count, the same from run to run.

Usage (the database is the one the settings point at):
    DJANGO_SETTINGS_MODULE=bench.settings SQLITE_PATH=… .venv/bin/python bench/instructions.py \
        [--repeat 100] [--email member@example.org] PATH [PATH …]
A path is sent signed in when prefixed with "@". Needs Debian's valgrind.
"""

from __future__ import annotations

import argparse
import gc
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
COLLECTED = re.compile(r"Collected\s*:\s*(\d+)")


def _child(raw: str, repeat: int, email: str) -> None:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    from tandem.accounts.models import User

    client = Client(SERVER_NAME="127.0.0.1")  # in bench.settings' ALLOWED_HOSTS
    path = raw
    if raw.startswith("@"):
        client.force_login(User.objects.get(email=email))
        path = raw[1:]
    for _ in range(20):  # templates compiled, queries prepared, connection open
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
    # As config/wsgi.py does after start-up: without it, whether a full collection of the
    # start-up objects falls inside the measured requests moves the count by 3 %.
    gc.collect()
    gc.freeze()
    for _ in range(repeat):
        client.get(path)


def _count(raw: str, repeat: int, email: str) -> int:
    command = [
        "valgrind",
        "--tool=callgrind",
        "--callgrind-out-file=/dev/null",
        sys.executable,
        __file__,
        "--child",
        "--repeat",
        str(repeat),
        "--email",
        email,
        raw,
    ]
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=True)
    found = COLLECTED.findall(done.stderr)
    if not found:
        raise SystemExit(f"valgrind printed no total:\n{done.stderr[-2000:]}")
    return int(found[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--email", default="member@example.org")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.paths[0], args.repeat, args.email)
        return 0
    for raw in args.paths:
        base = _count(raw, 0, args.email)
        loaded = _count(raw, args.repeat, args.email)
        per_request = (loaded - base) / args.repeat
        print(f"{raw}: {per_request / 1e6:.2f} million instructions a request")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
