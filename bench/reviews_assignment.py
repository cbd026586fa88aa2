"""College of Reviewers benchmarks.

1. The optimiser: a joint suggestion for 50 open requests over a pool of 150 reviewers (median
   of 7 runs), and its optimality against brute force on 300 random small cases.
2. The dashboards' query counts with 10,000 past requests in a fresh SQLite database: the
   reviewer's and the coordinator's pages, with 4 (one of each status) and 10,000 requests.

Usage: .venv/bin/python bench/reviews_assignment.py   (writes docs/reviews-benchmarks.md figures
to stdout and bench/out/reviews.json)
"""

from __future__ import annotations

import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def optimiser_figures() -> dict[str, object]:
    from tandem.reviews import assignment as opt

    rng = random.Random(2024)
    paths = [f"/{a}/" for a in range(1, 15)] + [
        f"/{a}/{a * 100 + b}/" for a in range(1, 15) for b in range(3)
    ]
    pool = [
        opt.Candidate(
            id=j + 1,
            organization_id=rng.randint(1, 60),
            languages=frozenset({"fr", rng.choice(["fr", "en"])}),
            area_paths=tuple(rng.sample(paths, 3)),
            load=rng.randint(0, 2),
            max_load=rng.randint(2, 4),
        )
        for j in range(150)
    ]
    needs = [
        opt.Need(
            id=i + 1,
            wanted=3,
            language=rng.choice(["fr", "fr", "fr", "en"]),
            organization_ids=frozenset(rng.sample(range(1, 61), 3)),
            area_paths=tuple(rng.sample(paths, 2)),
        )
        for i in range(50)
    ]
    times = []
    for _ in range(7):
        start = time.perf_counter()
        solution = opt.solve(needs, pool)
        times.append(time.perf_counter() - start)
    small = random.Random(7)
    checked = 0
    for _ in range(300):
        k, n = small.randint(1, 3), small.randint(2, 6)
        case_pool = [
            opt.Candidate(
                id=j + 1,
                organization_id=small.choice([None, 1, 2]),
                area_paths=tuple(small.sample(paths[:6], small.randint(0, 2))),
                load=small.randint(0, 2),
                max_load=small.randint(1, 3),
            )
            for j in range(n)
        ]
        case_needs = [
            opt.Need(
                id=i + 1,
                wanted=small.randint(1, 3),
                organization_ids=frozenset({small.choice([1, 2, 3])}),
                area_paths=tuple(small.sample(paths[:6], 1)),
            )
            for i in range(k)
        ]
        got = opt.solve(case_needs, case_pool)
        assert (got.seats_filled, got.objective) == opt.brute_force(case_needs, case_pool)
        checked += 1
    return {
        "requests": 50,
        "reviewers": 150,
        "seats_filled": solution.seats_filled,
        "seats_wanted": 150,
        "objective": solution.objective,
        "median_seconds": round(statistics.median(times), 4),
        "max_seconds": round(max(times), 4),
        "brute_force_cases_equal": checked,
    }


