from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
import time_machine
from django.utils import translation
from docx import Document

from tandem.core.errors import DomainError, TransitionNotAllowed
from tandem.core.models import ActionLogEntry, Notification
from tandem.incubator import services
from tandem.incubator.agreements import TemplateProblem
from tandem.incubator.model_agreement import agreement_template
from tandem.incubator.models import (
    EntryKind,
    ProjectStage,
    ResourceKind,
    SupportStatus,
)
from tandem.incubator.tests.conftest import contribute, docx, pdf, text_file

pytestmark = pytest.mark.django_db


def _actions(obj):
    return list(
        ActionLogEntry.objects.filter(object_id=str(obj.pk)).values_list("action", flat=True)
    )


def test_a_proposed_project_starts_as_an_idea_and_tells_the_officers(
    project, member, officer, django_capture_on_commit_callbacks
):
    assert project.stage == ProjectStage.IDEA
    assert project.proposed_by == member
    assert "incubator.project.proposed" in _actions(project)


def test_officers_hear_of_a_new_project(
    member, officer, organization, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.propose_project(
            member, title="T", question="Q", why_it_matters="W", help_needed=[]
        )
    assert Notification.objects.filter(recipient=officer, kind="incubator.project").exists()


def test_an_unknown_kind_of_help_is_refused(member):
    with pytest.raises(DomainError):
        services.propose_project(
            member, title="T", question="Q", why_it_matters="W", help_needed=["cake"]
        )


def test_moving_on_with_an_incomplete_checklist_asks_for_confirmation(project, officer):
    with pytest.raises(services.ChecklistIncomplete) as refused:
        services.move_project(project, to=ProjectStage.DESIGN, by=officer)
    assert len(refused.value.missing) == 3
    project.refresh_from_db()
    assert project.stage == ProjectStage.IDEA  # nothing written


def test_a_confirmed_move_is_recorded_in_the_timeline_and_the_log(project, officer):
    services.tick_checklist(project, done=["question"], by=officer)
    services.move_project(
        project, to=ProjectStage.DESIGN, by=officer, confirm_incomplete=True, note="On avance."
    )
    project.refresh_from_db()
    assert project.stage == ProjectStage.DESIGN
    assert project.checklist_done == []
    entry = project.timeline.get(kind=EntryKind.STAGE)
    assert "confirmed" in entry.text and "On avance." in entry.text
    log = ActionLogEntry.objects.get(action="incubator.project.moved")
    assert log.data["confirmed_incomplete"] == 2


def test_a_complete_checklist_moves_without_asking(project, officer):
    services.tick_checklist(project, done=["question", "partners", "meeting"], by=officer)
    services.move_project(project, to=ProjectStage.DESIGN, by=officer)
    project.refresh_from_db()
    assert project.stage == ProjectStage.DESIGN
    assert "Moved on" not in project.timeline.get(kind=EntryKind.STAGE).text


def test_the_workflow_refuses_skipping_stages_and_leaving_closed(project, officer):
    with pytest.raises(TransitionNotAllowed):
        services.move_project(project, to=ProjectStage.RUNNING, by=officer, confirm_incomplete=True)
    services.move_project(project, to=ProjectStage.CLOSED, by=officer, confirm_incomplete=True)
    with pytest.raises(TransitionNotAllowed, match="closed"):
        services.move_project(project, to=ProjectStage.IDEA, by=officer)


def test_moving_back_needs_no_checklist(project, officer):
    services.move_project(project, to=ProjectStage.DESIGN, by=officer, confirm_incomplete=True)
    services.move_project(project, to=ProjectStage.IDEA, by=officer)
    project.refresh_from_db()
    assert project.stage == ProjectStage.IDEA


def test_an_unknown_checklist_item_is_refused(project, officer):
    with pytest.raises(DomainError):
        services.tick_checklist(project, done=["nonsense"], by=officer)


def test_followers_hear_of_a_stage_change(
    project, member, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.move_project(project, to=ProjectStage.CLOSED, by=officer)
    assert Notification.objects.filter(recipient=member, kind="incubator.project").exists()


def test_a_stage_change_is_told_in_the_language_the_follower_reads_in(
    project, member, officer, django_capture_on_commit_callbacks
):
    member.language = "fr"
    member.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        services.move_project(project, to=ProjectStage.CLOSED, by=officer)
    told = Notification.objects.get(recipient=member, kind="incubator.project")
    # Stored as the message's id and the stage's code, not as the words of one language.
    assert told.params["stage"] == {
        "choice": "tandem.incubator.models.ProjectStage",
        "code": ProjectStage.CLOSED.value,
    }
    with translation.override("en"):
        assert told.shown_title == f"“{project.title}” is now at the stage “Closed”."
    with translation.override("fr"):
        french = told.shown_title
        assert f"{ProjectStage.CLOSED.label}" in french
    assert "est maintenant" in french


def test_a_support_request_taken_is_told_in_the_reader_s_language(
    member, officer, django_capture_on_commit_callbacks
):
    support = services.request_support(
        member, kind="ethics", subject="Relecture", description="Aide"
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.take_support_request(support, by=officer)
    told = Notification.objects.filter(recipient=member, kind="incubator.support").latest("pk")
    with translation.override("en"):
        assert told.shown_title.endswith("takes care of your request “Relecture”.")
    with translation.override("fr"):
        assert "Relecture" in told.shown_title
        assert "takes care" not in told.shown_title


def test_only_an_officer_is_assigned(project, officer, researcher):
    with pytest.raises(DomainError):
        services.assign_officer(project, officer=researcher, by=officer)
    services.assign_officer(project, officer=officer, by=officer)
    project.refresh_from_db()
    assert project.officer == officer
    assert project.followers.filter(pk=officer.pk).exists()


def test_a_public_page_needs_a_public_summary(project, officer):
    with pytest.raises(DomainError, match="summary"):
        services.publish_project(project, public=True, by=officer)
    services.update_project(project, by=officer, changes={"public_summary": "En bref."})
    services.publish_project(project, public=True, by=officer)
    project.refresh_from_db()
    assert project.is_public


def test_a_document_goes_into_the_timeline(project, member):
    entry = services.add_timeline_entry(
        project, kind=EntryKind.DOCUMENT, text="", by=member, upload=text_file(), file_kind="txt"
    )
    assert entry.file and entry.original_filename == "notes.txt"
    with pytest.raises(DomainError):
        services.add_timeline_entry(project, kind=EntryKind.DOCUMENT, text="x", by=member)


def test_milestones_are_dated_and_reached(project, officer):
    milestone = services.add_milestone(
        project, title="Comité", due_on=dt.date(2026, 1, 1), by=officer
    )
    assert milestone.is_late
    services.complete_milestone(milestone, on=dt.date(2026, 1, 2), by=officer)
    milestone.refresh_from_db()
    assert milestone.done_on == dt.date(2026, 1, 2) and not milestone.is_late


def test_contributions_need_positive_hours(project, member, officer):
    with pytest.raises(DomainError):
        contribute(project, member, by=officer, hours="0")
    c = contribute(project, member, by=officer, hours="3.5")
    assert c.hours == Decimal("3.5")


# --- Support requests


def test_a_support_request_is_taken_by_one_officer_only(member, officer, admin_user):
    from tandem.accounts.models import Role
    from tandem.accounts.tests.factories import UserFactory

    other = UserFactory(roles=[Role.OFFICER])
    support = services.request_support(
        member, kind="funding", subject="Financer", description="Aide"
    )
    services.take_support_request(support, by=officer)
    support.refresh_from_db()
    assert support.status == SupportStatus.IN_PROGRESS and support.owner == officer
    with pytest.raises(DomainError) as refused:
        services.take_support_request(support, by=other)
    assert refused.value.code == "already_taken"


def test_a_support_request_follows_its_workflow(member, officer):
    support = services.request_support(member, kind="ethics", subject="CPP", description="Aide")
    with pytest.raises(TransitionNotAllowed):
        services.move_support_request(support, to=SupportStatus.RESOLVED, by=officer)
    services.move_support_request(support, to=SupportStatus.IN_PROGRESS, by=officer)
    services.move_support_request(support, to=SupportStatus.RESOLVED, by=officer)
    support.refresh_from_db()
    assert support.status == SupportStatus.RESOLVED and support.owner == officer


def test_an_open_request_past_its_due_date_is_overdue(member, officer):
    # Asked in January for a date to come; overdue once that date has gone by.
    with time_machine.travel(dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC)):
        support = services.request_support(
            member,
            kind="training",
            subject="Former",
            description="Aide",
            due_on=dt.date(2026, 2, 1),
        )
        assert not support.is_overdue
    with time_machine.travel(dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)):
        assert support.is_overdue
        services.move_support_request(support, to=SupportStatus.CANCELLED, by=officer)
        support.refresh_from_db()
        assert not support.is_overdue


# --- Library


def test_a_new_version_becomes_what_people_find(officer):
    resource = services.add_resource(
        officer,
        title="Guide",
        summary="",
        kind=ResourceKind.METHOD_GUIDE,
        language="fr",
        visibility="public",
        upload=pdf(),
        file_kind="pdf",
    )
    assert resource.latest.number == 1
    with pytest.raises(DomainError):
        services.add_resource_version(
            resource, upload=pdf(), file_kind="pdf", change_note=" ", by=officer
        )
    version = services.add_resource_version(
        resource, upload=text_file(), file_kind="txt", change_note="Chapitre 3 réécrit", by=officer
    )
    resource.refresh_from_db()
    assert resource.latest == version and version.number == 2


def test_a_template_with_an_unknown_variable_is_refused_naming_it(officer, template):
    bad = agreement_template("fr", extra="{{ project.budjet }}")
    with pytest.raises(TemplateProblem, match="budjet") as refused:
        services.add_resource_version(
            template, upload=docx(bad), file_kind="docx", change_note="x", by=officer
        )
    assert refused.value.code == "undefined_variable"
    assert template.versions.count() == 1


def test_a_template_with_a_broken_tag_is_refused_showing_where(officer, template):
    bad = agreement_template("fr", extra="Signé le {{ date|date }")
    with pytest.raises(TemplateProblem) as refused:
        services.add_resource_version(
            template, upload=docx(bad), file_kind="docx", change_note="x", by=officer
        )
    assert refused.value.code == "template_syntax"
    assert "paragraph" in str(refused.value) and "Signé le" in str(refused.value)


def test_a_template_cannot_reach_python_internals(officer, template):
    bad = agreement_template("fr", extra="{{ parties.__class__.__mro__ }}")
    with pytest.raises(TemplateProblem):
        services.add_resource_version(
            template, upload=docx(bad), file_kind="docx", change_note="x", by=officer
        )


def test_an_agreement_template_must_be_a_word_file(officer, template):
    with pytest.raises(DomainError):
        services.add_resource_version(
            template, upload=pdf(), file_kind="pdf", change_note="x", by=officer
        )


# --- Agreements


def test_an_agreement_lists_what_the_project_lacks(project, officer, template):
    with pytest.raises(services.MissingData) as refused:
        services.generate_agreement(project, template=template, by=officer)
    missing = refused.value.missing
    assert "the purpose of the partnership" in missing
    assert "at least one researcher or research unit involved" in missing
    assert not project.agreements.exists()


def test_an_agreement_is_filled_from_the_project(ready_project, officer, template, organization):
    version = services.generate_agreement(ready_project, template=template, by=officer)
    text = "\n".join(p.text for p in Document(io.BytesIO(version.file.read())).paragraphs)
    assert "Alcool et entourage" in text
    assert organization.name in text and "Frais de déplacement remboursés." in text
    assert "24" in text
    again = services.generate_agreement(ready_project, template=template, by=officer)
    assert again.agreement == version.agreement and again.number == 2


def test_signatures_then_the_signed_copy(ready_project, officer, template):
    agreement = services.generate_agreement(ready_project, template=template, by=officer).agreement
    with pytest.raises(DomainError):
        services.store_signed_copy(agreement, upload=pdf("signed.pdf"), by=officer)
    services.record_signature(
        agreement,
        party="Association",
        signatory="Mona M.",
        signed_on=dt.date(2026, 5, 1),
        by=officer,
    )
    services.store_signed_copy(agreement, upload=pdf("signed.pdf"), by=officer)
    agreement.refresh_from_db()
    assert agreement.signed_copy and agreement.signed_copy_name == "signed.pdf"
    assert "incubator.agreement.signed_copy_stored" in _actions(agreement)


# --- Working groups


def test_only_the_coordinator_posts_updates(member, researcher, officer):
    group = services.create_working_group(
        officer,
        name="Alcool",
        purpose="Recherche communautaire",
        coordinator=member,
        members=[researcher],
    )
    with pytest.raises(DomainError):
        services.post_to_group(group, kind="update", text="News", by=researcher)
    services.post_to_group(group, kind="message", text="Bonjour", by=researcher)
    services.post_to_group(group, kind="update", text="Réunion le 3", by=member)
    assert group.posts.count() == 2
    assert set(group.members.all()) == {member, researcher}


# --- Personal data


def test_the_export_lists_what_a_person_gave_and_erasure_forgets_it(project, member, officer):
    from tandem.incubator import personal_data
    from tandem.incubator.models import Contribution, GroupPost, TimelineEntry

    services.add_timeline_entry(project, kind="note", text="Ma note", by=member)
    contribute(project, member, by=officer, hours="1")
    group = services.create_working_group(
        officer, name="G", purpose="P", coordinator=officer, members=[member]
    )
    services.post_to_group(group, kind="message", text="Mon message", by=member)
    support = services.request_support(
        member, kind="funding", subject="Seul", description="Mon besoin"
    )
    exported = personal_data.export(member)
    assert exported["projects_proposed"][0]["title"] == project.title
    assert exported["contributions"][0]["role"] == "Relecture"
    assert exported["working_group_posts"][0]["text"] == "Mon message"
    personal_data.erase(member)
    assert not TimelineEntry.objects.filter(author=member).exists()
    assert not GroupPost.objects.filter(author=member).exists()
    assert not Contribution.objects.filter(volunteer=member).exists()
    assert not type(support).objects.filter(pk=support.pk).exists()
    assert not group.members.filter(pk=member.pk).exists()
