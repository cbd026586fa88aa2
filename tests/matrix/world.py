"""The objects the permission matrix tries, for one persona: for each kind, the object the
persona owns (or plays its part in) and one that belongs to strangers.

Built with the project's factories and services, without running the background analysis
(nothing here needs a document's report), so that a world costs a few dozen milliseconds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone

from tandem.accounts import services as accounts
from tandem.accounts.models import ApiToken, Role, User
from tandem.accounts.tests.factories import UserFactory
from tandem.checks import services as checks
from tandem.checks.models import LexiconTerm
from tandem.core.notifications import notify
from tandem.directory.models import (
    DiseaseArea,
    Institute,
    OrganizationMembership,
    RegionalOffice,
)
from tandem.directory.tests.factories import OrganizationFactory, UnitFactory, make_admin
from tandem.governance import services as governance
from tandem.governance.models import (
    Action,
    Minutes,
    MinutesStatus,
    MinutesVersion,
    Proposal,
    ProposalStatus,
    Vote,
)
from tandem.incubator import services as incubator
from tandem.incubator.model_agreement import agreement_template
from tandem.reviews import services as reviews
from tandem.reviews.models import DocumentVersion, ReviewerProfile, ReviewerStatus
from tandem.reviews.tests.conftest import GRID, LEAFLET, make_reviewer, upload

# Kinds whose one object is nobody's in particular: tried once, as "own".
SHARED = "shared"


@dataclass
class World:
    """URL keyword arguments per object kind: `own[kind]` and `other[kind]`."""

    user: User | None
    own: dict[str, dict[str, Any]] = field(default_factory=dict)
    other: dict[str, dict[str, Any]] = field(default_factory=dict)
    token: str = ""  # the persona's Bearer token for the API

    def share(self, kind: str, kwargs: dict[str, Any]) -> None:
        self.own[kind] = kwargs


def _check(owner: User, title: str) -> Any:
    return checks.submit_check(
        owner, title=title, document_kind="leaflet", language="fr", text="Vous pouvez arrêter."
    )


def _seat_reviewer(user: User) -> User:
    """Give an existing person (the reviewer persona) an active, trained profile."""
    ReviewerProfile.objects.create(
        user=user,
        languages=["fr"],
        max_open_reviews=3,
        training_completed_on=dt.date(2024, 1, 1),
        status=ReviewerStatus.ACTIVE,
    )
    return user


def _request_in_revision(submitter: User, reviewer: User, coordinator: User) -> dict[str, Any]:
    """A request reviewed once (one review with one comment, the report sent) and a second
    leaflet uploaded: every page of the College has something to show."""
    request = reviews.create_request(
        by=submitter,
        title=f"Étude de {submitter.first_name}",
        category="riph2",
        reviewers_wanted=1,
        documents={
            "protocol_summary": upload("Résumé du protocole.", "protocol.docx"),
            "leaflet": upload(),
            "consent": upload("Je peux arrêter à tout moment.", "consent.docx"),
        },
    )
    # The analysis (run after commit) never runs in a test transaction: give the text it finds.
    DocumentVersion.objects.filter(document__request=request).update(text=LEAFLET)
    leaflet = DocumentVersion.objects.get(document__request=request, document__kind="leaflet")
    reviews.submit_request(request, by=submitter)
    reviews.accept_request(request, by=coordinator)
    (assignment,) = reviews.assign_reviewers(
        request,
        by=coordinator,
        reviewers=[reviewer],
        deadline=timezone.localdate() + dt.timedelta(days=10),
    )
    reviews.accept_assignment(assignment, by=reviewer)
    comment = reviews.add_comment(
        assignment, by=reviewer, version=leaflet, quote="ponction articulaire", comment="Dire."
    )
    reviews.save_review(assignment, by=reviewer, values=GRID, submit=True)
    request.refresh_from_db()
    report = reviews.start_consolidation(request, by=coordinator, force=True)
    reviews.send_report(report, by=coordinator)
    request.refresh_from_db()
    reviews.add_document_version(
        request,
        kind="leaflet",
        upload=upload(LEAFLET + "\n\nMerci."),
        by=submitter,
        start_revision=True,
    )
    return {
        "request": {"pk": request.pk},
        "request_kind": {"pk": request.pk, "kind": "leaflet"},
        "version": {"pk": leaflet.pk},
        "assignment": {"pk": assignment.pk},
        "assignment_comment": {"pk": assignment.pk, "comment": comment.pk},
        "comment": {"pk": comment.pk},
        "profile": {"pk": reviewer.reviewer_profile.pk},
    }


def _outbox_message() -> dict[str, Any]:
    folder = Path(settings.EMAIL_FILE_PATH)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "matrix.log").write_text(
        "Subject: Hello\nFrom: tandem@example.org\nTo: someone@example.net\n\nHello.\n"
    )
    return {"name": "matrix.log:0"}


def _events(world: World, user: User | None, stranger: User, officer: User) -> None:
    """An upcoming event (shared), a registration and an attended past one per person, a
    travel expense claim with its receipt, a course and a calendar feed."""
    from django.core.files.base import ContentFile

    from tandem.events import services as events
    from tandem.events.models import Course, ExpenseClaim, Receipt, Registration
    from tandem.events.tests.conftest import make_event

    course = Course.objects.create(title="Training", topic="other", summary="S", objectives="O")
    world.share("course", {"pk": course.pk})
    upcoming = make_event(officer, capacity=50, title="Upcoming")
    world.share("event", {"pk": upcoming.pk})
    world.share("feed", {"token": events.feed_of(stranger).token})
    other_event = make_event(officer, capacity=50, title="Another")
    past = make_event(officer, capacity=50, days=-3, title="Past")
    for whose, person in ((world.own, user), (world.other, stranger)):
        if person is None:
            continue
        registration = events.register(other_event, user=person)
        whose["registration"] = {"pk": registration.pk}
        attended = Registration.objects.create(
            event=past, user=person, status="attended", queue_number=person.pk
        )
        whose["attended"] = {"pk": attended.pk}
        whose["attended_docx"] = {"pk": attended.pk, "ext": "docx"}
        claim = ExpenseClaim.objects.create(user=person, event=past, amount=12, description="Train")
        receipt = Receipt(claim=claim, original_filename="ticket.pdf", kind="pdf")
        receipt.file.save("receipt", ContentFile(b"%PDF-1.4 ticket"), save=False)
        receipt.save()
        whose["claim"] = {"pk": claim.pk}
        whose["receipt"] = {"pk": claim.pk, "receipt_pk": receipt.pk}


def _gram(world: World, user: User | None, roles: set[str] | frozenset[str]) -> None:
    """The GRAM: the persona `gram_member` holds a seat (membership comes from mandates);
    a convened meeting with an item, a document, a proxy and a vote; a draft proposal."""
    body = governance.create_body(name="GRAM", slug="gram", by=None)
    patients = body.colleges.get(code="patients")
    today = timezone.localdate()

    def seat(person: User) -> Any:
        return governance.appoint(
            patients, person=person, start=today, end=today + dt.timedelta(days=700), by=None
        )

    mine = seat(user) if user is not None and Role.GRAM in roles else None
    first, second = seat(UserFactory(first_name="Gilles")), seat(UserFactory(first_name="Gina"))
    officer = UserFactory(roles=[Role.OFFICER], first_name="Odile")
    starts = timezone.now() + dt.timedelta(days=30)
    meeting = governance.schedule_meeting(
        body, title="Quarterly", starts_at=starts, place="Paris", by=officer
    )
    item = governance.add_agenda_item(meeting, title="Opening", by=officer)
    document = governance.add_document(
        meeting, title="Agenda", upload=upload(name="agenda.docx"), by=officer
    )
    governance.convene(meeting, by=officer)
    proxy = governance.give_proxy(meeting, person=(mine or first).person, holder=second)
    vote = Vote.objects.create(item=item, question="Adopt?")
    proposal = governance.draft_proposal(body, author=first.person, title="Idea", text="An idea.")
    action = Action.objects.create(proposal=proposal, title="Do it", owner=UserFactory(), due=today)
    # A held meeting and its draft minutes, with an amendment by someone who attended.
    # Held today: a session opens from the day before the meeting, not earlier.
    held = governance.schedule_meeting(
        body,
        title="Held",
        starts_at=timezone.now() + dt.timedelta(hours=1),
        place="Paris",
        by=officer,
    )
    governance.add_agenda_item(held, title="Opening", by=officer)
    governance.convene(held, by=officer)
    governance.open_meeting(held, by=officer)
    governance.check_in(held, mandate=first, presence="room", by=officer)
    governance.close_meeting(held, by=officer)
    minutes = governance.draft_minutes(held, by=officer)
    amendment = governance.amend_minutes(minutes, line=1, replacement="Minutes", by=first.person)
    # What anyone reads: an adopted proposal, approved public minutes of an earlier meeting.
    adopted = governance.draft_proposal(body, author=first.person, title="Adopted", text="Yes.")
    Proposal.objects.filter(pk=adopted.pk).update(status=ProposalStatus.ADOPTED)
    earlier = governance.schedule_meeting(
        body, title="Earlier", starts_at=starts - dt.timedelta(days=60), place="Lyon", by=officer
    )
    approved = Minutes.objects.create(
        meeting=earlier, status=MinutesStatus.APPROVED, is_public=True, amendments_until=today
    )
    MinutesVersion.objects.create(minutes=approved, number=1, text="Approved.")
    # A draft is edited by its author alone: the persona's own draft, and a stranger's.
    world.own["gram_draft"] = {
        "pk": governance.draft_proposal(
            body, author=(mine or first).person, title="Mine", text="My idea."
        ).pk
    }
    world.other["gram_draft"] = {
        "pk": governance.draft_proposal(
            body, author=second.person, title="Theirs", text="Their idea."
        ).pk
    }
    world.share("gram_public_proposal", {"pk": adopted.pk})
    world.share("gram_public_minutes", {"pk": approved.pk})
    world.share("gram_closed_meeting", {"pk": held.pk})
    world.share("gram_minutes", {"pk": minutes.pk})
    world.share("gram_amendment", {"pk": amendment.pk})
    world.share("gram_mandate", {"pk": second.pk})
    world.share("gram_college", {"pk": patients.pk})
    world.share("gram_meeting", {"pk": meeting.pk})
    world.share("gram_meeting_verb", {"pk": meeting.pk, "verb": "open"})
    world.share("gram_item", {"pk": item.pk})
    world.share("gram_document", {"pk": document.pk})
    world.share("gram_proxy", {"pk": proxy.pk})
    world.share("gram_vote", {"pk": vote.pk})
    world.share("gram_proposal", {"pk": proposal.pk})
    world.share("gram_action", {"pk": action.pk})
    world.share("gram_year", {"year": today.year})


def _incubator_project(
    proposer: User, researcher: User, officer: User, template: Any
) -> dict[str, Any]:
    """A project ready for an agreement, with a milestone, a document, a signed agreement and
    a support request: every kind of the incubator's project pages."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    project = incubator.propose_project(
        proposer, title="Projet", question="Q", why_it_matters="W", help_needed=[]
    )
    incubator.add_partner(
        project, researcher=researcher, organization=OrganizationFactory(), by=officer
    )
    incubator.update_project(
        project,
        by=officer,
        changes={
            "purpose": "P",
            "duration_months": 12,
            "data_handling": "D",
            "publication": "Pub",
            "volunteer_compensation": "C",
        },
    )
    milestone = incubator.add_milestone(project, title="M", due_on=dt.date(2030, 1, 1), by=officer)
    entry = incubator.add_timeline_entry(
        project,
        kind="document",
        text="",
        by=proposer,
        upload=SimpleUploadedFile("notes.txt", b"Notes de reunion."),
        file_kind="txt",
    )
    agreement = incubator.generate_agreement(project, template=template, by=officer).agreement
    incubator.record_signature(
        agreement, party="A", signatory="B", signed_on=dt.date(2030, 1, 1), by=officer
    )
    incubator.store_signed_copy(agreement, upload=_pdf(), by=officer)
    support = incubator.request_support(
        proposer, kind="funding", subject="S", description="D", project=project
    )
    return {
        "project": {"pk": project.pk},
        "milestone": {"pk": milestone.pk},
        "timeline_entry": {"pk": entry.pk},
        "agreement": {"pk": agreement.pk},
        "agreement_version": {"pk": agreement.pk, "number": 1},
        "support": {"pk": support.pk},
    }


