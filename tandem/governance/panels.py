"""The GRAM's panel on the home page: a member's next meeting, documents to read, open votes
and proposals to co-sign; the director's proposals awaiting an answer. Membership is read from
the mandates' dates on each visit.

Every signed-in home runs this panel, so its queries are prepared (`tandem.core.prepared`: the
ORM writes their SQL once per process, the rows are read on each visit), and a person who holds
no mandate and is not the director costs no query of its own: the per-request membership
answer (`queries.is_member`) is the one the main menu reads anyway."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.accounts.models import Role, User
from tandem.core.dashboard import Item, Panel, register_panel
from tandem.core.links import reverse
from tandem.core.prepared import PreparedQuery
from tandem.governance import queries
from tandem.governance.models import (
    Body,
    Mandate,
    Meeting,
    MeetingStatus,
    Proposal,
    ProposalStatus,
    Vote,
    VoteStatus,
)

_ID = models.IntegerField()
_DAY = models.DateField()

# The body (`queries.the_body`: the first one) with the person's mandate in it today
# (`queries.mandate_of`), in one query.
BODY_AND_MANDATE = PreparedQuery(
    lambda person, day: (
        Body.objects.order_by("pk")
        .annotate(
            mandate_id=Subquery(
                Mandate.objects.filter(
                    college__body=OuterRef("pk"), person_id=person, start__lte=day, end__gte=day
                )
                .order_by("pk")
                .values("pk")[:1]
            )
        )
        .values_list("pk", "mandate_id")[:1]
    ),
    person=_ID,
    day=_DAY,
)
# The next meeting and its first three documents, in one query: one row per document (the
# meeting's fields repeated), or one row without a document.
NEXT_MEETING_AND_DOCUMENTS = PreparedQuery(
    lambda body, since: (
        Meeting.objects.filter(
            pk=Subquery(
                Meeting.objects.filter(
                    body_id=body,
                    starts_at__gte=since,
                    status__in=(
                        MeetingStatus.CONVENED,
                        MeetingStatus.IN_PROGRESS,
                        MeetingStatus.PLANNED,
                    ),
                )
                .order_by("starts_at", "pk")
                .values("pk")[:1]
            )
        )
        .annotate(document_id=F("documents__pk"), document_title=F("documents__title"))
        .order_by("documents__pk")
        .only("pk", "title", "starts_at")[:3]
    ),
    body=_ID,
    since=models.DateTimeField(),
)
OPEN_VOTES = PreparedQuery(
    lambda body, mandate: (
        Vote.objects.filter(status=VoteStatus.OPEN, item__meeting__body_id=body)
        .exclude(ballots__mandate_id=mandate)
        .values_list("pk", "question")[:3]
    ),
    body=_ID,
    mandate=_ID,
)
TO_COSIGN = PreparedQuery(
    lambda body, person: (
        Proposal.objects.filter(body_id=body, status=ProposalStatus.DRAFT)
        .exclude(author_id=person)
        .exclude(cosignatures__person_id=person)
        .values_list("pk", "title")[:3]
    ),
    body=_ID,
    person=_ID,
)
AWAITING_ANSWER = PreparedQuery(
    lambda body: (
        Proposal.objects.filter(body_id=body, status=ProposalStatus.TRANSMITTED)
        .order_by("answer_due")
        .only("pk", "title", "status", "transmitted_at")[:5]
    ),
    body=_ID,
)


@register_panel
def gram(user: User) -> Panel | None:
    director = user.has_role(Role.DIRECTOR)
    if not director and not queries.is_member(user):
        return None  # no mandate in any body today: none in the GRAM either
    found = BODY_AND_MANDATE.rows(person=user.pk, day=timezone.localdate())
    if not found:
        return None
    body_id, mandate_id = found[0]
    if mandate_id is None and not director:
        return None
    items: list[Item] = []
    if mandate_id is not None:
        since = timezone.now() - dt.timedelta(hours=6)
        rows = NEXT_MEETING_AND_DOCUMENTS.objects(body=body_id, since=since)
        if rows:
            meeting = rows[0]
            items.append(
                Item(
                    text=_("Next meeting: %(title)s") % {"title": meeting.title},
                    url=meeting.get_absolute_url(),
                    detail=date_format(timezone.localtime(meeting.starts_at), "j F Y, H:i"),
                )
            )
        for row in rows:
            if row.document_id is not None:
                items.append(
                    Item(
                        text=_("To read: %(title)s") % {"title": row.document_title},
                        url=reverse("governance:document", args=[row.document_id]),
                    )
                )
        for pk, question in OPEN_VOTES.rows(body=body_id, mandate=mandate_id):
            items.append(
                Item(
                    text=_("Vote open: %(q)s") % {"q": question},
                    url=reverse("governance:vote", args=[pk]),
                )
            )
        for pk, title in TO_COSIGN.rows(body=body_id, person=user.pk):
            items.append(
                Item(
                    text=_("To co-sign: %(title)s") % {"title": title},
                    url=reverse("governance:proposal", args=[pk]),
                )
            )
    if director:
        today = timezone.localdate()
        for proposal in AWAITING_ANSWER.objects(body=body_id):
            waiting = queries.waiting_days(proposal, today) or 0
            items.append(
                Item(
                    text=_("Awaiting your answer: %(title)s") % {"title": proposal.title},
                    url=proposal.get_absolute_url(),
                    detail=ngettext("waiting for %(n)s day", "waiting for %(n)s days", waiting)
                    % {"n": waiting},
                )
            )
    return Panel(
        title=_("The GRAM"),
        items=items,
        empty=_("Nothing awaits you at the GRAM."),
        action_label=_("GRAM proposals"),
        action_url=reverse("governance:proposals"),
        order=20,
    )
