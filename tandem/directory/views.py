"""Pages of the directory: fetch and authorise, validate, call one service, respond."""

from __future__ import annotations

import secrets
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.exceptions import PermissionDenied
from django.db.models import Model
from django.forms import ModelForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST

from tandem.core.audit import history_of
from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.directory import (
    forms,
    health,
    invitations,
    matching,
    queries,
    reference_data,
    search,
    services,
    transfer,
)
from tandem.directory.errors import DuplicateOrganization
from tandem.directory.models import (
    Approval,
    DiseaseArea,
    Institute,
    Organization,
    OrganizationKind,
    OrganizationMembership,
    OrganizationStatus,
    Region,
    RegionalOffice,
    ResearcherProfile,
    ResearchUnit,
    Visibility,
)

PER_PAGE = 20


def _status(request: HttpRequest) -> int:
    return 422 if request.method == "POST" else 200


def _query_string(request: HttpRequest) -> str:
    return urlencode([(k, str(v)) for k, v in request.GET.items() if k != "page" and v])


def _rows(page: Any) -> list[dict[str, Any]]:
    """The list's rows as plain values for directory/_results.html: the display labels are
    looked up once here rather than through model methods for each row, and the plain-text
    line under the name ("Patient organization · Rennes, Brittany") is joined here, so that the
    template writes each row with a handful of nodes (it is a third of a search's rendering)."""
    kinds, regions, approvals, statuses = (
        {code: str(label) for code, label in choices.choices}
        for choices in (OrganizationKind, Region, Approval, OrganizationStatus)
    )
    rows: list[search.ListRow] = page.object_list
    return [
        {
            "url": reverse("directory:organization", args=[org.pk]),
            "name": org.name,
            "acronym": org.acronym,
            "details": " · ".join(
                part
                for part in (
                    kinds.get(org.kind, ""),
                    ", ".join(p for p in (org.city, regions.get(org.region, "")) if p),
                )
                if part
            ),
            "tags": [
                label
                for label in (
                    approvals[org.approval] if org.approval != Approval.NONE else "",
                    statuses[org.status] if org.status != OrganizationStatus.ACTIVE else "",
                )
                if label
            ],
            "areas": org.areas,
        }
        for org in rows
    ]


def _results_title(count: int) -> str:
    """ "92,168 organizations" ("92 168 organisations"): the number grouped as the language
    writes it."""
    return ngettext("%(n)s organization", "%(n)s organizations", count) % {
        "n": number_format(count, 0, force_grouping=True)
    }


@login_not_required
def directory(request: HttpRequest) -> HttpResponse:
    """The public directory: search box, filters, one page of organizations."""
    user = request.user if request.user.is_authenticated else None
    is_staff = bool(user and user.has_perm("directory.validate_organizations"))
    form = forms.SearchForm(request.GET or None, show_status=is_staff)
    results = search.search_organizations(
        form.query if form.is_bound else "",
        form.filters() if form.is_bound else None,
        visible_to=user,
    )
    page = search.RankedPaginator(results.rows(), PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "directory/directory.html",
        {
            "form": form,
            "page": page,
            "rows": _rows(page),
            "results_title": _results_title(page.paginator.count),
            "extra_query": _query_string(request),
            "searched": form.is_bound,
        },
    )


def _visible_contact(
    organization: Organization, user: Any, can_see_private: bool
) -> dict[str, str]:
    def allowed(visibility: str) -> bool:
        if visibility == Visibility.PUBLIC:
            return True
        if visibility == Visibility.SIGNED_IN:
            return bool(user and user.is_authenticated)
        return can_see_private

    return {
        "email": organization.email if allowed(organization.email_visibility) else "",
        "phone": organization.phone if allowed(organization.phone_visibility) else "",
        "address": organization.address if allowed(organization.address_visibility) else "",
    }


@login_not_required
def organization(request: HttpRequest, pk: int) -> HttpResponse:
    user = request.user if request.user.is_authenticated else None
    try:
        org = queries.organization_page(pk, visible_to=user)
    except Organization.DoesNotExist:
        raise Http404 from None
    can_see_private = bool(user and user.has_perm("directory.view_member_contacts", org))
    can_edit = bool(user and user.has_perm("directory.change_organization", org))
    is_staff = bool(user and user.has_perm("directory.validate_organizations"))
    return render(
        request,
        "directory/organization.html",
        {
            "org": org,
            "contact": _visible_contact(org, user, can_see_private),
            "show_members": can_see_private,
            "can_edit": can_edit,
            "is_staff": is_staff,
            "can_see_units": bool(user and user.has_perm("directory.view_matching_units", org)),
            "history": history_of(org)[:20] if is_staff else None,
        },
    )


