"""Writes about people: invitations, roles, profile, tokens, personal data."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts import invitation_parts
from tandem.accounts.errors import InvitationInvalid
from tandem.accounts.models import ApiToken, Invitation, Role, RoleAssignment, User, invitation_url
from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.models import ActionLogEntry, Notification
from tandem.core.validators import validate_phone

INVITATION_VALIDITY = timedelta(days=14)

# Other apps add what they hold about a person (personal-data export), by name.
PersonalDataExporter = Callable[[User], Any]
_exporters: dict[str, PersonalDataExporter] = {}


def register_personal_data(section: str, exporter: PersonalDataExporter) -> None:
    _exporters[section] = exporter


def invite_person(
    email: str,
    *,
    by: User,
    roles: Iterable[str],
    first_name: str = "",
    last_name: str = "",
    language: str = "fr",
    message: str = "",
    grants: dict[str, Any] | None = None,
) -> tuple[Invitation, str]:
    """Create an invitation with roles and email its single-use link after commit. `grants`:
    what other apps give on acceptance (tandem.accounts.invitation_parts), e.g. a membership
    of an organization. Logs `accounts.invitation.sent`. Returns the invitation and the raw
    token."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise InvitationInvalid(
            _("A person with this email address already has an account."), code="exists"
        )
    role_codes = sorted({Role(r).value for r in roles})
    token, token_hash = Invitation.new_token()
    with transaction.atomic():
        # One live invitation per address: a new one replaces the previous ones.
        Invitation.objects.pending().filter(email__iexact=email).update(revoked_at=timezone.now())
        invitation = Invitation.objects.create(
            email=email,
            first_name=first_name,
            last_name=last_name,
            roles=role_codes,
            language=language,
            message=message,
            grants=grants or {},
            token_hash=token_hash,
            invited_by=by,
            expires_at=timezone.now() + INVITATION_VALIDITY,
        )
        log_action(
            invitation,
            "accounts.invitation.sent",
            by=by,
            data={"roles": role_codes, "grants": grants or {}},
        )
    # The link's address is the request's, read now (tandem.core.site).
    url = invitation_url(token)
    transaction.on_commit(lambda: _send_invitation_email(invitation, url))
    return invitation, token


def invite_from(data: dict[str, Any], *, by: User) -> tuple[Invitation, str]:
    """`invite_person` with what the invitation page's form, or the API, read: the person,
    the roles, the email's language and message, and the other apps' fields (their grants,
    invitation_parts)."""
    return invite_person(
        data["email"],
        by=by,
        roles=data["roles"],
        first_name=data["first_name"],
        last_name=data["last_name"],
        language=data["language"],
        message=data["message"],
        grants=invitation_parts.grants_from(data),
    )


def _send_invitation_email(invitation: Invitation, url: str) -> None:
    with translation.override(invitation.language):
        body = render_to_string(
            "accounts/email/invitation.txt",
            {
                "invitation": invitation,
                "url": url,
                "inviter": invitation.invited_by,
            },
        )
        send_mail(
            subject=str(_("[Tandem] You are invited to join Tandem")),
            message=body,
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[invitation.email],
        )


def find_invitation(token: str) -> Invitation:
    """The usable invitation for a token, or a translated reason why it cannot be used."""
    invitation = Invitation.objects.filter(token_hash=Invitation.hash_token(token)).first()
    if invitation is None:
        raise InvitationInvalid(_("This invitation link is not valid."), code="unknown")
    status = invitation.status
    if status == "accepted":
        raise InvitationInvalid(_("This invitation has already been used."), code="used")
    if status == "revoked":
        raise InvitationInvalid(_("This invitation was replaced or withdrawn."), code="revoked")
    if status == "expired":
        raise InvitationInvalid(_("This invitation has expired."), code="expired")
    return invitation


def accept_invitation(
    token: str, *, first_name: str, last_name: str, password: str, language: str
) -> User:
    """Create the account with the invited roles; the link cannot be used again.
    Logs `accounts.invitation.accepted`."""
    with transaction.atomic():
        invitation = find_invitation(token)
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.accepted_at is not None:
            raise InvitationInvalid(_("This invitation has already been used."), code="used")
        if User.objects.filter(email__iexact=invitation.email).exists():
            raise InvitationInvalid(
                _("A person with this email address already has an account."), code="exists"
            )
        user = User(
            email=invitation.email, first_name=first_name, last_name=last_name, language=language
        )
        validate_password(password, user)
        user.set_password(password)
        user.save()
        from allauth.account.models import EmailAddress

        # The person proved the address by opening the emailed link.
        EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
        RoleAssignment.objects.bulk_create(
            [
                RoleAssignment(user=user, role=role, granted_by=invitation.invited_by)
                for role in invitation.roles
            ]
        )
        invitation.accepted_at = timezone.now()
        invitation.accepted_user = user
        invitation.save(update_fields=["accepted_at", "accepted_user", "updated"])
        # What other apps give (a membership of an organization), in the same transaction.
        invitation_parts.accept_grants(invitation, user)
        log_action(invitation, "accounts.invitation.accepted", by=user)
    if invitation.invited_by is not None:
        from tandem.core.notifications import notify

        inviter = invitation.invited_by
        transaction.on_commit(
            lambda: notify(
                inviter,
                kind="accounts.invitation.accepted",
                title=gettext_noop("%(name)s accepted your invitation"),
                params={"name": str(user)},
                url="",
            )
        )
    return user


