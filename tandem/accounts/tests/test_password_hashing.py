"""The tests hash passwords with MD5 for speed (conftest.py); the product must not."""

from __future__ import annotations

import importlib

from django.conf import global_settings
from django.contrib.auth.hashers import identify_hasher, make_password


def test_passwords_are_hashed_slowly_outside_the_tests(settings):
    configured = importlib.import_module("config.settings")
    settings.PASSWORD_HASHERS = getattr(
        configured, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS
    )
    hasher = identify_hasher(make_password("correct-horse-battery"))
    assert hasher.algorithm in {"pbkdf2_sha256", "argon2", "scrypt"}
    assert getattr(hasher, "iterations", 1_000_000) >= 600_000


def test_the_suite_itself_uses_the_fast_hasher():
    assert identify_hasher(make_password("x")).algorithm == "md5"
