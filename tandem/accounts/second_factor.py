"""The second-factor rule, applied at every door: pages, the technical admin, the API by session
and by token, and the token endpoint.

A person whose role requires a second factor (`queries.second_factor_required`), unless their
demo account is waived, may go on only when:
- they have an authenticator app (else: "set it up", every request, whatever the session knew);
- a session has passed it: signed in with a code, confirmed one since, or activated the app in
  this session (else: "confirm it");
- a token was issued after it: with a code on `POST /api/v1/auth/token`, or from a session that
  had passed it (else: "request a new token"). Tokens issued before a role required a second
  factor stop working for good; the person requests a new one with their code.

Nothing is remembered between requests: roles and the app are read with the person
(`models.access_facts`), so a role granted later counts at the next request.
"""

from __future__ import annotations

import enum

from allauth.account.authentication import get_authentication_records
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from tandem.accounts.models import ApiToken, User
from tandem.accounts.queries import has_second_factor, second_factor_required, second_factor_waived

# Set when the person activates an authenticator app in this session (the activation checked a
# code); the person's id, so that it never vouches for another account.
ACTIVATED_SESSION_KEY = "tandem.second_factor_activated"


class Refusal(enum.Enum):
    SET_UP = "set_up"
    CONFIRM = "confirm"
    NEW_TOKEN = "new_token"  # noqa: S105  (a reason, not a secret)


MESSAGES = {
    Refusal.SET_UP: _(
        "Your role requires two-factor authentication. Set it up on the site "
        "(My profile, Two-factor authentication), then try again."
    ),
    Refusal.CONFIRM: _(
        "Your role requires two-factor authentication: confirm it on the site with a code "
        "from your authenticator app, then try again."
    ),
    Refusal.NEW_TOKEN: _(
        "This token was issued without a second factor, which your role now requires. "
        "Request a new token with a code from your authenticator app."
    ),
}


def applies_to(user: User) -> bool:
    return second_factor_required(user) and not second_factor_waived(user)


def session_has_passed(request: HttpRequest, user: User) -> bool:
    if request.session.get(ACTIVATED_SESSION_KEY) == user.pk:
        return True
    return any(r.get("method") == "mfa" for r in get_authentication_records(request, user))


def mark_session_passed(request: HttpRequest, user: User) -> None:
    request.session[ACTIVATED_SESSION_KEY] = user.pk


def session_refusal(request: HttpRequest, user: User) -> Refusal | None:
    """Why this signed-in session may not go on, or None (pages, admin, session API)."""
    if not applies_to(user):
        return None
    if not has_second_factor(user):
        return Refusal.SET_UP
    if not session_has_passed(request, user):
        return Refusal.CONFIRM
    return None


def token_refusal(token: ApiToken) -> Refusal | None:
    """Why this token may not be used by its person now, or None (Bearer API requests)."""
    user = token.user
    if not applies_to(user):
        return None
    if not has_second_factor(user):
        return Refusal.SET_UP
    if not token.second_factor:
        return Refusal.NEW_TOKEN
    return None


class CodeCheck(enum.Enum):
    ACCEPTED = "accepted"
    INCORRECT = "incorrect"
    LOCKED = "locked"


def check_code(request: HttpRequest, user: User, code: str) -> CodeCheck:
    """Check a TOTP or an unused recovery code with allauth's own form: its per-account lock
    (`login_failed`, shared with the web sign-in's code step), its replay guard for TOTP codes,
    and a recovery code used once. Records the authenticator's use; writes nothing in the
    session (an API client has none)."""
    from allauth.core import context
    from allauth.mfa.base.forms import AuthenticateForm

    with context.request_context(request):
        form = AuthenticateForm(data={"code": code}, user=user)
        if form.is_valid():
            form.authenticator.record_usage()
            return CodeCheck.ACCEPTED
    codes = {error.code for error in form.errors.as_data().get("code", [])}
    return CodeCheck.LOCKED if "too_many_login_attempts" in codes else CodeCheck.INCORRECT
