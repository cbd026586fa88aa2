from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from tandem.core.errors import TransitionNotAllowed
from tandem.core.exports import spreadsheet_cell
from tandem.core.models import ActionLogEntry, Notification
from tandem.directory import services, transfer
from tandem.directory.models import Organization, OrganizationStatus
from tandem.directory.tests.factories import OrganizationFactory, make_admin
from tandem.directory.text import root


def test_cells_that_look_like_formulas_are_escaped():
    assert spreadsheet_cell("=HYPERLINK()") == "'=HYPERLINK()"
    assert spreadsheet_cell("+33 1 02") == "'+33 1 02"
    assert spreadsheet_cell("-x") == "'-x"
    assert spreadsheet_cell("@SUM") == "'@SUM"
    assert spreadsheet_cell("Ligue") == "Ligue"
    assert spreadsheet_cell(2020) == 2020


def test_csv_export_escapes_formulas(db):
    OrganizationFactory(name="=cmd|' /C calc'!A0")
    content = transfer.export_csv(transfer.export_queryset()).decode("utf-8-sig")
    assert "'=cmd" in content


def test_xlsx_export_escapes_formulas(db):
    from openpyxl import load_workbook

    OrganizationFactory(name="@evil")
    workbook = load_workbook(io.BytesIO(transfer.export_xlsx(transfer.export_queryset())))
    names = [row[1] for row in workbook.active.iter_rows(values_only=True)]
    assert "'@evil" in names


CSV = (
    "name,kind,region,rna,siren,approval,approval_end,disease_areas\n"
    "Nouvelle asso,patient,bre,W351234567,,none,,ICD-10:E10-E14\n"
    "Mauvaise région,patient,xx,,,none,,\n"
    "Mauvais SIREN,patient,bre,,775672273,none,,ORPHA:999999\n"
    "Agréée sans date,patient,bre,,,national,,\n"
)


def upload(client, text=CSV, name="import.csv"):
    return client.post(
        reverse("directory:import"), {"file": SimpleUploadedFile(name, text.encode(), "text/csv")}
    )


def test_import_dry_run_lists_every_bad_row_and_writes_nothing(client, officer):
    client.force_login(officer)
    response = upload(client)
    assert response.status_code == 422
    preview = response.context["preview"]
    assert [line for line, _errors in preview.errors] == [3, 4, 5]
    assert any("siren" in e for e in preview.errors[1][1])
    assert any("ORPHA:999999".lower() in e for e in preview.errors[1][1])
    assert Organization.objects.count() == 0


def test_import_writes_only_after_confirmation(client, officer):
    client.force_login(officer)
    good = (
        "name,kind,region,rna,disease_areas\nNouvelle asso,patient,bre,W351234567,ICD-10:E10-E14\n"
    )
    response = upload(client, good)
    assert response.status_code == 200
    assert Organization.objects.count() == 0
    token = response.context["token"]
    response = client.post(reverse("directory:confirm_import"), {"token": token})
    assert response.status_code == 302
    org = Organization.objects.get()
    assert org.rna == "W351234567"
    assert root("diabetes") in org.search_text.split()  # words are indexed by their root


def test_a_wrong_token_imports_nothing(client, officer):
    client.force_login(officer)
    upload(client, "name,kind\nA,patient\n")
    client.post(reverse("directory:confirm_import"), {"token": "forged"})
    assert Organization.objects.count() == 0


def test_an_export_imports_back_as_updates(client, officer, organization):
    client.force_login(officer)
    content = transfer.export_csv(transfer.export_queryset()).decode("utf-8-sig")
    response = upload(
        client, content.replace("Fédération Française des Diabétiques", "FFD nouvelle")
    )
    assert response.status_code == 200, response.context["preview"].errors
    client.post(reverse("directory:confirm_import"), {"token": response.context["token"]})
    organization.refresh_from_db()
    assert organization.name == "FFD nouvelle"
    assert Organization.objects.count() == 1