def revoke_invitation(invitation: Invitation, *, by: User) -> Invitation:
    """Withdraw a pending invitation (the page and the API). Logs
    `accounts.invitation.revoked`."""
    with transaction.atomic():
        # Re-read under lock: an acceptance or another withdrawal may have come first.
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != "pending":
            raise InvitationInvalid(
                _("Only a pending invitation can be withdrawn."), code="not_pending"
            )
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at", "updated"])
        log_action(invitation, "accounts.invitation.revoked", by=by)
    return invitation


def set_roles(user: User, *, roles: Iterable[str], by: User) -> User:
    """Replace the roles a person holds. Logs `accounts.roles.changed` with what changed."""
    wanted = {Role(r).value for r in roles}
    with transaction.atomic():
        # The person's row as the lock: two changes of their roles run one after the other.
        User.objects.select_for_update().filter(pk=user.pk).first()
        current = set(user.role_assignments.values_list("role", flat=True))
        user.role_assignments.filter(role__in=current - wanted).delete()
        RoleAssignment.objects.bulk_create(
            [
                RoleAssignment(user=user, role=role, granted_by=by)
                for role in sorted(wanted - current)
            ]
        )
        log_action(
            user,
            "accounts.roles.changed",
            by=by,
            data={"added": sorted(wanted - current), "removed": sorted(current - wanted)},
        )
    # Roles are read from the database with every request (models.access_facts): nothing to
    # forget in any process; only this object's own copy.
    for name in ("role_codes", "facts_role_mask"):
        user.__dict__.pop(name, None)
    return user


PROFILE_FIELDS = (
    "first_name",
    "last_name",
    "language",
    "phone",
    "contact_by_email",
    "contact_by_phone",
    "accessibility_needs",
    "accessibility_notes",
)


def update_profile(user: User, *, by: User, **values: Any) -> User:
    """Save the profile fields given (the page sends them all, the API's PATCH some). Logs
    `accounts.profile.updated` with the names of changed fields. `user` gets the new values
    too (the page sets the language cookie from it). A phone number that is not one is
    refused (the page's form says so first)."""
    if "phone" in values:
        try:
            validate_phone(values["phone"])
        except ValidationError as exc:
            raise DomainError(exc.messages[0], code="invalid", field="phone") from exc
    with transaction.atomic():
        saved = User.objects.select_for_update().get(pk=user.pk)
        changed = [
            name
            for name in PROFILE_FIELDS
            if name in values and getattr(saved, name) != values[name]
        ]
        for name in changed:
            setattr(saved, name, values[name])
            setattr(user, name, values[name])
        if changed:
            saved.save(update_fields=changed)
            log_action(saved, "accounts.profile.updated", by=by, data={"fields": changed})
    return user


def create_api_token(user: User, *, name: str, second_factor: bool = False) -> tuple[ApiToken, str]:
    """A new personal token, valid for `API_TOKEN_DAYS`; the raw key is returned once and never
    stored. `second_factor` records that the person passed it to get this token (a role that
    requires one accepts no other token). Logs `accounts.token.created`."""
    key, key_hash = ApiToken.new_key()
    token = ApiToken.objects.create(
        user=user,
        name=name[:100] or "API",
        prefix=key[:10],
        key_hash=key_hash,
        expires_at=timezone.now() + timedelta(days=settings.API_TOKEN_DAYS),
        second_factor=second_factor,
    )
    log_action(token, "accounts.token.created", by=user, data={"second_factor": second_factor})
    return token, key


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    key: str
    replaced: int  # the person's live tokens of the same purpose, revoked by this one


def issue_api_token(user: User, *, name: str, second_factor: bool = False) -> IssuedToken:
    """One token per purpose: a new token (`create_api_token`) revokes the person's live tokens
    of the same name (the token endpoint and the tokens page call this; calling again replaces
    the token). Logs `accounts.token.replaced` for each one revoked, then what
    `create_api_token` logs."""
    name = name[:100] or "API"
    with transaction.atomic():
        same = list(
            ApiToken.objects.select_for_update()
            .usable()
            .filter(user=user, name=name)
            .order_by("pk")
        )
        for old in same:
            old.revoked_at = timezone.now()
            old.save(update_fields=["revoked_at", "updated"])
            log_action(old, "accounts.token.replaced", by=user)
        token, key = create_api_token(user, name=name, second_factor=second_factor)
    return IssuedToken(token=token, key=key, replaced=len(same))


