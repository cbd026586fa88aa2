"""The directory at scale: 100,000 organizations, 20,000 researchers, 5,000 research units.

Generates the data set with bulk inserts into a separate database (a fresh SQLite file, or a
fresh PostgreSQL database with --postgres), then measures, in one run:
- the public search page with a query and two filters (`/directory/?q=…&region=…&kind=…`)
  served by gunicorn and loaded by wrk with 16 connections, next to a minimal Django view
  served the same way (rps, p50, p99);
- one matching query (free text + a disease area + a region), timed in-process.

Usage:
    .venv/bin/python bench/directory_search.py [--postgres] [--rounds 3] [--duration 6]
        [--workers N] [--reuse DIR] [--port 8766] [--pg-database tandem_bench_directory]
Prints a Markdown table and writes bench/out/directory_search[_postgres].json.
"""

from __future__ import annotations

import argparse
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

from bench import httpload  # noqa: E402 - after the path

BIN = Path(sys.executable).parent
PORT = 8766
N_ORGS, N_RESEARCHERS, N_UNITS = 100_000, 20_000, 5_000
PG_ADMIN = "postgres://postgres@localhost:5432/postgres"
PG_DATABASE = "tandem_bench_directory"

SEARCHES = {
    "search: q=diabete, region=idf, kind=patient": "/directory/?q=diab%C3%A8te&region=idf&kind=patient",
    "search: q=mucoviscidose patients, region=bre, approval=none": (
        "/directory/?q=mucoviscidose+patients&region=bre&approval=none"
    ),
    "search: q=cancer, disease_area=Neoplasms (with descendants), region=occ": None,  # filled in
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
        env["SQLITE_PATH"] = str(tmp / "directory-bench.sqlite3")
    return env


def _fresh_postgres(name: str) -> None:
    import psycopg
    from psycopg import sql

    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def generate(seed: int = 11) -> dict[str, float]:
    """Bulk-insert the data set. Runs inside a configured Django process."""
    from django.db import connection, transaction

    from tandem.accounts.models import RoleAssignment, User
    from tandem.directory.models import (
        DiseaseArea,
        Organization,
        RegionalOffice,
        ResearcherProfile,
        ResearchUnit,
        facet_tokens,
    )
    from tandem.directory.text import fold, indexed

    rng = random.Random(seed)
    started = time.perf_counter()
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=OFF")
    areas = list(DiseaseArea.objects.all())
    leaves = [a for a in areas if not any(b.parent_id == a.pk for b in areas)]
    area_text = {a.pk: a.search_text for a in areas}
    offices = list(RegionalOffice.objects.all())
    regions = ["ara", "bfc", "bre", "cvl", "cor", "ges", "hdf", "idf", "nor", "naq", "occ", "pdl", "pac",
               "gua", "mtq", "guf", "reu", "myt", "nat"]  # fmt: skip
    cities = ["Paris", "Lyon", "Marseille", "Toulouse", "Lille", "Rennes", "Bordeaux", "Nantes", "Nice",
              "Strasbourg", "Dijon", "Rouen", "Tours", "Brest", "Grenoble", "Metz", "Caen", "Limoges"]  # fmt: skip
    prefixes = ["Association", "Fédération", "Les Amis de", "Collectif", "Union", "Entraide", "Ligue",
                "Alliance", "Solidarité", "Réseau"]  # fmt: skip
    kinds = ["patient"] * 7 + ["federation", "foundation", "other"]
    approvals = ["none"] * 6 + ["regional"] * 3 + ["national"]
    descriptions = [
        "Soutien aux personnes malades et à leurs proches, information, groupes de parole.",
        "Nous défendons les droits des patients et participons à la recherche.",
        "Entraide entre familles, permanences téléphoniques et journées d'information.",
        "Patient support, advocacy and participation in research projects.",
    ]
    through = Organization.disease_areas.through
    with transaction.atomic():
        org_rows, org_areas = [], []
        for i in range(N_ORGS):
            chosen = rng.sample(leaves, rng.choice((1, 1, 2, 3)))
            main = chosen[0]
            name = (
                f"{rng.choice(prefixes)} {main.name_fr.split(',')[0][:60]} {rng.choice(cities)} {i}"
            )
            region, city = rng.choice(regions), rng.choice(cities)
            description = rng.choice(descriptions)
            kind, approval = rng.choice(kinds), rng.choice(approvals)
            area_ids = sorted({pk for a in chosen for pk in [*a.ancestor_ids(), a.pk]})
            folded = " ".join(
                [
                    indexed(fold(" ".join([name, city, region, description]))),
                    *(indexed(area_text[a.pk]) for a in chosen),
                ]
            )
            facets = facet_tokens(region=region, kind=kind, approval=approval, area_ids=area_ids)
            org_rows.append(
                Organization(
                    name=name,
                    kind=kind,
                    region=region,
                    city=city,
                    description=description,
                    approval=approval,
                    status="active" if rng.random() > 0.03 else "pending",
                    is_public=rng.random() > 0.05,
                    email=f"contact{i}@bench.example.org",
                    search_text=folded,
                    facets=" ".join(facets),
                    name_folded=fold(name),
                    area_ids=",".join(str(a.pk) for a in chosen),
                )
            )
            org_areas.append([a.pk for a in chosen])
        Organization.objects.bulk_create(org_rows, batch_size=5000)
        ids = list(Organization.objects.order_by("pk").values_list("pk", flat=True))
        through.objects.bulk_create(
            [
                through(organization_id=pk, diseasearea_id=a)
                for pk, a_ids in zip(ids, org_areas, strict=True)
                for a in a_ids
            ],
            batch_size=10000,
        )
        ResearchUnit.objects.bulk_create(
            [
                ResearchUnit(
                    code=f"U{10000 + i}",
                    name=f"Unité de recherche {i}",
                    city=rng.choice(cities),
                    regional_office=rng.choice(offices),
                )
                for i in range(N_UNITS)
            ],
            batch_size=5000,
        )
        unit_ids = list(ResearchUnit.objects.values_list("pk", flat=True))
        User.objects.bulk_create(
            [
                User(
                    email=f"bench-researcher{i}@example.net",
                    first_name="Chercheur",
                    last_name=f"N{i}",
                    password="!unusable",  # noqa: S106 - an unusable-password marker
                    is_demo=True,
                )
                for i in range(N_RESEARCHERS)
            ],
            batch_size=5000,
        )
        user_ids = list(
            User.objects.filter(email__startswith="bench-researcher").values_list("pk", flat=True)
        )
        RoleAssignment.objects.bulk_create(
            [RoleAssignment(user_id=u, role="researcher") for u in user_ids], batch_size=5000
        )
        profile_areas = []
        profiles = []
        for u in user_ids:
            chosen = rng.sample(leaves, rng.choice((1, 2)))
            profile_areas.append([a.pk for a in chosen])
            profiles.append(
                ResearcherProfile(
                    user_id=u,
                    unit_id=rng.choice(unit_ids),
                    keywords=chosen[0].name_fr,
                    search_text=" ".join(area_text[a.pk] for a in chosen),
                )
            )
        ResearcherProfile.objects.bulk_create(profiles, batch_size=5000)
        profile_ids = list(ResearcherProfile.objects.order_by("pk").values_list("pk", flat=True))
        p_through = ResearcherProfile.disease_areas.through
        p_through.objects.bulk_create(
            [
                p_through(researcherprofile_id=p, diseasearea_id=a)
                for p, a_ids in zip(profile_ids, profile_areas, strict=True)
                for a in a_ids
            ],
            batch_size=10000,
        )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # What autovacuum does soon after a load this size: among others, it moves the GIN
            # index's pending list (rows inserted since) into the index proper. Without it,
            # every search also scans that list (about 1 ms more per search).
            cursor.execute("VACUUM ANALYZE")
        else:
            cursor.execute("ANALYZE")
        if connection.vendor == "sqlite":
            # Fold the bulk load's write-ahead log into the database file before measuring.
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"generate_s": round(time.perf_counter() - started, 1)}


