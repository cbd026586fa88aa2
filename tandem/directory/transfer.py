"""Import and export of the directory (officers): CSV and XLSX.

Exports write every cell through `tandem.core.exports.spreadsheet_cell` (no formula, no
control character). Imports are checked row by row first (a dry run that lists every bad row
and why); nothing is written until the officer confirms, and then every row is written in one transaction. Status changes follow the
organization lifecycle (`models.ORGANIZATION_TRANSITIONS`): the dry run asks the page's check
(`services.check_organization_transition`) and the import moves them with the page's service,
in one batch (`services.transition_organizations`), which checks again, logs and notifies."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.errors import TransitionNotAllowed
from tandem.core.exports import spreadsheet_cell, unescape_cell
from tandem.directory.models import (
    ORGANIZATION_TRANSITIONS,
    DiseaseArea,
    Organization,
    OrganizationStatus,
)

COLUMNS = [
    "id",
    "name",
    "acronym",
    "kind",
    "status",
    "description",
    "website",
    "email",
    "phone",
    "address",
    "city",
    "region",
    "rna",
    "siren",
    "siret",
    "approval",
    "approval_end",
    "size_band",
    "founding_year",
    "partnership_status",
    "is_public",
    "disease_areas",
]
MAX_ROWS = 5000


def _row(organization: Organization) -> list[Any]:
    values: dict[str, Any] = {name: getattr(organization, name, "") for name in COLUMNS}
    values["approval_end"] = (
        organization.approval_end.isoformat() if organization.approval_end else ""
    )
    values["founding_year"] = organization.founding_year or ""
    values["is_public"] = "yes" if organization.is_public else "no"
    values["disease_areas"] = "; ".join(
        f"{a.code_system}:{a.code}" for a in organization.disease_areas.all() if a.code
    )
    return [spreadsheet_cell(values[name]) for name in COLUMNS]


def export_queryset() -> QuerySet[Organization]:
    return Organization.objects.prefetch_related("disease_areas").order_by("name", "pk")


def export_csv(organizations: QuerySet[Organization]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for organization in organizations.iterator(chunk_size=2000):
        writer.writerow(_row(organization))
    # A byte-order mark so that spreadsheet software reads the accents right.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def export_xlsx(organizations: QuerySet[Organization]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("organizations")
    sheet.append(COLUMNS)
    for organization in organizations.iterator(chunk_size=2000):
        sheet.append(_row(organization))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_response(fmt: str) -> HttpResponse:
    """Every organization as `csv` or `xlsx`, dated today: the page's and the API's download."""
    organizations = export_queryset()
    if fmt == "xlsx":
        content = export_xlsx(organizations)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        content = export_csv(organizations)
        content_type = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="tandem-organizations-{stamp}.{fmt}"'
    return response


def read_rows(data: bytes, kind: str) -> list[dict[str, str]]:
    """The rows of an uploaded file as dictionaries of text, keyed by the header row."""
    if kind == "xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        rows = workbook.active.iter_rows(values_only=True)
        header = [str(h or "").strip() for h in next(rows, [])]
        result = []
        for values in rows:
            if values is None or all(v in (None, "") for v in values):
                continue
            result.append(
                {
                    h: "" if v is None else str(v).strip()
                    for h, v in zip(header, values, strict=False)
                    if h
                }
            )
            if len(result) > MAX_ROWS:
                break
        return result
    text = data.decode("utf-8-sig", errors="replace")
    dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t") if text.strip() else csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    result = []
    for row in reader:
        result.append({(k or "").strip(): (v or "").strip() for k, v in row.items() if k})
        if len(result) > MAX_ROWS:
            break
    return result


@dataclass(frozen=True)
class StatusChange:
    """A row that moves an existing organization to another status, shown before confirming."""

    line: int
    organization_id: int
    name: str  # as in the directory now: the row may rename it
    old: str
    new: str

    @property
    def old_label(self) -> str:
        return str(OrganizationStatus(self.old).label)

    @property
    def new_label(self) -> str:
        return str(OrganizationStatus(self.new).label)


@dataclass
class Preview:
    valid: list[dict[str, Any]] = field(default_factory=list)
    errors: list[tuple[int, list[str]]] = field(default_factory=list)
    total: int = 0
    # Of the valid rows, those that change an existing organization's status, in file order.
    status_changes: list[StatusChange] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.valid)


def preview_import(rows: list[dict[str, str]]) -> Preview:
    """Check every row as the organization form would, without writing anything. Valid rows
    are returned as plain data (storable in the session) for `apply_import`.

    Status: a new organization starts as the lifecycle says (pending) and is moved at once to
    the file's status, active when the cell is empty; an existing one keeps its status when the
    cell is empty, and a change must be one that `ORGANIZATION_TRANSITIONS` allows. The valid
    rows that change an existing organization's status are listed in `status_changes`."""
    from tandem.directory import services
    from tandem.directory.forms import OrganizationForm

    preview = Preview(total=len(rows))
    if len(rows) > MAX_ROWS:
        preview.errors.append((0, [_("The file has more than %(n)d rows.") % {"n": MAX_ROWS}]))
        return preview
    codes = {
        f"{a.code_system}:{a.code}".lower(): a.pk
        for a in DiseaseArea.objects.exclude(code="").only("id", "code_system", "code")
    }
    existing = Organization.objects.in_bulk(
        [int(r["id"]) for r in rows if r.get("id", "").isdigit()]
    )
    seen: dict[tuple[str, str], int] = {}
    seen_ids: dict[int, int] = {}
    for line, raw in enumerate(rows, start=2):
        row = {k: unescape_cell(v) for k, v in raw.items()}
        messages: list[str] = []
        instance = None
        if row.get("id"):
            instance = existing.get(int(row["id"])) if row["id"].isdigit() else None
            if instance is None:
                messages.append(_("id: no organization has the id %(id)s.") % {"id": row["id"]})
            elif instance.pk in seen_ids:
                # Each row's status change is checked against the status in the database.
                messages.append(
                    _("id: the same organization is already on line %(line)d.")
                    % {"line": seen_ids[instance.pk]}
                )
            else:
                seen_ids[instance.pk] = line
        area_ids = []
        for code in filter(
            None, (c.strip().lower() for c in row.get("disease_areas", "").split(";"))
        ):
            if code in codes:
                area_ids.append(codes[code])
            else:
                messages.append(_("disease_areas: unknown code %(code)s.") % {"code": code})
        data: dict[str, Any] = {
            name: row.get(name, "")
            for name in COLUMNS
            if name not in ("id", "status", "disease_areas")
        }
        data["is_public"] = row.get("is_public", "yes").lower() in ("yes", "oui", "1", "true", "")
        for name, default in (
            ("kind", "patient"),
            ("approval", "none"),
            ("partnership_status", "known_contact"),
        ):
            data[name] = data[name] or default
        # The form's validation writes the row's values on the instance: the name as it is now.
        name_now = instance.name if instance else ""
        data["email_visibility"] = instance.email_visibility if instance else "public"
        data["phone_visibility"] = instance.phone_visibility if instance else "signed_in"
        data["address_visibility"] = instance.address_visibility if instance else "public"
        form = OrganizationForm(data=data, instance=instance, officer=True)
        del form.fields["disease_area_ids"]
        del form.fields["agreement_document"]
        if not form.is_valid():
            for name, errors in form.errors.items():
                for error in errors:
                    label = name if name != "__all__" else _("row")
                    messages.append(f"{label}: {_strip_tags(str(error))}")
        status = row.get("status", "").lower()
        if instance is None:
            status = status or OrganizationStatus.ACTIVE
        if status and status not in OrganizationStatus.values:
            messages.append(_("status: choose pending, active or archived."))
        elif status:
            current = instance.status if instance else OrganizationStatus.PENDING
            if status != current:
                try:
                    services.check_organization_transition(current, status)
                except TransitionNotAllowed:
                    # In the file's words (pending, active, archived), like the message above.
                    allowed = [
                        s
                        for s in OrganizationStatus.values
                        if s in ORGANIZATION_TRANSITIONS[current]
                    ]
                    messages.append(
                        _(
                            "status: this organization is %(from)s and cannot become %(to)s (possible: %(allowed)s)."
                        )
                        % {"from": current, "to": status, "allowed": ", ".join(allowed) or "-"}
                    )
        for name in ("rna", "siren", "siret"):
            value = (
                form.cleaned_data.get(name)
                if form.is_bound and hasattr(form, "cleaned_data")
                else ""
            )
            if value:
                if (name, value) in seen:
                    messages.append(
                        _("%(field)s: the same number is already on line %(line)d.")
                        % {"field": name, "line": seen[(name, value)]}
                    )
                seen[(name, value)] = line
        if messages:
            preview.errors.append((line, messages))
            continue
        cleaned = {
            k: (v.isoformat() if hasattr(v, "isoformat") else v)
            for k, v in form.cleaned_data.items()
            if k in data
        }
        if instance is not None and status and status != instance.status:
            preview.status_changes.append(
                StatusChange(
                    line=line,
                    organization_id=instance.pk,
                    name=name_now,
                    old=instance.status,
                    new=status,
                )
            )
        preview.valid.append(
            {
                "line": line,
                "id": instance.pk if instance else None,
                "status": status,
                "fields": cleaned,
                "areas": area_ids,
            }
        )
    return preview


