"""Pages of events and training. Thin: fetch and authorise (queries, rules), validate (forms),
call one service, respond."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.errors import DomainError
from tandem.core.exports import spreadsheet_cell
from tandem.core.types import AuthenticatedHttpRequest
from tandem.core.uploads import content_type_of, download_name
from tandem.directory.models import ResearchUnit
from tandem.events import documents, forms, ical, presenters, queries, services
from tandem.events.models import (
    CalendarFeed,
    Course,
    Event,
    EventStatus,
    ExpenseClaim,
    Receipt,
    Registration,
    RegistrationStatus,
)

PER_PAGE = 20


def _filters(request: HttpRequest) -> tuple[forms.CalendarFilterForm, queries.CalendarFilters]:
    form = forms.CalendarFilterForm(request.GET or None)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        return form, queries.CalendarFilters(
            kind=data["kind"],
            topic=data["topic"],
            region=data["region"],
            start=data["start"],
            end=data["end"],
        )
    return form, queries.CalendarFilters()


@login_not_required
def calendar(request: HttpRequest) -> HttpResponse:
    form, filters = _filters(request)
    # Lazy: the results are a fragment of the shared cache (stale at once, in every process,
    # when a change they show commits: services.CALENDAR); a page read from it runs no query.
    page = SimpleLazyObject(
        lambda: Paginator(queries.calendar(filters), PER_PAGE).get_page(request.GET.get("page"))
    )
    extra = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    return render(
        request,
        "events/calendar.html",
        {
            "form": form,
            "page": page,
            "rows": lambda: presenters.calendar_rows(page),
            "extra_query": extra,
            "filters_key": "|".join(
                f"{k}={v}" for k, v in sorted(request.GET.items()) if k != "page"
            ),
            "page_key": request.GET.get("page", "1")[:12],
            "today": timezone.localdate().isoformat(),
        },
    )


@login_not_required
def catalogue(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "events/catalogue.html",
        {"courses": presenters.catalogue(list(queries.courses()))},
    )


@login_not_required
def course(request: HttpRequest, pk: int) -> HttpResponse:
    the_course = get_object_or_404(queries.courses(), pk=pk)
    sessions = queries.calendar(queries.CalendarFilters(course=the_course.pk))[:20]
    return render(request, "events/course.html", {"course": the_course, "sessions": list(sessions)})


@login_not_required
def event(request: HttpRequest, pk: int) -> HttpResponse:
    the_event = queries.event_detail(request.user, pk)
    registration = (
        queries.registration_of(request.user, the_event)  # type: ignore[arg-type]
        if request.user.is_authenticated
        else None
    )
    return render(
        request,
        "events/event.html",
        {
            "event": the_event,
            "registration": registration,
            "can": presenters.event_actions(request.user, the_event, registration),
            "decide_form": forms.ReasonForm(),
        },
    )


@login_not_required
def event_ics(request: HttpRequest, pk: int) -> HttpResponse:
    the_event = queries.event_detail(request.user, pk)
    registration = (
        queries.registration_of(request.user, the_event)  # type: ignore[arg-type]
        if request.user.is_authenticated
        else None
    )
    with_link = bool(registration and registration.holds_a_place)
    response = HttpResponse(
        ical.event_file(the_event, with_link=with_link), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="event-{the_event.pk}.ics"'
    return response


@login_not_required
def feed(request: HttpRequest, token: str) -> HttpResponse:
    the_feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if the_feed is None or not the_feed.user.is_active:
        raise Http404
    content = ical.feed(queries.feed_events(the_feed.user), name=_("My Tandem events"))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response


def register(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_event = queries.event_detail(request.user, pk)
    existing = queries.registration_of(request.user, the_event)
    if existing is not None:
        return redirect(existing)
    form = forms.RegistrationForm(
        request.POST if request.method == "POST" else None,  # every field may be empty
        questions=the_event.question_list,
        initial={
            "accessibility_needs": request.user.accessibility_needs,
            "accessibility_notes": request.user.accessibility_notes,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(
                the_event,
                user=request.user,
                answers=form.answers(),
                accessibility_needs=form.cleaned_data["accessibility_needs"],
                accessibility_notes=form.cleaned_data["accessibility_notes"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            if registration.status == RegistrationStatus.WAITING:
                messages.info(request, _("The event is full: you are on the waiting list."))
            else:
                messages.success(request, _("You are registered."))
            return redirect(registration)
    return render(
        request,
        "events/register.html",
        {"event": the_event, "form": form},
        status=422 if request.method == "POST" else 200,
    )


def _registration(request: AuthenticatedHttpRequest, pk: int) -> Registration:
    # Someone else's registration is "not found": its existence is personal.
    return get_object_or_404(queries.registrations_visible_to(request.user), pk=pk)


def registration(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_registration = _registration(request, pk)
    return render(
        request,
        "events/registration.html",
        {
            "registration": the_registration,
            "event": the_registration.event,
            "can": presenters.registration_actions(request.user, the_registration),
            "position": presenters.waiting_position(the_registration),
        },
    )


def _own_registration(request: AuthenticatedHttpRequest, pk: int) -> Registration:
    # Acting on a registration is its person's alone (officers included: not found).
    return get_object_or_404(queries.registrations_of(request.user), pk=pk)


@require_POST
def confirm(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_registration = _own_registration(request, pk)
    try:
        services.confirm_offer(the_registration, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your place is confirmed."))
    return redirect(the_registration)


@require_POST
def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_registration = _own_registration(request, pk)
    try:
        services.cancel_registration(the_registration, by=request.user)
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Your registration is cancelled."))
    return redirect(the_registration)


def _attended(request: AuthenticatedHttpRequest, pk: int) -> Registration:
    the_registration = _own_registration(request, pk)
    if the_registration.status != RegistrationStatus.ATTENDED:
        raise Http404
    return the_registration


def certificate(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_registration = _attended(request, pk)
    return render(
        request,
        "events/certificate.html",
        {
            "registration": the_registration,
            "certificate": documents.certificate_context(the_registration),
        },
    )


def certificate_download(request: AuthenticatedHttpRequest, pk: int, ext: str) -> HttpResponse:
    if ext not in ("docx", "pdf"):
        raise Http404
    the_registration = _attended(request, pk)
    return documents.certificate_response(the_registration, ext)


def feedback(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_registration = _attended(request, pk)
    form = forms.FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.give_feedback(the_registration, by=request.user, **form.cleaned_data)
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Thank you for your feedback."))
            return redirect(the_registration)
    return render(
        request,
        "events/feedback.html",
        {"registration": the_registration, "form": form},
        status=422 if request.method == "POST" else 200,
    )


def mine(request: AuthenticatedHttpRequest) -> HttpResponse:
    registrations = list(queries.registrations_of(request.user)[:200])
    the_feed = CalendarFeed.objects.filter(user=request.user).first()
    return render(
        request,
        "events/mine.html",
        {
            "registrations": registrations,
            "trainings": list(queries.completed_trainings(request.user)),
            "feed_url": request.build_absolute_uri(reverse("events:feed", args=[the_feed.token]))
            if the_feed
            else "",
        },
    )


@require_POST
def renew_feed(request: AuthenticatedHttpRequest) -> HttpResponse:
    services.renew_feed_token(request.user)
    messages.success(request, _("Your calendar address is new: the old one no longer works."))
    return redirect("events:mine")


@permission_required("events.propose_meeting", raise_exception=True)
def propose(request: AuthenticatedHttpRequest) -> HttpResponse:
    profile = getattr(request.user, "researcher_profile", None)
    units = ResearchUnit.objects.order_by("code")
    form = forms.ProposalForm(
        request.POST or None,
        units=units,
        initial={"unit": getattr(profile, "unit_id", None)},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            proposed = services.propose_lab_meeting(
                by=request.user,
                title=data["title"],
                topic=data["topic"],
                description=data["description"],
                capacity=data["capacity"],
                unit=data["unit"],
                sessions=[services.SessionData(data["starts_at"], data["ends_at"])],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your proposal is sent to the officers."))
            return redirect(proposed)
    return render(
        request,
        "events/propose.html",
        {"form": form},
        status=422 if request.method == "POST" else 200,
    )


# --- Officers -------------------------------------------------------------------------------


@permission_required("events.manage_events", raise_exception=True)
def manage(request: AuthenticatedHttpRequest) -> HttpResponse:
    upcoming = Event.objects.filter(
        status=EventStatus.PUBLISHED, ends_at__gte=timezone.now()
    ).order_by("starts_at")
    recent = Event.objects.filter(
        status=EventStatus.PUBLISHED, ends_at__lt=timezone.now()
    ).order_by("-starts_at")
    return render(
        request,
        "events/manage.html",
        {
            "proposals": list(queries.proposals()),
            "upcoming": list(upcoming.only(*queries.CALENDAR_FIELDS)[:50]),
            "recent": list(recent.only(*queries.CALENDAR_FIELDS)[:20]),
            "courses": list(Course.objects.order_by("title")),
        },
    )


def _event_form(
    request: AuthenticatedHttpRequest, the_event: Event | None
) -> tuple[forms.EventForm, Any]:
    initial_sessions = (
        [
            {"starts_at": s.starts_at, "ends_at": s.ends_at, "title": s.title}
            for s in the_event.sessions.all()
        ]
        if the_event
        else []
    )
    form = forms.EventForm(request.POST or None, instance=the_event)
    formset = forms.SessionFormSet(
        request.POST or None, initial=initial_sessions or None, prefix="sessions"
    )
    return form, formset


@permission_required("events.manage_events", raise_exception=True)
def edit_event(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    the_event = get_object_or_404(Event, pk=pk) if pk else None
    form, formset = _event_form(request, the_event)
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            if the_event is None:
                saved = services.create_event(
                    by=request.user,
                    fields=form.event_fields(),
                    capacity=form.cleaned_data["capacity"],
                    sessions=forms.sessions_of(formset),
                )
            else:
                saved = services.update_event(
                    the_event,
                    by=request.user,
                    fields=form.event_fields(),
                    sessions=forms.sessions_of(formset),
                )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The event is saved."))
            return redirect(saved)
    return render(
        request,
        "events/event_form.html",
        {"form": form, "formset": formset, "event": the_event},
        status=422 if request.method == "POST" else 200,
    )


@permission_required("events.manage_events", raise_exception=True)
def capacity(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_event = get_object_or_404(Event, pk=pk)
    form = forms.CapacityForm(request.POST or None, initial={"capacity": the_event.capacity})
    affected: list[Registration] = []
    if request.method == "POST" and form.is_valid():
        chosen = [int(v) for v in request.POST.getlist("move") if v.isdigit()]
        try:
            services.set_capacity(
                the_event,
                by=request.user,
                capacity=form.cleaned_data["capacity"],
                move_to_waiting=chosen if "choose" in request.POST else None,
            )
        except services.CapacityConflict as exc:
            form.add_error(None, str(exc))
            affected = exc.affected
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("The number of places is changed."))
            return redirect("events:registrations", pk=the_event.pk)
    return render(
        request,
        "events/capacity.html",
        {"form": form, "event": the_event, "affected": affected},
        status=422 if request.method == "POST" else 200,
    )


@require_POST
@permission_required("events.manage_events", raise_exception=True)
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_event = get_object_or_404(Event, pk=pk)
    return _decide(
        request,
        the_event,
        services.decide_proposal,
        _("The decision is recorded and the researcher told."),
    )


def _decide(
    request: AuthenticatedHttpRequest,
    obj: Any,
    decide_with: Callable[..., Any],
    done: str,
) -> HttpResponse:
    """An officer's approve-or-reject decision with an optional reason (a researcher's proposed
    meeting, a travel claim): one service call, its refusal or success shown on `obj`'s page."""
    form = forms.ReasonForm(request.POST)
    form.is_valid()
    try:
        decide_with(
            obj,
            by=request.user,
            approve=request.POST.get("decision") == "approve",
            reason=form.cleaned_data.get("reason", ""),
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, done)
    return redirect(obj)


