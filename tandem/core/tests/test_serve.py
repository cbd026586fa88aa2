"""`tandem serve`: a real WSGI server with timeouts and limits, DEBUG off (finding 14)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tandem.core import serving

ROOT = Path(__file__).resolve().parents[3]


def test_the_server_has_a_timeout_and_request_limits():
    config = serving.gunicorn_settings(serving.ServeOptions(port=8123, timeout=30))
    assert config["bind"] == ["127.0.0.1:8123"]
    assert config["timeout"] == 30
    assert config["limit_request_line"] == 4094
    assert config["limit_request_fields"] == 100
    assert config["limit_request_field_size"] == 8190
    assert config["worker_class"] == "gthread" and config["threads"] == 4


def test_one_thread_per_process_uses_workers_whose_timeout_ends_a_request():
    config = serving.gunicorn_settings(serving.ServeOptions(threads=1))
    assert config["worker_class"] == "sync"


def test_one_process_serves_while_the_cache_is_per_process(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert serving.gunicorn_settings(serving.ServeOptions())["workers"] == 1


def test_the_default_database_cache_is_shared_by_the_processes(settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache"}}
    assert not serving.cache_is_per_process()


def test_with_a_shared_cache_processes_follow_the_cores_and_the_database():
    assert serving.workers_for(per_process_cache=False, sqlite=False, cores=3) == 6
    assert serving.workers_for(per_process_cache=False, sqlite=True, cores=3) == 3
    assert serving.workers_for(per_process_cache=True, sqlite=False, cores=3) == 1


def test_waitress_refuses_long_bodies_itself(settings):
    settings.REQUEST_BODY_MAX_BYTES = 5000
    config = serving.waitress_settings(serving.ServeOptions(workers=2, threads=4))
    assert config["max_request_body_size"] == 5000
    assert config["threads"] == 8


def _clean_env(**extra: str) -> dict[str, str]:
    skip = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "DEBUG"}
    env = {k: v for k, v in os.environ.items() if k not in skip and not k.startswith("TANDEM_")}
    env.update(extra)
    return env


def _setting(name: str, **env: str) -> str:
    code = f"from django.conf import settings; print(settings.{name})"
    result = subprocess.run(
        [sys.executable, "-m", "tandem.cli", "shell", "-c", code],
        cwd=ROOT,
        env=_clean_env(**env),
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip().splitlines()[-1]


def test_the_demo_runs_with_debug_off_unless_a_developer_asks():
    assert _setting("DEBUG") == "False"
    assert _setting("DEBUG", DEBUG="1") == "True"


def test_the_application_leaves_what_it_loads_at_start_out_of_the_garbage_collector(tmp_path):
    """config.wsgi imports every view, then freezes what is loaded (gc.freeze): full
    collections no longer walk Django and the apps, which stopped a worker for tens of
    milliseconds (docs/benchmarks.md, 8 Dec 2026)."""
    code = (
        "import gc, sys; import config.wsgi; "
        "print(gc.get_freeze_count(), 'tandem.reviews.views' in sys.modules or "
        "any(name.startswith('tandem.reviews.views') for name in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=_clean_env(SQLITE_PATH=str(tmp_path / "db.sqlite3"), TANDEM_VAR_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        check=True,
    )
    frozen, views_loaded = result.stdout.split()
    assert int(frozen) > 50_000
    assert views_loaded == "True"


def _raw(port: int, request: bytes, *, body_chunks: int = 0) -> str:
    """Send `request` (then `body_chunks` chunks of 64 KiB); the status line and headers."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(request)
        try:
            for _ in range(body_chunks):
                sock.sendall(b"10000\r\n" + b"a" * 0x10000 + b"\r\n")
        except OSError:
            pass  # the server answered and closed before the end: what is expected
        return sock.recv(65536).decode(errors="replace")


def _ignore_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


@pytest.fixture(params=["gunicorn", "waitress"])
def served(request, tmp_path):
    """`tandem serve` on a fresh SQLite file, as `make run` starts it, with each server; yields
    (port, process). TANDEM_TEST_PORT chooses the first port (default: one the system picks)."""
    env = _clean_env(
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        TANDEM_VAR_DIR=str(tmp_path),
        REQUEST_BODY_MAX_BYTES=str(1024 * 1024),
    )
    port = os.environ.get("TANDEM_TEST_PORT", "0")
    if port != "0":  # one port per xdist worker
        port = str(int(port) + int(os.environ.get("PYTEST_XDIST_WORKER", "gw0")[2:]))
    process = subprocess.Popen(
        [sys.executable, "-m", "tandem.cli", "serve", "--port", port, "--server", request.param],
        cwd=ROOT,
        env=env,
        stderr=subprocess.PIPE,
        text=True,
        # As a shell's background job starts it (CI): SIGINT ignored. Ctrl-C must stop it all
        # the same.
        preexec_fn=_ignore_sigint,
    )
    try:
        assert process.stderr is not None
        for line in process.stderr:
            found = re.search(r"Listening at: http://127\.0\.0\.1:(\d+)", line)
            if found:
                break
        else:
            pytest.fail("the server did not start")
        yield int(found.group(1)), process
    finally:
        if process.poll() is None:
            process.kill()
        process.wait(timeout=30)


def _get(url: str) -> tuple[int, str, dict[str, str]]:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - local URL
            return response.status, response.read().decode(), dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(), dict(error.headers)


def test_make_run_serves_pages_static_files_and_error_pages_without_debug(served):
    port, process = served
    base = f"http://127.0.0.1:{port}"
    assert _get(f"{base}/healthz")[0] == 200
    status, page, headers = _get(f"{base}/")
    assert status == 200 and headers["Server"] in {"gunicorn", "waitress"}
    assert _get(f"{base}/static/css/tandem.css")[0] == 200
    status, page, _headers = _get(f"{base}/nowhere/")
    assert status == 404
    assert "Tandem" in page and "URLconf" not in page and "Traceback" not in page
    # Ctrl-C stops it.
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0


def test_sigterm_stops_the_server(served):
    port, process = served
    assert _get(f"http://127.0.0.1:{port}/healthz")[0] == 200
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=30) == 0


def test_the_server_refuses_long_bodies_before_receiving_them(served):
    port, _process = served
    announced = _raw(
        port,
        b"POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nContent-Length: 314572800\r\n\r\n",
    )
    assert announced.startswith("HTTP/1.1 413")
    started = time.monotonic()
    chunked = _raw(
        port,
        b"POST /api/v1/auth/token HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
        body_chunks=40,  # 2.5 MiB, over the 1 MiB allowed here
    )
    assert chunked.startswith("HTTP/1.1 413"), chunked[:200]
    assert time.monotonic() - started < 20
