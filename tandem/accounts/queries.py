"""Reads about people that carry rules."""

from __future__ import annotations

from django.conf import settings
from django.db.models import Prefetch, QuerySet

from tandem.accounts.models import ApiToken, Invitation, RoleAssignment, User


def has_second_factor(user: User) -> bool:
    from allauth.mfa.models import Authenticator

    from tandem.core.memo import remember

    found: bool = remember(
        "totp",
        user.pk,
        lambda: Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists(),
    )
    return found


def second_factor_required(user: User) -> bool:
    """Does this person's role require a second factor in production?"""
    return user.has_role(*settings.MFA_REQUIRED_ROLES)


def must_set_up_second_factor(user: User) -> bool:
    if not second_factor_required(user):
        return False
    if settings.DEMO_MODE and user.is_demo:
        return False
    return not has_second_factor(user)


def people_visible_to(user: User) -> QuerySet[User]:
    if not user.has_perm("accounts.manage_roles"):
        return User.objects.none()
    return User.objects.filter(erased_at__isnull=True).prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.only("user_id", "role"))
    )


def invitations_visible_to(user: User) -> QuerySet[Invitation]:
    if not user.has_perm("accounts.invite_people"):
        return Invitation.objects.none()
    return Invitation.objects.select_related("invited_by", "accepted_user")


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user)
