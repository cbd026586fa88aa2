from __future__ import annotations

from typing import Any

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend


class AuthenticationBackend(AllauthBackend):
    """Email login (allauth) without Django's per-model permission tables.

    Tandem's permissions are named predicates (`rules`), derived from roles; Django's model
    permissions are only used by the technical admin, which superusers alone open. Skipping the
    two permission queries per request keeps pages fast."""

    def get_user(self, user_id: Any) -> Any:
        """The signed-in person with their roles and second factor, in one query on every
        request: nothing is cached, so a revoked role stops working at once in every process."""
        from tandem.accounts.models import User

        try:
            user = User.objects.get_with_access_facts(user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None

    def get_user_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def get_group_permissions(self, user_obj: Any, obj: Any = None) -> set[str]:
        return set()

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        return bool(user_obj.is_active and user_obj.is_superuser)

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return bool(user_obj.is_active and user_obj.is_superuser)