def test_xlsx_import(client, officer):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["name", "kind", "region"])
    workbook.active.append(["Asso XLSX", "federation", "occ"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(officer)
    response = client.post(
        reverse("directory:import"), {"file": SimpleUploadedFile("x.xlsx", buffer.getvalue())}
    )
    assert response.status_code == 200
    assert response.context["preview"].valid[0]["fields"]["name"] == "Asso XLSX"


# Status: the import follows the organization lifecycle (ORGANIZATION_TRANSITIONS) like the page.


def confirm(client, response):
    assert response.status_code == 200, response.context["preview"].errors
    return client.post(reverse("directory:confirm_import"), {"token": response.context["token"]})


def status_entries(organization):
    return list(
        ActionLogEntry.objects.filter(
            object_id=str(organization.pk), action__in=STATUS_ACTIONS
        ).values_list("action", "actor", "data")
    )


STATUS_ACTIONS = [
    "directory.organization.validated",
    "directory.organization.archived",
    "directory.organization.reactivated",
]


def assert_untouched(organization):
    organization.refresh_from_db()
    assert organization.name == "Fédération Française des Diabétiques"
    assert organization.status == OrganizationStatus.ACTIVE


def test_an_imported_status_change_goes_through_the_lifecycle_and_is_logged(
    client, officer, org_admin, organization
):
    pending = OrganizationFactory(name="En attente", status=OrganizationStatus.PENDING)
    make_admin(pending, org_admin)
    client.force_login(officer)
    response = upload(
        client,
        f"id,name,kind,region,status\n"
        f"{organization.pk},{organization.name},patient,idf,archived\n"
        f"{pending.pk},En attente,patient,idf,active\n",
    )
    confirm(client, response)
    organization.refresh_from_db()
    pending.refresh_from_db()
    assert organization.status == OrganizationStatus.ARCHIVED
    assert pending.status == OrganizationStatus.ACTIVE
    # One entry per organization, by the officer, as on the page.
    assert status_entries(organization) == [
        ("directory.organization.archived", officer.pk, {"from": "active", "note": "import"})
    ]
    assert status_entries(pending) == [
        ("directory.organization.validated", officer.pk, {"from": "pending", "note": "import"})
    ]
    # Validation tells the organization's admins, as on the page.
    assert Notification.objects.filter(
        recipient=org_admin, kind="directory.organization.validated"
    ).exists()
    assert ActionLogEntry.objects.get(action="directory.import.applied").data == {
        "created": 0,
        "updated": 2,
    }


def test_a_status_change_the_lifecycle_refuses_is_a_row_error_in_the_dry_run(
    client, officer, organization
):
    archived = OrganizationFactory(name="Archivée", status=OrganizationStatus.ARCHIVED)
    client.force_login(officer)
    response = upload(
        client,
        f"id,name,kind,region,status\n"
        f"{organization.pk},FFD renommée,patient,idf,archived\n"
        f"{archived.pk},Archivée,patient,idf,pending\n",
    )
    assert response.status_code == 422
    assert response.context["preview"].errors == [
        (3, ["status: this organization is archived and cannot become pending (possible: active)."])
    ]
    assert not response.context["token"]
    assert_untouched(organization)
    assert not ActionLogEntry.objects.exists()


def test_an_organization_twice_in_the_file_is_a_row_error(client, officer, organization):
    client.force_login(officer)
    response = upload(
        client,
        f"id,name,kind,region,status\n"
        f"{organization.pk},FFD,patient,idf,archived\n"
        f"{organization.pk},FFD,patient,idf,active\n",
    )
    assert response.status_code == 422
    assert response.context["preview"].errors == [
        (3, ["id: the same organization is already on line 2."])
    ]


def test_the_refusal_is_translated(officer, organization):
    with translation.override("fr"):
        preview = transfer.preview_import(
            [{"id": str(organization.pk), "name": "FFD", "region": "idf", "status": "pending"}]
        )
    assert preview.errors == [
        (
            2,
            [
                "status\u202f: cette organisation est active et ne peut pas devenir pending"
                " (possible\u202f: archived)."
            ],
        )
    ]


def test_the_import_is_all_or_nothing_when_a_status_change_is_refused_on_confirmation(
    client, officer, organization
):
    other = OrganizationFactory(name="Autre", status=OrganizationStatus.PENDING)
    client.force_login(officer)
    response = upload(
        client,
        f"id,name,kind,region,status\n"
        f"{organization.pk},FFD renommée,patient,idf,archived\n"
        f",Nouvelle asso,patient,bre,\n"
        f"{other.pk},Autre,patient,idf,pending\n",
    )
    assert response.status_code == 200
    # Validated on the page before the officer confirms: the file's "pending" would now be a
    # way back from active, which the lifecycle refuses; so nothing of the file is written.
    services.transition_organization(other, to=OrganizationStatus.ACTIVE, by=officer)
    log_before = ActionLogEntry.objects.count()
    response = confirm(client, response)
    assert response.status_code == 302
    assert Organization.objects.count() == 2
    assert_untouched(organization)
    other.refresh_from_db()
    assert other.status == OrganizationStatus.ACTIVE
    assert ActionLogEntry.objects.count() == log_before


def test_apply_import_raises_and_writes_nothing_when_a_transition_is_refused(officer, organization):
    preview = transfer.preview_import(
        [
            {"name": "Nouvelle asso", "region": "bre"},
            {"id": str(organization.pk), "name": "FFD", "region": "idf", "status": "archived"},
            {"name": "Autre asso", "region": "bre", "status": "pending"},
        ]
    )
    assert preview.ok, preview.errors
    preview.valid[1]["status"] = OrganizationStatus.PENDING  # active → pending: refused
    with pytest.raises(TransitionNotAllowed):
        transfer.apply_import(preview.valid, by=officer)
    assert list(Organization.objects.all()) == [organization]
    assert_untouched(organization)
    assert not ActionLogEntry.objects.exists()


@pytest.mark.parametrize(
    ("cell", "status", "logged"),
    [
        ("", OrganizationStatus.ACTIVE, ["directory.organization.validated"]),
        ("active", OrganizationStatus.ACTIVE, ["directory.organization.validated"]),
        ("pending", OrganizationStatus.PENDING, []),
        ("archived", OrganizationStatus.ARCHIVED, ["directory.organization.archived"]),
    ],
)
def test_a_new_organization_starts_pending_and_takes_the_file_status(
    client, officer, cell, status, logged
):
    client.force_login(officer)
    confirm(client, upload(client, f"name,kind,region,status\nNouvelle asso,patient,bre,{cell}\n"))
    created = Organization.objects.get()
    assert created.status == status
    assert [action for action, actor, _data in status_entries(created)] == logged
    assert all(actor == officer.pk for _action, actor, _data in status_entries(created))


def test_an_empty_status_keeps_the_status_of_an_existing_organization(
    client, officer, organization
):
    Organization.objects.filter(pk=organization.pk).update(status=OrganizationStatus.ARCHIVED)
    client.force_login(officer)
    confirm(
        client,
        upload(client, f"id,name,kind,region,status\n{organization.pk},FFD,patient,idf,\n"),
    )
    organization.refresh_from_db()
    assert organization.name == "FFD"
    assert organization.status == OrganizationStatus.ARCHIVED
    assert status_entries(organization) == []


# The dry run shows which rows change an existing organization's status, before confirming.


def test_the_dry_run_lists_the_status_changes_of_existing_organizations(officer, organization):
    pending = OrganizationFactory(name="En attente", status=OrganizationStatus.PENDING)
    unchanged = OrganizationFactory(name="Inchangée", status=OrganizationStatus.ACTIVE)
    preview = transfer.preview_import(
        [
            # Renamed in the file: the change names the organization as it is now.
            {"id": str(organization.pk), "name": "FFD", "region": "idf", "status": "archived"},
            {"name": "Nouvelle asso", "region": "bre", "status": "active"},
            {"id": str(unchanged.pk), "name": "Inchangée", "region": "idf", "status": "active"},
            {"id": str(pending.pk), "name": "En attente", "region": "idf", "status": "active"},
        ]
    )
    assert preview.ok, preview.errors
    assert preview.status_changes == [
        transfer.StatusChange(
            line=2,
            organization_id=organization.pk,
            name="Fédération Française des Diabétiques",
            old="active",
            new="archived",
        ),
        transfer.StatusChange(
            line=5, organization_id=pending.pk, name="En attente", old="pending", new="active"
        ),
    ]
    assert [(c.old_label, c.new_label) for c in preview.status_changes] == [
        ("Active", "Archived"),
        ("Waiting for validation", "Active"),
    ]
    with translation.override("fr"):
        assert preview.status_changes[0].new_label == "Archivée"


def test_a_refused_status_change_is_an_error_not_a_change(officer, organization):
    preview = transfer.preview_import(
        [{"id": str(organization.pk), "name": "FFD", "region": "idf", "status": "pending"}]
    )
    assert preview.errors and preview.status_changes == []


def test_the_preview_page_shows_each_status_change_in_words(client, officer, organization):
    pending = OrganizationFactory(name="Association X", status=OrganizationStatus.PENDING)
    client.force_login(officer)
    response = upload(
        client,
        f"id,name,kind,region,status\n"
        f"{organization.pk},{organization.name},patient,idf,archived\n"
        f"{pending.pk},Association X,patient,idf,active\n"
        f",Nouvelle asso,patient,bre,\n",
    )
    assert response.status_code == 200
    content = response.content.decode().split("Status changes of existing organizations")[1]
    assert (
        '<tr><th scope="row">2</th><td>Fédération Française des Diabétiques</td>'
        "<td>Active</td><td>Archived</td></tr>"
    ) in content
    assert (
        '<tr><th scope="row">3</th><td>Association X</td>'
        "<td>Waiting for validation</td><td>Active</td></tr>"
    ) in content
    # The new organization is not a status change of an existing one.
    assert "Nouvelle asso" not in content
    assert Organization.objects.get(pk=pending.pk).status == OrganizationStatus.PENDING


def test_the_preview_page_says_when_no_status_changes(client, officer, organization):
    client.force_login(officer)
    response = upload(
        client, f"id,name,kind,region,status\n{organization.pk},FFD,patient,idf,active\n"
    )
    assert response.status_code == 200
    assert "No existing organization changes status." in response.content.decode()


def test_the_preview_page_speaks_french(client, officer, organization):
    officer.language = "fr"
    officer.save()
    client.force_login(officer)
    client.cookies["django_language"] = "fr"
    response = upload(
        client, f"id,name,kind,region,status\n{organization.pk},FFD,patient,idf,archived\n"
    )
    content = response.content.decode()
    assert "Statut actuel" in content
    assert "<td>Active</td><td>Archivée</td>" in content


# The status changes' log entries are written together: their number costs no query.


def import_queries(client, officer, count, status):
    organizations = [OrganizationFactory(name=f"Asso {i}") for i in range(count)]
    lines = "".join(f"{o.pk},Asso {i},patient,idf,{status}\n" for i, o in enumerate(organizations))
    response = upload(client, "id,name,kind,region,status\n" + lines)
    with CaptureQueriesContext(connection) as queries:
        confirm(client, response)
    assert Organization.objects.filter(status=status).count() >= count
    return len(queries)


def test_status_changes_add_the_same_queries_to_an_import_of_one_row_or_many(client, officer):
    client.force_login(officer)
    # Rows that update an organization cost queries of their own; the status changes add a
    # constant number on top, whatever their number.
    one = import_queries(client, officer, 1, "archived") - import_queries(
        client, officer, 1, "active"
    )
    many = import_queries(client, officer, 4, "archived") - import_queries(
        client, officer, 4, "active"
    )
    assert many == one
    assert ActionLogEntry.objects.filter(action="directory.organization.archived").count() == 5


def test_a_batch_of_status_changes_logs_each_in_constant_queries(officer):
    def archive(count):
        organizations = [OrganizationFactory() for _ in range(count)]
        with CaptureQueriesContext(connection) as queries:
            services.transition_organizations(
                [(o, OrganizationStatus.ARCHIVED) for o in organizations], by=officer, note="t"
            )
        return len(queries), organizations

    one, _orgs = archive(1)
    many, organizations = archive(5)
    assert many == one
    assert [status_entries(o) for o in organizations] == [
        [("directory.organization.archived", officer.pk, {"from": "active", "note": "t"})]
    ] * 5
