from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
PROD_ENV = {
    "TANDEM_ENV": "production",
    "SECRET_KEY": "x" * 64 + "-a-long-random-production-secret-key",
    "ALLOWED_HOSTS": "tandem.example.org",
    "DEBUG": "0",
    "TANDEM_DEMO": "0",
    "SQLITE_PATH": "/tmp/tandem-prod-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    # A clean environment: the browser tests' async-safety switch must not leak into a deploy check.
    skip = {"DATABASE_URL", "DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in skip}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "-m", "tandem.cli", *args],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_mode_passes_check_deploy():
    result = _run("check", "--deploy", "--fail-level", "WARNING", env=PROD_ENV)
    assert result.returncode == 0, result.stdout + result.stderr


def test_without_redis_the_default_cache_is_shared_and_passes_the_deploy_check():
    env = {k: v for k, v in PROD_ENV.items() if k != "REDIS_URL"}
    result = _run("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    shown = _run("shell", "-c", "from django.conf import settings; print(settings.CACHES)", env=env)
    assert "DatabaseCache" in shown.stdout


def test_the_deploy_check_refuses_a_cache_in_each_process(settings):
    from tandem.core.checks import shared_cache

    settings.PRODUCTION = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    assert [m.id for m in shared_cache(None)] == ["tandem.W001"]
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache"}}
    assert shared_cache(None) == []


@pytest.mark.parametrize(
    ("override", "problem"),
    [
        ({"DEBUG": "1"}, "DEBUG"),
        ({"SECRET_KEY": ""}, "SECRET_KEY"),
        ({"ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS"),
        ({"SECURE_COOKIES": "0"}, "cookies"),
    ],
)
def test_production_mode_refuses_unsafe_settings(override, problem):
    env = {**PROD_ENV, **override}
    if override.get("SECRET_KEY") == "":
        env.pop("SECRET_KEY")
    result = _run("check", env=env)
    assert result.returncode != 0
    assert problem in result.stderr


def test_a_bad_boolean_fails_loudly():
    result = _run("check", env={"DEBUG": "maybe"})
    assert result.returncode != 0
    assert "DEBUG must be a boolean" in result.stderr
