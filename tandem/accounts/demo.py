"""Demo accounts (demo mode only). Idempotent: running it twice changes nothing."""

from __future__ import annotations

from django.conf import settings
from django.db import DatabaseError

from tandem.accounts.models import Role, RoleAssignment, User

DEMO_PASSWORD = "tandem-demo"  # noqa: S105 - published demo password, refused in production

DEMO_PEOPLE: list[tuple[str, str, str, list[str], str]] = [
    ("admin@example.org", "Alice", "Martin", [Role.ADMIN], "fr"),
    ("officer@example.org", "Olivier", "Bernard", [Role.OFFICER], "fr"),
    ("coordinator@example.org", "Claire", "Dubois", [Role.COORDINATOR], "fr"),
    ("researcher@example.org", "Romain", "Lefèvre", [Role.RESEARCHER], "fr"),
    ("member@example.org", "Monique", "Girard", [Role.MEMBER], "fr"),
    ("gram@example.org", "Gérard", "Moreau", [Role.GRAM, Role.MEMBER], "fr"),
    ("director@example.org", "Diane", "Laurent", [Role.DIRECTOR], "en"),
    ("reviewer1@example.org", "Rachida", "Benali", [Role.REVIEWER, Role.MEMBER], "fr"),
    ("reviewer2@example.org", "Paul", "Roux", [Role.REVIEWER, Role.MEMBER], "fr"),
    ("reviewer3@example.org", "Sophie", "Fontaine", [Role.REVIEWER, Role.MEMBER], "fr"),
    ("reviewer4@example.org", "Jean", "Mercier", [Role.REVIEWER, Role.MEMBER], "fr"),
    ("reviewer5@example.org", "Emma", "Walker", [Role.REVIEWER, Role.MEMBER], "en"),
    ("reviewer6@example.org", "Lucie", "Petit", [Role.REVIEWER, Role.MEMBER], "fr"),
]


def load() -> None:
    from allauth.account.models import EmailAddress

    for email, first, last, roles, language in DEMO_PEOPLE:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(
                email=email, first_name=first, last_name=last, language=language, is_demo=True
            )
            user.set_password(DEMO_PASSWORD)
            user.is_staff = Role.ADMIN in roles
            user.is_superuser = Role.ADMIN in roles
            user.save()
        EmailAddress.objects.get_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        for role in roles:
            RoleAssignment.objects.get_or_create(user=user, role=role)


def _roles_held() -> dict[str, set[str]]:
    """Each demo account's roles as loaded: other demos add some (the GRAM's seats give the
    "GRAM member" role). Empty before the database exists."""
    held: dict[str, set[str]] = {}
    try:
        rows = RoleAssignment.objects.filter(
            user__email__in=[email for email, *_rest in DEMO_PEOPLE]
        ).values_list("user__email", "role")
        for email, role in rows:
            held.setdefault(email, set()).add(role)
    except DatabaseError:  # not migrated yet: the accounts as the list describes them
        return {}
    return held


def accounts_text() -> str:
    if not settings.DEMO_MODE:
        return "Demo mode is off: no demo accounts."
    lines = [f"Demo accounts (password: {DEMO_PASSWORD}):"]
    held = _roles_held()
    for email, first, last, roles, _language in DEMO_PEOPLE:
        codes = held.get(email, set(roles))
        labels = ", ".join(str(label) for code, label in Role.choices if code in codes)
        lines.append(f"  {email:<26} {first} {last} — {labels}")
    return "\n".join(lines)