def time_matching(repeats: int = 7) -> dict[str, float]:
    from tandem.directory.matching import Topic, match_organizations
    from tandem.directory.models import DiseaseArea

    topic = Topic(
        text="diabète de type 1 chez l'adolescent, éducation thérapeutique",
        disease_area_ids=(DiseaseArea.objects.get(code="E10-E14").pk,),
        region="idf",
    )
    timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        result = match_organizations(topic)
        timings.append((time.perf_counter() - started) * 1000)
    assert result, "matching found nothing"
    broad = Topic(text="cancer", disease_area_ids=(DiseaseArea.objects.get(code="II").pk,))
    broad_timings = []
    for _ in range(repeats):
        started = time.perf_counter()
        match_organizations(broad)
        broad_timings.append((time.perf_counter() - started) * 1000)
    return {
        "match_median_ms": round(statistics.median(timings), 1),
        "match_max_ms": round(max(timings), 1),
        "match_broad_median_ms": round(statistics.median(broad_timings), 1),
        "match_broad_max_ms": round(max(broad_timings), 1),
    }


def child(mode: str) -> None:
    """Work that needs Django set up on the bench database (run in a subprocess)."""
    import django

    django.setup()
    if mode == "generate":
        print(json.dumps(generate()))
    elif mode == "match":
        print(json.dumps(time_matching()))
    elif mode == "area":
        from tandem.directory.models import DiseaseArea

        print(json.dumps({"neoplasms": DiseaseArea.objects.get(code="II").pk}))


