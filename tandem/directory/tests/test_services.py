from __future__ import annotations

import datetime as dt

import pytest

from tandem.core.errors import DomainError, TransitionNotAllowed
from tandem.core.models import ActionLogEntry, Notification
from tandem.directory import reference_data, services
from tandem.directory.errors import DuplicateOrganization
from tandem.directory.models import (
    MembershipRole,
    Organization,
    OrganizationMembership,
    OrganizationStatus,
    Partnership,
)
from tandem.directory.tests.factories import OrganizationFactory, UnitFactory, make_admin
from tandem.directory.text import root


def test_registering_creates_a_pending_organization_with_the_requester_as_admin(
    member, officer, diabetes
):
    org = services.register_organization(
        by=member, fields={"name": "Diabète Ensemble", "region": "bre"}, disease_areas=[diabetes]
    )
    assert org.status == OrganizationStatus.PENDING
    assert org.memberships.get().user == member
    assert org.memberships.get().role == MembershipRole.ADMIN
    assert root("diabetes") in org.search_text.split()  # words are indexed by their root
    assert Notification.objects.filter(
        recipient=officer, kind="directory.organization.registered"
    ).exists()
    assert ActionLogEntry.objects.filter(action="directory.organization.registered").exists()


def test_a_duplicate_rna_is_refused_with_the_existing_organization(member, organization):
    with pytest.raises(DuplicateOrganization) as exc:
        services.register_organization(by=member, fields={"name": "Copy", "rna": organization.rna})
    assert exc.value.existing == organization
    assert exc.value.field == "rna"


def test_validating_activates_and_tells_the_admins(officer, org_admin, organization):
    Organization.objects.filter(pk=organization.pk).update(status=OrganizationStatus.PENDING)
    services.transition_organization(organization, to=OrganizationStatus.ACTIVE, by=officer)
    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.ACTIVE
    assert Notification.objects.filter(
        recipient=org_admin, kind="directory.organization.validated"
    ).exists()
    assert ActionLogEntry.objects.filter(action="directory.organization.validated").exists()


def test_an_active_organization_cannot_go_back_to_pending(officer, organization):
    with pytest.raises(TransitionNotAllowed):
        services.transition_organization(organization, to=OrganizationStatus.PENDING, by=officer)


def test_an_archived_organization_can_be_reactivated(officer, organization):
    services.transition_organization(organization, to=OrganizationStatus.ARCHIVED, by=officer)
    services.transition_organization(organization, to=OrganizationStatus.ACTIVE, by=officer)
    assert ActionLogEntry.objects.filter(action="directory.organization.reactivated").exists()


def test_updating_logs_the_changed_fields_and_refreshes_the_search_text(org_admin, organization):
    services.update_organization(organization, by=org_admin, fields={"city": "Rennes"})
    entry = ActionLogEntry.objects.get(action="directory.organization.updated")
    assert entry.data == {"fields": ["city"]}
    organization.refresh_from_db()
    assert root("rennes") in organization.search_text.split()


def test_merging_moves_members_partnerships_and_areas_and_is_logged(
    officer, member, researcher, organization
):
    duplicate = OrganizationFactory(
        name="FFD (doublon)", siren="775672272", status=OrganizationStatus.PENDING
    )
    make_admin(duplicate, researcher)
    make_admin(organization, member)
    Partnership.objects.create(organization=duplicate, unit=UnitFactory(), year=2020, title="Étude")
    services.merge_organizations(duplicate, into=organization, by=officer)
    duplicate.refresh_from_db()
    organization.refresh_from_db()
    assert duplicate.status == OrganizationStatus.ARCHIVED
    assert duplicate.merged_into == organization
    assert set(organization.memberships.values_list("user", flat=True)) == {
        member.pk,
        researcher.pk,
    }
    assert organization.partnerships.count() == 1
    assert organization.siren == "775672272"
    assert duplicate.siren == ""
    assert ActionLogEntry.objects.filter(
        action="directory.organization.merged", object_id=str(organization.pk)
    ).exists()
    assert ActionLogEntry.objects.filter(
        action="directory.organization.merged_away", object_id=str(duplicate.pk)
    ).exists()


def test_an_organization_cannot_be_merged_into_itself(officer, organization):
    with pytest.raises(DomainError):
        services.merge_organizations(organization, into=organization, by=officer)


def test_the_last_admin_cannot_leave(org_admin, organization):
    membership = OrganizationMembership.objects.get(user=org_admin, organization=organization)
    with pytest.raises(DomainError):
        services.remove_member(membership, by=org_admin)


def test_approval_reminders_are_sent_once(officer, org_admin, organization):
    Organization.objects.filter(pk=organization.pk).update(
        approval="national", approval_end=dt.date(2026, 3, 1)
    )
    assert services.remind_expiring_approvals(today=dt.date(2026, 1, 15)) == 1
    assert services.remind_expiring_approvals(today=dt.date(2026, 1, 16)) == 0
    assert (
        Notification.objects.filter(recipient=org_admin, kind="directory.approval.expiring").count()
        == 1
    )


