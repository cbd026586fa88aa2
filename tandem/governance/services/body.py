"""Writes of the GRAM's body: its colleges and their quotas, mandates, quorum rules."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from tandem.accounts.models import User
from tandem.core.audit import log_action
from tandem.core.notifications import notify
from tandem.core.request_memo import forget
from tandem.directory.models import Organization
from tandem.governance import queries
from tandem.governance.models import (
    Body,
    College,
    Mandate,
    MandateRole,
    QuorumRule,
    QuotaChange,
)
from tandem.governance.services._common import DEFAULT_COLLEGES, _refuse


def create_body(*, name: str, slug: str, by: User | None) -> Body:
    """Create a governance body with the default colleges and quotas (10/5/5) and its first
    quorum rules (half of the seats overall, a third in each college). Logs
    `governance.body.created`."""
    with transaction.atomic():
        body = Body.objects.create(name=name, slug=slug)
        for position, (code, seats) in enumerate(DEFAULT_COLLEGES):
            # no name of its own: each reader reads the code's label in their language
            college = College.objects.create(body=body, code=code, position=position, seats=seats)
            QuotaChange.objects.create(college=college, seats=seats, by=by)
        QuorumRule.objects.create(
            body=body,
            version=1,
            overall_percent=50,
            college_percent=34,
            adopted_on=timezone.localdate(),
        )
        log_action(body, "governance.body.created", by=by)
    return body


def change_quota(college: College, *, seats: int, reason: str = "", by: User) -> College:
    """Change a college's number of seats, keeping the change in its history. Refused below
    the number of current mandates. Logs `governance.quota.changed`."""
    if seats < 1:
        raise _refuse(_("A college has at least one seat."), "quota_too_small")
    with transaction.atomic():
        college = College.objects.select_for_update().get(pk=college.pk)
        held = queries.current_mandates(college.body).filter(college=college).count()
        if seats < held:
            raise _refuse(
                _("%(n)s mandates of this college are current: end some before lowering the quota.")
                % {"n": held},
                "quota_below_mandates",
            )
        if seats == college.seats:
            return college
        QuotaChange.objects.create(
            college=college, seats=seats, previous=college.seats, reason=reason[:300], by=by
        )
        data = {"from": college.seats, "to": seats}
        college.seats = seats
        college.save(update_fields=["seats", "updated"])
        log_action(college, "governance.quota.changed", by=by, data=data)
    return college


def _overlapping(queryset: Any, start: dt.date, end: dt.date) -> Any:
    return queryset.filter(start__lte=end, end__gte=start)


def appoint(
    college: College,
    *,
    person: User,
    start: dt.date,
    end: dt.date,
    role: str = MandateRole.MEMBER,
    organization: Organization | None = None,
    seat: int | None = None,
    renews: Mandate | None = None,
    by: User | None,
) -> Mandate:
    """Give a person a seat of a college from `start` to `end`. Refused when the dates are
    reversed, when the seat does not exist or is held during the period, when the college would
    exceed its quota, or when the person already sits on the body then. Logs
    `governance.mandate.appointed` and tells the person."""
    if end < start:
        raise _refuse(_("The mandate must end after it starts."), "mandate_dates")
    with transaction.atomic():
        college = (
            College.objects.select_for_update(of=("self",))
            .select_related("body")
            .get(pk=college.pk)
        )
        in_college = _overlapping(Mandate.objects.filter(college=college), start, end)
        if renews is not None:
            in_college = in_college.exclude(pk=renews.pk)
        if seat is None:
            taken = set(in_college.values_list("seat", flat=True))
            free = [s for s in range(1, college.seats + 1) if s not in taken]
            if not free:
                raise _refuse(
                    _("All %(n)s seats of “%(college)s” are held during this period.")
                    % {"n": college.seats, "college": college.label},
                    "over_quota",
                )
            seat = free[0]
        if not 1 <= seat <= college.seats:
            raise _refuse(
                _("“%(college)s” has %(n)s seats: seat %(seat)s would exceed its quota.")
                % {"college": college.label, "n": college.seats, "seat": seat},
                "over_quota",
            )
        if in_college.filter(seat=seat).exists():
            raise _refuse(
                _("Seat %(seat)s of “%(college)s” is already held during this period.")
                % {"seat": seat, "college": college.label},
                "seat_overlap",
            )
        if in_college.count() >= college.seats:
            raise _refuse(
                _("All %(n)s seats of “%(college)s” are held during this period.")
                % {"n": college.seats, "college": college.label},
                "over_quota",
            )
        mine = _overlapping(
            Mandate.objects.filter(person=person, college__body=college.body), start, end
        )
        if renews is not None:
            mine = mine.exclude(pk=renews.pk)
        if mine.exists():
            raise _refuse(
                _("This person already holds a mandate of the body during this period."),
                "person_overlap",
            )
        mandate = Mandate.objects.create(
            college=college,
            seat=seat,
            person=person,
            organization=organization,
            role=role,
            start=start,
            end=end,
            renews=renews,
        )
        log_action(
            mandate,
            "governance.mandate.appointed",
            by=by,
            data={"college": college.code, "seat": seat, "renews": renews.pk if renews else None},
        )
        forget(queries.member_today_key(person.pk))
        url = reverse("governance:public")
        transaction.on_commit(
            lambda: notify(
                person,
                kind="governance.mandate",
                title=gettext_noop("You have a seat on the GRAM"),
                body=gettext_noop("Your mandate runs from %(start)s to %(end)s."),
                params={"start": start, "end": end},
                url=url,
            )
        )
    return mandate


def renew_mandate(mandate: Mandate, *, end: dt.date, by: User | None) -> Mandate:
    """A new mandate on the same seat, from the day after this one ends to `end`."""
    return appoint(
        mandate.college,
        person=mandate.person,
        start=mandate.end + dt.timedelta(days=1),
        end=end,
        role=mandate.role,
        organization=mandate.organization,
        seat=mandate.seat,
        renews=mandate,
        by=by,
    )


def end_mandate(mandate: Mandate, *, on: dt.date, by: User) -> Mandate:
    """End a mandate early (resignation): its last day becomes `on`. Logs
    `governance.mandate.ended`."""
    with transaction.atomic():
        mandate = Mandate.objects.select_for_update().get(pk=mandate.pk)
        if not mandate.start <= on <= mandate.end:
            raise _refuse(_("Choose a day within the mandate."), "mandate_dates")
        mandate.end = on
        mandate.save(update_fields=["end", "updated"])
        log_action(mandate, "governance.mandate.ended", by=by, data={"on": on.isoformat()})
        forget(queries.member_today_key(mandate.person_id))
    return mandate


def adopt_quorum_rule(
    body: Body,
    *,
    overall_percent: int,
    college_percent: int,
    count_proxies: bool = True,
    by: User,
) -> QuorumRule:
    """New quorum rules: a new version; meetings already convened keep theirs. Logs
    `governance.quorum.adopted`."""
    if not (1 <= overall_percent <= 100 and 0 <= college_percent <= 100):
        raise _refuse(_("A quorum is a share between 1 and 100%."), "quorum_range")
    with transaction.atomic():
        body = Body.objects.select_for_update().get(pk=body.pk)
        last = body.quorum_rules.order_by("-version").first()
        rule = QuorumRule.objects.create(
            body=body,
            version=(last.version + 1) if last else 1,
            overall_percent=overall_percent,
            college_percent=college_percent,
            count_proxies=count_proxies,
            adopted_on=timezone.localdate(),
        )
        log_action(rule, "governance.quorum.adopted", by=by, data={"version": rule.version})
    return rule
