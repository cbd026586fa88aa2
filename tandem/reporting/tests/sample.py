"""A small data set of the year 2025, every figure of which is counted by hand in
test_indicators.py (and shown by the browser test of the dashboard). Rows are written directly (the services would stamp them with today's
date); `created` is set afterwards, since it is filled on insert."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType

from tandem.accounts.tests.factories import UserFactory
from tandem.core.models import ActionLogEntry
from tandem.directory.models import DiseaseArea, Institute, Organization
from tandem.events.models import Event, Feedback, Registration, Session
from tandem.governance.models import (
    Action,
    Answer,
    Attendance,
    Body,
    College,
    Mandate,
    Meeting,
    Proposal,
)
from tandem.incubator.models import Project, SupportRequest
from tandem.reviews.models import Assignment, Document, DocumentVersion, ReviewRequest, Round

PARIS = ZoneInfo("Europe/Paris")


def at(day: str, hour: int = 12) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(hour), tzinfo=PARIS)


def created(obj: object, day: str) -> None:
    type(obj).objects.filter(pk=obj.pk).update(created=at(day))  # type: ignore[attr-defined]


def _organizations(s: SimpleNamespace) -> None:
    s.area = DiseaseArea.objects.filter(parent__isnull=True).order_by("pk").first()
    rows = [
        # name, kind, partnership, since, status, created
        ("O1", "patient", "partner", "2025-02-10", "active", "2024-01-05"),
        ("O2", "federation", "framework_agreement", "2025-02-20", "active", "2024-01-05"),
        ("O3", "patient", "known_contact", None, "active", "2024-01-05"),
        ("O4", "patient", "partner", "2024-05-01", "active", "2024-01-05"),
        ("O5", "patient", "partner", "2025-03-01", "pending", "2024-01-05"),
        ("O6", "patient", "partner", "2026-01-05", "active", "2026-01-02"),
    ]
    for name, kind, level, since, status, when in rows:
        org = Organization.objects.create(
            name=name,
            kind=kind,
            partnership_status=level,
            partnership_since=dt.date.fromisoformat(since) if since else None,
            status=status,
        )
        created(org, when)
        setattr(s, name.lower(), org)
    s.o1.disease_areas.add(s.area)


def _projects(s: SimpleNamespace) -> None:
    s.i1, s.i2 = Institute.objects.order_by("pk")[:2]
    s.p1 = Project.objects.create(
        title="P1", question="q", why_it_matters="w", stage="idea", institute=s.i1
    )
    s.p1.organizations.add(s.o1)
    s.p1.disease_areas.add(s.area)
    s.p2 = Project.objects.create(
        title="P2", question="q", why_it_matters="w", stage="running", institute=s.i2
    )
    s.p2.organizations.add(s.o2)
    s.p3 = Project.objects.create(title="P3", question="q", why_it_matters="w", stage="running")
    for project, day in ((s.p1, "2025-03-01"), (s.p2, "2025-06-01"), (s.p3, "2026-01-10")):
        created(project, day)
    kind = ContentType.objects.get_for_model(SupportRequest)
    for project, made, status, resolved in (
        (s.p1, "2025-03-05", "resolved", "2025-03-15"),
        (None, "2025-03-20", "open", None),
        (s.p2, "2025-05-02", "resolved", "2025-05-06"),
    ):
        support = SupportRequest.objects.create(
            project=project, kind="design", subject="S", description="d", status=status
        )
        created(support, made)
        if resolved:
            entry = ActionLogEntry.objects.create(
                content_type=kind,
                object_id=str(support.pk),
                action="incubator.support.moved",
                data={"from": "in_progress", "to": "resolved"},
            )
            ActionLogEntry.objects.filter(pk=entry.pk).update(time=at(resolved))


def _reviews(s: SimpleNamespace) -> None:
    researcher = UserFactory(roles=["researcher"])
    requests = {}
    for name, submitted, sent in (
        ("R1", "2025-01-10", "2025-01-30"),
        ("R2", "2025-01-20", "2025-02-19"),
        ("R3", "2025-04-01", None),
        ("R4", "2024-12-01", "2025-02-01"),
    ):
        requests[name] = ReviewRequest.objects.create(
            title=name,
            category="riph2",
            submitted_by=researcher,
            status="report_sent" if sent else "in_review",
            submitted_at=at(submitted),
            report_sent_at=at(sent) if sent else None,
        )
    s.requests = requests
    for request, submitted, due, state in (
        ("R1", "2025-01-25", "2025-01-26", "submitted"),
        ("R2", "2025-02-15", "2025-02-10", "submitted"),
        ("R2", "2025-02-09", "2025-02-10", "submitted"),
        ("R3", None, "2025-04-20", "accepted"),
    ):
        round_, _new = Round.objects.get_or_create(
            request=requests[request], number=1, defaults={"deadline": dt.date(2025, 4, 30)}
        )
        Assignment.objects.create(
            round=round_,
            reviewer=UserFactory(roles=["reviewer"]),
            state=state,
            due=dt.date.fromisoformat(due),
            submitted_at=at(submitted) if submitted else None,
        )
    for request, kind, scores in (
        ("R1", "leaflet", (("2024-12-20", 40), ("2025-01-20", 70))),
        ("R2", "consent", (("2025-01-21", 50), ("2025-02-10", 60))),
        ("R3", "leaflet", (("2025-04-01", 30),)),
    ):
        document = Document.objects.create(request=requests[request], kind=kind)
        for number, (day, score) in enumerate(scores, start=1):
            version = DocumentVersion.objects.create(
                document=document,
                number=number,
                file="reviews/x.pdf",
                original_filename="x.pdf",
                score=score,
            )
            created(version, day)
        document.latest_version = version
        document.save(update_fields=["latest_version"])


def _event(kind: str, status: str, starts: str, sessions: list[str]) -> Event:
    event = Event.objects.create(
        kind=kind,
        title=f"{kind} {starts}",
        topic="other",
        description="d",
        status=status,
        place_kind="online",
        capacity=20,
        registration_opens=at("2024-12-01"),
        registration_closes=at(starts, 8),
        starts_at=at(starts, 9),
        ends_at=at(sessions[-1], 17),
    )
    for day in sessions:
        Session.objects.create(event=event, starts_at=at(day, 9), ends_at=at(day, 17))
    return event


def _events(s: SimpleNamespace) -> None:
    e1 = _event("training", "published", "2025-03-10", ["2025-03-10", "2025-03-11"])
    e2 = _event("debate", "published", "2025-06-05", ["2025-06-05"])
    e3 = _event("debate", "cancelled", "2025-06-05", ["2025-06-05"])
    marks = iter([(5, 4), (4, 4), (3, 4)])
    for event, statuses in (
        (e1, ["attended", "attended", "attended", "no_show", "cancelled", "waiting", "waiting"]),
        (e2, ["registered", "confirmed"]),
        (e3, ["registered"]),
    ):
        for number, status in enumerate(statuses, start=1):
            registration = Registration.objects.create(
                event=event, user=UserFactory(), status=status, queue_number=number
            )
            if status == "attended":
                rating, clear = next(marks)
                Feedback.objects.create(registration=registration, rating=rating, clear=clear)


def _gram(s: SimpleNamespace) -> None:
    body = Body.objects.create(name="GRAM", slug="gram-test")
    s.c1 = College.objects.create(body=body, code="patients", name="Patients", position=1, seats=4)
    s.c2 = College.objects.create(body=body, code="research", name="Research", position=2, seats=2)
    mandates = [
        Mandate.objects.create(
            college=college,
            seat=seat,
            person=UserFactory(),
            organization=org,
            start=dt.date(2024, 1, 1),
            end=dt.date(2027, 12, 31),
        )
        for college, seat, org in ((s.c1, 1, s.o1), (s.c1, 2, s.o2), (s.c2, 1, None))
    ]
    for day, status, presences in (
        ("2025-03-15", "closed", ["room", "absent", "remote"]),
        ("2025-09-15", "closed", ["remote", "room", "absent"]),
        ("2025-11-15", "cancelled", []),
        ("2026-02-15", "planned", []),
    ):
        meeting = Meeting.objects.create(
            body=body, title=day, starts_at=at(day, 14), ends_at=at(day, 17), status=status
        )
        for mandate, presence in zip(mandates, presences, strict=False):
            Attendance.objects.create(meeting=meeting, mandate=mandate, presence=presence)
    author = UserFactory()
    proposals = {}
    for name, status, day in (
        ("a", "draft", "2025-02-01"),
        ("b", "answered", "2025-03-01"),
        ("c", "answered", "2025-04-01"),
        ("d", "draft", "2026-01-10"),
    ):
        proposals[name] = Proposal.objects.create(
            body=body, title=name, text="t", author=author, status=status
        )
        created(proposals[name], day)
    for name, decision, day in (("b", "accepted", "2025-05-01"), ("c", "declined", "2025-06-01")):
        answer = Answer.objects.create(proposal=proposals[name], decision=decision, by=author)
        created(answer, day)
    for status, due in (
        ("done", "2025-07-01"),
        ("in_progress", "2025-08-01"),
        ("planned", "2025-10-01"),
        ("done", "2026-03-01"),
    ):
        Action.objects.create(
            proposal=proposals["b"],
            title=status,
            owner=author,
            due=dt.date.fromisoformat(due),
            status=status,
        )


def build() -> SimpleNamespace:
    s = SimpleNamespace()
    _organizations(s)
    _projects(s)
    _reviews(s)
    _events(s)
    _gram(s)
    return s
