"""A person's registrations: registering, the registration's page, confirming an offer,
cancelling, the certificate of attendance, feedback, the person's events and their feed
address."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tandem.core.errors import DomainError
from tandem.core.types import AuthenticatedHttpRequest
from tandem.events import documents, forms, presenters, queries, services
from tandem.events.models import CalendarFeed, Registration, RegistrationStatus
from tandem.events.views.common import show


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
    return show(request, "events/register.html", {"event": the_event, "form": form})


def _registration(request: AuthenticatedHttpRequest, pk: int) -> Registration:
    # Someone else's registration is "not found": its existence is personal.
    return get_object_or_404(queries.registrations_visible_to(request.user), pk=pk)


def registration(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    the_registration = _registration(request, pk)
    return show(
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


def cancel(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    """GET asks first: a place given up goes to the next person and cannot be taken back, and
    one tap on a phone was enough to lose it. POST cancels."""
    the_registration = _own_registration(request, pk)
    if request.method != "POST":
        if not presenters.registration_actions(request.user, the_registration).cancel:
            return redirect(the_registration)
        return render(
            request,
            "events/cancel_confirm.html",
            {"registration": the_registration, "event": the_registration.event},
        )
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
    return render(request, "events/feedback.html", {"registration": the_registration, "form": form})


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
