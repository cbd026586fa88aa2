from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.checks import downloads, presenters, queries, services
from tandem.checks.forms import CheckForm, LexiconTermForm
from tandem.checks.models import MIN_WORDS_TO_JUDGE, CheckStatus, ClarityCheck, LexiconTerm
from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest


def _own_check(request: AuthenticatedHttpRequest, pk: int) -> ClarityCheck:
    # Someone else's check is "not found", not "forbidden": its existence is confidential too.
    return get_object_or_404(queries.checks_of(request.user), pk=pk)


def _reader_language() -> str:
    """The language the page is read in: the printed report's."""
    return (get_language() or "fr")[:2]


def _pdf_section(check: ClarityCheck) -> str:
    return f"{check.get_absolute_url()}#pdf"


def new_check(request: AuthenticatedHttpRequest) -> HttpResponse:
    previous = None
    if request.GET.get("previous", "").isdigit() or request.POST.get("previous", "").isdigit():
        previous = _own_check(request, int(request.GET.get("previous") or request.POST["previous"]))
    initial = {"language": "auto", "document_kind": "leaflet"}
    if previous is not None:
        initial.update(
            title=previous.title,
            document_kind=previous.document_kind,
            category=previous.category,
            language=previous.requested_language,
        )
    form = CheckForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            check = services.submit_check(
                request.user,
                title=data["title"],
                document_kind=data["document_kind"],
                language=data["language"],
                category=data["category"],
                text=data["text"],
                upload=data["file"],
                previous=previous,
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            return redirect(check)
    return render(
        request,
        "checks/new.html",
        {"form": form, "previous": previous},
        status=422 if request.method == "POST" else 200,
    )


def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    check = _own_check(request, pk)
    context: dict[str, object] = {"check": check, "min_words": MIN_WORDS_TO_JUDGE}
    if check.status == CheckStatus.DONE and check.report:
        try:
            asked = int(request.GET.get("part", "1"))
        except ValueError:
            asked = 1
        context.update(presenters.report_context(check, get_language(), part=asked))
        context["pdf"] = presenters.pdf_state(check, queries.pdf_of(check, _reader_language()))
    elif check.status == CheckStatus.FAILED:
        context["error"] = presenters.error_message(check)
    return render(request, "checks/report.html", context)


def status(request: AuthenticatedHttpRequest, pk: int) -> JsonResponse:
    """Where the analysis stands and, once it is done, the printed report in the reader's
    language (`pdf`: absent, pending, running, ready or failed): the page asks every few
    seconds while one of them is being made."""
    check = _own_check(request, pk)
    data: dict[str, object] = {
        "status": check.status,
        "label": check.get_status_display(),
        "finished": check.is_finished,
    }
    if check.status == CheckStatus.DONE:
        pdf = presenters.pdf_state(check, queries.pdf_of(check, _reader_language()))
        data["pdf"] = {"status": pdf.status, "label": pdf.label, "finished": not pdf.preparing}
    return JsonResponse(data)


def report_json(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    return _report_file(request, pk, "json")


def report_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """The PDF prepared in the reader's language; not prepared (or out of date): back to the
    report's page, where it is asked for."""
    check = _own_check(request, pk)
    try:
        return downloads.report_response(check, "pdf", language=_reader_language())
    except DomainError as exc:
        if exc.code != "not_prepared":
            return JsonResponse({"detail": str(exc)}, status=409)
        messages.info(request, str(exc))
        return redirect(_pdf_section(check))


@require_POST
def prepare_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """Ask for the report printed as a PDF in the reader's language (made by a background
    task); back to the report's page, which says where it stands, then offers the file."""
    check = _own_check(request, pk)
    try:
        services.request_check_pdf(check, language=_reader_language(), by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    # Back to the page's PDF section, whose status region says where it stands.
    return redirect(_pdf_section(check))


def _report_file(request: AuthenticatedHttpRequest, pk: int, extension: str) -> HttpResponse:
    check = _own_check(request, pk)
    try:
        return downloads.report_response(check, extension)
    except DomainError as exc:
        return JsonResponse({"detail": str(exc)}, status=409)


def history(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(queries.history_of(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "checks/history.html", {"page": page})


def compare(request: AuthenticatedHttpRequest, pk: int, other: int) -> HttpResponse:
    before, after = _own_check(request, other), _own_check(request, pk)
    if not (before.report and after.report):
        messages.error(request, _("Both checks must be ready to compare them."))
        return redirect(after)
    return render(
        request,
        "checks/compare.html",
        {
            "before": before,
            "after": after,
            "comparison": presenters.compare(before.report, after.report),
        },
    )


@require_POST
def delete(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    check = _own_check(request, pk)
    services.delete_check(check, by=request.user)
    messages.success(request, _("The check and its document are deleted."))
    return redirect("checks:history")


@permission_required("checks.curate_lexicon", raise_exception=True)
def lexicon(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = LexiconTermForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.add_lexicon_term(by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(exc.field, str(exc))
        else:
            messages.success(
                request, _("“%(term)s” is added to the lexicon.") % {"term": entry.term}
            )
            return redirect("checks:lexicon")
    language = request.GET.get("language", "")
    terms = queries.lexicon_terms()
    if language in ("fr", "en"):
        terms = terms.filter(language=language)
    page = Paginator(terms, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "checks/lexicon.html",
        {"form": form, "page": page, "language": language},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@permission_required("checks.curate_lexicon", raise_exception=True)
def retire_term(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    entry = get_object_or_404(LexiconTerm, pk=pk)
    services.retire_lexicon_term(entry, by=request.user)
    messages.success(request, _("“%(term)s” is no longer used.") % {"term": entry.term})
    return redirect("checks:lexicon")