def query_figures() -> dict[str, object]:
    tmp = tempfile.mkdtemp(prefix="tandem-bench-")
    os.environ.update(
        TANDEM_VAR_DIR=tmp, DJANGO_SETTINGS_MODULE="config.settings", TASKS_BACKEND="dummy"
    )
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    call_command("migrate", verbosity=0)
    from tandem.accounts.models import Role, RoleAssignment, User
    from tandem.reviews.models import (
        Assignment,
        AssignmentState,
        RequestStatus,
        Review,
        ReviewerProfile,
        ReviewRequest,
        Round,
    )

    researcher = User.objects.create_user("r@example.org", "x", first_name="R")
    coordinator = User.objects.create_user(
        "c@example.org", "x", first_name="C", is_demo=True
    )  # demo accounts may skip the second factor
    reviewer = User.objects.create_user("v@example.org", "x", first_name="V")
    RoleAssignment.objects.bulk_create(
        [
            RoleAssignment(user=researcher, role=Role.RESEARCHER),
            RoleAssignment(user=coordinator, role=Role.COORDINATOR),
            RoleAssignment(user=reviewer, role=Role.REVIEWER),
        ]
    )
    ReviewerProfile.objects.create(
        user=reviewer, languages=["fr"], max_open_reviews=20, status="active"
    )

    def add(n: int) -> None:
        today = timezone.localdate()
        statuses = [
            RequestStatus.CLOSED,
            RequestStatus.REPORT_SENT,
            RequestStatus.IN_REVIEW,
            RequestStatus.SUBMITTED,
        ]
        requests = ReviewRequest.objects.bulk_create(
            [
                ReviewRequest(
                    title=f"Study {i}",
                    category="riph2",
                    submitted_by=researcher,
                    status=statuses[i % 4],
                    submitted_at=timezone.now(),
                )
                for i in range(n)
            ]
        )
        rounds = Round.objects.bulk_create(
            [Round(request=r, number=1, deadline=today) for r in requests]
        )
        for r, rd in zip(requests, rounds, strict=True):
            r.current_round = rd
        ReviewRequest.objects.bulk_update(requests, ["current_round"])
        assignments = Assignment.objects.bulk_create(
            [
                Assignment(
                    round=rd,
                    reviewer=reviewer,
                    state=AssignmentState.ACCEPTED
                    if i % 4 == 3 and i < 20
                    else AssignmentState.SUBMITTED,
                    due=today,
                    submitted_at=timezone.now(),
                )
                for i, rd in enumerate(rounds)
            ]
        )
        Review.objects.bulk_create(
            [
                Review(assignment=a, state="submitted" if a.state == "submitted" else "draft")
                for a in assignments
            ]
        )

    pages = {
        "reviewer": ["core:dashboard", "reviews:my_assignments", "reviews:history"],
        "coordinator": ["core:dashboard", "reviews:queue", "reviews:pool", "reviews:metrics"],
        "researcher": ["core:dashboard", "reviews:my_requests"],
    }
    people = {"reviewer": reviewer, "coordinator": coordinator, "researcher": researcher}

    def measure() -> dict[str, dict[str, tuple[int, float]]]:
        out: dict[str, dict[str, tuple[int, float]]] = {}
        for role, names in pages.items():
            client = Client()
            client.force_login(people[role])
            out[role] = {}
            for name in names:
                client.get(reverse(name))
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    assert client.get(reverse(name)).status_code == 200
                    elapsed = time.perf_counter() - start
                out[role][name] = (len(ctx.captured_queries), round(elapsed * 1000, 1))
                if os.environ.get("BENCH_SQL") == name:
                    print("\n".join(q["sql"][:150] for q in ctx.captured_queries), "\n----")
        return out

    add(4)
    one = measure()
    add(9_996)
    many = measure()
    return {
        role: {
            name: {
                "queries_1": one[role][name][0],
                "queries_10000": many[role][name][0],
                "ms_10000": many[role][name][1],
            }
            for name in names
        }
        for role, names in pages.items()
    }


def main() -> None:
    figures = {"optimiser": optimiser_figures(), "pages": query_figures()}
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "reviews.json").write_text(json.dumps(figures, indent=2))
    o = figures["optimiser"]
    print(
        f"Suggestion, {o['requests']} requests × {o['reviewers']} reviewers: median {o['median_seconds']} s, max {o['max_seconds']} s; {o['seats_filled']}/{o['seats_wanted']} seats; objective {o['objective']}; brute force equal on {o['brute_force_cases_equal']} small cases"
    )
    print(
        "| persona | page | queries (4 requests) | queries (10,000 requests) | time with 10,000 (ms) |"
    )
    print("|---|---|---|---|---|")
    for role, rows in figures["pages"].items():  # type: ignore[union-attr]
        for name, row in rows.items():
            print(
                f"| {role} | `{name}` | {row['queries_1']} | {row['queries_10000']} | {row['ms_10000']} |"
            )


if __name__ == "__main__":
    main()