def _pdf() -> Any:
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=100, height=100)
    buffer = io.BytesIO()
    writer.write(buffer)
    return SimpleUploadedFile("signed.pdf", buffer.getvalue())


def _incubator(world: World, user: User | None, stranger: User, officer: User) -> None:
    """The incubator: a project the persona takes part in and follows (proposed if they may
    propose, one of its researchers otherwise) and a stranger's; working groups with and without the persona; a
    members-only resource; a public project and group."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    roles = user.role_codes if user is not None else set()
    researcher = UserFactory(roles=[Role.RESEARCHER], first_name="Rosa")
    template = incubator.add_resource(
        officer,
        title="Convention",
        summary="",
        kind="agreement_template",
        language="fr",
        visibility="members",
        upload=SimpleUploadedFile("convention.docx", agreement_template("fr")),
        file_kind="docx",
    )
    world.share("resource", {"pk": template.pk})
    world.share("resource_version", {"pk": template.pk, "number": 1})
    proposes = bool(roles & {Role.MEMBER, Role.RESEARCHER, Role.OFFICER, Role.ADMIN})
    own = _incubator_project(user if user and proposes else stranger, researcher, officer, template)
    if user is not None:
        incubator.follow_project(incubator_project(own), by=user)
        if not proposes:
            # Following is no part in a project's inside: a persona who may not propose takes
            # part as one of its researchers (the model's link, whatever the persona's roles).
            incubator_project(own).researchers.add(user)
        own["support"] = {
            "pk": incubator.request_support(user, kind="training", subject="S", description="D").pk
        }
    world.own.update(own)
    world.other.update(_incubator_project(stranger, researcher, officer, template))
    public = incubator.propose_project(
        stranger, title="Public", question="Q", why_it_matters="W", help_needed=[]
    )
    incubator.update_project(public, by=officer, changes={"public_summary": "En bref."})
    incubator.publish_project(public, public=True, by=officer)
    world.share("public_project", {"pk": public.pk})
    coordinator = UserFactory(roles=[Role.MEMBER], first_name="Coco")
    for whose, members in ((world.own, [user] if user else []), (world.other, [])):
        group = incubator.create_working_group(
            officer, name="Groupe", purpose="P", coordinator=coordinator, members=members
        )
        post = incubator.post_to_group(
            group,
            kind="document",
            text="",
            by=coordinator,
            upload=SimpleUploadedFile("notes.txt", b"Compte rendu."),
            file_kind="txt",
        )
        whose["group"] = {"pk": group.pk}
        whose["group_post"] = {"pk": post.pk}
    public_group = incubator.create_working_group(
        officer, name="Public", purpose="P", coordinator=coordinator, is_public=True
    )
    world.share("public_group", {"pk": public_group.pk})


def incubator_project(kinds: dict[str, dict[str, Any]]) -> Any:
    from tandem.incubator.models import Project

    return Project.objects.get(pk=kinds["project"]["pk"])


def build(user: User | None) -> World:
    """Everything for one persona (`None`: anonymous)."""
    world = World(user=user)
    roles = user.role_codes if user is not None else set()
    stranger = UserFactory(roles=[Role.MEMBER], first_name="Sam")
    officer = UserFactory(roles=[Role.OFFICER], first_name="Otto")
    coordinator = UserFactory(roles=[Role.COORDINATOR], first_name="Cora")
    researcher = UserFactory(roles=[Role.RESEARCHER], first_name="Rita")

    # People, tokens, notifications, invitations, the outbox.
    if user is not None:
        world.token = accounts.create_api_token(user, name="matrix")[1]
        world.own["token"] = {"pk": ApiToken.objects.get(user=user).pk}
        world.own["notification"] = {"pk": notify(user, kind="matrix", title="Hi", email=False).pk}
        world.own["person"] = {"pk": user.pk}
        first, second = _check(user, "Mine"), _check(user, "Mine again")
        world.own["check"] = {"pk": second.pk}
        world.own["check_pair"] = {"pk": second.pk, "other": first.pk}
        world.own["check_pdf"] = {"pk": second.pk, "language": "en"}
    token, _key = accounts.create_api_token(stranger, name="theirs")
    world.other["token"] = {"pk": token.pk}
    world.other["notification"] = {
        "pk": notify(stranger, kind="matrix", title="Hi", email=False).pk
    }
    world.other["person"] = {"pk": stranger.pk}
    first, second = _check(stranger, "Theirs"), _check(stranger, "Theirs again")
    world.other["check"] = {"pk": second.pk}
    world.other["check_pair"] = {"pk": second.pk, "other": first.pk}
    world.other["check_pdf"] = {"pk": second.pk, "language": "en"}
    invitation, raw = accounts.invite_person("invitee@example.net", by=officer, roles=[Role.MEMBER])
    world.share("invitation", {"pk": invitation.pk})
    world.share("invitation_token", {"token": raw})
    world.share("outbox", _outbox_message())

    # The directory: unlisted organizations (a member sees their own; strangers see nothing).
    own_org = OrganizationFactory(name="Ours", is_public=False)
    if Role.MEMBER in roles:
        make_admin(own_org, user)
    other_org = OrganizationFactory(name="Theirs", is_public=False)
    make_admin(other_org, stranger)
    world.own["org"] = {"pk": own_org.pk}
    world.other["org"] = {"pk": other_org.pk}
    world.own["org_docx"] = {"pk": own_org.pk, "ext": "docx"}
    world.other["org_docx"] = {"pk": other_org.pk, "ext": "docx"}
    for whose, org in ((world.own, own_org), (world.other, other_org)):
        plain = OrganizationMembership.objects.create(organization=org, user=UserFactory())
        whose["membership"] = {"pk": org.pk, "membership_pk": plain.pk}
    world.share("unit", {"pk": UnitFactory().pk})
    # The migrations seed the institutes and the offices.
    world.share("institute", {"pk": Institute.objects.order_by("pk").first().pk})
    world.share("office", {"pk": RegionalOffice.objects.order_by("pk").first().pk})
    area = DiseaseArea.objects.order_by("pk").first()
    assert area is not None, "the migrations seed the disease areas"
    world.share("reference", {"kind": "disease-areas", "pk": area.pk})
    world.share("area", {"pk": area.pk})
    world.share("reference_kind", {"kind": "disease-areas"})
    world.share("export", {"fmt": "csv"})
    term = LexiconTerm.objects.create(
        language="fr", term="ponction", plain="piqûre", explanation="On pique.", added_by=officer
    )
    world.share("term", {"pk": term.pk})
    # allauth's links with a key, and the admin's object views (refused before any lookup)
    world.share("email_key", {"key": "not-a-key"})
    world.share("reset_key", {"uidb36": "1", "key": "not-a-key"})
    world.share("admin_object", {"object_id": "1"})
    world.share("admin_site_object", {"content_type_id": "1", "object_id": "1"})
    world.share("admin_app", {"app_label": "reviews"})

    _events(world, user, stranger, officer)

    # The College: the persona submits "own" if a researcher, reviews it if a reviewer.
    own_submitter = user if Role.RESEARCHER in roles else researcher
    own_reviewer = _seat_reviewer(user) if Role.REVIEWER in roles else make_reviewer()
    world.own.update(_request_in_revision(own_submitter, own_reviewer, coordinator))
    other_researcher = UserFactory(roles=[Role.RESEARCHER], first_name="Remy")
    world.other.update(_request_in_revision(other_researcher, make_reviewer(), coordinator))
    _gram(world, user, roles)
    _incubator(world, user, stranger, officer)
    # Reporting: an indicator's table and the yearly report (the same for everyone).
    world.share("indicator", {"slug": "partners"})
    world.share("activity_report", {"year": timezone.localdate().year, "extension": "docx"})
    world.share("report_year", {"year": timezone.localdate().year})
    world.share("report_pdf", {"year": timezone.localdate().year, "language": "en"})
    return world
