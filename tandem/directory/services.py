"""Writes of the directory. Every change that matters is logged in the action log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

import django.dispatch
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import Invitation, Role, User
from tandem.accounts.services import invite_person
from tandem.core.audit import log_action, log_actions
from tandem.core.errors import DomainError
from tandem.core.notifications import notify
from tandem.core.transitions import Workflow
from tandem.directory import invitations
from tandem.directory.errors import DuplicateOrganization
from tandem.directory.models import (
    ORGANIZATION_TRANSITIONS,
    DiseaseArea,
    MembershipRole,
    Organization,
    OrganizationMembership,
    OrganizationStatus,
    Partnership,
    ResearcherProfile,
    ResearchUnit,
)
from tandem.directory.rules import forget_memberships
from tandem.directory.search import compact_search_indexes
from tandem.directory.text import fold

# Other apps move their own links to an organization when two are merged.
organization_merged = django.dispatch.Signal()  # sender=Organization, duplicate=, into=, by=

# What an organization says about itself (its profile), then its partnership with the
# institute; the form, the API serializer and the services all use these lists.
PROFILE_FIELDS = (
    "kind",
    "name",
    "acronym",
    "description",
    "website",
    "email",
    "email_visibility",
    "phone",
    "phone_visibility",
    "address",
    "address_visibility",
    "city",
    "region",
    "rna",
    "siren",
    "siret",
    "approval",
    "approval_end",
    "size_band",
    "founding_year",
)
PARTNERSHIP_FIELDS = (
    "partnership_status",
    "partnership_since",
    "agreement_start",
    "agreement_end",
    "agreement_document",
)
ORGANIZATION_FIELDS = (*PROFILE_FIELDS, *PARTNERSHIP_FIELDS, "is_public")
IDENTIFIERS = {"rna": _("RNA number"), "siren": _("SIREN number"), "siret": _("SIRET number")}
APPROVAL_REMINDER_DAYS = 90


def officers() -> list[User]:
    return list(
        User.objects.filter(
            role_assignments__role=Role.OFFICER, is_active=True, erased_at__isnull=True
        ).distinct()
    )


def find_duplicate(
    *, rna: str = "", siren: str = "", siret: str = "", exclude: Organization | None = None
) -> tuple[str, Organization] | None:
    """The first organization that already holds one of these identifiers, with the field."""
    for field, value in (("rna", rna), ("siren", siren), ("siret", siret)):
        if not value:
            continue
        qs = Organization.objects.filter(**{field: value})
        if exclude is not None and exclude.pk:
            qs = qs.exclude(pk=exclude.pk)
        existing = qs.first()
        if existing is not None:
            return field, existing
    return None


def _check_duplicates(organization: Organization) -> None:
    found = find_duplicate(
        rna=organization.rna,
        siren=organization.siren,
        siret=organization.siret,
        exclude=organization,
    )
    if found is not None:
        field, existing = found
        raise DuplicateOrganization(
            _("This %(identifier)s already belongs to “%(name)s”.")
            % {"identifier": IDENTIFIERS[field], "name": existing.name},
            field=field,
            existing=existing,
        )


# The columns an organization's search reads, rebuilt from its fields and areas. PostgreSQL
# derives its tsvector columns from them (generated columns) and SQLite's FTS5 index follows
# them by trigger: writing these is enough, one row or many (bulk_update).
SEARCH_COLUMNS = ("search_text", "facets", "name_folded", "area_ids")
RESEARCHER_SEARCH_COLUMNS = ("search_text",)

# Rows rewritten per UPDATE when many are rebuilt at once (an area moved, a reindex after an
# upgrade): one statement per batch, not per row, and few enough parameters for SQLite.
REINDEX_BATCH = 500


def build_search_columns(organization: Organization) -> None:
    """Set the search columns of `organization` (not saved) from its fields and disease
    areas (prefetch them for many)."""
    areas = list(organization.disease_areas.all())
    organization.search_text = organization.build_search_text(areas)
    organization.facets = organization.build_facets(areas)
    organization.name_folded = fold(f"{organization.name} {organization.acronym}").strip()
    organization.area_ids = ",".join(str(area.pk) for area in areas)


def refresh_search_text(organization: Organization) -> None:
    """Rebuild the folded search columns and the list of area ids from the fields and the
    disease areas: called by every change of an organization's areas."""
    build_search_columns(organization)
    Organization.objects.filter(pk=organization.pk).update(
        **{column: getattr(organization, column) for column in SEARCH_COLUMNS}
    )


