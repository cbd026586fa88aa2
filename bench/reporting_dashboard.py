"""The dashboard of indicators at scale: 100,000 organizations, 200,000 registrations (10,000
events), 10,000 review requests, with projects, support requests and a year of the GRAM.

Generates the data set with bulk inserts into a separate database (a fresh SQLite file, or a
fresh PostgreSQL database with --postgres), then renders the dashboard for the year through
Django's test client in one process, as an officer:
- cold: the shared cache emptied before the request (every indicator and chart computed);
- warm: the same request again (figures and charts read from the shared cache);
each with its number of queries. `--scale 0.05` builds a twentieth of the data set, for a
quick run on a busy machine; the full set is `--scale 1`.

Usage:
    .venv/bin/python bench/reporting_dashboard.py [--scale 1] [--postgres] [--rounds 3]
        [--reuse DIR] [--pg-database tandem_bench_reporting] [--profile]
Prints a Markdown table and writes bench/out/reporting_dashboard[_postgres].json.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BIN = Path(sys.executable).parent
N_ORGANIZATIONS, N_EVENTS, N_REGISTRATIONS, N_REQUESTS = 100_000, 10_000, 200_000, 10_000
N_PEOPLE, N_PROJECTS, N_SUPPORT = 20_000, 2_000, 3_000
PG_ADMIN = "postgres://postgres@localhost:5432/postgres"
PG_DATABASE = "tandem_bench_reporting"


def _env(args: argparse.Namespace, tmp: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        PYTHONPATH=str(ROOT),
        TANDEM_VAR_DIR=str(tmp),
        BENCH_SCALE=str(args.scale),
        BENCH_ROUNDS=str(args.rounds),
    )
    if args.postgres:
        env["DATABASE_URL"] = f"postgres://postgres@localhost:5432/{args.pg_database}"
    else:
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = str(tmp / "reporting-bench.sqlite3")
    return env


def _fresh_postgres(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _moment(rng: random.Random, year: int) -> dt.datetime:
    from django.utils import timezone

    day = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))
    return dt.datetime.combine(
        day, dt.time(rng.randrange(8, 18)), tzinfo=timezone.get_current_timezone()
    )


def generate(scale: float, seed: int = 19) -> dict[str, object]:
    """Bulk-insert the data set (no signals: the cache is not bumped). Runs in a configured
    Django process."""
    from django.db import connection, transaction
    from django.utils import timezone

    from tandem.accounts.models import RoleAssignment, User
    from tandem.directory.models import DiseaseArea, Institute, Organization, RegionalOffice
    from tandem.events.models import Event, Feedback, Registration, Session
    from tandem.governance.models import (
        Action,
        Answer,
        Attendance,
        Body,
        College,
        Mandate,
        Meeting,
        Proposal,
    )
    from tandem.incubator.models import Project, SupportRequest
    from tandem.reviews.models import Assignment, Document, DocumentVersion, ReviewRequest, Round

    rng = random.Random(seed)
    year = timezone.localdate().year
    n = {
        name: max(1, int(size * scale))
        for name, size in {
            "organizations": N_ORGANIZATIONS,
            "events": N_EVENTS,
            "registrations": N_REGISTRATIONS,
            "requests": N_REQUESTS,
            "people": N_PEOPLE,
            "projects": N_PROJECTS,
            "support": N_SUPPORT,
        }.items()
    }
    started = time.perf_counter()
    areas = list(DiseaseArea.objects.values_list("pk", flat=True))
    institutes = list(Institute.objects.values_list("pk", flat=True)) or [None]
    offices = list(RegionalOffice.objects.values_list("pk", flat=True)) or [None]
    with transaction.atomic():
        officer = User.objects.create_user("officer@bench.example", "x", is_demo=True)
        RoleAssignment.objects.create(user=officer, role="officer")
        people = User.objects.bulk_create(
            [User(email=f"p{i}@bench.example", first_name=f"P{i}") for i in range(n["people"])],
            batch_size=5000,
        )
        kinds, levels = (
            ["patient", "federation", "foundation", "other"],
            [
                "known_contact",
                "partner",
                "framework_agreement",
            ],
        )
        organizations = Organization.objects.bulk_create(
            [
                Organization(
                    name=f"Association {i}",
                    kind=rng.choice(kinds),
                    partnership_status=(level := rng.choice(levels)),
                    partnership_since=None
                    if level == "known_contact"
                    else dt.date(rng.randrange(year - 5, year + 1), rng.randrange(1, 13), 1),
                    status="active",
                )
                for i in range(n["organizations"])
            ],
            batch_size=5000,
        )
        through = Organization.disease_areas.through
        through.objects.bulk_create(
            [
                through(organization_id=o.pk, diseasearea_id=rng.choice(areas))
                for o in organizations[::2]
            ],
            batch_size=10000,
        )
        # Events of the year, one session each, twenty registrations each on average.
        events = Event.objects.bulk_create(
            [
                Event(
                    kind=rng.choice(["training", "lab_meeting", "debate", "national"]),
                    title=f"Event {i}",
                    topic="other",
                    description="d",
                    status="published",
                    place_kind="online",
                    capacity=20,
                    registration_opens=(start := _moment(rng, year)) - dt.timedelta(days=60),
                    registration_closes=start - dt.timedelta(days=1),
                    starts_at=start,
                    ends_at=start + dt.timedelta(hours=3),
                )
                for i in range(n["events"])
            ],
            batch_size=5000,
        )
        Session.objects.bulk_create(
            [Session(event_id=e.pk, starts_at=e.starts_at, ends_at=e.ends_at) for e in events],
            batch_size=5000,
        )
        statuses = ["registered", "confirmed", "attended", "attended", "no_show", "waiting"]
        per_event = max(1, n["registrations"] // len(events))
        registrations = []
        for e in events:
            for number, person in enumerate(rng.sample(people, min(per_event, len(people))), 1):
                registrations.append(
                    Registration(
                        event_id=e.pk,
                        user_id=person.pk,
                        status=rng.choice(statuses),
                        queue_number=number,
                    )
                )
        Registration.objects.bulk_create(registrations, batch_size=10000)
        attended = list(Registration.objects.filter(status="attended").values_list("pk", flat=True))
        Feedback.objects.bulk_create(
            [
                Feedback(registration_id=pk, rating=rng.randrange(1, 6), clear=rng.randrange(1, 6))
                for pk in attended[::3]
            ],
            batch_size=10000,
        )
        # The College: requests of the year, one round and one review each, a leaflet revised.
        researcher, reviewer = people[0], people[1]
        requests = ReviewRequest.objects.bulk_create(
            [
                ReviewRequest(
                    title=f"Study {i}",
                    category="riph2",
                    submitted_by=researcher,
                    status="report_sent",
                    submitted_at=(sent := _moment(rng, year)),
                    report_sent_at=sent + dt.timedelta(days=rng.randrange(10, 60)),
                )
                for i in range(n["requests"])
            ],
            batch_size=5000,
        )
        rounds = Round.objects.bulk_create(
            [Round(request_id=r.pk, number=1, deadline=r.submitted_at.date()) for r in requests],
            batch_size=5000,
        )
        Assignment.objects.bulk_create(
            [
                Assignment(
                    round_id=rd.pk,
                    reviewer=reviewer,
                    state="submitted",
                    due=r.submitted_at.date() + dt.timedelta(days=20),
                    submitted_at=r.submitted_at + dt.timedelta(days=rng.randrange(5, 30)),
                )
                for r, rd in zip(requests, rounds, strict=True)
            ],
            batch_size=5000,
        )
        documents = Document.objects.bulk_create(
            [Document(request_id=r.pk, kind="leaflet") for r in requests[::3]], batch_size=5000
        )
        versions = DocumentVersion.objects.bulk_create(
            [
                DocumentVersion(
                    document_id=d.pk,
                    number=number,
                    file="x.pdf",
                    original_filename="x.pdf",
                    score=rng.randrange(20, 90),
                )
                for d in documents
                for number in (1, 2)
            ],
            batch_size=5000,
        )
        for d, latest in zip(documents, versions[1::2], strict=True):
            d.latest_version_id = latest.pk
        Document.objects.bulk_update(documents, ["latest_version"], batch_size=5000)
        # The incubator.
        projects = Project.objects.bulk_create(
            [
                Project(
                    title=f"Project {i}",
                    question="q",
                    why_it_matters="w",
                    stage=rng.choice(["idea", "design", "agreement", "running", "closed"]),
                    institute_id=rng.choice(institutes),
                    regional_office_id=rng.choice(offices),
                )
                for i in range(n["projects"])
            ],
            batch_size=5000,
        )
        SupportRequest.objects.bulk_create(
            [
                SupportRequest(
                    project_id=rng.choice(projects).pk,
                    kind="design",
                    subject=f"Support {i}",
                    description="d",
                    status=rng.choice(["open", "in_progress", "resolved"]),
                )
                for i in range(n["support"])
            ],
            batch_size=5000,
        )
        # A year of the GRAM.
        body = Body.objects.create(name="GRAM", slug="gram-bench")
        colleges = [
            College.objects.create(
                body=body, code=f"c{i}", name=f"College {i}", position=i, seats=10
            )
            for i in range(3)
        ]
        mandates = Mandate.objects.bulk_create(
            [
                Mandate(
                    college=colleges[i % 3],
                    seat=i // 3 + 1,
                    person=people[i + 2],
                    organization=organizations[i],
                    start=dt.date(year - 1, 1, 1),
                    end=dt.date(year + 2, 12, 31),
                )
                for i in range(30)
            ]
        )
        for month in range(1, 13):
            starts = dt.datetime(year, month, 10, 14, tzinfo=timezone.get_current_timezone())
            meeting = Meeting.objects.create(
                body=body,
                title=f"Meeting {month}",
                starts_at=starts,
                ends_at=starts + dt.timedelta(hours=3),
                status="closed",
            )
            Attendance.objects.bulk_create(
                [
                    Attendance(
                        meeting=meeting,
                        mandate=m,
                        presence=rng.choice(["room", "remote", "absent"]),
                    )
                    for m in mandates
                ]
            )
        proposals = Proposal.objects.bulk_create(
            [
                Proposal(
                    body=body, title=f"Proposal {i}", text="t", author=people[2], status="answered"
                )
                for i in range(100)
            ]
        )
        Answer.objects.bulk_create(
            [
                Answer(
                    proposal=p, decision=rng.choice(["accepted", "partly", "declined"]), by=officer
                )
                for p in proposals
            ]
        )
        Action.objects.bulk_create(
            [
                Action(
                    proposal=p,
                    title="a",
                    owner=officer,
                    due=dt.date(year, rng.randrange(1, 13), 1),
                    status=rng.choice(["planned", "in_progress", "done"]),
                )
                for p in proposals
            ]
        )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {
        "generate_s": round(time.perf_counter() - started, 1),
        "organizations": Organization.objects.count(),
        "registrations": Registration.objects.count(),
        "review_requests": ReviewRequest.objects.count(),
        "events": Event.objects.count(),
    }


def measure(rounds: int) -> dict[str, object]:
    """Cold and warm renders of the year's dashboard, as the officer."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from tandem.accounts.models import User

    client = Client(HTTP_HOST="localhost")  # one of the bench settings' ALLOWED_HOSTS
    client.force_login(User.objects.get(email="officer@bench.example"))
    url = reverse("reporting:dashboard") + f"?year={timezone.localdate().year}"
    client.get(url)  # imports, templates, the session: not what is measured

    page_bytes = 0

    def once() -> tuple[float, int]:
        nonlocal page_bytes
        with CaptureQueriesContext(connection) as ctx:
            started = time.perf_counter()
            response = client.get(url)
            elapsed = time.perf_counter() - started
        assert response.status_code == 200
        page_bytes = len(response.content)
        return elapsed, len(ctx.captured_queries)

    if os.environ.get("BENCH_PROFILE"):
        # One cold render under cProfile: which indicators (and which queries) cost.
        import cProfile
        import pstats

        cache.clear()
        profiler = cProfile.Profile()
        profiler.enable()
        client.get(url)
        profiler.disable()
        stats = pstats.Stats(profiler, stream=sys.stderr).sort_stats("cumulative")
        stats.print_stats(45)
        with CaptureQueriesContext(connection) as ctx:
            cache.clear()
            client.get(url)
        slow = sorted(ctx.captured_queries, key=lambda q: -float(q["time"]))[:12]
        for query in slow:
            print(f"{query['time']}s {query['sql'][:300]}", file=sys.stderr)

    from tandem.reporting.indicators import all_indicators

    chart_urls = [
        reverse("reporting:chart", args=[i.slug]) + f"?year={timezone.localdate().year}"
        for i in all_indicators()
    ]

    def charts() -> float:
        """Every chart image of the page, one after the other (a browser asks for several at
        once): the time to draw them all after the page."""
        started = time.perf_counter()
        for chart_url in chart_urls:
            assert client.get(chart_url).status_code == 200
        return time.perf_counter() - started

    cold, warm, charts_cold, charts_warm = [], [], [], []
    for _round in range(rounds):
        cache.clear()
        cold.append(once())
        charts_cold.append(charts())
        warm.append(once())
        charts_warm.append(charts())
    return {
        "charts": len(chart_urls),
        "charts_cold_ms_median": round(statistics.median(charts_cold) * 1000),
        "charts_warm_ms_median": round(statistics.median(charts_warm) * 1000),
        "page_bytes": page_bytes,
        "cold_ms_median": round(statistics.median(t for t, _q in cold) * 1000),
        "cold_ms_max": round(max(t for t, _q in cold) * 1000),
        "cold_queries": max(q for _t, q in cold),
        "warm_ms_median": round(statistics.median(t for t, _q in warm) * 1000),
        "warm_queries": max(q for _t, q in warm),
    }


