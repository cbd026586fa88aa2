"""Pages of the College: thin views that fetch and authorise with `queries`, validate with a
form, call one service and respond. Objects a person may not see are "not found"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.accounts.models import User
from tandem.core.audit import history_of, log_action
from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.core.uploads import content_type_of, download_name
from tandem.reviews import documents, forms, metrics, presenters, queries, services
from tandem.reviews.models import (
    CRITERIA,
    OPEN_STATES,
    AnchoredComment,
    Assignment,
    AssignmentState,
    ConsolidatedReport,
    Document,
    DocumentKind,
    DocumentVersion,
    ReportStatus,
    RequestStatus,
    ReviewerProfile,
    ReviewerStatus,
    ReviewRequest,
)


def _request(request: AuthenticatedHttpRequest, pk: int) -> ReviewRequest:
    return get_object_or_404(queries.requests_visible_to(request.user), pk=pk)


def _own_request(request: AuthenticatedHttpRequest, pk: int) -> ReviewRequest:
    """A request the person submitted or is a delegate of (others: not found)."""
    return get_object_or_404(queries.requests_of(request.user), pk=pk)


def _coordinated(request: AuthenticatedHttpRequest, pk: int) -> ReviewRequest:
    if not request.user.has_perm("reviews.coordinate"):
        raise Http404
    return _request(request, pk)


def _assignment(request: AuthenticatedHttpRequest, pk: int) -> Assignment:
    return get_object_or_404(queries.assignments_of(request.user), pk=pk)


def _fail(request: AuthenticatedHttpRequest, exc: DomainError, to: str) -> HttpResponse:
    messages.error(request, str(exc))
    return redirect(to)


# --- Researcher ------------------------------------------------------------------------------


def my_requests(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(queries.requests_of(request.user), 20).get_page(request.GET.get("page"))
    return render(request, "reviews/my_requests.html", {"page": page})


@permission_required("reviews.submit_request", raise_exception=True)
def new_request(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.RequestForm(
        request.POST or None,
        request.FILES or None,
        initial={"reviewers_wanted": 3, "language": request.user.language},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            made = services.create_request(
                by=request.user,
                title=data["title"],
                acronym=data["acronym"],
                category=data["category"],
                language=data["language"],
                disease_areas=data["disease_areas"],
                sponsor_reference=data["sponsor_reference"],
                planned_submission_on=data["planned_submission_on"],
                organizations=data["organizations"],
                delegates=data["delegates"],
                reviewers_wanted=data["reviewers_wanted"],
                documents={k: data[k] for k in DocumentKind.values if data.get(k)},
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _(
                    "Your request is saved as a draft. Read the analyzer's reports, then send it to the College."
                ),
            )
            return redirect(made)
    return render(
        request,
        "reviews/new_request.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


def request_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = _request(request, pk)
    user = request.user
    is_author = queries.can_act_for(user, review_request)
    is_coordinator = user.has_perm("reviews.coordinate")
    documents_ = list(queries.documents_of(review_request))
    present = {d.kind for d in documents_}
    context: dict[str, Any] = {
        "req": review_request,
        "steps": presenters.steps(review_request.status),
        "documents": documents_,
        "missing_kinds": [k for k in DocumentKind if k not in present],
        "versions": list(queries.versions_of(review_request)),
        "is_author": is_author,
        "is_coordinator": is_coordinator,
        "rounds": list(review_request.rounds.all()),
    }
    if is_author and review_request.status in services.EDITABLE_STATUSES:
        context["upload_form"] = forms.UploadForm()
    if is_coordinator and review_request.status in (
        RequestStatus.SUBMITTED,
        RequestStatus.MISSING_DOCUMENTS,
    ):
        context["triage_form"] = forms.TriageForm()
    current = review_request.current_round
    if current is not None:
        seats = list(queries.round_assignments(current))
        context["assignments"] = (
            seats if is_coordinator else [a for a in seats if a.reviewer_id == user.pk]
        )
        context["my_assignment"] = next(
            (a for a in seats if a.reviewer_id == user.pk and a.state != AssignmentState.PROPOSED),
            None,
        )
    sent = (
        ConsolidatedReport.objects.filter(round__request=review_request, status=ReportStatus.SENT)
        .select_related("round")
        .order_by("-round__number")
    )
    if is_author or is_coordinator:
        context["reports"] = list(sent)
    if is_author and review_request.status in (RequestStatus.REPORT_SENT, RequestStatus.REVISION):
        context["comments"] = list(queries.comments_for_researcher(review_request))
        context["answer_form"] = forms.AnswerForm()
    if is_coordinator:
        context["history"] = history_of(review_request)[:30]
        if review_request.status == RequestStatus.REVISION:
            context["round_form"] = forms.NewRoundForm()
        if review_request.status in (RequestStatus.REPORT_SENT, RequestStatus.REVISION):
            context["close_form"] = forms.CloseForm()
    return render(request, "reviews/request_detail.html", context)


@require_POST
def upload(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = _own_request(request, pk)
    form = forms.UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        for error in form.errors.get("file", []) + form.errors.get("kind", []):
            messages.error(request, str(error))
        return redirect(review_request)
    try:
        services.add_document_version(
            review_request,
            kind=form.cleaned_data["kind"],
            upload=form.cleaned_data["file"],
            by=request.user,
        )
    except DomainError as exc:
        return _fail(request, exc, review_request.get_absolute_url())
    messages.success(
        request, _("The document is uploaded. Its analysis appears below in a moment.")
    )
    return redirect(review_request)


@require_POST
def submit(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = _own_request(request, pk)
    try:
        services.submit_request(review_request, by=request.user)
    except DomainError as exc:
        return _fail(request, exc, review_request.get_absolute_url())
    messages.success(
        request, _("Your request is sent to the College. The coordinator will answer soon.")
    )
    return redirect(review_request)


def version_report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(queries.versions_visible_to(request.user), pk=pk)
    context: dict[str, Any] = {"version": version, "req": version.document.request}
    if version.report:
        context.update(
            report=version.report,
            chunks=presenters.marked_text(version.report),
            findings=presenters.numbered_findings(version.report),
        )
    return render(request, "reviews/version.html", context)


def download(request: AuthenticatedHttpRequest, pk: int) -> FileResponse:
    version = get_object_or_404(queries.versions_visible_to(request.user), pk=pk)
    log_action(
        version.document.request,
        "reviews.document.downloaded",
        by=request.user,
        data={"version": version.pk, "kind": version.document.kind},
    )
    # Served as the type its content was checked to be, never one guessed from its name, and
    # always as an attachment: the browser neither sniffs nor renders it.
    response = FileResponse(
        version.file.open("rb"),
        as_attachment=True,
        filename=download_name(version.original_filename, version.file_type),
        content_type=content_type_of(version.file_type),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def compare(request: AuthenticatedHttpRequest, pk: int, kind: str) -> HttpResponse:
    review_request = _request(request, pk)
    document = get_object_or_404(Document, request=review_request, kind=kind)
    versions = list(document.versions.order_by("-number")[:2])
    if len(versions) < 2:
        messages.info(request, _("There is only one version of this document."))
        return redirect(review_request)
    after, before = versions
    comments = list(queries.submitted_comments_visible_to(request.user, before))
    return render(
        request,
        "reviews/compare.html",
        {
            "req": review_request,
            "document": document,
            "before": before,
            "after": after,
            "pieces": presenters.diff(before.text, after.text),
            "comparison": presenters.compare(before.report, after.report)
            if before.report and after.report
            else None,
            "comments": comments,
        },
    )


@require_POST
def answer(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    comment = get_object_or_404(
        AnchoredComment.objects.select_related("version__document__request"),
        pk=pk,
        version__document__request__in=queries.requests_of(request.user).values("pk"),
    )
    review_request = comment.version.document.request
    form = forms.AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an answer."))
        return redirect(review_request)
    try:
        services.answer_comment(
            comment,
            by=request.user,
            accepted=form.cleaned_data["answer"] == "accepted",
            reason=form.cleaned_data["reason"],
        )
    except DomainError as exc:
        return _fail(request, exc, review_request.get_absolute_url())
    messages.success(request, _("Your answer is saved."))
    return redirect(f"{review_request.get_absolute_url()}#comment-{comment.pk}")


def report(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request, the_report = _sent_report(request, pk)
    return render(
        request,
        "reviews/report.html",
        {
            "req": review_request,
            "report": the_report,
            "sections": documents.report_sections(the_report),
        },
    )


def _sent_report(
    request: AuthenticatedHttpRequest, pk: int
) -> tuple[ReviewRequest, ConsolidatedReport]:
    review_request = _request(request, pk)
    if not (
        queries.can_act_for(request.user, review_request)
        or request.user.has_perm("reviews.coordinate")
    ):
        raise Http404
    number = request.GET.get("round", "")
    reports = ConsolidatedReport.objects.filter(
        round__request=review_request, status=ReportStatus.SENT
    ).select_related("round__request")
    if number.isdigit():
        reports = reports.filter(round__number=int(number))
    the_report = reports.order_by("-round__number").first()
    if the_report is None:
        raise Http404
    return review_request, the_report


def report_docx(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request, the_report = _sent_report(request, pk)
    log_action(
        review_request, "reviews.report.downloaded", by=request.user, data={"format": "docx"}
    )
    return documents.report_response(the_report, "docx")


def report_pdf(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request, the_report = _sent_report(request, pk)
    log_action(review_request, "reviews.report.downloaded", by=request.user, data={"format": "pdf"})
    return documents.report_response(the_report, "pdf")


# --- Coordinator -----------------------------------------------------------------------------


@permission_required("reviews.coordinate", raise_exception=True)
def triage_queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    requests_ = queries.triage_queue()
    if status in RequestStatus.values:
        requests_ = requests_.filter(status=status)
    page = Paginator(requests_, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/queue.html",
        {
            "page": page,
            "status": status,
            "statuses": RequestStatus.choices,
            "extra_query": f"status={status}" if status else "",
        },
    )


@require_POST
def triage(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = _coordinated(request, pk)
    form = forms.TriageForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a decision."))
        return redirect(review_request)
    decision, note = form.cleaned_data["decision"], form.cleaned_data["note"]
    try:
        if decision == "accept":
            services.accept_request(review_request, by=request.user)
            messages.success(request, _("Accepted. Now choose the reviewers."))
            return redirect("reviews:assign", pk=review_request.pk)
        if decision == "missing":
            services.ask_for_documents(review_request, by=request.user, note=note)
        else:
            services.decline_request(review_request, by=request.user, reason=note)
    except DomainError as exc:
        return _fail(request, exc, review_request.get_absolute_url())
    messages.success(request, _("The researcher is told."))
    return redirect(review_request)


def assign(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = _coordinated(request, pk)
    pool = list(queries.reviewer_pool().filter(status=ReviewerStatus.ACTIVE))
    choices = [(p.user_id, str(p.user)) for p in pool]
    form = forms.AssignForm(request.POST or None, candidates=choices)
    if request.method == "POST" and form.is_valid():
        people = {
            u.pk: u
            for u in User.objects.filter(
                pk__in=[*form.cleaned_data["reviewers"], *form.cleaned_data["alternates"]]
            )
        }
        try:
            services.assign_reviewers(
                review_request,
                by=request.user,
                reviewers=[people[i] for i in form.cleaned_data["reviewers"]],
                alternates=[people[i] for i in form.cleaned_data["alternates"]],
                deadline=form.cleaned_data["deadline"],
                reasons=_reasons(review_request),
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The reviewers are invited."))
            return redirect(review_request)
    result = services.suggest_reviewers(
        review_request, deadline=form.initial.get("deadline") if not form.is_bound else None
    )
    suggestion = [
        {"choice": c, "why": presenters.explain(c, review_request.language)} for c in result.chosen
    ]
    alternates = [
        {"choice": c, "why": presenters.explain(c, review_request.language)}
        for c in result.alternates
    ]
    if not form.is_bound:
        form.initial["reviewers"] = [c.candidate.id for c in result.chosen]
        form.initial["alternates"] = [c.candidate.id for c in result.alternates]
    seats = (
        list(queries.round_assignments(review_request.current_round))
        if review_request.current_round
        else []
    )
    return render(
        request,
        "reviews/assign.html",
        {
            "req": review_request,
            "form": form,
            "suggestion": suggestion,
            "alternates": alternates,
            "shortfall": presenters.shortfall(result, len(pool)),
            "blocked": [
                (presenters.blocker_count(code, n)) for code, n in sorted(result.blocked.items())
            ],
            "seats": seats,
            "open_states": OPEN_STATES,
        },
        status=422 if request.method == "POST" else 200,
    )


def _reasons(review_request: ReviewRequest) -> dict[int, str]:
    """Why each suggested person was proposed, kept on the assignment."""
    result = services.suggest_reviewers(review_request)
    return {
        c.candidate.id: presenters.explain(c, review_request.language)
        for c in [*result.chosen, *result.alternates]
    }


@require_POST
def dismiss(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    if not request.user.has_perm("reviews.coordinate"):
        raise Http404
    assignment = get_object_or_404(Assignment.objects.select_related("round__request"), pk=pk)
    try:
        services.dismiss_assignment(assignment, by=request.user)
    except DomainError as exc:
        return _fail(request, exc, assignment.round.request.get_absolute_url())
    messages.success(
        request, _("The reviewer is withdrawn; the first alternate, if any, is invited.")
    )
    return redirect("reviews:assign", pk=assignment.round.request_id)


def consolidate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = _coordinated(request, pk)
    if request.method == "POST" and review_request.status == RequestStatus.IN_REVIEW:
        try:
            services.start_consolidation(
                review_request, by=request.user, force=bool(request.POST.get("force"))
            )
        except DomainError as exc:
            return _fail(request, exc, review_request.get_absolute_url())
        messages.success(request, _("A first draft of the report is ready: edit it, then send it."))
        return redirect("reviews:consolidate", pk=review_request.pk)
    current = review_request.current_round
    the_report = ConsolidatedReport.objects.filter(round=current).first() if current else None
    if the_report is None or review_request.status != RequestStatus.CONSOLIDATING:
        messages.info(request, _("There is no report to edit at this stage."))
        return redirect(review_request)
    initial = {"summary": the_report.summary, "burden_text": the_report.burden_text}
    initial.update({f"{c}_text": the_report.text(c) for c in CRITERIA})
    form = forms.ReportForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_report(
                the_report,
                by=request.user,
                values={k: str(v) for k, v in form.cleaned_data.items()},
            )
            if "send" in request.POST:
                services.send_report(the_report, by=request.user)
                messages.success(request, _("The report is sent to the researcher."))
                return redirect(review_request)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("reviews:consolidate", pk=review_request.pk)
    assert current is not None
    reviews = list(queries.round_assignments(current).filter(state=AssignmentState.SUBMITTED))
    return render(
        request,
        "reviews/consolidate.html",
        {
            "req": review_request,
            "report": the_report,
            "form": form,
            "reviews": reviews,
            "criteria": [
                {
                    "label": c.label,
                    "field": form[f"{c}_text"],
                    "score": the_report.scores.get(str(c), {}),
                    "reviews": [(a, a.review.score(c), a.review.comment(c)) for a in reviews],
                }
                for c in CRITERIA
            ],
        },
    )


@require_POST
def new_round(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = _coordinated(request, pk)
    form = forms.NewRoundForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give a valid deadline."))
        return redirect(review_request)
    try:
        services.open_new_round(
            review_request, by=request.user, deadline=form.cleaned_data["deadline"]
        )
    except DomainError as exc:
        return _fail(request, exc, review_request.get_absolute_url())
    messages.success(request, _("A new round is open with the same reviewers."))
    return redirect(review_request)


@require_POST
def close(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    review_request = _coordinated(request, pk)
    form = forms.CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose an outcome."))
        return redirect(review_request)
    try:
        services.close_request(
            review_request,
            by=request.user,
            outcome=form.cleaned_data["outcome"],
            note=form.cleaned_data["note"],
        )
    except DomainError as exc:
        return _fail(request, exc, review_request.get_absolute_url())
    messages.success(request, _("The request is closed."))
    return redirect(review_request)


@permission_required("reviews.coordinate", raise_exception=True)
def metrics_page(request: AuthenticatedHttpRequest) -> HttpResponse:
    return render(request, "reviews/metrics.html", {"m": metrics.compute()})


@permission_required("reviews.coordinate", raise_exception=True)
def pool(request: AuthenticatedHttpRequest) -> HttpResponse:
    form = forms.InviteReviewerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.invite_reviewer(
                form.cleaned_data["email"],
                by=request.user,
                organization=form.cleaned_data["organization"],
                languages=form.cleaned_data["languages"],
                training_completed_on=form.cleaned_data["training_completed_on"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("%(name)s joins the College.") % {"name": profile.user})
            return redirect(profile)
    status = request.GET.get("status", "")
    profiles = queries.reviewer_pool()
    if status in ReviewerStatus.values:
        profiles = profiles.filter(status=status)
    page = Paginator(profiles, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "reviews/pool.html",
        {
            "page": page,
            "form": form,
            "applications": list(queries.applications()),
            "status": status,
            "statuses": ReviewerStatus.choices,
            "extra_query": f"status={status}" if status else "",
        },
        status=422 if request.method == "POST" else 200,
    )


@permission_required("reviews.coordinate", raise_exception=True)
def profile(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_profile = get_object_or_404(queries.reviewer_pool(), pk=pk)
    form = forms.ProfileForm(request.POST or None, instance=the_profile, prefix="profile")
    absence = forms.UnavailabilityForm(prefix="absence")
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "validate":
                services.validate_application(the_profile, by=request.user)
                messages.success(request, _("The application is validated."))
            elif action in ReviewerStatus.values:
                services.set_reviewer_status(the_profile, by=request.user, status=action)
                messages.success(request, _("The status is changed."))
            elif action == "absence":
                absence = forms.UnavailabilityForm(request.POST, prefix="absence")
                if absence.is_valid():
                    services.add_unavailability(
                        the_profile, by=request.user, **absence.cleaned_data
                    )
                    messages.success(request, _("The absence is recorded."))
                else:
                    return _profile_page(
                        request,
                        the_profile,
                        forms.ProfileForm(instance=the_profile, prefix="profile"),
                        absence,
                        422,
                    )
            elif form.is_valid():
                services.update_reviewer_profile(
                    the_profile,
                    by=request.user,
                    values={name: form.cleaned_data[name] for name in form.changed_data},
                )
                messages.success(request, _("The profile is saved."))
            else:
                return _profile_page(request, the_profile, form, absence, 422)
        except DomainError as exc:
            messages.error(request, str(exc))
        return redirect(the_profile)
    return _profile_page(request, the_profile, form, absence, 200)


def _profile_page(
    request: AuthenticatedHttpRequest,
    the_profile: ReviewerProfile,
    form: Any,
    absence: Any,
    status: int,
) -> HttpResponse:
    return render(
        request,
        "reviews/profile.html",
        {
            "profile": the_profile,
            "form": form,
            "absence_form": absence,
            "absences": the_profile.unavailabilities.all(),
            "assignments": Assignment.objects.filter(reviewer=the_profile.user)
            .exclude(state=AssignmentState.PROPOSED)
            .select_related("round__request")[:30],
            "history": history_of(the_profile)[:20],
        },
        status=status,
    )


@permission_required("reviews.review", raise_exception=True)
def my_profile(request: AuthenticatedHttpRequest) -> HttpResponse:
    """A reviewer's own profile: availability, load, conflicts, consent to be named."""
    the_profile = get_object_or_404(ReviewerProfile, user=request.user)
    form = forms.MyProfileForm(request.POST or None, instance=the_profile, prefix="profile")
    absence = forms.UnavailabilityForm(prefix="absence")
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "absence":
            absence = forms.UnavailabilityForm(request.POST, prefix="absence")
            form = forms.MyProfileForm(instance=the_profile, prefix="profile")
            if absence.is_valid():
                try:
                    services.add_unavailability(
                        the_profile, by=request.user, **absence.cleaned_data
                    )
                except DomainError as exc:
                    absence.add_error("end", str(exc))
                else:
                    messages.success(request, _("Your absence is recorded."))
                    return redirect("reviews:my_profile")
        elif form.is_valid():
            services.update_reviewer_profile(
                the_profile,
                by=request.user,
                values={name: form.cleaned_data[name] for name in form.changed_data},
            )
            messages.success(request, _("Your reviewer profile is saved."))
            return redirect("reviews:my_profile")
        status = 422
    return render(
        request,
        "reviews/my_profile.html",
        {
            "profile": the_profile,
            "form": form,
            "absence_form": absence,
            "absences": the_profile.unavailabilities.all(),
        },
        status=status,
    )