def reindex_organizations() -> int:
    """Rebuild every organization's search columns from its fields and areas (idempotent):
    after an upgrade that changes how they are written, for the organizations the previous
    version saved in the meantime. Returns how many were rebuilt."""
    count = 0
    organizations = Organization.objects.prefetch_related("disease_areas").order_by("pk")
    with transaction.atomic():  # all or nothing, and one commit (SQLite syncs each one)
        batch: list[Organization] = []
        for organization in organizations.iterator(chunk_size=REINDEX_BATCH):
            build_search_columns(organization)
            batch.append(organization)
            if len(batch) == REINDEX_BATCH:
                Organization.objects.bulk_update(batch, SEARCH_COLUMNS)
                count, batch = count + len(batch), []
        if batch:
            Organization.objects.bulk_update(batch, SEARCH_COLUMNS)
            count += len(batch)
    compact_search_indexes()
    return count


def register_organization(
    *, by: User, fields: dict[str, Any], disease_areas: Iterable[DiseaseArea] = ()
) -> Organization:
    """A person registers an organization: it waits for validation, the person becomes its
    admin. Logs `directory.organization.registered`; notifies the officers after commit."""
    organization = Organization(
        **{k: v for k, v in fields.items() if k in ORGANIZATION_FIELDS},
        status=OrganizationStatus.PENDING,
    )
    _check_duplicates(organization)
    with transaction.atomic():
        organization.save()
        organization.disease_areas.set(list(disease_areas))
        refresh_search_text(organization)
        OrganizationMembership.objects.create(
            user=by, organization=organization, role=MembershipRole.ADMIN
        )
        forget_memberships(by)
        log_action(organization, "directory.organization.registered", by=by)
        url = reverse("directory:queue")
        for officer in officers():
            notify(
                officer,
                kind="directory.organization.registered",
                title=gettext_noop("New organization to validate: %(name)s"),
                params={"name": organization.name},
                url=url,
            )
    return organization


def update_organization(
    organization: Organization,
    *,
    by: User,
    fields: dict[str, Any],
    disease_areas: Iterable[DiseaseArea] | None = None,
) -> Organization:
    """Save changed profile fields (and disease areas). Logs `directory.organization.updated`
    with the names of the changed fields."""
    changed = []
    for name, value in fields.items():
        if name in ORGANIZATION_FIELDS and getattr(organization, name) != value:
            setattr(organization, name, value)
            changed.append(name)
    if "approval_end" in changed:
        organization.approval_reminded_at = None  # a renewed approval gets its own reminder
    _check_duplicates(organization)
    with transaction.atomic():
        organization.save()
        if disease_areas is not None:
            new = {a.pk for a in disease_areas}
            if new != set(organization.disease_areas.values_list("pk", flat=True)):
                organization.disease_areas.set(list(new))
                changed.append("disease_areas")
        refresh_search_text(organization)
        if changed:
            log_action(
                organization, "directory.organization.updated", by=by, data={"fields": changed}
            )
    return organization


_TRANSITION_ACTIONS = {
    OrganizationStatus.ACTIVE: "directory.organization.validated",
    OrganizationStatus.ARCHIVED: "directory.organization.archived",
}


ORGANIZATION_WORKFLOW = Workflow(
    states=OrganizationStatus,
    table=ORGANIZATION_TRANSITIONS,
    message=_("An organization cannot go from “%(from)s” to “%(to)s”."),
    code="transition",
)


def check_organization_transition(current: str, to: str) -> None:
    """Raise TransitionNotAllowed unless ORGANIZATION_TRANSITIONS allows `current` → `to`.
    The page (through `transition_organization`) and the import's dry run both ask here."""
    ORGANIZATION_WORKFLOW.check(current, to)


def transition_organization(
    organization: Organization, *, to: str, by: User | None, note: str = ""
) -> Organization:
    """Move an organization along pending → active → archived (and back from archived).
    Raises TransitionNotAllowed otherwise. Logs `directory.organization.validated`,
    `.archived` or `.reactivated`; tells the organization's admins."""
    return transition_organizations([(organization, to)], by=by, note=note)[0]


