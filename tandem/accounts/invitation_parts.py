"""What other apps add to an invitation, without accounts knowing them (the layers: accounts is
below the directory). An app registers a part under its name: the fields it adds to the
officer's invitation form, the grant it stores on the invitation from them, what it does when
the invitation is accepted (in the same transaction), and the words that describe the grant in
the list of invitations. The directory's part makes the invited person a member of an
organization, with a role in it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from django import forms

    from tandem.accounts.models import Invitation, User


@dataclass(frozen=True)
class InvitationPart:
    add_fields: Callable[[forms.Form], None]
    # The form's cleaned data → the JSON-ready grant, or None when the form asks for nothing.
    grant: Callable[[dict[str, Any]], Any]
    accept: Callable[[Invitation, User, Any], None]
    # Invitations → {invitation pk: sentences}, in a constant number of queries.
    describe: Callable[[list[Invitation]], dict[int, list[str]]]


_parts: dict[str, InvitationPart] = {}


def register_invitation_part(name: str, part: InvitationPart) -> None:
    _parts[name] = part


def add_fields(form: forms.Form) -> None:
    for part in _parts.values():
        part.add_fields(form)


def grants_from(cleaned_data: dict[str, Any]) -> dict[str, Any]:
    grants = {}
    for name, part in sorted(_parts.items()):
        grant = part.grant(cleaned_data)
        if grant is not None:
            grants[name] = grant
    return grants


def accept_grants(invitation: Invitation, user: User) -> None:
    for name, grant in sorted(invitation.grants.items()):
        part = _parts.get(name)
        if part is not None:
            part.accept(invitation, user, grant)


def descriptions(invitations: list[Invitation]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for _name, part in sorted(_parts.items()):
        for pk, sentences in part.describe(invitations).items():
            found.setdefault(pk, []).extend(sentences)
    return found
