"""Dashboard panels of the College: the researcher's requests, the reviewer's assignments and
the coordinator's queue. Each runs a fixed number of queries."""

from __future__ import annotations

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.accounts.models import Role, User
from tandem.core.dashboard import Item, Panel, register_panel
from tandem.core.formatting import local_date
from tandem.core.links import reverse
from tandem.core.portfolio import PortfolioSection, register_portfolio_section
from tandem.reviews import queries
from tandem.reviews.models import OPEN_STATUSES, AssignmentState, RequestStatus


@register_panel
def my_review_requests(user: User) -> Panel | None:
    if not user.has_role(Role.RESEARCHER):
        return None
    requests = list(
        queries.requests_of(user).select_related(None).only("pk", "title", "acronym", "status")[:5]
    )
    return Panel(
        title=_("My review requests"),
        items=[
            Item(text=str(r), url=r.get_absolute_url(), detail=r.get_status_display())
            for r in requests
        ],
        empty=_("Send your information leaflet and consent form to the College of Reviewers."),
        action_label=_("New review request"),
        action_url=reverse("reviews:new"),
        order=35,
    )


@register_panel
def my_reviews(user: User) -> Panel | None:
    if not user.has_role(Role.REVIEWER):
        return None
    assignments = list(queries.assignments_due(user)[:5])
    items = []
    for a in assignments:
        if a.state == AssignmentState.INVITED:
            detail = _("answer by %(date)s") % {"date": local_date(a.respond_by)}
            url = reverse("reviews:my_assignments")
        else:
            detail = _("due on %(date)s") % {"date": local_date(a.due)}
            url = a.get_absolute_url()
        items.append(Item(text=str(a.round.request), url=url, detail=detail))
    return Panel(
        title=_("My reviews"),
        items=items,
        empty=_("No review waiting for you."),
        action_label=_("All my assignments"),
        action_url=reverse("reviews:my_assignments"),
        order=25,
    )


@register_panel
def college_queue(user: User) -> Panel | None:
    if not user.has_perm("reviews.coordinate"):
        return None
    # The queue's seat counts join each request to its assignments, one row per reviewer:
    # count requests, not rows.
    counts = dict(
        queries.triage_queue()
        .order_by()
        .values_list("status")
        .annotate(n=Count("pk", distinct=True))
    )
    labels = dict(RequestStatus.choices)
    items = [
        Item(
            text=str(labels[status]),
            url=f"{reverse('reviews:queue')}?status={status}",
            detail=ngettext("%(n)d request", "%(n)d requests", counts[status])
            % {"n": counts[status]},
        )
        for status in OPEN_STATUSES
        if counts.get(status)
    ]
    return Panel(
        title=_("College of Reviewers"),
        items=items,
        empty=_("No request is waiting."),
        action_label=_("Open the queue"),
        action_url=reverse("reviews:queue"),
        order=25,
    )


@register_portfolio_section
def reviews_written(user: User) -> PortfolioSection | None:
    """The reviews the person sent to the College (the profile page): how many and the
    latest; nothing for someone who never reviewed."""
    latest = list(
        queries.reviewer_history(user).only("pk", "submitted_at", "round__request__category")[:5]
    )
    if not latest:
        return None
    return PortfolioSection(
        key="reviews",
        title=_("My reviews for the College of Reviewers"),
        template="reviews/_portfolio_reviews.html",
        context={"latest": latest, "count": queries.reviewer_history(user).count()},
        order=30,
    )