def transition_organizations(
    changes: Sequence[tuple[Organization, str]], *, by: User | None, note: str = ""
) -> list[Organization]:
    """`transition_organization` for many organizations at once (the page moves one, an import
    many), in one transaction and a constant number of queries but for the notices: the
    statuses are read and locked together, every change is checked against
    ORGANIZATION_TRANSITIONS (the first one not allowed raises TransitionNotAllowed and
    nothing is written), each organization gets its own log entry by `by` (written together,
    `log_actions`), the admins of a validated one are told, and the members' cached panels are
    dropped (the status is written with `update()`, which sends no signal). An organization
    listed twice moves twice, in order. Returns the organizations as they are now, in the
    order of `changes`."""
    if not changes:
        return []
    with transaction.atomic():
        locked = Organization.objects.select_for_update().in_bulk({o.pk for o, _to in changes})
        moves: list[tuple[Organization, str, str]] = []  # organization, from, action
        for given, to in changes:
            organization = locked.get(given.pk)
            if organization is None:
                raise Organization.DoesNotExist(f"No organization has the id {given.pk}.")
            current = organization.status
            ORGANIZATION_WORKFLOW.apply(organization, to)
            action = _TRANSITION_ACTIONS[OrganizationStatus(to)]
            if current == OrganizationStatus.ARCHIVED:
                action = "directory.organization.reactivated"
            moves.append((organization, current, action))
        now = timezone.now()
        targets: dict[str, list[int]] = {}
        for organization in locked.values():
            organization.updated = now
            targets.setdefault(organization.status, []).append(organization.pk)
        for status, pks in targets.items():
            for i in range(0, len(pks), 500):
                Organization.objects.filter(pk__in=pks[i : i + 500]).update(
                    status=status, updated=now
                )
        log_actions(
            [(o, action, {"from": current, "note": note}) for o, current, action in moves], by=by
        )
        validated = {
            o.pk: o
            for o, current, _action in moves
            if current == OrganizationStatus.PENDING and o.status == OrganizationStatus.ACTIVE
        }
        for membership in OrganizationMembership.objects.filter(
            organization__in=list(validated), role=MembershipRole.ADMIN
        ).select_related("user"):
            organization = validated[membership.organization_id]
            notify(
                membership.user,
                kind="directory.organization.validated",
                title=gettext_noop("%(name)s is now in the directory."),
                params={"name": organization.name},
                url=organization.get_absolute_url(),
            )
    return [locked[o.pk] for o, _to in changes]


def merge_organizations(duplicate: Organization, *, into: Organization, by: User) -> Organization:
    """Merge a duplicate into the organization that stays: members, disease areas and past
    partnerships move, empty fields are filled from the duplicate, which is archived and
    points to the other. Logs `directory.organization.merged` on both; other apps move their
    own links on the `organization_merged` signal."""
    if duplicate.pk == into.pk:
        raise DomainError(_("An organization cannot be merged into itself."), code="same")
    if into.status == OrganizationStatus.ARCHIVED:
        raise DomainError(_("Merge into an organization that is not archived."), code="archived")
    with transaction.atomic():
        moved_members = 0
        existing = set(into.memberships.values_list("user_id", flat=True))
        for membership in duplicate.memberships.all():
            if membership.user_id in existing:
                if membership.role == MembershipRole.ADMIN:
                    into.memberships.filter(user_id=membership.user_id).update(
                        role=MembershipRole.ADMIN
                    )
                membership.delete()
            else:
                membership.organization = into
                membership.save(update_fields=["organization", "updated"])
                moved_members += 1
        moved_partnerships = Partnership.objects.filter(organization=duplicate).update(
            organization=into
        )
        into.disease_areas.add(*duplicate.disease_areas.all())
        filled = []
        identifiers = {f: getattr(duplicate, f) for f in ("rna", "siren", "siret")}
        # Identifiers are unique: free them on the duplicate before they move.
        Organization.objects.filter(pk=duplicate.pk).update(rna="", siren="", siret="")
        for name in ORGANIZATION_FIELDS:
            value = identifiers.get(name, getattr(duplicate, name))
            if value and not getattr(into, name):
                setattr(into, name, value)
                filled.append(name)
        into.save()
        refresh_search_text(into)
        duplicate.refresh_from_db()
        duplicate.merged_into = into
        if duplicate.status != OrganizationStatus.ARCHIVED:  # a merged one may be archived already
            ORGANIZATION_WORKFLOW.apply(duplicate, OrganizationStatus.ARCHIVED)
        duplicate.save(update_fields=["merged_into", "status", "updated"])
        data = {
            "duplicate": duplicate.pk,
            "into": into.pk,
            "members": moved_members,
            "partnerships": moved_partnerships,
            "filled": filled,
        }
        log_action(into, "directory.organization.merged", by=by, data=data)
        log_action(duplicate, "directory.organization.merged_away", by=by, data=data)
        organization_merged.send(sender=Organization, duplicate=duplicate, into=into, by=by)
    return into