def _run_child(mode: str, env: dict[str, str]) -> dict[str, float]:
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
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--duration", type=int, default=6, help="seconds per page and round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument(
        "--workers",
        type=int,
        default=0,
        help="gunicorn workers; by default as the operator guide advises: two per CPU with "
        "PostgreSQL (a worker waits for the database while another uses the CPU), one per CPU "
        "with SQLite (in the worker's process)",
    )
    parser.add_argument(
        "--reuse",
        metavar="DIR",
        help="keep the data set in DIR and reuse it when it is already there (to iterate)",
    )
    parser.add_argument("--port", type=int, default=PORT, help="for gunicorn, on 127.0.0.1")
    parser.add_argument(
        "--pg-database", default=PG_DATABASE, help="with --postgres: the database (re)created"
    )
    parser.add_argument("--child", default="")
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return 0
    if not args.workers:
        args.workers = (os.cpu_count() or 1) * (2 if args.postgres else 1)
    if args.reuse:
        tmp = Path(args.reuse).resolve()
        tmp.mkdir(parents=True, exist_ok=True)
    else:
        tmp = Path(tempfile.mkdtemp(prefix="tandem-directory-bench-"))
    env = _env(args, tmp)
    marker = tmp / ("generated-postgres.json" if args.postgres else "generated-sqlite.json")
    figures: dict[str, object] = {
        "database": "postgresql" if args.postgres else "sqlite",
    }
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
    figures.update(_run_child("match", env))
    neoplasms = _run_child("area", env)["neoplasms"]
    searches = dict(SEARCHES)
    searches["search: q=cancer, disease_area=Neoplasms (with descendants), region=occ"] = (
        f"/directory/?q=cancer&disease_area={neoplasms}&region=occ"
    )
    pages = {name: (path, None) for name, path in searches.items()}
    with httpload.gunicorn(env, port=args.port, workers=args.workers, cwd=ROOT) as base:
        results = httpload.rounds(
            base, pages, rounds=args.rounds, duration=args.duration, connections=args.connections
        )
    figures["http"] = results
    figures.update(
        connections=args.connections,
        workers=args.workers,
        duration_s=args.duration,
        rounds=args.rounds,
        cpus=os.cpu_count(),
    )
    suffix = "_postgres" if args.postgres else ""
    out = ROOT / "bench" / "out" / f"directory_search{suffix}.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    print(f"\n{figures['database']}: generated in {figures['generate_s']} s; matching median "
          f"{figures['match_median_ms']} ms (max {figures['match_max_ms']} ms), broad topic median "
          f"{figures['match_broad_median_ms']} ms (max {figures['match_broad_max_ms']} ms)\n")  # fmt: skip
    print(httpload.table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