def test_moving_a_disease_area_moves_its_subtree(officer, db):
    from tandem.directory.models import DiseaseArea

    rare = DiseaseArea.objects.get(code="RARE")
    neoplasms = DiseaseArea.objects.get(code="II")
    reference_data.save_disease_area(rare.pk, by=officer, fields={"parent": neoplasms})
    cf = DiseaseArea.objects.get(code="586")
    assert cf.path.startswith(neoplasms.path)
    assert cf.depth == 2


def test_a_disease_area_cannot_be_put_under_its_own_child(officer, db):
    from tandem.directory.models import DiseaseArea

    rare = DiseaseArea.objects.get(code="RARE")
    with pytest.raises(DomainError):
        reference_data.save_disease_area(
            rare.pk, by=officer, fields={"parent": DiseaseArea.objects.get(code="586")}
        )


def test_saving_a_researcher_profile(researcher, diabetes):
    unit = UnitFactory(code="U1234")
    profile = services.save_researcher_profile(
        researcher,
        by=researcher,
        unit=unit,
        keywords="éducation thérapeutique",
        orcid="",
        disease_areas=[diabetes],
    )
    assert "education therapeutique" in profile.search_text
    assert "u1234" in profile.search_text


def test_moving_several_organizations_logs_each_and_drops_their_members_panels(
    officer, org_admin, organization
):
    from tandem.directory.panels import my_organizations

    pending = OrganizationFactory(name="En attente", status=OrganizationStatus.PENDING)
    make_admin(pending, org_admin)
    assert {i.detail for i in my_organizations(org_admin).items if i.detail} == {
        "Active",
        "Waiting for validation",
    }  # now cached
    moved = services.transition_organizations(
        [(organization, OrganizationStatus.ARCHIVED), (pending, OrganizationStatus.ACTIVE)],
        by=officer,
        note="import",
    )
    assert [o.status for o in moved] == [OrganizationStatus.ARCHIVED, OrganizationStatus.ACTIVE]
    entries = ActionLogEntry.objects.filter(action__startswith="directory.organization.")
    assert sorted(entries.values_list("object_id", "action", "actor", "data")) == sorted(
        [
            (
                str(organization.pk),
                "directory.organization.archived",
                officer.pk,
                {"from": "active", "note": "import"},
            ),
            (
                str(pending.pk),
                "directory.organization.validated",
                officer.pk,
                {"from": "pending", "note": "import"},
            ),
        ]
    )
    assert Notification.objects.filter(
        recipient=org_admin, kind="directory.organization.validated"
    ).exists()
    assert {i.detail for i in my_organizations(org_admin).items if i.detail} == {
        "Archived",
        "Active",
    }


def test_moving_several_organizations_is_all_or_nothing(officer, organization):
    archived = OrganizationFactory(name="Archivée", status=OrganizationStatus.ARCHIVED)
    with pytest.raises(TransitionNotAllowed):
        services.transition_organizations(
            [(organization, OrganizationStatus.ARCHIVED), (archived, OrganizationStatus.PENDING)],
            by=officer,
        )
    organization.refresh_from_db()
    assert organization.status == OrganizationStatus.ACTIVE
    assert not ActionLogEntry.objects.exists()


def test_an_organization_listed_twice_moves_twice_in_order(officer, organization):
    moved = services.transition_organizations(
        [(organization, OrganizationStatus.ARCHIVED), (organization, OrganizationStatus.ACTIVE)],
        by=officer,
    )
    organization.refresh_from_db()
    assert organization.status == moved[-1].status == OrganizationStatus.ACTIVE
    assert list(ActionLogEntry.objects.order_by("pk").values_list("action", flat=True)) == [
        "directory.organization.archived",
        "directory.organization.reactivated",
    ]


def test_a_closed_admin_gets_no_approval_reminder(
    officer, org_admin, organization, django_capture_on_commit_callbacks
):
    from django.core import mail

    org_admin.is_active = False
    org_admin.save()
    Organization.objects.filter(pk=organization.pk).update(
        approval="national", approval_end=dt.date(2026, 3, 1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.remind_expiring_approvals(today=dt.date(2026, 1, 15))
    assert not Notification.objects.filter(recipient=org_admin).exists()
    assert Notification.objects.filter(recipient=officer).exists()
    assert org_admin.email not in [address for m in mail.outbox for address in m.to]


def test_the_approval_reminder_says_the_day_the_readers_way(officer, org_admin, organization):
    from django.utils import translation

    Organization.objects.filter(pk=organization.pk).update(
        approval="national", approval_end=dt.date(2026, 3, 1)
    )
    services.remind_expiring_approvals(today=dt.date(2026, 1, 15))
    note = Notification.objects.get(recipient=org_admin, kind="directory.approval.expiring")
    with translation.override("fr"):
        assert "1 mars 2026" in note.shown_title
    with translation.override("en"):
        assert "March 1, 2026" in note.shown_title