def _duplicate_error(form: forms.OrganizationForm, exc: DuplicateOrganization) -> None:
    form.add_error(
        exc.field,
        render_to_string(
            "directory/_duplicate_error.html",
            {"message": str(exc), "url": exc.existing.get_absolute_url(), "link": _("See it")},
        ),
    )


@permission_required("directory.register_organization", raise_exception=True)
def register(request: AuthenticatedHttpRequest) -> HttpResponse:
    officer = request.user.has_perm("directory.validate_organizations")
    form = forms.OrganizationForm(request.POST or None, request.FILES or None, officer=officer)
    if request.method == "POST" and form.is_valid():
        try:
            org = services.register_organization(
                by=request.user,
                fields=form.profile_fields(),
                disease_areas=form.disease_areas(),
            )
        except DuplicateOrganization as exc:
            _duplicate_error(form, exc)
        else:
            messages.success(
                request,
                _("Thank you. %(name)s is registered and waits for an officer to validate it.")
                % {"name": org.name},
            )
            return redirect(org)
    return render(
        request,
        "directory/organization_form.html",
        {"form": form, "org": None},
        status=_status(request),
    )


def _editable(request: AuthenticatedHttpRequest, pk: int) -> Organization:
    org = get_object_or_404(queries.organizations_editable_by(request.user), pk=pk)
    if not request.user.has_perm("directory.change_organization", org):
        raise PermissionDenied
    return org


