"""Events at scale: 10,000 events and 200,000 registrations.

Generates the data set with bulk inserts into a separate database (a fresh SQLite file, or a
fresh PostgreSQL database with --postgres), then measures, in one run:
- the public calendar (`/events/`, and with filters) served by gunicorn and loaded by wrk with
  16 connections, next to a minimal Django view served the same way (rps, p50, p99);
- a burst of 200 registrations sent at the same moment through the API (200 people, each with
  a token, 200 threads) for an event of 50 places, on gunicorn with 8 worker processes: every
  request must answer 201, exactly 50 `registered` and 150 `waiting`, in arrival order, and the
  event's counters must agree with its rows (several processes, no process-local cache).

Usage:
    .venv/bin/python bench/events_calendar.py [--postgres] [--rounds 3] [--duration 6]
        [--workers N] [--reuse DIR] [--port 8120] [--pg-database tandem_bench_events]
Prints a Markdown table and writes bench/out/events_calendar[_postgres].json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench import httpload  # noqa: E402 - after the path

BIN = Path(sys.executable).parent
PORT = 8120
N_EVENTS, N_REGISTRATIONS, N_PEOPLE = 10_000, 200_000, 20_000
BURST, BURST_PLACES = 200, 50
PG_ADMIN = "postgres://postgres@localhost:5432/postgres"
PG_DATABASE = "tandem_bench_events"

PAGES = {
    "calendar: upcoming": "/events/",
    "calendar: kind=training, region=idf": "/events/?kind=training&region=idf",
    "calendar: topic=vaccination, page 3": "/events/?topic=vaccination&page=3",
}


def _env(args: argparse.Namespace, tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings", PYTHONPATH=str(ROOT), TANDEM_VAR_DIR=str(tmp)
    )
    if args.postgres:
        env["DATABASE_URL"] = f"postgres://postgres@localhost:5432/{args.pg_database}"
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(tmp / "events-bench.sqlite3")
    return env


def _fresh_postgres(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def generate(seed: int = 17) -> dict[str, float]:
    """Bulk-insert the data set, its counters consistent with its rows. Runs inside a
    configured Django process."""
    from django.db import connection, transaction
    from django.utils import timezone

    from tandem.accounts.models import RoleAssignment, User
    from tandem.events.models import Event, Registration, Session

    rng = random.Random(seed)
    started = time.perf_counter()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
    now = timezone.now()
    regions = ["ara", "bfc", "bre", "cvl", "ges", "hdf", "idf", "nor", "naq", "occ", "pdl", "pac"]
    kinds = ["training"] * 5 + ["lab_meeting"] * 2 + ["debate"] * 2 + ["national"]
    topics = ["health_environment", "clinical_research", "vaccination", "cognition",
              "inflammation", "reviewing", "other"]  # fmt: skip
    cities = ["Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Rennes", "Bordeaux", "Nantes"]
    per_event = N_REGISTRATIONS // N_EVENTS
    with transaction.atomic():
        User.objects.bulk_create(
            [
                User(
                    email=f"bench-person{i}@example.net",
                    first_name="Personne",
                    last_name=f"N{i}",
                    password="!unusable",  # noqa: S106 - an unusable-password marker
                    is_demo=True,
                )
                for i in range(N_PEOPLE)
            ],
            batch_size=5000,
        )
        people = list(
            User.objects.filter(email__startswith="bench-person").values_list("pk", flat=True)
        )
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(user_id=u, role="member") for u in people], batch_size=5000
        )
        events = []
        for i in range(N_EVENTS):
            start = now + dt.timedelta(hours=rng.randint(-24 * 365, 24 * 365))
            start = start.replace(minute=0, second=0, microsecond=0)
            capacity = rng.choice((10, 15, 20, 25, 30, 50))
            events.append(
                Event(
                    kind=rng.choice(kinds),
                    title=f"Rencontre {i}: {rng.choice(topics)}",
                    topic=rng.choice(topics),
                    description="Une rencontre entre chercheurs et associations.",
                    status="published",
                    place_kind="address",
                    address="1 rue de la Recherche",
                    city=rng.choice(cities),
                    region=rng.choice(regions),
                    capacity=capacity,
                    registration_opens=start - dt.timedelta(days=60),
                    registration_closes=start - dt.timedelta(days=1),
                    starts_at=start,
                    ends_at=start + dt.timedelta(hours=3),
                )
            )
        Event.objects.bulk_create(events, batch_size=2000)
        events = list(Event.objects.order_by("pk").only("pk", "capacity", "starts_at"))
        Session.objects.bulk_create(
            [
                Session(
                    event_id=e.pk,
                    starts_at=e.starts_at,
                    ends_at=e.starts_at + dt.timedelta(hours=3),
                )
                for e in events
            ],
            batch_size=5000,
        )
        rows, counters = [], []
        for e in events:
            past = e.starts_at < now
            held = waiting = 0
            for number, user_id in enumerate(rng.sample(people, per_event), start=1):
                if number <= e.capacity:
                    status = (
                        ("attended" if rng.random() > 0.1 else "no_show") if past else "registered"
                    )
                    held += 1
                else:
                    status = "cancelled" if past else "waiting"
                    waiting += 0 if past else 1
                rows.append(
                    Registration(event_id=e.pk, user_id=user_id, status=status, queue_number=number)
                )
            counters.append((e.pk, held, waiting))
        Registration.objects.bulk_create(rows, batch_size=10000)
        for pk, held, waiting in counters:
            Event.objects.filter(pk=pk).update(places_taken=held, waiting_count=waiting)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {
        "generate_s": round(time.perf_counter() - started, 1),
        "events": Event.objects.count(),
        "registrations": Registration.objects.count(),
    }


def prepare_burst() -> dict[str, object]:
    """An event of 50 places opening now, and 200 people with an API token each."""
    from django.utils import timezone

    from tandem.accounts.models import User
    from tandem.accounts.services import create_api_token
    from tandem.events import services

    officer = User.objects.create(email=f"bench-officer-{time.time()}@example.net")
    start = timezone.now() + dt.timedelta(days=30)
    event = services.create_event(
        by=officer,
        fields={
            "kind": "training", "title": "Burst", "topic": "other", "description": "Burst.",
            "place_kind": "online", "online_url": "https://visio.example.org/burst",
            "registration_opens": timezone.now() - dt.timedelta(days=1),
            "registration_closes": start - dt.timedelta(days=1),
        },
        capacity=BURST_PLACES,
        sessions=[services.SessionData(start, start + dt.timedelta(hours=2))],
    )  # fmt: skip
    people = User.objects.filter(email__startswith="bench-person").order_by("pk")
    people = people.exclude(event_registrations__event=event)[:BURST]
    tokens = [create_api_token(person, name="burst")[1] for person in people]
    return {"event": event.pk, "tokens": tokens}


def check_burst(event_id: int) -> dict[str, object]:
    from tandem.events.models import Event, Registration

    event = Event.objects.get(pk=event_id)
    rows = list(Registration.objects.filter(event=event).order_by("queue_number"))
    return {
        "registered": sum(r.status == "registered" for r in rows),
        "waiting": sum(r.status == "waiting" for r in rows),
        "places_taken": event.places_taken,
        "waiting_count": event.waiting_count,
        "arrival_order_kept": [r.status for r in rows]
        == ["registered"] * min(len(rows), BURST_PLACES)
        + ["waiting"] * max(len(rows) - BURST_PLACES, 0),
        "queue_numbers": [r.queue_number for r in rows] == list(range(1, len(rows) + 1)),
    }


def burst(base: str, event_id: int, tokens: list[str]) -> dict[str, object]:
    """Every token registers at the same moment (a barrier, then one POST per thread)."""
    barrier = threading.Barrier(len(tokens))
    answers: list[tuple[int, str, float]] = []
    lock = threading.Lock()

    def one(token: str) -> None:
        request = urllib.request.Request(  # noqa: S310 - the bench's own server, over http
            f"{base}/api/v1/events/{event_id}/registrations",
            data=b"{}",
            headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
            method="POST",
        )
        barrier.wait()
        started = time.perf_counter()
        try:
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310
                code, body = response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            code, body = exc.code, exc.read().decode()
        state = json.loads(body).get("state", body[:80]) if body.startswith("{") else body[:80]
        with lock:
            answers.append((code, state, time.perf_counter() - started))

    threads = [threading.Thread(target=one, args=(t,)) for t in tokens]
    began = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    codes: dict[str, int] = {}
    for code, _state, _s in answers:
        codes[str(code)] = codes.get(str(code), 0) + 1
    return {
        "requests": len(answers),
        "codes": codes,
        "states": {s: sum(1 for a in answers if a[1] == s) for s in {a[1] for a in answers}},
        "total_s": round(time.perf_counter() - began, 2),
        "slowest_s": round(max(a[2] for a in answers), 2),
    }


def child(mode: str, arg: str = "") -> None:
    import django

    django.setup()
    if mode == "generate":
        print(json.dumps(generate()))
    elif mode == "prepare":
        print(json.dumps(prepare_burst()))
    elif mode == "check":
        print(json.dumps(check_burst(int(arg))))


def _run_child(mode: str, env: dict[str, str], arg: str = "") -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode, "--arg", arg],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        print(out.stderr, file=sys.stderr)
        raise SystemExit(out.returncode)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--duration", type=int, default=6, help="seconds per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=0)
    parser.add_argument("--burst-workers", type=int, default=8)
    parser.add_argument("--reuse", metavar="DIR")
    parser.add_argument("--port", type=int, default=PORT)
    parser.add_argument("--pg-database", default=PG_DATABASE)
    parser.add_argument("--child", default="")
    parser.add_argument("--arg", default="")
    args = parser.parse_args()
    if args.child:
        child(args.child, args.arg)
        return 0
    if not args.workers:
        args.workers = (os.cpu_count() or 1) * (2 if args.postgres else 1)
    if args.reuse:
        tmp = Path(args.reuse).resolve()
        tmp.mkdir(parents=True, exist_ok=True)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="tandem-events-bench-"))
    env = _env(args, tmp)
    marker = tmp / ("generated-postgres.json" if args.postgres else "generated-sqlite.json")
    figures: dict[str, object] = {"database": "postgresql" if args.postgres else "sqlite"}
    if args.reuse and marker.exists():
        figures.update(json.loads(marker.read_text()))
        subprocess.run([str(BIN / "tandem"), "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    else:
        if args.postgres:
            _fresh_postgres(args.pg_database)
        subprocess.run([str(BIN / "tandem"), "migrate", "-v0"], env=env, check=True, cwd=ROOT)
        generated = _run_child("generate", env)
        marker.write_text(json.dumps(generated))
        figures.update(generated)
    load_before = os.getloadavg()
    pages = {name: (path, None) for name, path in PAGES.items()}
    with httpload.gunicorn(env, port=args.port, workers=args.workers, cwd=ROOT) as base:
        figures["http"] = httpload.rounds(
            base, pages, rounds=args.rounds, duration=args.duration, connections=args.connections
        )
    prepared = _run_child("prepare", env)
    with httpload.gunicorn(env, port=args.port + 1, workers=args.burst_workers, cwd=ROOT) as base:
        figures["burst"] = burst(base, prepared["event"], prepared["tokens"])
    figures["burst"].update(_run_child("check", env, str(prepared["event"])))  # type: ignore[union-attr]
    figures.update(
        connections=args.connections,
        workers=args.workers,
        duration_s=args.duration,
        rounds=args.rounds,
        cpus=os.cpu_count(),
        load_before=[round(x, 1) for x in load_before],
        load_after=[round(x, 1) for x in os.getloadavg()],
    )
    suffix = "_postgres" if args.postgres else ""
    out = ROOT / "bench" / "out" / f"events_calendar{suffix}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    print(f"\n{figures['database']}: generated in {figures.get('generate_s')} s; load "
          f"{figures['load_before']} → {figures['load_after']}")  # fmt: skip
    print(httpload.table(figures["http"]))  # type: ignore[arg-type]
    print("\nburst:", json.dumps(figures["burst"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
