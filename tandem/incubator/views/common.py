from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, HttpResponse
from django.shortcuts import render

from tandem.core.types import AuthenticatedHttpRequest
from tandem.core.uploads import content_type_of, download_name


def require(request: AuthenticatedHttpRequest, perm: str) -> None:
    if not request.user.has_perm(perm):
        raise PermissionDenied


def file_response(file: FieldFile, *, name: str, kind: str) -> FileResponse:
    """A stored file as an attachment, served as the type its content was checked to be."""
    response = FileResponse(
        file.open("rb"),
        as_attachment=True,
        filename=download_name(name, kind),
        content_type=content_type_of(kind),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def show(
    request: AuthenticatedHttpRequest, template: str, context: dict[str, object]
) -> HttpResponse:
    """A page; a posted form shown again answers 422."""
    return render(request, template, context, status=422 if request.method == "POST" else 200)


def form_errors(form: forms.BaseForm) -> str:
    """A small form's errors in one sentence, for a message after a redirect."""
    return " ".join(str(e) for errors in form.errors.values() for e in errors)