def revoke_api_token(token: ApiToken, *, by: User) -> ApiToken:
    """Logs `accounts.token.revoked`."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token.pk)
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at", "updated"])
            log_action(token, "accounts.token.revoked", by=by)
    return token


def revoke_api_tokens_of(user: User, *, reason: str) -> int:
    """Revoke every live token of a person (their password changed or was reset: whoever
    knew the old one may hold a token). Logs `accounts.tokens.revoked` with the reason and the
    count. Returns the count."""
    with transaction.atomic():
        live = list(
            ApiToken.objects.select_for_update()
            .filter(user=user, revoked_at__isnull=True)
            .values_list("pk", flat=True)
        )
        if live:
            ApiToken.objects.filter(pk__in=live).update(
                revoked_at=timezone.now(), updated=timezone.now()
            )
            log_action(
                user,
                "accounts.tokens.revoked",
                by=user,
                data={"reason": reason, "count": len(live)},
            )
    return len(live)


def export_personal_data(user: User) -> dict[str, Any]:
    """Everything the platform holds about a person, as JSON-ready data."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    data: dict[str, Any] = {
        "format": "tandem.personal-data/1",
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "phone": user.phone,
            "contact_by_email": user.contact_by_email,
            "contact_by_phone": user.contact_by_phone,
            "accessibility_needs": list(user.accessibility_needs),
            "accessibility_notes": user.accessibility_notes,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "roles": sorted(user.role_codes),
        "email_addresses": [
            {"email": e.email, "verified": e.verified, "primary": e.primary}
            for e in EmailAddress.objects.filter(user=user)
        ],
        "two_factor_methods": [a.type for a in Authenticator.objects.filter(user=user)],
        "api_tokens": [
            {
                "name": t.name,
                "starts_with": t.prefix,
                "created": t.created.isoformat(),
                "expires": t.expires_at.isoformat() if t.expires_at else None,
                "last_used": t.last_used_at.isoformat() if t.last_used_at else None,
                "second_factor": t.second_factor,
                "revoked": bool(t.revoked_at),
            }
            for t in user.api_tokens.all()
        ],
        "notifications": [
            {
                "title": n.shown_title,
                "body": n.shown_body,
                "created": n.created.isoformat(),
                "read": n.is_read,
            }
            for n in Notification.objects.filter(recipient=user)
        ],
        "actions": [
            {
                "time": a.time.isoformat(),
                "action": a.action,
                "object": a.object_repr,
                "data": a.data,
            }
            for a in ActionLogEntry.objects.filter(actor=user)
        ],
        "invitations_sent": [
            {
                "email": i.email,
                "roles": i.roles,
                "created": i.created.isoformat(),
                "status": i.status,
            }
            for i in user.invitations_sent.all()
        ],
    }
    for section, exporter in sorted(_exporters.items()):
        data[section] = exporter(user)
    return data


# Apps remove or anonymise what they hold about a person, by name.
_erasers: dict[str, Callable[[User], None]] = {}


def register_erasure(section: str, eraser: Callable[[User], None]) -> None:
    _erasers[section] = eraser


def erase_account(user: User, *, by: User) -> User:
    """Remove or anonymise a person's data. Action-log entries stay, with the actor anonymised.
    Logs `accounts.account.erased`."""
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from django.db.models import Q

    from tandem.core import erasure

    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        label = erasure.erased_label(user.pk)
        erased_email = f"erased-{user.pk}@invalid.example"
        addresses = {
            user.email,
            *EmailAddress.objects.filter(user=user).values_list("email", flat=True),
        }
        for eraser in _erasers.values():
            eraser(user)
        ActionLogEntry.objects.filter(actor=user).update(actor_label=label)
        ActionLogEntry.objects.filter(content_type__model="user", object_id=str(user.pk)).update(
            object_repr=label
        )
        erasure.forget_objects(ApiToken, user.api_tokens.values_list("pk", flat=True), label=label)
        Notification.objects.filter(recipient=user).delete()
        ApiToken.objects.filter(user=user).delete()
        # The invitation that brought the person in (and any other sent to their address).
        invited = Q(accepted_user=user)
        for address in addresses:
            invited |= Q(email__iexact=address)
        Invitation.objects.filter(invited).update(
            email=erased_email, first_name="", last_name="", message=""
        )
        # Whatever else was written with their name or address: log descriptions, others'
        # notifications ("… accepted your invitation").
        erasure.redact([*addresses, user.get_full_name()], label=label)
        EmailAddress.objects.filter(user=user).delete()
        Authenticator.objects.filter(user=user).delete()
        user.role_assignments.all().delete()
        user.email = erased_email
        user.first_name = ""
        user.last_name = ""
        user.phone = ""
        user.accessibility_needs = []
        user.accessibility_notes = ""
        user.contact_by_email = False
        user.contact_by_phone = False
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.erased_at = timezone.now()
        user.set_unusable_password()
        user.save()
        log_action(user, "accounts.account.erased", by=None if by.pk == user.pk else by)
    return user