def add_member(
    organization: Organization, *, user: User, role: str, by: User
) -> OrganizationMembership:
    """Add a person to an organization (or change their role). Logs `directory.member.added`."""
    with transaction.atomic():
        membership, created = OrganizationMembership.objects.update_or_create(
            user=user, organization=organization, defaults={"role": role}
        )
        log_action(
            organization,
            "directory.member.added" if created else "directory.member.role_changed",
            by=by,
            data={"user": user.pk, "role": role},
        )
    forget_memberships(user)
    return membership


def add_or_invite_member(
    organization: Organization, *, email: str, role: str, by: User, language: str
) -> OrganizationMembership | Invitation:
    """A person with an account is added at once (add_member); anyone else is invited by
    e-mail, and becomes a member with this role when they accept (tandem.directory.invitations).
    Logs `directory.member.added`, or `accounts.invitation.sent`."""
    person = User.objects.filter(email__iexact=email.strip(), is_active=True).first()
    if person is not None:
        return add_member(organization, user=person, role=role, by=by)
    if organization.status == OrganizationStatus.ARCHIVED:
        raise DomainError(_("An archived organization takes no new member."), code="archived")
    invitation, _token = invite_person(
        email,
        by=by,
        roles=[Role.MEMBER],
        language=language,
        grants={invitations.PART: invitations.grant(organization, role)},
    )
    return invitation


def remove_member(membership: OrganizationMembership, *, by: User) -> None:
    """Remove a person from an organization; the last admin stays. Logs `directory.member.removed`."""
    organization = membership.organization
    if (
        membership.role == MembershipRole.ADMIN
        and not organization.memberships.filter(role=MembershipRole.ADMIN)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise DomainError(_("The organization needs at least one admin."), code="last_admin")
    with transaction.atomic():
        membership.delete()
        log_action(
            organization, "directory.member.removed", by=by, data={"user": membership.user_id}
        )
    forget_memberships(membership.user)


def build_researcher_search_columns(profile: ResearcherProfile) -> None:
    """Set the search text of `profile` (not saved) from its person, unit and disease areas."""
    areas = list(profile.disease_areas.all())
    parts = [profile.user.get_full_name(), profile.keywords]
    if profile.unit is not None:
        parts += [profile.unit.code, profile.unit.name, profile.unit.city]
    parts += [a.search_text for a in areas]
    profile.search_text = fold(" ".join(p for p in parts if p))


def refresh_researcher_search_text(profile: ResearcherProfile) -> None:
    build_researcher_search_columns(profile)
    ResearcherProfile.objects.filter(pk=profile.pk).update(search_text=profile.search_text)


def save_researcher_profile(
    user: User,
    *,
    by: User,
    unit: ResearchUnit | None,
    keywords: str,
    orcid: str,
    disease_areas: Iterable[DiseaseArea],
    contact_email: str = "",
) -> ResearcherProfile:
    """Create or update a researcher's profile (the contact address shown to partners among
    it). Logs `directory.researcher.updated`."""
    with transaction.atomic():
        profile, _created = ResearcherProfile.objects.get_or_create(user=user)
        profile.unit = unit
        profile.keywords = keywords
        profile.orcid = orcid
        profile.contact_email = contact_email
        profile.save()
        profile.disease_areas.set(list(disease_areas))
        refresh_researcher_search_text(profile)
        log_action(profile, "directory.researcher.updated", by=by)
    return profile


def remind_expiring_approvals(*, today: dt.date | None = None) -> int:
    """Tell each organization's admins and the officers, once, that a health-system approval
    ends within APPROVAL_REMINDER_DAYS days. Idempotent (run daily). Returns how many."""
    today = today or timezone.localdate()
    limit = today + dt.timedelta(days=APPROVAL_REMINDER_DAYS)
    due = Organization.objects.filter(
        ~Q(approval="none"),
        status=OrganizationStatus.ACTIVE,
        approval_end__isnull=False,
        approval_end__gte=today,
        approval_end__lte=limit,
        approval_reminded_at__isnull=True,
    )
    staff = officers()
    count = 0
    for organization in due:
        assert organization.approval_end is not None  # filtered above
        with transaction.atomic():
            admins = [
                m.user
                for m in organization.memberships.filter(role=MembershipRole.ADMIN).select_related(
                    "user"
                )
            ]
            for person in {p.pk: p for p in admins + staff}.values():
                notify(
                    person,
                    kind="directory.approval.expiring",
                    title=gettext_noop("The health-system approval of %(name)s ends on %(date)s."),
                    params={
                        "name": organization.name,
                        "date": organization.approval_end,
                    },
                    url=organization.get_absolute_url(),
                )
            organization.approval_reminded_at = timezone.now()
            organization.save(update_fields=["approval_reminded_at", "updated"])
            log_action(organization, "directory.approval.reminded", by=None)
        count += 1
    return count