def edit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    org = _editable(request, pk)
    officer = request.user.has_perm("directory.validate_organizations")
    form = forms.OrganizationForm(
        request.POST or None, request.FILES or None, instance=org, officer=officer
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_organization(
                org,
                by=request.user,
                fields=form.profile_fields(),
                disease_areas=form.disease_areas(),
            )
        except DuplicateOrganization as exc:
            _duplicate_error(form, exc)
        else:
            messages.success(request, _("The profile of %(name)s is saved.") % {"name": org.name})
            return redirect(org)
    return render(
        request,
        "directory/organization_form.html",
        {"form": form, "org": org},
        status=_status(request),
    )


def members(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    org = _editable(request, pk)
    form = forms.AddMemberForm(request.POST or None, initial={"language": request.LANGUAGE_CODE})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            added = services.add_or_invite_member(
                org,
                email=data["email"],
                role=data["role"],
                by=request.user,
                language=data["language"],
            )
        except DomainError as exc:
            form.add_error("email", str(exc))
        else:
            if isinstance(added, OrganizationMembership):
                message = _("%(name)s is now a member of the organization.") % {
                    "name": str(added.user)
                }
            else:
                message = _(
                    "An invitation was sent to %(email)s: the person becomes a member when "
                    "they accept it."
                ) % {"email": added.email}
            messages.success(request, message)
            return redirect("directory:members", pk=org.pk)
    memberships = org.memberships.select_related("user").order_by("role", "user__last_name")
    return render(
        request,
        "directory/members.html",
        {
            "org": org,
            "form": form,
            "memberships": memberships,
            "invitations": invitations.pending_invitations(org),
        },
        status=_status(request),
    )


@require_POST
def remove_member(request: AuthenticatedHttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    org = _editable(request, pk)
    membership = get_object_or_404(
        OrganizationMembership.objects.select_related("user", "organization"),
        pk=membership_pk,
        organization=org,
    )
    try:
        services.remove_member(membership, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("%(name)s is no longer a member.") % {"name": str(membership.user)}
        )
    return redirect("directory:members", pk=org.pk)


def my_organizations(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "directory/my_organizations.html",
        {
            "memberships": queries.organizations_of(request.user),
            "can_register": request.user.has_perm("directory.register_organization"),
        },
    )


def research_for_organization(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The research units and researchers who work on an organization's disease areas."""
    org = get_object_or_404(queries.organizations_visible_to(request.user), pk=pk)
    if not request.user.has_perm("directory.view_matching_units", org):
        raise PermissionDenied
    return render(
        request,
        "directory/research_for_organization.html",
        {
            "org": org,
            "units": matching.match_units(org),
            "researchers": matching.match_researchers(org, limit=10),
            "areas": list(org.disease_areas.all()),
        },
    )


@permission_required("directory.validate_organizations", raise_exception=True)
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    pending = queries.with_list_relations(queries.pending_organizations()).prefetch_related(
        "memberships__user"
    )
    return render(
        request,
        "directory/queue.html",
        {"pending": pending, "counts": queries.count_by_status()},
    )


TRANSITION_MESSAGES = {
    OrganizationStatus.ACTIVE: _("%(name)s is active: it is in the directory."),
    OrganizationStatus.ARCHIVED: _("%(name)s is archived."),
}


@require_POST
@permission_required("directory.validate_organizations", raise_exception=True)
def change_status(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    org = get_object_or_404(Organization, pk=pk)
    to = request.POST.get("to", "")
    try:
        org = services.transition_organization(org, to=to, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, str(TRANSITION_MESSAGES[OrganizationStatus(to)]) % {"name": org.name}
        )
    return redirect((request.POST.get("next") == "queue" and "directory:queue") or org)


@permission_required("directory.validate_organizations", raise_exception=True)
def merge(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    duplicate = get_object_or_404(Organization, pk=pk)
    form = forms.MergeForm(request.POST or None, duplicate=duplicate)
    if request.method == "POST" and form.is_valid():
        try:
            into = services.merge_organizations(
                duplicate, into=form.cleaned_data["into"], by=request.user
            )
        except DomainError as exc:
            form.add_error("into", str(exc))
        else:
            messages.success(
                request,
                _("%(duplicate)s is merged into %(into)s.")
                % {"duplicate": duplicate.name, "into": into.name},
            )
            return redirect(into)
    return render(
        request, "directory/merge.html", {"org": duplicate, "form": form}, status=_status(request)
    )


@permission_required("directory.edit_researcher_profile", raise_exception=True)
def researcher_profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = ResearcherProfile.objects.filter(user=request.user).first()
    form = forms.ResearcherProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.save_researcher_profile(
            request.user,
            by=request.user,
            unit=form.cleaned_data["unit"],
            keywords=form.cleaned_data["keywords"],
            orcid=form.cleaned_data["orcid"],
            disease_areas=form.disease_areas(),
            contact_email=form.cleaned_data["contact_email"],
        )
        messages.success(request, _("Your researcher profile is saved."))
        return redirect("directory:find_partners")
    return render(
        request, "directory/researcher_profile.html", {"form": form}, status=_status(request)
    )


@permission_required("directory.find_partners", raise_exception=True)
def find_partners(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = (
        ResearcherProfile.objects.filter(user=request.user)
        .select_related("unit__regional_office")
        .first()
    )
    initial: dict[str, Any] = {}
    if profile is not None:
        initial = {
            "text": profile.keywords,
            "disease_area_ids": list(profile.disease_areas.values_list("pk", flat=True)),
            "region": profile.unit.region if profile.unit else "",
        }
    form = forms.TopicForm(request.GET or None, initial=initial)
    results = None
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        results = matching.match_organizations(
            matching.Topic(
                text=data["text"],
                disease_area_ids=tuple(data["disease_area_ids"]),
                region=data["region"],
                unit_id=profile.unit_id if profile else None,
            )
        )
    return render(
        request,
        "directory/find_partners.html",
        {"form": form, "results": results, "profile": profile},
    )


@login_not_required
def unit(request: HttpRequest, pk: int) -> HttpResponse:
    """A research unit's page is public (the home page promises units): its name, city,
    regional office, institutes and its partnerships with listed organizations. People (its
    director, its researchers) only for those who may see researchers."""
    obj = get_object_or_404(queries.units_visible_to(request.user), pk=pk)
    can_see_people = request.user.has_perm("directory.view_researchers")
    partnerships = obj.partnerships.select_related("organization")
    if not can_see_people:
        partnerships = partnerships.filter(organization__in=queries.listed_organizations())
    return render(
        request,
        "directory/unit.html",
        {
            "unit": obj,
            "can_see_people": can_see_people,
            "researchers": queries.researchers_visible_to(request.user).filter(unit=obj),
            "partnerships": partnerships,
        },
    )


# --- Reference data (officers) -------------------------------------------------------------

REFERENCE: dict[str, tuple[type[Model], type[ModelForm], Any]] = {
    "disease-areas": (DiseaseArea, forms.DiseaseAreaForm, "disease areas"),
    "institutes": (Institute, forms.InstituteForm, "theme-based institutes"),
    "offices": (RegionalOffice, forms.RegionalOfficeForm, "regional offices"),
    "units": (ResearchUnit, forms.ResearchUnitForm, "research units"),
}


@permission_required("directory.manage_reference_data", raise_exception=True)
def reference(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(
        request,
        "directory/reference.html",
        {
            "areas": queries.disease_area_tree(),
            "institutes": Institute.objects.all(),
            "offices": RegionalOffice.objects.all(),
            "units": ResearchUnit.objects.select_related("regional_office"),
        },
    )


@permission_required("directory.manage_reference_data", raise_exception=True)
def reference_edit(
    request: AuthenticatedHttpRequest, kind: str, pk: int | None = None
) -> HttpResponse:
    if kind not in REFERENCE:
        raise Http404
    model, form_class, _label = REFERENCE[kind]
    instance = get_object_or_404(model, pk=pk) if pk else None
    form = form_class(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            if isinstance(form, forms.ReferenceForm):
                obj = reference_data.save_reference(
                    form._meta.model, pk, by=request.user, **form.changes()
                )
            else:
                assert isinstance(form, forms.DiseaseAreaForm)
                obj = reference_data.save_disease_area(pk, by=request.user, **form.changes())
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("“%(name)s” is saved.") % {"name": str(obj)})
            return redirect("directory:reference")
    return render(
        request,
        "directory/reference_form.html",
        {"form": form, "instance": instance, "verbose_name": model._meta.verbose_name},
        status=_status(request),
    )


# --- Import and export (officers) ----------------------------------------------------------


@permission_required("directory.import_export", raise_exception=True)
def export(request: AuthenticatedHttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("csv", "xlsx"):
        raise Http404
    return transfer.export_response(fmt)


SESSION_KEY = "directory_import"


@permission_required("directory.import_export", raise_exception=True)
def import_organizations(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Step 1: upload, then see the dry run. Step 2 (`confirm`): write what was previewed."""
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    preview = None
    token = ""
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = transfer.read_rows(upload.read(), form.kind)
        except Exception:
            form.add_error(
                "file",
                _("This file could not be read. Export the directory to see the expected columns."),
            )
        else:
            preview = transfer.preview_import(rows)
            if preview.ok:
                token = secrets.token_urlsafe(16)
                request.session[SESSION_KEY] = {"token": token, "rows": preview.valid}
    return render(
        request,
        "directory/import.html",
        {"form": form, "preview": preview, "token": token},
        status=422 if request.method == "POST" and (preview is None or not preview.ok) else 200,
    )


@require_POST
@permission_required("directory.import_export", raise_exception=True)
def confirm_import(request: AuthenticatedHttpRequest) -> HttpResponse:
    stored = request.session.get(SESSION_KEY)
    if not stored or not secrets.compare_digest(
        stored.get("token", ""), request.POST.get("token", "")
    ):
        messages.error(request, _("This import preview has expired. Upload the file again."))
        return redirect("directory:import")
    try:
        created, updated = transfer.apply_import(stored["rows"], by=request.user)
    except Exception:
        messages.error(
            request,
            _(
                "Nothing was imported: the directory changed since the preview. Upload the file again."
            ),
        )
        return redirect("directory:import")
    finally:
        request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("Import done: %(created)d created, %(updated)d updated.")
        % {"created": created, "updated": updated},
    )
    return redirect("directory:directory")


# --- A person's own health information (theirs alone) ----------------------------------------


@never_cache  # health data: not kept by the browser's or any shared cache
def health_information(request: AuthenticatedHttpRequest) -> HttpResponse:
    """See, add and remove the disease areas one lives with (or cares for someone with)."""
    info = health.health_information_of(request.user, viewer=request.user)
    # Unticking every area posts no field at all: the form is bound whenever it was sent.
    data = request.POST if request.method == "POST" else None
    form = forms.HealthInformationForm(data, information=info)
    if request.method == "POST" and form.is_valid():
        try:
            saved = health.save_health_information(
                request.user,
                by=request.user,
                conditions=form.conditions(),
                consent=form.consent_given(),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Your health information is saved.")
                if saved
                else _("Your health information is deleted."),
            )
            return redirect("directory:health")
    return render(
        request,
        "directory/health_information.html",
        {"form": form, "info": info},
        status=_status(request),
    )


@require_http_methods(["GET", "POST"])
@never_cache  # health data: not kept by the browser's or any shared cache
def delete_health_information(request: AuthenticatedHttpRequest) -> HttpResponse:
    """Withdraw consent, in two steps that need no JavaScript: GET shows what will be deleted
    and asks to confirm, POST deletes it (not hidden). Each person reaches only their own."""
    if request.method == "POST":
        if health.delete_health_information(request.user, by=request.user):
            messages.success(request, _("Your health information is deleted."))
        return redirect("directory:health")
    info = health.health_information_of(request.user, viewer=request.user)
    if info is None:
        return redirect("directory:health")  # nothing stored: nothing to confirm
    return render(request, "directory/delete_health_information.html", {"info": info})