def _strip_tags(text: str) -> str:
    from django.utils.html import strip_tags

    return strip_tags(str(text))


def apply_import(valid_rows: list[dict[str, Any]], *, by: User) -> tuple[int, int]:
    """Write the rows a preview accepted, all or nothing. New organizations are created
    pending, as the lifecycle starts; then every status change goes through
    `services.transition_organizations`, the page's rules in one batch: checked again (a change
    no longer allowed because the directory changed since the preview raises
    TransitionNotAllowed and nothing is written), logged per organization by `by`, the admins
    of a validated organization told, the members' cached panels dropped. Logs
    `directory.import.applied`. Returns (created, updated)."""
    import datetime as dt

    from tandem.directory import services

    created = updated = 0
    changes: list[tuple[Organization, str]] = []
    with transaction.atomic():
        for row in valid_rows:
            fields = dict(row["fields"])
            for name in ("approval_end", "partnership_since", "agreement_start", "agreement_end"):
                if fields.get(name):
                    fields[name] = dt.date.fromisoformat(fields[name])
            areas = list(DiseaseArea.objects.filter(pk__in=row["areas"]))
            if row["id"]:
                organization = Organization.objects.get(pk=row["id"])
                services.update_organization(
                    organization, by=by, fields=fields, disease_areas=areas
                )
                updated += 1
            else:
                organization = Organization.objects.create(
                    status=OrganizationStatus.PENDING, **fields
                )
                organization.disease_areas.set(areas)
                services.refresh_search_text(organization)
                created += 1
            if row["status"] and row["status"] != organization.status:
                changes.append((organization, row["status"]))
        services.transition_organizations(changes, by=by, note="import")
        log_action(
            None, "directory.import.applied", by=by, data={"created": created, "updated": updated}
        )
    return created, updated
