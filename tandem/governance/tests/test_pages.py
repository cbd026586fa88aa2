"""The pages per role: the public page for everyone, the members' area by mandate (not by role),
the secretariat's pages, the director's answer; constant query counts on the list pages."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from tandem.governance import services
from tandem.governance.models import Proposal, ProposalStatus

from .conftest import check_in_all, mandates, seat, soon

pytestmark = pytest.mark.django_db


def test_the_public_page_shows_the_composition_vacancies_and_adopted_proposals(
    client, body, gram_member
):
    seat(body, "patients", gram_member)
    draft = services.draft_proposal(
        body, author=gram_member, title="Secret draft", text="A draft text."
    )
    shown = services.draft_proposal(body, author=gram_member, title="Adopted one", text="A text.")
    Proposal.objects.filter(pk=shown.pk).update(status=ProposalStatus.ADOPTED)
    response = client.get(reverse("governance:public"))
    assert response.status_code == 200
    page = response.content.decode()
    assert gram_member.get_full_name() in page and "Vacant seat" in page
    assert "Adopted one" in page and "Secret draft" not in page
    assert client.get(reverse("governance:proposal", args=[draft.pk])).status_code == 404
    assert client.get(reverse("governance:calendar_feed"))["Content-Type"].startswith(
        "text/calendar"
    )


def test_the_home_card_leads_to_the_public_page(client, body):
    assert reverse("governance:public") in client.get(reverse("core:home")).content.decode()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [
        ("gram_member", 200),
        ("officer", 200),
        ("director", 200),
        ("member", 403),
        ("researcher", 403),
    ],
)
def test_the_meeting_page_is_for_members_by_mandate_the_director_and_the_secretariat(
    persona, expected, as_persona, meeting
):
    client, _user = as_persona(persona)
    assert client.get(reverse("governance:meeting", args=[meeting.pk])).status_code == expected


def test_a_gram_role_without_a_current_mandate_does_not_open_the_members_area(client, body):
    from tandem.accounts.tests.factories import UserFactory

    former = UserFactory(roles=["gram"])
    client.force_login(former)
    assert client.get(reverse("governance:meetings")).status_code == 403
    seat(body, "patients", former)
    assert client.get(reverse("governance:meetings")).status_code == 200


def test_only_the_secretariat_manages_seats(as_persona, body):
    for persona, expected in (("officer", 200), ("gram_member", 403), ("director", 403)):
        client, _user = as_persona(persona)
        assert client.get(reverse("governance:body")).status_code == expected


def test_a_refused_mandate_is_explained_on_the_page(as_persona, body):
    client, _officer = as_persona("officer")
    for _ in range(5):
        seat(body, "researchers")
    from tandem.accounts.tests.factories import UserFactory

    response = client.post(
        reverse("governance:appoint"),
        {
            "mandate-person": UserFactory().pk,
            "mandate-college": body.colleges.get(code="researchers").pk,
            "mandate-role": "member",
            "mandate-start": "2026-01-01",
            "mandate-end": "2029-01-01",
        },
        follow=True,
    )
    assert "All 5 seats" in response.content.decode()


def test_a_member_answers_gives_a_proxy_and_votes_with_radio_buttons(as_persona, meeting, officer):
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    client, me = as_persona("gram_member")
    url = reverse("governance:meeting", args=[meeting.pk])
    client.post(reverse("governance:answer_convocation", args=[meeting.pk]), {"answer": "yes"})
    assert "Will attend" in client.get(url).content.decode()
    check_in_all(meeting, officer)
    vote = services.open_vote(meeting.items.get(), question="Adopt?", by=officer)
    page = client.get(reverse("governance:vote", args=[vote.pk])).content.decode()
    assert "<fieldset>" in page and 'type="radio" name="choice" value="for"' in page
    client.post(reverse("governance:cast_ballot", args=[vote.pk]), {"choice": "for"})
    assert vote.ballots.get().mandate.person == me
    page = client.get(reverse("governance:vote", args=[vote.pk])).content.decode()
    assert "The result is published when the vote closes" in page and "Result" not in page


def test_the_director_answers_on_the_page_and_a_reason_is_required_to_decline(
    as_persona, full_body, gram_member, officer
):
    proposal = services.draft_proposal(full_body, author=gram_member, title="P", text="A text.")
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.ADOPTED)
    services.transmit(proposal, by=officer)
    client, _director = as_persona("director")
    url = reverse("governance:answer_proposal", args=[proposal.pk])
    response = client.post(url, {"decision": "declined", "reason": ""}, follow=True)
    assert "required unless" in response.content.decode()
    # The answer is final: like sending a review, it is confirmed first, nothing saved before.
    typed = {"decision": "declined", "reason": "No budget this year."}
    page = client.post(url, typed).content.decode()
    assert "Send my answer for good" in page and "No budget this year." in page
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.TRANSMITTED
    # Going back to change it keeps what was typed.
    client.post(url, {**typed, "edit": "1"})
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "No budget this year.</textarea>" in page
    assert re.search(r'value="declined"[^>]*checked', page)
    client.post(url, {**typed, "confirm": "1"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ANSWERED
    page = client.get(reverse("governance:public")).content.decode()
    assert "Declined" in page


def _count(client, url) -> int:
    with CaptureQueriesContext(connection) as seen:
        assert client.get(url).status_code == 200
    return len(seen.captured_queries)


def test_the_list_pages_query_count_is_constant(as_persona, full_body, gram_member, officer):
    client, _user = as_persona("gram_member")

    def grow():
        p = services.draft_proposal(full_body, author=gram_member, title="P", text="A text.")
        Proposal.objects.filter(pk=p.pk).update(status=ProposalStatus.ADOPTED)
        m = services.schedule_meeting(
            full_body, title="M", starts_at=soon(40), place="Paris", by=officer
        )
        services.add_agenda_item(m, title="I", by=officer)

    grow()
    urls = [
        reverse(n) for n in ("governance:public", "governance:proposals", "governance:meetings")
    ]
    before = [_count(client, u) for u in urls]
    for _ in range(4):
        grow()
    assert [_count(client, u) for u in urls] == before


def test_the_meeting_page_query_count_does_not_grow_with_items_and_proxies(
    as_persona, meeting, officer
):
    services.convene(meeting, by=officer)
    client, _user = as_persona("officer")
    url = reverse("governance:meeting", args=[meeting.pk])
    first = _count(client, url)
    for n in range(4):
        services.add_agenda_item(meeting, title=f"Item {n}", by=officer)
    patients = mandates(meeting.body, "patients")
    for principal, holder in ((patients[8], patients[1]), (patients[9], patients[2])):
        services.give_proxy(meeting, person=principal.person, holder=holder)
    assert _count(client, url) == first


def test_the_secretariat_ends_a_mandate_and_adopts_new_quorum_rules(as_persona, body):
    client, _officer = as_persona("officer")
    mandate = seat(body, "researchers")
    last = mandate.start.isoformat()
    client.post(reverse("governance:end_mandate", args=[mandate.pk]), {"on": last})
    mandate.refresh_from_db()
    assert mandate.end == mandate.start
    client.post(
        reverse("governance:adopt_quorum_rule"),
        {"overall_percent": 60, "college_percent": 50, "count_proxies": "on"},
    )
    rule = body.quorum_rules.order_by("-version").first()
    assert (rule.version, rule.overall_percent, rule.college_percent) == (2, 60, 50)


@pytest.mark.parametrize(
    ("persona", "target"),
    [
        ("anonymous", "governance:public"),
        ("member", "governance:public"),
        ("gram_member", "governance:meetings"),
        ("director", "governance:meetings"),
        ("officer", "governance:meetings"),
    ],
)
def test_the_main_menu_leads_to_the_gram_by_mandate(as_persona, body, persona, target):
    if persona == "gram_member":
        seat(body, "patients", as_persona(persona)[1])
    client, _user = as_persona(persona)
    page = client.get(reverse("directory:directory")).content.decode()
    assert f'href="{reverse(target)}">The GRAM</a>' in page


def test_the_menu_follows_the_mandates_dates(as_persona, body):
    import datetime as dt

    from django.utils import timezone

    client, user = as_persona("gram_member")
    today = timezone.localdate()
    seat(
        body,
        "patients",
        user,
        start=today - dt.timedelta(days=400),
        end=today - dt.timedelta(days=1),
    )
    page = client.get(reverse("directory:directory")).content.decode()
    assert f'href="{reverse("governance:public")}">The GRAM</a>' in page
    assert f'href="{reverse("governance:meetings")}">The GRAM</a>' not in page


def test_the_seats_page_query_count_does_not_grow_with_the_mandates(as_persona, body):
    client, _officer = as_persona("officer")
    seat(body, "patients")
    url = reverse("governance:body")
    before = _count(client, url)
    for code in ("patients", "researchers", "administration"):
        for _ in range(3):
            seat(body, code)
    assert _count(client, url) == before


def test_the_home_page_shows_a_members_next_meeting_reading_votes_and_proposals(
    as_persona, meeting, officer, full_body, director
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    services.add_document(
        meeting,
        title="Budget 2027",
        upload=SimpleUploadedFile("b.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        by=officer,
    )
    services.convene(meeting, by=officer)
    services.open_meeting(meeting, by=officer)
    check_in_all(meeting, officer)
    services.open_vote(meeting.items.get(), question="Adopt the budget?", by=officer)
    colleague = mandates(full_body, "researchers")[0].person
    services.draft_proposal(full_body, author=colleague, title="Shorter minutes", text="Text.")
    waiting = services.draft_proposal(full_body, author=colleague, title="Waiting", text="Text.")
    Proposal.objects.filter(pk=waiting.pk).update(status=ProposalStatus.ADOPTED)
    services.transmit(waiting, by=officer)

    client, _me = as_persona("gram_member")
    home = client.get(reverse("core:dashboard")).content.decode()
    for words in (
        "Next meeting: Q meeting",
        "To read: Budget 2027",
        "Vote open: Adopt the budget?",
        "To co-sign: Shorter minutes",
    ):
        assert words in home
    when = timezone.localtime(meeting.starts_at)  # a date people read, not an ISO code
    with translation.override("en"):
        assert f'Q meeting</a> <span class="muted">— {date_format(when, "j F Y, H:i")}' in home
    assert when.strftime("%Y-%m-%d") not in home
    assert "Awaiting your answer" not in home
    client.force_login(director)
    home = client.get(reverse("core:dashboard")).content.decode()
    assert "Awaiting your answer: Waiting" in home and "waiting for 0 days" in home
    assert "Vote open" not in home  # the director holds no seat


def test_the_home_page_lists_the_first_three_documents_of_the_next_meeting_only(
    as_persona, meeting, officer, full_body
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    def pdf(name):
        return SimpleUploadedFile(name, b"%PDF-1.4\n%%EOF\n", content_type="application/pdf")

    client, _me = as_persona("gram_member")
    home = client.get(reverse("core:dashboard")).content.decode()
    assert "Next meeting: Q meeting" in home and "To read" not in home  # none attached yet
    for n in range(4):
        services.add_document(meeting, title=f"Paper {n}", upload=pdf(f"p{n}.pdf"), by=officer)
    later = services.schedule_meeting(
        full_body, title="Later meeting", starts_at=soon(60), place="Lyon", by=officer
    )
    services.add_document(later, title="Later paper", upload=pdf("l.pdf"), by=officer)
    home = client.get(reverse("core:dashboard")).content.decode()
    assert home.count("Next meeting:") == 1 and "Later meeting" not in home
    assert [f"To read: Paper {n}" in home for n in range(4)] == [True, True, True, False]
    assert "Later paper" not in home


def test_the_public_page_shows_how_long_an_answer_has_been_waiting(
    client, full_body, gram_member, officer
):
    import datetime as dt

    proposal = services.draft_proposal(full_body, author=gram_member, title="Late", text="Text.")
    Proposal.objects.filter(pk=proposal.pk).update(status=ProposalStatus.ADOPTED)
    services.transmit(proposal, by=officer)
    Proposal.objects.filter(pk=proposal.pk).update(
        # Noon, local time, 100 calendar days ago: "now minus 100 × 24 h" falls on another
        # local day late in the evening when a change of summer time lies in between.
        transmitted_at=timezone.make_aware(
            dt.datetime.combine(timezone.localdate() - dt.timedelta(days=100), dt.time(12))
        ),
        answer_due=timezone.localdate() - dt.timedelta(days=10),
    )
    page = client.get(reverse("governance:public")).content.decode()
    assert "waiting for 100 days — overdue" in page