def child(mode: str) -> None:
    import django

    django.setup()
    if mode == "generate":
        print(json.dumps(generate(float(os.environ["BENCH_SCALE"]))))
    elif mode == "measure":
        print(json.dumps(measure(int(os.environ["BENCH_ROUNDS"]))))


def _run_child(mode: str, env: dict[str, str]) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", mode],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    if out.returncode:
        print(out.stderr, file=sys.stderr)
        raise SystemExit(out.returncode)
    if env.get("BENCH_PROFILE"):
        print(out.stderr, file=sys.stderr)
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="share of the full data set")
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--reuse", metavar="DIR", help="keep the data set in DIR and reuse it")
    parser.add_argument("--pg-database", default=PG_DATABASE)
    parser.add_argument("--profile", action="store_true", help="cProfile one cold render")
    parser.add_argument("--child", default="")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    if args.reuse:
        tmp = Path(args.reuse).resolve()
        tmp.mkdir(parents=True, exist_ok=True)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="tandem-reporting-bench-"))
    env = _env(args, tmp)
    if args.profile:
        env["BENCH_PROFILE"] = "1"
    marker = tmp / ("generated-postgres.json" if args.postgres else "generated-sqlite.json")
    figures: dict[str, object] = {
        "database": "postgresql" if args.postgres else "sqlite",
        "scale": args.scale,
    }
    reused = bool(args.reuse and marker.exists())
    if args.postgres and not reused:
        _fresh_postgres(args.pg_database)  # before migrating: the database must exist
    subprocess.run([str(BIN / "tandem"), "migrate", "-v0"], env=env, check=True, cwd=ROOT)
    if reused:
        figures.update(json.loads(marker.read_text()))
    else:
        generated = _run_child("generate", env)
        marker.write_text(json.dumps(generated))
        figures.update(generated)
    figures.update(_run_child("measure", env))
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    name = "reporting_dashboard_postgres.json" if args.postgres else "reporting_dashboard.json"
    (out / name).write_text(json.dumps(figures, indent=2))
    print(
        "| database | scale | organizations | registrations | review requests | cold (ms, median) | cold queries | warm (ms, median) | warm queries | page (bytes) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    print(
        f"| {figures['database']} | {figures['scale']} | {figures['organizations']} | "
        f"{figures['registrations']} | {figures['review_requests']} | {figures['cold_ms_median']} | "
        f"{figures['cold_queries']} | {figures['warm_ms_median']} | {figures['warm_queries']} | "
        f"{figures['page_bytes']} |"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
