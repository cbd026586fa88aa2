"""Proposing a laboratory meeting (researchers) and the officers' pages: events, their
capacity, proposals, cancellation, registrations, attendance and the catalogue's courses."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.directory.models import ResearchUnit
from tandem.events import forms, queries, services
from tandem.events.models import Course, Event, EventStatus, Registration
from tandem.events.views.common import record_decision, show


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
    return show(request, "events/propose.html", {"form": form})


@permission_required("events.manage_events", raise_exception=True)
def manage(request: AuthenticatedHttpRequest) -> HttpResponse:
    upcoming = Event.objects.filter(
        status=EventStatus.PUBLISHED, ends_at__gte=timezone.now()
    ).order_by("starts_at")
    recent = Event.objects.filter(
        status=EventStatus.PUBLISHED, ends_at__lt=timezone.now()
    ).order_by("-starts_at")
    return show(
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
        request, "events/event_form.html", {"form": form, "formset": formset, "event": the_event}
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
    return show(
        request, "events/capacity.html", {"form": form, "event": the_event, "affected": affected}
    )


@require_POST
@permission_required("events.manage_events", raise_exception=True)
def decide(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_event = get_object_or_404(Event, pk=pk)
    return record_decision(
        request,
        the_event,
        services.decide_proposal,
        _("The decision is recorded and the researcher told."),
    )


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
    return show(
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
    return render(request, "events/course_form.html", {"form": form, "course": the_course})
