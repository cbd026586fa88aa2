"""People, the roles they hold, invitations and API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from functools import cached_property, lru_cache
from typing import Any, ClassVar

from django.conf import settings
from django.contrib.auth import load_backend
from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Case, Exists, OuterRef, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tandem.core.links import reverse
from tandem.core.models import TimeStampedModel
from tandem.core.prepared import PreparedQuery
from tandem.core.site import absolute
from tandem.core.validators import validate_single_line


class Role(models.TextChoices):
    MEMBER = "member", _("Organization member")
    RESEARCHER = "researcher", _("Researcher")
    REVIEWER = "reviewer", _("Reviewer")
    COORDINATOR = "coordinator", _("Review coordinator")
    GRAM = "gram", _("GRAM member")
    OFFICER = "officer", _("Science and Society officer")
    DIRECTOR = "director", _("Director")
    ADMIN = "admin", _("Administrator")


class AccessibilityNeed(models.TextChoices):
    WHEELCHAIR = "wheelchair", _("Wheelchair access")
    SIGN_LANGUAGE = "sign_language", _("Sign-language interpreter")
    HEARING_LOOP = "hearing_loop", _("Hearing loop")
    LARGE_PRINT = "large_print", _("Large print")
    EASY_READ = "easy_read", _("Easy-to-read documents")


class Language(models.TextChoices):
    FR = "fr", _("French")
    EN = "en", _("English")


# One bit per role: a person's roles are loaded with the person in one query (`access_facts`).
ROLE_BITS = {code: 1 << index for index, code in enumerate(Role.values)}


def access_facts(user_field: str = "pk") -> dict[str, Any]:
    """Annotations that load who a person is allowed to be with the row that points to them:
    their roles (as a bit mask) and whether they have an authenticator app (TOTP).

    Read from the database with every request, never cached: a revoked role or a removed
    second factor counts at once in every process (issue 11, finding 2)."""
    from allauth.mfa.models import Authenticator

    bits = Case(
        *[When(role=code, then=Value(bit)) for code, bit in ROLE_BITS.items()],
        default=Value(0),
    )
    mask = (
        RoleAssignment.objects.filter(user=OuterRef(user_field))
        .order_by()
        .values("user")
        .annotate(mask=Sum(bits))
        .values("mask")[:1]
    )
    totp = Authenticator.objects.filter(user=OuterRef(user_field), type=Authenticator.Type.TOTP)
    return {
        "facts_role_mask": Coalesce(Subquery(mask), Value(0)),
        "facts_has_totp": Exists(totp),
    }


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def with_access_facts(self) -> models.QuerySet[User]:
        return self.get_queryset().annotate(**access_facts())

    def get_with_access_facts(self, pk: Any) -> User:
        """`with_access_facts().get(pk=pk)` for every request of a signed-in person, without
        building and compiling the query again each time (2.7 ms of a 3 ms request, see
        docs/benchmarks.md): the ORM writes its SQL once per process and database, and only the
        person's id changes. The values are read from the database each time, as before."""
        found = _WITH_ACCESS_FACTS.objects(using=self.db, pk=pk)
        if not found:
            raise self.model.DoesNotExist
        person = found[0]
        # SQLite answers 0 or 1 where PostgreSQL answers a boolean.
        person.__dict__["facts_has_totp"] = bool(person.__dict__["facts_has_totp"])
        return person

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        if not email:
            raise ValueError("An email address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        user = self.create_user(email, password, **extra)
        RoleAssignment.objects.get_or_create(user=user, role=Role.ADMIN)
        return user


# `with_access_facts().get(pk=…)`, its SQL written once per process and database: its shape
# depends on the code alone (the roles are a constant of the code, `ROLE_BITS`), never on data.
_WITH_ACCESS_FACTS = PreparedQuery(
    lambda pk: User.objects.with_access_facts().filter(pk=pk).order_by(),
    pk=models.IntegerField(),
)


@lru_cache(maxsize=4)
def _permission_backends(paths: tuple[str, ...]) -> tuple[Any, ...]:
    """The authentication backends, built once per list of paths. Django's `get_backends()`
    imports and builds each of them again on every permission check (a page's menu makes about
    fifteen); they are code named in the settings, which do not change while a process runs
    (a test's `override_settings` gives another list, so another entry)."""
    return tuple(load_backend(path) for path in paths)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField(_("email address"), unique=True)
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[validate_single_line]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[validate_single_line]
    )
    language = models.CharField(
        _("preferred language"), max_length=5, choices=Language.choices, default=Language.FR
    )
    phone = models.CharField(
        _("phone number"), max_length=40, blank=True, validators=[validate_single_line]
    )
    contact_by_email = models.BooleanField(_("I accept to receive emails"), default=True)
    contact_by_phone = models.BooleanField(_("I accept to be called"), default=False)
    accessibility_needs = models.JSONField(_("accessibility needs"), default=list, blank=True)
    accessibility_notes = models.TextField(_("other needs, in your own words"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)  # type: ignore[misc]
    is_staff = models.BooleanField(_("can use the technical admin"), default=False)
    is_demo = models.BooleanField(_("demo account"), default=False)
    erased_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    date_joined = models.DateTimeField(_("date joined"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email

    @cached_property
    def role_codes(self) -> frozenset[str]:
        """Codes of the roles this person holds, read from the database once per request: with
        the person when loaded `with_access_facts()` (sessions, tokens), else by one query."""
        if not self.pk:
            return frozenset()
        mask = self.__dict__.get("facts_role_mask")
        if mask is None:
            return frozenset(self.role_assignments.values_list("role", flat=True))
        return frozenset(code for code, bit in ROLE_BITS.items() if mask & bit)

    def has_perm(self, perm: str, obj: Any = None) -> bool:
        """Django's answer (`PermissionsMixin.has_perm`), from backends built once."""
        if self.is_active and self.is_superuser:
            return True
        for backend in _permission_backends(tuple(settings.AUTHENTICATION_BACKENDS)):
            if not hasattr(backend, "has_perm"):
                continue
            try:
                if backend.has_perm(self, perm, obj):
                    return True
            except PermissionDenied:
                return False
        return False

    def has_role(self, *roles: str) -> bool:
        return bool(self.role_codes.intersection(roles))

    @property
    def role_labels(self) -> list[str]:
        return [str(label) for code, label in Role.choices if code in self.role_codes]


class RoleAssignment(TimeStampedModel):
    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    granted_by = models.ForeignKey(
        User,
        verbose_name=_("granted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self, now: dt.datetime | None = None) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=now or timezone.now()
        )


class Invitation(TimeStampedModel):
    """An officer invites a person with roles; the emailed link expires and works once."""

    email = models.EmailField(_("email address"))
    first_name = models.CharField(
        _("first name"), max_length=150, blank=True, validators=[validate_single_line]
    )
    last_name = models.CharField(
        _("last name"), max_length=150, blank=True, validators=[validate_single_line]
    )
    roles = models.JSONField(_("roles"), default=list)
    language = models.CharField(
        _("language of the email"), max_length=5, choices=Language.choices, default=Language.FR
    )
    message = models.TextField(_("personal message"), blank=True)
    # What other apps give on acceptance, by app (tandem.accounts.invitation_parts): e.g.
    # {"directory": {"organization": 12, "role": "admin"}}. Accounts stores it, never reads it.
    grants = models.JSONField(_("also given"), default=dict, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("invited by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    expires_at = models.DateTimeField(_("expires at"))
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        User,
        verbose_name=_("account created"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created"]

    def __str__(self) -> str:
        return self.email

    @staticmethod
    def new_token() -> tuple[str, str]:
        token = secrets.token_urlsafe(32)
        return token, _hash(token)

    @staticmethod
    def hash_token(token: str) -> str:
        return _hash(token)

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "pending"

    @property
    def role_labels(self) -> list[str]:
        return [str(label) for code, label in Role.choices if code in self.roles]

    @property
    def days_left(self) -> int:
        return max(0, (self.expires_at - timezone.now()).days)


class ApiTokenQuerySet(models.QuerySet["ApiToken"]):
    def usable(self) -> ApiTokenQuerySet:
        """Neither revoked nor expired."""
        return self.filter(revoked_at__isnull=True, expires_at__gt=timezone.now())


class ApiToken(TimeStampedModel):
    """A personal API token. Only its hash is stored; the person sees it once. It expires, and
    remembers whether it was issued after a second factor (a role that requires one accepts
    only such tokens)."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("purpose"), max_length=100, validators=[validate_single_line])
    prefix = models.CharField(_("starts with"), max_length=12)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    # Empty only for tokens older than expiry: the migration gives them one. No date, no access.
    expires_at = models.DateTimeField(_("expires at"), null=True)
    second_factor = models.BooleanField(_("issued after a second factor"), default=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_key() -> tuple[str, str]:
        key = "tdm_" + secrets.token_urlsafe(32)
        return key, _hash(key)

    @staticmethod
    def hash_key(key: str) -> str:
        return _hash(key)

    @property
    def is_expired(self) -> bool:
        return self.expires_at is None or self.expires_at <= timezone.now()

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and not self.is_expired


def invitation_url(token: str) -> str:
    return absolute(reverse("accounts:accept_invitation", args=[token]))