# --- Organization members: applying to the College -------------------------------------------


@permission_required("reviews.apply", raise_exception=True)
def apply(request: AuthenticatedHttpRequest) -> HttpResponse:
    existing = ReviewerProfile.objects.filter(user=request.user).first()
    form = forms.ApplicationForm(
        request.POST or None, user=request.user, initial={"languages": [request.user.language]}
    )
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            services.apply_to_college(request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you. The coordinator will answer your application."))
            return redirect("reviews:apply")
    return render(
        request,
        "reviews/apply.html",
        {"form": form, "existing": existing},
        status=422 if request.method == "POST" else 200,
    )


# --- Reviewer --------------------------------------------------------------------------------


@permission_required("reviews.review", raise_exception=True)
def my_assignments(request: AuthenticatedHttpRequest) -> HttpResponse:
    assignments = queries.assignments_of(request.user)
    open_ = [a for a in assignments.filter(state__in=OPEN_STATES)]
    page = Paginator(assignments.exclude(state__in=OPEN_STATES), 20).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "reviews/my_assignments.html",
        {"open": open_, "page": page, "decline_form": forms.DeclineForm()},
    )


@require_POST
def accept(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    try:
        services.accept_assignment(assignment, by=request.user)
    except DomainError as exc:
        return _fail(request, exc, "reviews:my_assignments")
    messages.success(request, _("Thank you! The documents are ready for you."))
    return redirect(assignment)


@require_POST
def decline(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    form = forms.DeclineForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "reviews/my_assignments.html",
            {
                "open": list(queries.open_assignments_of(request.user)),
                "page": None,
                "decline_form": form,
                "declining": assignment.pk,
            },
            status=422,
        )
    try:
        services.decline_assignment(assignment, by=request.user, reason=form.cleaned_data["reason"])
    except DomainError as exc:
        return _fail(request, exc, "reviews:my_assignments")
    messages.success(request, _("You declined this review. Thank you for telling us."))
    return redirect("reviews:my_assignments")


def workspace(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    return _render_workspace(request, assignment, kind=request.GET.get("document", ""))


def _render_workspace(
    request: AuthenticatedHttpRequest,
    assignment: Assignment,
    *,
    kind: str = "",
    comment_form: forms.CommentForm | None = None,
    grid_form: forms.GridForm | None = None,
    status: int = 200,
) -> HttpResponse:
    """The review workspace; a form given here is shown as typed, with its errors."""
    review_request = assignment.round.request
    if assignment.state in (
        AssignmentState.DECLINED,
        AssignmentState.EXPIRED,
        AssignmentState.DISMISSED,
    ):
        raise Http404
    docs = list(queries.documents_of(review_request))
    kind = kind or (
        DocumentKind.LEAFLET
        if any(d.kind == DocumentKind.LEAFLET for d in docs)
        else (docs[0].kind if docs else "")
    )
    document = next((d for d in docs if d.kind == kind), None)
    version = document.latest_version if document else None
    review = getattr(assignment, "review", None)
    editable = assignment.state == AssignmentState.ACCEPTED
    comments = (
        list(queries.comments_on(version).filter(review__assignment=assignment)) if version else []
    )
    context: dict[str, Any] = {
        "assignment": assignment,
        "req": review_request,
        "documents": docs,
        "document": document,
        "version": version,
        "comments": comments,
        "editable": editable,
        "review": review,
        "others": [
            a
            for a in queries.reviews_visible_in_round(request.user, assignment.round)
            if a.pk != assignment.pk
        ],
    }
    if version is not None and version.report:
        context.update(
            chunks=presenters.marked_text(version.report),
            findings=presenters.numbered_findings(version.report),
        )
    if editable:
        initial = {}
        if review is not None:
            initial = (
                {f"{c}_score": review.score(c) for c in CRITERIA}
                | {f"{c}_comment": review.comment(c) for c in CRITERIA}
                | {"burden_suggestions": review.burden_suggestions}
            )
        context["grid_form"] = grid_form or forms.GridForm(initial=initial)
        if version is not None:
            context["comment_form"] = comment_form or forms.CommentForm(
                initial={"version": version.pk}
            )
    return render(request, "reviews/workspace.html", context, status=status)


@require_POST
def add_comment(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    form = forms.CommentForm(request.POST)
    # The grid typed on the same page comes along (copied by the page's script): keep it as a
    # draft so that adding a comment never loses it.
    grid_form = forms.GridForm(request.POST) if "grid_included" in request.POST else None
    if grid_form is not None and grid_form.is_valid():
        services.save_review(assignment, by=request.user, values=grid_form.cleaned_data)
    kind = request.POST.get("document", "")
    if not form.is_valid():
        return _render_workspace(
            request, assignment, kind=kind, comment_form=form, grid_form=grid_form, status=422
        )
    data = form.cleaned_data
    version = get_object_or_404(
        DocumentVersion.objects.select_related("document"),
        pk=data["version"],
        document__request_id=assignment.round.request_id,
    )
    try:
        services.add_comment(
            assignment,
            by=request.user,
            version=version,
            comment=data["comment"],
            quote=data["quote"],
            start=data["start"],
            end=data["end"],
            suggestion=data["suggestion"],
        )
    except DomainError as exc:
        # Shown beside the passage field, with everything typed still there.
        form.add_error("quote", str(exc))
        return _render_workspace(
            request,
            assignment,
            kind=version.document.kind,
            comment_form=form,
            grid_form=grid_form,
            status=422,
        )
    messages.success(request, _("Your comment is saved with your draft."))
    return redirect(f"{assignment.get_absolute_url()}?document={version.document.kind}#comments")


@require_POST
def delete_comment(request: AuthenticatedHttpRequest, pk: int, comment: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    the_comment = get_object_or_404(
        AnchoredComment.objects.select_related("version__document"),
        pk=comment,
        review__assignment=assignment,
    )
    try:
        services.delete_comment(the_comment, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    return redirect(
        f"{assignment.get_absolute_url()}?document={the_comment.version.document.kind}#comments"
    )


@require_POST
def grid(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    assignment = _assignment(request, pk)
    form = forms.GridForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the grid: some values are not valid."))
        return redirect(assignment)
    submit_ = "submit" in request.POST
    try:
        services.save_review(assignment, by=request.user, values=form.cleaned_data, submit=submit_)
    except DomainError as exc:
        if exc.code == "incomplete":
            # Keep what was typed: the grid is saved as a draft, only sending is refused.
            services.save_review(assignment, by=request.user, values=form.cleaned_data)
        messages.error(request, str(exc))
        return redirect(f"{assignment.get_absolute_url()}#grid")
    messages.success(
        request,
        _("Your review is sent. Thank you! You can now read the other reviews.")
        if submit_
        else _("Your draft is saved."),
    )
    return redirect(assignment)


@permission_required("reviews.review", raise_exception=True)
def history(request: AuthenticatedHttpRequest) -> HttpResponse:
    page = Paginator(queries.reviewer_history(request.user), 25).get_page(request.GET.get("page"))
    return render(request, "reviews/history.html", {"page": page})


@permission_required("reviews.review", raise_exception=True)
def certificate(request: AuthenticatedHttpRequest) -> HttpResponse:
    rows = [
        (
            str(a.round.request),
            a.submitted_at.date().isoformat() if a.submitted_at else "",
            a.round.number,
        )
        for a in queries.reviewer_history(request.user)
    ]
    log_action(
        request.user, "reviews.certificate.downloaded", by=request.user, data={"reviews": len(rows)}
    )
    return documents.certificate_response(str(request.user), rows)
