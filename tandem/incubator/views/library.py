"""The resource library (with versions) and the agreements generated from its templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.audit import log_action
from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.incubator import forms, queries, services
from tandem.incubator.models import Agreement, Resource
from tandem.incubator.views.common import file_response, form_errors, require, show


@login_not_required
def library(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.LibrarySearchForm(request.GET or None)
    resources = queries.resources_for(request.user)
    if form.is_valid():
        resources = queries.filter_resources(resources, **form.cleaned_data)
    page = Paginator(resources, 25).get_page(request.GET.get("page"))
    return render(request, "incubator/library.html", {"form": form, "page": page})


def _resource(request: AuthenticatedHttpRequest, pk: int) -> Resource:
    return get_object_or_404(queries.resources_for(request.user), pk=pk)


@login_not_required
def resource(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _resource(request, pk)
    manages = request.user.has_perm("incubator.manage_library")
    return render(
        request,
        "incubator/resource.html",
        {
            "resource": obj,
            "versions": queries.versions_of(obj),
            "manages": manages,
            "version_form": forms.VersionForm() if manages else None,
        },
    )


@login_not_required
def download(request: AuthenticatedHttpRequest, pk: int, number: int) -> FileResponse:
    obj = _resource(request, pk)
    version = get_object_or_404(obj.versions, number=number)
    log_action(
        obj,
        "incubator.resource.downloaded",
        by=request.user if request.user.is_authenticated else None,
        data={"version": number},
    )
    return file_response(version.file, name=version.original_filename, kind=version.file_kind)


def new_resource(request: AuthenticatedHttpRequest) -> HttpResponse:
    require(request, "incubator.manage_library")
    form = forms.ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            obj = services.add_resource(
                request.user,
                title=data["title"],
                summary=data["summary"],
                kind=data["kind"],
                language=data["language"],
                visibility=data["visibility"],
                upload=data["file"],
                file_kind=form.file_kind,
                change_note=data["change_note"],
            )
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(request, _("The resource is in the library."))
            return redirect(obj)
    return show(request, "incubator/resource_new.html", {"form": form})


def edit_resource(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _resource(request, pk)
    require(request, "incubator.manage_library")
    form = forms.ResourceEditForm(
        request.POST or None,
        initial={k: getattr(obj, k) for k in ("title", "summary", "language", "visibility")},
    )
    if request.method == "POST" and form.is_valid():
        services.update_resource(obj, by=request.user, **form.cleaned_data)
        messages.success(request, _("The resource is saved."))
        return redirect(obj)
    return show(request, "incubator/resource_edit.html", {"form": form, "resource": obj})


def new_version(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _resource(request, pk)
    require(request, "incubator.manage_library")
    form = forms.VersionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.add_resource_version(
                obj,
                upload=form.cleaned_data["file"],
                file_kind=form.file_kind,
                change_note=form.cleaned_data["change_note"],
                by=request.user,
            )
        except DomainError as exc:
            form.add_error("file", str(exc))
        else:
            messages.success(
                request,
                _("Version %(n)s is published: it is what people find now.")
                % {"n": version.number},
            )
            return redirect(obj)
    return show(request, "incubator/version_new.html", {"form": form, "resource": obj})


# --- Agreements ------------------------------------------------------------------------------


def generate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(queries.projects_of(request.user), pk=pk)
    require(request, "incubator.manage_projects")
    form = forms.GenerateForm(request.POST or None)
    missing: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            version = services.generate_agreement(
                project,
                template=form.cleaned_data["template"],
                language=form.cleaned_data["language"],
                by=request.user,
            )
        except services.MissingData as exc:
            missing = exc.missing
            form.add_error(None, str(exc))
        except DomainError as exc:
            form.add_error("template", str(exc))
        else:
            messages.success(
                request, _("The agreement is generated (version %(n)s).") % {"n": version.number}
            )
            return redirect(version.agreement)
    return show(
        request, "incubator/generate.html", {"form": form, "project": project, "missing": missing}
    )


def _agreement(request: AuthenticatedHttpRequest, pk: int) -> Agreement:
    agreement = get_object_or_404(
        Agreement.objects.filter(project__in=queries.projects_of(request.user)).select_related(
            "project", "template"
        ),
        pk=pk,
    )
    if not queries.takes_part(request.user, agreement.project):
        raise PermissionDenied
    return agreement


def agreement(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _agreement(request, pk)
    manages = request.user.has_perm("incubator.manage_projects")
    return render(
        request,
        "incubator/agreement.html",
        {
            "agreement": obj,
            "versions": obj.versions.select_related("created_by", "template_version"),
            "signatures": obj.signatures.all(),
            "manages": manages,
            "signature_form": forms.SignatureForm() if manages else None,
            "copy_form": forms.SignedCopyForm() if manages else None,
        },
    )


def agreement_download(request: AuthenticatedHttpRequest, pk: int, number: int) -> FileResponse:
    obj = _agreement(request, pk)
    version = get_object_or_404(obj.versions, number=number)
    log_action(obj, "incubator.agreement.downloaded", by=request.user, data={"version": number})
    return file_response(version.file, name=_("agreement-%(n)s.docx") % {"n": number}, kind="docx")


def signed_copy(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    obj = _agreement(request, pk)
    if not obj.signed_copy:
        from django.http import Http404

        raise Http404
    return file_response(obj.signed_copy, name=obj.signed_copy_name, kind="pdf")


@require_POST
def add_signature(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _agreement(request, pk)
    require(request, "incubator.manage_projects")
    form = forms.SignatureForm(request.POST)
    if form.is_valid():
        try:
            services.record_signature(obj, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The signature is recorded."))
    else:
        messages.error(request, _("Give the party, who signed and when."))
    return redirect(obj)


@require_POST
def store_copy(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    obj = _agreement(request, pk)
    require(request, "incubator.manage_projects")
    form = forms.SignedCopyForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.store_signed_copy(obj, upload=form.cleaned_data["file"], by=request.user)
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("The signed copy is stored."))
    else:
        messages.error(request, form_errors(form))
    return redirect(obj)
