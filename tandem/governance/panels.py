"""The GRAM's panel on the home page: a member's next meeting, documents to read, open votes
and proposals to co-sign; the director's proposals awaiting an answer. Membership is read from
the mandates' dates on each visit."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from tandem.accounts.models import Role, User
from tandem.core.dashboard import Item, Panel, register_panel
from tandem.governance import queries
from tandem.governance.models import (
    MeetingStatus,
    Proposal,
    ProposalStatus,
    Vote,
    VoteStatus,
)


@register_panel
def gram(user: User) -> Panel | None:
    director = user.has_role(Role.DIRECTOR)
    body = queries.the_body()
    if body is None:
        return None
    mandate = queries.mandate_of(user, body)
    if mandate is None and not director:
        return None
    items: list[Item] = []
    if mandate is not None:
        meeting = (
            body.meetings.filter(
                starts_at__gte=timezone.now() - dt.timedelta(hours=6),
                status__in=(
                    MeetingStatus.CONVENED,
                    MeetingStatus.IN_PROGRESS,
                    MeetingStatus.PLANNED,
                ),
            )
            .order_by("starts_at")
            .first()
        )
        if meeting is not None:
            items.append(
                Item(
                    text=_("Next meeting: %(title)s") % {"title": meeting.title},
                    url=meeting.get_absolute_url(),
                    detail=timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d %H:%M"),
                )
            )
            for document in meeting.documents.all()[:3]:
                items.append(
                    Item(
                        text=_("To read: %(title)s") % {"title": document.title},
                        url=document.get_download_url(),
                    )
                )
        for vote in Vote.objects.filter(status=VoteStatus.OPEN, item__meeting__body=body).exclude(
            ballots__mandate=mandate
        )[:3]:
            items.append(
                Item(text=_("Vote open: %(q)s") % {"q": vote.question}, url=vote.get_absolute_url())
            )
        for proposal in (
            Proposal.objects.filter(body=body, status=ProposalStatus.DRAFT)
            .exclude(author=user)
            .exclude(cosignatures__person=user)[:3]
        ):
            items.append(
                Item(
                    text=_("To co-sign: %(title)s") % {"title": proposal.title},
                    url=proposal.get_absolute_url(),
                )
            )
    if director:
        today = timezone.localdate()
        for proposal in Proposal.objects.filter(
            body=body, status=ProposalStatus.TRANSMITTED
        ).order_by("answer_due")[:5]:
            waiting = queries.waiting_days(proposal, today) or 0
            items.append(
                Item(
                    text=_("Awaiting your answer: %(title)s") % {"title": proposal.title},
                    url=proposal.get_absolute_url(),
                    detail=_("waiting for %(n)s days") % {"n": waiting},
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
