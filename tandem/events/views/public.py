"""The pages anyone may read: the calendar and its filters, the catalogue, a course, an
event, its calendar file, and the personal calendar feed."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _

from tandem.events import documents, forms, ical, presenters, queries
from tandem.events.models import CalendarFeed, Event, Registration

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
    # Members-only events are shown to the people invited: the set the reader sees is part
    # of the cache key (no query for a visitor or an officer).
    audience = queries.audience_of(request.user)
    # Lazy: the results are a fragment of the shared cache (stale at once, in every process,
    # when a change they show commits: services.CALENDAR); a page read from it runs no query.
    page = SimpleLazyObject(
        lambda: Paginator(queries.calendar(filters, audience), PER_PAGE).get_page(
            request.GET.get("page")
        )
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
            "audience_key": audience.key,
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
    rows = presenters.calendar_rows(queries.course_sessions(the_course))
    return render(request, "events/course.html", {"course": the_course, "rows": rows})


def _visitors_registration(request: HttpRequest, the_event: Event) -> Registration | None:
    """The signed-in visitor's registration for the event; none for an anonymous one."""
    if not request.user.is_authenticated:
        return None
    return queries.registration_of(request.user, the_event)  # type: ignore[arg-type]


@login_not_required
def event(request: HttpRequest, pk: int) -> HttpResponse:
    the_event = queries.event_detail(request.user, pk)
    registration = _visitors_registration(request, the_event)
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
    return documents.event_ics_response(the_event, _visitors_registration(request, the_event))


@login_not_required
def feed(request: HttpRequest, token: str) -> HttpResponse:
    the_feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if the_feed is None or not the_feed.user.is_active:
        raise Http404
    content = ical.feed(queries.feed_events(the_feed.user), name=_("My Tandem events"))
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-store"
    return response
