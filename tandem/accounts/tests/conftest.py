"""Helpers of the sign-in tests: a real authenticator app, fast password hashing, and a count of
password checks (what a brute force costs the attacker)."""

from __future__ import annotations

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from tandem.accounts.models import User


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Thirty wrong passwords must not take thirty slow hashes on a shared machine.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


class App:
    """A person's authenticator app: the secret allauth stores, and its current codes."""

    def __init__(self, user: User) -> None:
        self.secret = generate_totp_secret()
        self.authenticator = TOTP.activate(user, self.secret).instance
        self.recovery = RecoveryCodes.activate(user)

    def codes(self) -> list[str]:
        """Every code accepted now (allauth's tolerance window), current step in the middle."""
        return [
            format_hotp_value(hotp_value(self.secret, c)) for c in yield_hotp_counters_from_time()
        ]

    def code(self) -> str:
        codes = self.codes()
        return codes[len(codes) // 2]

    def recovery_code(self) -> str:
        return self.recovery.get_unused_codes()[0]


@pytest.fixture
def authenticator_app():
    return App


@pytest.fixture
def password_checks(monkeypatch):
    """The ids of the people whose password was checked, one entry per check."""
    checked: list[int] = []
    original = User.check_password

    def counting(self, raw_password):
        checked.append(self.pk)
        return original(self, raw_password)

    monkeypatch.setattr(User, "check_password", counting)
    return checked
