"""The production topology on one machine, started and stopped by the tests and the soak bench.

A private PostgreSQL cluster and a private Redis (so that restarting them disturbs nobody
else), moto's S3-compatible server for uploads, two gunicorn instances behind haproxy, two
`tandem task_worker` processes. Every process runs in its own session (process group), so that
a fault can kill a whole gunicorn instance or worker with SIGKILL. Ports: `base` + offsets
(docs/operator-guide.md shows the same layout with real addresses).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
BUCKET = "tandem-uploads"
SECRET = "topology-test-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz"


def pg_bin(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"))
    if not found:
        raise RuntimeError(f"{name} not found under /usr/lib/postgresql (Debian's postgresql)")
    return str(found[-1])


def wait_until(check: Callable[[], bool], *, timeout: float, what: str, every: float = 0.2) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(every)
    raise TimeoutError(f"{what}: not within {timeout:.0f} s")


def http_status(url: str, timeout: float = 2) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 - local URL
            return int(response.status)
    except urllib.error.HTTPError as exc:
        return int(exc.code)
    except OSError:
        return 0


class Stack:
    def __init__(
        self,
        base: int = 8600,
        *,
        web_workers: int = 2,
        heartbeat: int = 1,
        stale_after: int = 5,
        extra_env: dict[str, str] | None = None,
    ) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="tandem-topology-"))
        self.pg_port, self.redis_port, self.s3_port = base + 1, base + 2, base + 3
        self.lb_port = base + 10
        self.web_ports = [base + 21, base + 22]
        self.web_workers = web_workers
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self.logs = self.root / "logs"
        self.logs.mkdir()
        self.url = f"http://127.0.0.1:{self.lb_port}"
        self.database_url = f"postgres://postgres@127.0.0.1:{self.pg_port}/tandem"
        self.env = {
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            # The production processes and services; demo mode stays on only so that the demo
            # personas (no second factor) can sign in and the demo data can be loaded.
            "TANDEM_ENV": "demo",
            "TANDEM_DEMO": "1",
            "DEBUG": "0",
            "SECRET_KEY": SECRET,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "TANDEM_VAR_DIR": str(self.root / "var"),
            "DATABASE_URL": self.database_url,
            "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0",
            "STORAGE_BACKEND": "s3",
            "S3_BUCKET": BUCKET,
            "S3_ENDPOINT_URL": f"http://127.0.0.1:{self.s3_port}",
            "S3_ACCESS_KEY": "topology",
            "S3_SECRET_KEY": "topology",  # moto accepts any key
            "AWS_DEFAULT_REGION": "us-east-1",
            "TASKS_BACKEND": "database",
            "TASK_WORKER_HEARTBEAT": str(heartbeat),
            "TASK_WORKER_STALE_AFTER": str(stale_after),
            "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
            "LOG_LEVEL": "ERROR",
            **(extra_env or {}),
        }

    # --- whole stack ------------------------------------------------------------------------
    def start(self, *, demo: bool = True) -> Stack:
        self.start_postgres()
        self.start_redis()
        self.start_s3()
        self.manage("migrate", "--noinput", "-v0")
        if demo:
            self.manage("demo", "-v0")
        for index in range(2):
            self.start_web(index)
        self.start_balancer()
        for index in range(2):
            self.start_worker(index)
        return self

    def stop(self) -> None:
        for name in reversed(list(self.procs)):
            self._stop(name)
        self.stop_postgres(mode="immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def manage(self, *args: str) -> str:
        return subprocess.run(
            [str(BIN / "tandem"), *args],
            env=self.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout

    def pid(self, name: str) -> int:
        return self.procs[name].pid

    def kill(self, name: str) -> None:
        """SIGKILL the process and everything it started (a gunicorn master and its workers)."""
        proc = self.procs.pop(name)
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=10)

    def _spawn(self, name: str, cmd: list[str], **kwargs: object) -> subprocess.Popen[bytes]:
        log = (self.logs / f"{name}.log").open("ab")
        proc = subprocess.Popen(
            cmd,
            env=self.env,
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **kwargs,  # type: ignore[call-overload]
        )
        self.procs[name] = proc
        return proc

    def _stop(self, name: str) -> None:
        proc = self.procs.pop(name, None)
        if proc is None or proc.poll() is not None:
            return
        try:
            os.killpg(proc.pid, signal.SIGTERM)
            proc.wait(timeout=15)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=5)

    # --- PostgreSQL (a private cluster: restarting it disturbs no one) ------------------------
    def _as_postgres(self, cmd: list[str]) -> list[str]:
        # initdb and postgres refuse to run as root (CI runs as root).
        return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd

    def start_postgres(self) -> None:
        data = self.root / "pgdata"
        if not data.exists():
            self.root.chmod(0o755)
            data.mkdir()
            if os.geteuid() == 0:
                shutil.chown(data, "postgres", "postgres")
            subprocess.run(
                self._as_postgres(
                    [
                        pg_bin("initdb"),
                        "-D",
                        str(data),
                        "-U",
                        "postgres",
                        "-A",
                        "trust",
                        "-E",
                        "UTF8",
                    ]
                ),
                check=True,
                capture_output=True,
            )
        options = (
            f"-p {self.pg_port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
        )
        subprocess.run(
            self._as_postgres(
                [pg_bin("pg_ctl"), "-D", str(data), "-o", options, "-w", "-t", "60",
                 "-l", str(data / "server.log"), "start"]
            ),
            check=True,
            capture_output=True,
        )  # fmt: skip
        subprocess.run(
            [pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(self.pg_port), "-U", "postgres",
             "tandem"],
            capture_output=True,
            check=False,  # exists already after a restart
        )  # fmt: skip

    def stop_postgres(self, mode: str = "fast") -> None:
        data = self.root / "pgdata"
        if (data / "postmaster.pid").exists():
            subprocess.run(
                self._as_postgres([pg_bin("pg_ctl"), "-D", str(data), "-m", mode, "-w", "stop"]),
                check=False,
                capture_output=True,
            )

    # --- Redis (private; keeps nothing on disk, like the machine's) -------------------------
    def start_redis(self) -> None:
        self._spawn(
            "redis",
            [shutil.which("redis-server") or "/usr/bin/redis-server", "--port", str(self.redis_port), "--bind", "127.0.0.1",
             "--save", "", "--appendonly", "no", "--dir", str(self.root)],
        )  # fmt: skip
        wait_until(self._redis_ready, timeout=20, what="redis")

    def _redis_ready(self) -> bool:
        import redis

        try:
            return bool(redis.Redis(port=self.redis_port, socket_timeout=1).ping())
        except redis.RedisError:
            return False

    def stop_redis(self) -> None:
        self._stop("redis")

    # --- S3-compatible storage (moto's server) ----------------------------------------------
    def start_s3(self) -> None:
        self._spawn("s3", [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(self.s3_port)])
        wait_until(
            lambda: http_status(f"http://127.0.0.1:{self.s3_port}/moto-api/") == 200,
            timeout=30,
            what="moto",
        )
        self.s3().create_bucket(Bucket=BUCKET)

    def s3(self):  # type: ignore[no-untyped-def]
        import boto3

        return boto3.client(
            "s3",
            endpoint_url=self.env["S3_ENDPOINT_URL"],
            aws_access_key_id="topology",
            aws_secret_access_key="topology",
            region_name="us-east-1",
        )

    def stored_files(self) -> list[str]:
        listing = self.s3().list_objects_v2(Bucket=BUCKET)
        return [item["Key"] for item in listing.get("Contents", [])]

    # --- web processes and the balancer -----------------------------------------------------
    def start_web(self, index: int) -> None:
        port = self.web_ports[index]
        self._spawn(
            f"web{index + 1}",
            # The operators' command (gunicorn with the project's limits), sync workers.
            [str(BIN / "tandem"), "serve", "--server", "gunicorn", "--host", "127.0.0.1",
             "--port", str(port), "--workers", str(self.web_workers), "--threads", "1",
             "--timeout", "30"],
        )  # fmt: skip
        wait_until(
            lambda: http_status(f"http://127.0.0.1:{port}/healthz") == 200,
            timeout=60,
            what=f"tandem serve on {port}",
        )

    def haproxy_config(self) -> str:
        template = (ROOT / "tests" / "topology" / "haproxy.cfg").read_text()
        return template.format(lb_port=self.lb_port, web1=self.web_ports[0], web2=self.web_ports[1])

    def start_balancer(self) -> None:
        config = self.root / "haproxy.cfg"
        config.write_text(self.haproxy_config())
        haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
        self._spawn("haproxy", [haproxy, "-db", "-f", str(config)])
        wait_until(lambda: http_status(f"{self.url}/healthz") == 200, timeout=30, what="haproxy")

    # --- task workers -----------------------------------------------------------------------
    def start_worker(self, index: int) -> None:
        self._spawn(
            f"worker{index + 1}",
            [str(BIN / "tandem"), "task_worker", "--interval", "0.5", "--no-startup-delay",
             "--worker-id", f"topology-worker{index + 1}-{time.monotonic_ns()}", "-v", "0"],
        )  # fmt: skip

    # --- reading the database from outside --------------------------------------------------
    def sql(self, query: str, *params: object) -> list[tuple]:
        import psycopg

        with psycopg.connect(
            host="127.0.0.1", port=self.pg_port, user="postgres", dbname="tandem", autocommit=True
        ) as conn:
            return conn.execute(query, params).fetchall()  # type: ignore[arg-type]
