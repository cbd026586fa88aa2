"""Reads about people that carry rules."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, Q, QuerySet

from tandem.accounts.models import ApiToken, Invitation, RoleAssignment, User


def has_second_factor(user: User) -> bool:
    """Has this person an authenticator app (TOTP)? Loaded with the person on each request
    (`access_facts`), else one query; never cached across requests."""
    known = getattr(user, "facts_has_totp", None)  # through a lazy request.user too
    if known is not None:
        return bool(known)
    from allauth.mfa.models import Authenticator

    found: bool = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    return found


def second_factor_required(user: User) -> bool:
    """Does this person's role, or their access to the technical admin, require a second
    factor (waiver aside)?"""
    return bool(user.is_staff or user.is_superuser) or user.has_role(*settings.MFA_REQUIRED_ROLES)


def second_factor_waived(user: User) -> bool:
    """Demo accounts in demo mode skip the second factor so that visitors can try every role;
    pages, the profile and the API say so."""
    return bool(settings.DEMO_MODE and user.is_demo) and second_factor_required(user)


def people_visible_to(user: User) -> QuerySet[User]:
    if not user.has_perm("accounts.manage_roles"):
        return User.objects.none()
    return User.objects.filter(erased_at__isnull=True).prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.only("user_id", "role"))
    )


def find_people(user: User, *, text: str = "", role: str = "") -> QuerySet[User]:
    """The people page's list and the API's: those `user` may see, holding `role` (a code of
    Role, or "" for any) and matching `text` (`search_people`)."""
    people = people_visible_to(user)
    if role:
        people = people.filter(role_assignments__role=role)
    if text:
        people = search_people(people, text)
    return people


def search_people(people: QuerySet[User], text: str) -> QuerySet[User]:
    """The people whose name or email address holds every word of `text` (case ignored)."""
    for word in text.split()[:10]:
        people = people.filter(
            Q(first_name__icontains=word) | Q(last_name__icontains=word) | Q(email__icontains=word)
        )
    return people


def invitations_visible_to(user: User) -> QuerySet[Invitation]:
    if not user.has_perm("accounts.invite_people"):
        return Invitation.objects.none()
    return Invitation.objects.select_related("invited_by", "accepted_user")


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("name", "-created")