@require_POST
@permission_required("events.manage_events", raise_exception=True)
def cancel_event(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_event = get_object_or_404(Event, pk=pk)
    form = forms.ReasonForm(request.POST)
    form.is_valid()
    try:
        services.cancel_event(
            the_event, by=request.user, reason=form.cleaned_data.get("reason", "")
        )
    except DomainError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The event is cancelled and the registered people told."))
    return redirect(the_event)


@permission_required("events.manage_events", raise_exception=True)
def registrations(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_event = get_object_or_404(Event, pk=pk)
    return render(
        request,
        "events/registrations.html",
        {
            "event": the_event,
            "registrations": list(queries.registrations_for(the_event)),
            "summary": queries.feedback_summary(the_event),
            "cancel_form": forms.ReasonForm(),
        },
    )


@permission_required("events.manage_events", raise_exception=True)
def attendance(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_event = get_object_or_404(Event, pk=pk)
    if request.method == "POST":
        marks = {
            int(key.removeprefix("mark_")): value
            for key, value in request.POST.items()
            if key.startswith("mark_") and key.removeprefix("mark_").isdigit()
        }
        try:
            changed = services.record_attendance(
                the_event,
                by=request.user,
                attended=[pk for pk, v in marks.items() if v == "attended"],
                absent=[pk for pk, v in marks.items() if v == "no_show"],
            )
        except DomainError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Attendance recorded (%(n)s changes).") % {"n": changed})
            return redirect("events:attendance", pk=the_event.pk)
    return render(
        request,
        "events/attendance.html",
        {"event": the_event, "people": list(queries.attendance_list(the_event))},
    )


@permission_required("events.manage_events", raise_exception=True)
def edit_course(request: AuthenticatedHttpRequest, pk: int | None = None) -> HttpResponse:
    the_course = get_object_or_404(Course, pk=pk) if pk else None
    form = forms.CourseForm(request.POST or None, instance=the_course)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        saved = services.save_course(the_course, by=request.user, fields=fields)
        messages.success(request, _("The course is saved."))
        return redirect(saved)
    return render(
        request,
        "events/course_form.html",
        {"form": form, "course": the_course},
        status=422 if request.method == "POST" else 200,
    )


# --- Travel expenses ------------------------------------------------------------------------


def claims(request: AuthenticatedHttpRequest) -> HttpResponse:
    events = queries.claimable_events(request.user)
    form = forms.ClaimForm(request.POST or None, request.FILES or None, events=events)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            claim = services.submit_claim(
                by=request.user,
                event=data["event"],
                amount=data["amount"],
                description=data["description"],
                receipts=data["receipts"],
            )
        except DomainError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Your claim is sent to the officers."))
            return redirect(claim)
    own = queries.claims_visible_to(request.user).filter(user=request.user)
    status = request.GET.get("status", "submitted")
    queue: QuerySet[ExpenseClaim] | None = None
    if request.user.has_perm("events.manage_events"):
        queue = queries.claims_visible_to(request.user)
        if status:
            queue = queue.filter(status=status)
    return render(
        request,
        "events/claims.html",
        {
            "form": form,
            "own": list(own[:50]),
            "queue": list(queue[:200]) if queue is not None else None,
            "status": status,
            "has_events": events.exists(),
        },
        status=422 if request.method == "POST" else 200,
    )


def _claim(request: AuthenticatedHttpRequest, pk: int) -> ExpenseClaim:
    return get_object_or_404(
        queries.claims_visible_to(request.user).prefetch_related("receipts"), pk=pk
    )


def claim(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_claim = _claim(request, pk)
    return render(
        request,
        "events/claim.html",
        {
            "claim": the_claim,
            "form": forms.ReasonForm(),
            "can_decide": request.user.has_perm("events.manage_events")
            and bool(services.CLAIM_WORKFLOW.allowed_targets(the_claim)),
        },
    )


@require_POST
@permission_required("events.manage_events", raise_exception=True)
def decide_claim(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_claim = get_object_or_404(ExpenseClaim, pk=pk)
    return _decide(request, the_claim, services.decide_claim, _("The decision is recorded."))


def receipt(request: AuthenticatedHttpRequest, pk: int, receipt_pk: int) -> FileResponse:
    the_claim = _claim(request, pk)
    the_receipt = get_object_or_404(Receipt, claim=the_claim, pk=receipt_pk)
    response = FileResponse(
        the_receipt.file.open("rb"),
        as_attachment=True,
        filename=download_name(the_receipt.original_filename, the_receipt.kind),
        content_type=content_type_of(the_receipt.kind),
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


EXPORT_COLUMNS = (
    "claim",
    "submitted",
    "person",
    "email",
    "event",
    "event_date",
    "amount_eur",
    "status",
    "decided",
    "description",
)


def claims_csv(claims: QuerySet[ExpenseClaim]) -> str:
    """The claims for accounting: one row each, cells escaped against formula injection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(EXPORT_COLUMNS)
    for c in claims.order_by("pk"):
        row: list[Any] = [
            c.pk,
            timezone.localtime(c.created).date().isoformat(),
            c.user.get_full_name(),
            c.user.email,
            c.event.title,
            timezone.localtime(c.event.starts_at).date().isoformat() if c.event.starts_at else "",
            f"{c.amount:.2f}",
            c.status,
            timezone.localtime(c.decided_at).date().isoformat() if c.decided_at else "",
            c.description,
        ]
        writer.writerow([spreadsheet_cell(v) for v in row])
    return buffer.getvalue()


@permission_required("events.manage_events", raise_exception=True)
def claims_export(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = request.GET.get("status", "approved")
    claims = queries.claims_visible_to(request.user)
    if status:
        claims = claims.filter(status=status)
    response = HttpResponse(claims_csv(claims), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="travel-expenses.csv"'
    return response
