"""Load and soak: every role's main pages and API calls at 32 connections on the production
topology (tests/topology/stack.py: PostgreSQL, Redis, S3, haproxy, two gunicorn instances, two
task workers), for ten minutes by default.

Each connection is a thread with its own HTTP session, signed in as one of the demo personas
(or anonymous) and cycling through that role's pages; the run stops at `--duration` seconds or
`--max-requests`, whichever comes first. Every answer other than 200 counts as an error. The
resident memory (RSS) of every process of the topology is sampled every `--sample-every`
seconds; "flat" compares the first sample after the warm-up (the first fifth of the run) with
the last. Prints Markdown tables and writes bench/out/soak.json.
Usage: .venv/bin/python bench/soak.py [--duration 600] [--connections 32] [--web-workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.topology.conftest import sign_in  # noqa: E402 - after the path
from tests.topology.stack import Stack  # noqa: E402

ROLES: dict[str, list[str]] = {
    "anonymous": ["/", "/directory/", "/directory/?q=diab%C3%A8te", "/api/v1/organizations",
                  "/api/v1/disease-areas", "/directory/organizations/{org}/"],
    "member@example.org": ["/home/", "/directory/organizations/mine/", "/notifications/",
                           "/profile/", "/clarity/mine/", "/api/v1/me"],
    "researcher@example.org": ["/home/", "/directory/researcher/", "/directory/researcher/partners/",
                               "/clarity/", "/reviews/", "/api/v1/review-requests"],
    "reviewer1@example.org": ["/home/", "/reviews/assignments/", "/reviews/assignments/history/",
                              "/reviews/me/", "/api/v1/assignments"],
    "coordinator@example.org": ["/home/", "/reviews/queue/", "/reviews/metrics/", "/reviews/pool/",
                                "/clarity/lexicon/", "/api/v1/review-requests"],
    "officer@example.org": ["/home/", "/directory/queue/", "/directory/reference/", "/activity/",
                            "/api/v1/organizations?status=pending"],
    "gram@example.org": ["/home/", "/directory/", "/notifications/"],
    "director@example.org": ["/home/", "/directory/"],
    "admin@example.org": ["/home/", "/people/", "/invitations/", "/outbox/", "/activity/"],
}  # fmt: skip


def _check_pages(stack: Stack, sessions: dict[str, requests.Session]) -> dict[str, list[str]]:
    """Fill in ids and make sure every page answers 200 before loading it."""
    [(org,)] = stack.sql("SELECT min(id) FROM directory_organization WHERE status = 'active'")
    pages: dict[str, list[str]] = {}
    wrong = []
    for role, paths in ROLES.items():
        pages[role] = [path.format(org=org) for path in paths]
        for path in pages[role]:
            answer = sessions[role].get(stack.url + path, allow_redirects=False, timeout=60)
            if answer.status_code != 200:
                wrong.append(f"{role} {path}: {answer.status_code}")
    if wrong:
        raise SystemExit("Fix ROLES in bench/soak.py:\n" + "\n".join(wrong))
    return pages


def _descendants(pid: int) -> list[int]:
    children: dict[int, list[int]] = defaultdict(list)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children[ppid].append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, []))
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _processes(stack: Stack) -> dict[str, list[int]]:
    """Label → pids: each gunicorn master and worker, each task worker, the services."""
    named: dict[str, list[int]] = {}
    for name, proc in stack.procs.items():
        pids = _descendants(proc.pid)
        if name.startswith("web"):
            named[f"{name} master"] = [pids[0]]
            for n, pid in enumerate(sorted(pids[1:]), start=1):
                named[f"{name} worker {n}"] = [pid]
        else:
            named[name] = pids
    postmaster = int((stack.root / "pgdata" / "postmaster.pid").read_text().split()[0])
    named["postgresql (all backends)"] = _descendants(postmaster)
    return named


def run(args: argparse.Namespace) -> dict:
    started = time.monotonic()
    stack = Stack(args.port_base, web_workers=args.web_workers, heartbeat=10, stale_after=60)
    try:
        stack.start()
        startup = time.monotonic() - started
        sessions = {
            role: requests.Session() if role == "anonymous" else sign_in(stack.url, role)
            for role in ROLES
        }
        pages = _check_pages(stack, sessions)
        return _load(stack, sessions, pages, args) | {"startup_s": round(startup, 1)}
    finally:
        stack.stop()


def _load(stack: Stack, sessions: dict[str, requests.Session], pages: dict[str, list[str]],
          args: argparse.Namespace) -> dict:  # fmt: skip
    roles = list(ROLES)
    results: dict[str, list[float]] = defaultdict(list)
    errors: dict[str, list[str]] = defaultdict(list)
    lock = threading.Lock()
    count = [0]
    stop = threading.Event()
    deadline = time.monotonic() + args.duration

    def connection(index: int) -> None:
        role = roles[index % len(roles)]
        session = requests.Session()
        session.cookies.update(sessions[role].cookies)
        paths = pages[role]
        i = index
        while not stop.is_set() and time.monotonic() < deadline:
            with lock:
                if count[0] >= args.max_requests:
                    return
                count[0] += 1
            path = paths[i % len(paths)]
            i += 1
            label = f"{role.split('@')[0]} {path}"
            begin = time.perf_counter()
            try:
                answer = session.get(stack.url + path, allow_redirects=False, timeout=60)
                problem = None if answer.status_code == 200 else str(answer.status_code)
            except requests.RequestException as exc:
                problem = type(exc).__name__
            elapsed = (time.perf_counter() - begin) * 1000
            with lock:
                results[label].append(elapsed)
                if problem:
                    errors[label].append(problem)

    memory: dict[str, list[tuple[float, float]]] = defaultdict(list)
    processes = _processes(stack)
    threads = [threading.Thread(target=connection, args=(i,)) for i in range(args.connections)]
    load_start = time.monotonic()
    cpu_start = time.process_time()
    for thread in threads:
        thread.start()
    while any(thread.is_alive() for thread in threads):
        at = time.monotonic() - load_start
        for label, pids in processes.items():
            memory[label].append((round(at, 1), round(sum(_rss_mb(pid) for pid in pids), 1)))
        for thread in threads:
            thread.join(timeout=args.sample_every / len(threads))
    elapsed = time.monotonic() - load_start
    client_cpu = time.process_time() - cpu_start
    stop.set()
    warm = elapsed * 0.2
    pages_out = {
        label: {
            "requests": len(times),
            "errors": len(errors[label]),
            "error_kinds": sorted(set(errors[label])),
            "p50_ms": round(statistics.median(times), 1),
            "p99_ms": round(_percentile(times, 99), 1),
            "max_ms": round(max(times), 1),
        }
        for label, times in sorted(results.items())
    }
    memory_out = {}
    for label, samples in memory.items():
        after = [mb for at, mb in samples if at >= warm] or [samples[-1][1]]
        memory_out[label] = {
            "after_warmup_mb": after[0],
            "end_mb": after[-1],
            "max_after_warmup_mb": max(after),
            "change_mb": round(after[-1] - after[0], 1),
            "samples": samples,
        }
    total = sum(len(t) for t in results.values())
    return {
        "duration_s": round(elapsed, 1),
        "connections": args.connections,
        "web_workers_per_instance": args.web_workers,
        "requests": total,
        "errors": sum(len(e) for e in errors.values()),
        "rps": round(total / elapsed, 1),
        "p99_ms_all": round(_percentile([t for ts in results.values() for t in ts], 99), 1),
        "load_average": os.getloadavg(),
        # The load generator shares the machine: the CPU seconds it used itself.
        "client_cpu_s": round(client_cpu, 1),
        "pages": pages_out,
        "memory": memory_out,
    }


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * pct / 100))]


def tables(result: dict) -> str:
    lines = [
        f"{result['requests']} requests in {result['duration_s']} s ({result['rps']} req/s), "
        f"{result['errors']} errors, p99 {result['p99_ms_all']} ms, {result['connections']} "
        f"connections; topology started in {result['startup_s']} s; the load generator used "
        f"{result['client_cpu_s']} CPU s; load average {result['load_average'][0]:.1f}",
        "",
        "| persona and page | requests | errors | p50 ms | p99 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for label, v in result["pages"].items():
        lines.append(
            f"| {label} | {v['requests']} | {v['errors']} | {v['p50_ms']} | {v['p99_ms']} | "
            f"{v['max_ms']} |"
        )
    lines += ["", "| process | RSS after warm-up (MB) | at the end | max after warm-up | change |",
              "|---|---:|---:|---:|---:|"]  # fmt: skip
    for label, v in result["memory"].items():
        lines.append(
            f"| {label} | {v['after_warmup_mb']} | {v['end_mb']} | {v['max_after_warmup_mb']} | "
            f"{v['change_mb']:+} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=600, help="seconds of load")
    parser.add_argument("--max-requests", type=int, default=2_000_000)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--web-workers", type=int, default=2, help="per gunicorn instance")
    parser.add_argument(
        "--sample-every", type=float, default=10.0, help="seconds between RSS samples"
    )
    parser.add_argument("--port-base", type=int, default=8670)
    args = parser.parse_args()
    result = run(args)
    print(tables(result))
    out = ROOT / "bench" / "out"
    out.mkdir(exist_ok=True)
    (out / "soak.json").write_text(json.dumps(result, indent=2))
    return 1 if result["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
