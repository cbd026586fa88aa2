"""Pages: the permission matrix (role × page), confidentiality by id, the journey through the
client, downloads logged, constant query counts."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tandem.accounts.models import Role
from tandem.accounts.tests.factories import UserFactory
from tandem.core.models import ActionLogEntry
from tandem.reviews import queries, services
from tandem.reviews.models import (
    Assignment,
    AssignmentState,
    DocumentVersion,
    RequestStatus,
    Round,
)

from .conftest import GRID, make_reviewer, review_all, upload

LIST_PAGES = {
    # name: personas allowed (others: 403 for role pages; anonymous: redirect to sign in)
    "reviews:my_requests": {
        "outsider",
        "member",
        "researcher",
        "reviewer",
        "coordinator",
        "officer",
        "admin_user",
    },
    "reviews:new": {"researcher", "coordinator", "admin_user"},
    "reviews:queue": {"coordinator", "admin_user"},
    "reviews:metrics": {"coordinator", "admin_user"},
    "reviews:pool": {"coordinator", "admin_user"},
    "reviews:my_assignments": {"reviewer"},
    "reviews:history": {"reviewer"},
    "reviews:apply": {"member", "reviewer"},
}
PERSONAS = [
    "anonymous",
    "outsider",
    "member",
    "researcher",
    "reviewer",
    "coordinator",
    "officer",
    "admin_user",
]


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("name", sorted(LIST_PAGES))
def test_list_pages_follow_the_roles(as_persona, name, persona):
    client, _user = as_persona(persona)
    response = client.get(reverse(name))
    if persona == "anonymous":
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    elif persona in LIST_PAGES[name]:
        assert response.status_code == 200
    else:
        assert response.status_code == 403


def _detail_urls(request, version, assignment):
    return {
        "request": reverse("reviews:request", args=[request.pk]),
        "version": reverse("reviews:version", args=[version.pk]),
        "download": reverse("reviews:download", args=[version.pk]),
        "assign": reverse("reviews:assign", args=[request.pk]),
        "workspace": reverse("reviews:workspace", args=[assignment.pk]),
        "compare": reverse("reviews:compare", args=[request.pk, "leaflet"]),
    }


def test_detail_pages_are_not_found_for_people_without_a_seat(
    client, in_review, reviewer, outsider, member, pool
):
    version = DocumentVersion.objects.filter(document__request=in_review).first()
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    urls = _detail_urls(in_review, version, assignment)
    for person in (reviewer, outsider, member, pool[4]):
        client.force_login(person)
        for name, url in urls.items():
            assert client.get(url).status_code == 404, (person, name)


def test_a_reviewer_trying_another_request_by_id_gets_404(
    client, in_review, pool, researcher, areas, coordinator
):
    other = services.create_request(by=researcher, title="Autre étude", category="riph3")
    client.force_login(pool[0])
    assert client.get(reverse("reviews:request", args=[in_review.pk])).status_code == 200
    assert client.get(reverse("reviews:request", args=[other.pk])).status_code == 404
    assert client.get(reverse("reviews:report", args=[in_review.pk])).status_code == 404


def test_an_alternate_not_yet_invited_cannot_see_the_documents(client, in_review, pool):
    version = DocumentVersion.objects.filter(document__request=in_review).first()
    client.force_login(pool[3])
    assert client.get(reverse("reviews:download", args=[version.pk])).status_code == 404


def test_a_download_is_logged_and_never_cached(client, in_review, pool):
    version = DocumentVersion.objects.filter(
        document__request=in_review, document__kind="leaflet"
    ).first()
    client.force_login(pool[0])
    response = client.get(reverse("reviews:download", args=[version.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"PK")
    entry = ActionLogEntry.objects.get(action="reviews.document.downloaded")
    assert entry.actor == pool[0] and entry.data["version"] == version.pk


def test_coordinator_only_actions_are_not_found_for_others(client, submitted, researcher):
    client.force_login(researcher)
    assert (
        client.post(
            reverse("reviews:triage", args=[submitted.pk]), {"decision": "accept"}
        ).status_code
        == 404
    )
    submitted.refresh_from_db()
    assert submitted.status == RequestStatus.SUBMITTED


def test_the_researcher_submits_through_the_wizard(
    client, researcher, areas, org, django_capture_on_commit_callbacks
):
    from .conftest import upload

    client.force_login(researcher)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:new"),
            {
                "title": "Étude PAGE",
                "category": "riph2",
                "language": "fr",
                "reviewers_wanted": 3,
                "disease_areas": [areas["type1"].pk],
                "organizations": [org.pk],
                "protocol_summary": upload("Résumé.", "p.docx"),
                "leaflet": upload(),
                "consent": upload("Je consens.", "c.docx"),
            },
        )
    assert response.status_code == 302
    detail = client.get(response["Location"])
    assert "indicator" in detail.content.decode()
    request = researcher.review_requests.get()
    assert client.post(reverse("reviews:submit", args=[request.pk])).status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.SUBMITTED


def test_an_unsupported_file_is_refused_with_a_clear_message(client, researcher):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(researcher)
    response = client.post(
        reverse("reviews:new"),
        {
            "title": "X",
            "category": "riph2",
            "language": "fr",
            "reviewers_wanted": 3,
            "leaflet": SimpleUploadedFile("x.docx", b"\x00\x01 not a document"),
        },
    )
    assert response.status_code == 422
    assert "not a valid" in response.content.decode()
    assert not researcher.review_requests.exists()


def test_after_an_error_the_page_says_that_chosen_files_must_be_chosen_again(client, researcher):
    from .conftest import upload

    client.force_login(researcher)
    data = {"title": "", "category": "riph2", "language": "fr", "reviewers_wanted": 3}
    without_files = client.post(reverse("reviews:new"), data)
    assert "choose the documents again" not in without_files.content.decode()
    with_files = client.post(reverse("reviews:new"), {**data, "leaflet": upload()})
    assert with_files.status_code == 422
    assert "choose the documents again" in with_files.content.decode()


def test_the_coordinator_sees_the_suggestion_and_assigns(client, accepted, coordinator, pool):
    client.force_login(coordinator)
    page = client.get(reverse("reviews:assign", args=[accepted.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "Ana" in text and "Knows this disease area" in text
    response = client.post(
        reverse("reviews:assign", args=[accepted.pk]),
        {
            "deadline": "2099-01-01",
            "reviewers": [pool[0].pk, pool[1].pk],
            "alternates": [pool[3].pk],
        },
    )
    assert response.status_code == 302
    assert Assignment.objects.filter(state=AssignmentState.INVITED).count() == 2


def test_the_reviewer_accepts_comments_and_sends_the_grid_through_the_pages(
    client, in_review, pool
):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    client.force_login(pool[0])
    client.post(reverse("reviews:accept", args=[assignment.pk]))
    workspace = client.get(reverse("reviews:workspace", args=[assignment.pk]))
    assert workspace.status_code == 200 and "data-comment-form" in workspace.content.decode()
    version = in_review.documents.get(kind="leaflet").latest_version
    client.post(
        reverse("reviews:add_comment", args=[assignment.pk]),
        {
            "version": version.pk,
            "quote": "ponction articulaire",
            "comment": "Expliquer",
            "suggestion": "une piqûre dans le genou",
        },
    )
    assert version.comments.count() == 1
    asked = client.post(reverse("reviews:grid", args=[assignment.pk]), {**GRID, "submit": "1"})
    assert asked.url == reverse("reviews:send_review", args=[assignment.pk])
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.ACCEPTED  # not before the confirmation
    assert client.get(asked.url).status_code == 200
    client.post(asked.url)
    assignment.refresh_from_db()
    assert assignment.state == AssignmentState.SUBMITTED


def test_a_refused_comment_keeps_what_was_typed_and_the_grid_is_kept_as_a_draft(
    client, in_review, pool
):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    services.accept_assignment(assignment, by=pool[0])
    client.force_login(pool[0])
    version = in_review.documents.get(kind="leaflet").latest_version
    response = client.post(
        reverse("reviews:add_comment", args=[assignment.pk]),
        {
            "version": version.pk,
            "document": "leaflet",
            "quote": "a passage that is not in the leaflet at all",
            "comment": "Mon commentaire soigneusement écrit",
            "suggestion": "",
            **{**GRID, "readability_comment": "Grille tapée avant le commentaire"},
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert "Mon commentaire soigneusement écrit" in body
    assert "Grille tapée avant le commentaire" in body
    assert version.comments.count() == 0
    assignment.refresh_from_db()
    assert assignment.review.comment("readability") == "Grille tapée avant le commentaire"


def test_others_reviews_are_shown_only_after_sending_ones_own(client, in_review, pool):
    first = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    second = Assignment.objects.get(round=in_review.current_round, reviewer=pool[1])
    for a in (first, second):
        services.accept_assignment(a, by=a.reviewer)
    services.save_review(
        first, by=pool[0], values={**GRID, "rights_comment": "Unique remark"}, submit=True
    )
    client.force_login(pool[1])
    assert (
        "Unique remark"
        not in client.get(reverse("reviews:workspace", args=[second.pk])).content.decode()
    )
    services.save_review(second, by=pool[1], values=GRID, submit=True)
    assert (
        "Unique remark"
        in client.get(reverse("reviews:workspace", args=[second.pk])).content.decode()
    )


def test_the_researcher_reads_the_report_page_docx_and_pdf(
    client, in_review, coordinator, researcher
):
    review_all(in_review)
    client.force_login(coordinator)
    client.post(reverse("reviews:consolidate", args=[in_review.pk]))
    response = client.post(
        reverse("reviews:consolidate", args=[in_review.pk]),
        {
            "summary": "Merci",
            "readability_text": "- Raccourcir",
            "framework_text": "",
            "constraints_text": "",
            "rights_text": "",
            "burden_text": "",
            "send": "1",
        },
    )
    assert response.status_code == 302
    client.force_login(researcher)
    page = client.get(reverse("reviews:report", args=[in_review.pk]))
    assert "Raccourcir" in page.content.decode()
    assert "Ana" not in page.content.decode()  # no reviewer agreed to be named
    assert client.get(reverse("reviews:report_docx", args=[in_review.pk])).content.startswith(b"PK")
    assert client.get(reverse("reviews:report_pdf", args=[in_review.pk])).content.startswith(
        b"%PDF"
    )


def test_certificate_is_a_docx(client, in_review, pool):
    review_all(in_review)
    client.force_login(pool[0])
    response = client.get(reverse("reviews:certificate"))
    assert response.status_code == 200 and response.content.startswith(b"PK")


def _count(client, url):
    client.get(url)  # warm the session and caches: compare steady states
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def _more_requests(researcher, coordinator, reviewer_user, n):
    for i in range(n):
        request = services.create_request(by=researcher, title=f"Étude {i}", category="riph3")
        request.status = RequestStatus.ACCEPTED
        request.save()
        services.assign_reviewers(request, by=coordinator, reviewers=[reviewer_user])


@pytest.mark.parametrize(
    "url_name", ["core:dashboard", "reviews:my_assignments", "reviews:history"]
)
def test_reviewer_pages_keep_a_constant_query_count(client, researcher, coordinator, url_name):
    person = make_reviewer(max_open=20)
    client.force_login(person)
    _more_requests(researcher, coordinator, person, 1)
    one = _count(client, reverse(url_name))
    _more_requests(researcher, coordinator, person, 8)
    assert _count(client, reverse(url_name)) == one


@pytest.mark.parametrize(
    "url_name",
    ["core:dashboard", "reviews:queue", "reviews:pool", "reviews:metrics", "reviews:my_requests"],
)
def test_coordinator_pages_keep_a_constant_query_count(client, researcher, coordinator, url_name):
    client.force_login(coordinator)
    person = make_reviewer(max_open=20)
    _more_requests(researcher, coordinator, person, 1)
    one = _count(client, reverse(url_name))
    _more_requests(researcher, coordinator, person, 8)
    for _ in range(5):
        make_reviewer()
    assert _count(client, reverse(url_name)) == one


def test_the_requests_a_person_may_see_come_with_their_author_and_round(
    in_review, researcher, coordinator, pool, django_assert_num_queries
):
    """`requests_visible_to` feeds the request page (its author, its current round), the API
    and the reports: the author and the round come in the same query as the requests, not one
    query per request (several rows, as coordinator, author and reviewer)."""
    reviewer = make_reviewer(max_open=20)
    _more_requests(researcher, coordinator, reviewer, 3)
    for person in (coordinator, researcher, reviewer):
        rows = list(queries.requests_visible_to(person).exclude(current_round=None))
        assert len(rows) >= 3, person
        with django_assert_num_queries(0):
            seen = {(r.submitted_by.get_full_name(), r.current_round.number) for r in rows}
        assert seen == {(researcher.get_full_name(), 1)}


def test_the_versions_a_person_may_see_come_with_their_document_and_request(
    in_review, researcher, coordinator, pool, client, django_assert_num_queries
):
    """`versions_visible_to` feeds the version page (its document, its request) and the
    downloads: the document and the request come with the versions, not one query per version
    (the three documents of a request, as author, coordinator and seated reviewer)."""
    for person in (researcher, coordinator, pool[0]):
        rows = list(queries.versions_visible_to(person))
        assert len(rows) == 3, person
        with django_assert_num_queries(0):
            seen = {(v.document.kind, v.document.request.title) for v in rows}
        assert seen == {
            (kind, "Étude GENOU-CALME") for kind in ("protocol_summary", "leaflet", "consent")
        }
    # The page itself: the same number of queries for each of the request's documents.
    client.force_login(researcher)
    counts = {
        _count(client, reverse("reviews:version", args=[v.pk]))
        for v in DocumentVersion.objects.filter(document__request=in_review)
    }
    assert len(counts) == 1, counts


def test_a_reviewer_decides_to_be_named_and_records_an_absence(client, pool):
    reviewer = pool[0]
    profile = reviewer.reviewer_profile
    client.force_login(reviewer)
    assert client.get(reverse("reviews:my_profile")).status_code == 200
    response = client.post(
        reverse("reviews:my_profile"),
        {
            "action": "save",
            "profile-languages": ["fr", "en"],
            "profile-max_open_reviews": "4",
            "profile-declared_conflicts": "",
            "profile-show_name_to_researchers": "on",
        },
    )
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.show_name_to_researchers and profile.max_open_reviews == 4
    bad = client.post(
        reverse("reviews:my_profile"),
        {
            "action": "absence",
            "absence-start": "2027-03-10",
            "absence-end": "2027-03-01",
            "absence-note": "Vacances",
        },
    )
    assert bad.status_code == 422
    assert "Vacances" in bad.content.decode()
    client.post(
        reverse("reviews:my_profile"),
        {"action": "absence", "absence-start": "2027-03-01", "absence-end": "2027-03-10"},
    )
    assert profile.unavailabilities.count() == 1


@pytest.mark.parametrize("persona", ["anonymous", "member", "researcher", "coordinator"])
def test_only_reviewers_have_a_reviewer_profile_page(persona, as_persona):
    client, _user = as_persona(persona)
    response = client.get(reverse("reviews:my_profile"))
    assert response.status_code == (302 if persona == "anonymous" else 403)


def test_assigning_on_an_untriaged_request_is_refused_and_keeps_the_choice(
    client, submitted, coordinator, pool
):
    client.force_login(coordinator)
    response = client.post(
        reverse("reviews:assign", args=[submitted.pk]),
        {"deadline": "2099-01-01", "reviewers": [pool[1].pk]},
    )
    text = response.content.decode()
    assert response.status_code == 422
    assert "accepted at triage" in text
    form = response.context["form"]
    assert form["deadline"].value() == "2099-01-01"
    assert form["reviewers"].value() == [str(pool[1].pk)]
    assert not Assignment.objects.exists()


def test_the_assign_page_shows_the_rounds_deadline_and_a_new_one_moves_it(
    client, in_review, coordinator
):
    round = in_review.current_round
    client.force_login(coordinator)
    page = client.get(reverse("reviews:assign", args=[in_review.pk]))
    assert round.deadline.isoformat() in page.content.decode()
    newcomer = make_reviewer(first_name="Zoé")
    response = client.post(
        reverse("reviews:assign", args=[in_review.pk]),
        {"deadline": "2099-01-01", "alternates": [newcomer.pk]},
    )
    assert response.status_code == 302
    round.refresh_from_db()
    assert round.deadline.isoformat() == "2099-01-01"
    assert ActionLogEntry.objects.filter(action="reviews.round.deadline_changed").exists()


def test_a_coordinator_whose_page_predates_the_round_is_refused_and_keeps_the_choice(
    client, accepted, coordinator, pool
):
    client.force_login(coordinator)
    page = client.get(reverse("reviews:assign", args=[accepted.pk]))
    assert page.context["form"]["seen_round"].value() is None
    services.assign_reviewers(accepted, by=coordinator, reviewers=pool[:2])  # someone else
    chosen = {"deadline": "2099-01-01", "reviewers": [pool[2].pk], "seen_round": ""}
    response = client.post(reverse("reviews:assign", args=[accepted.pk]), chosen)
    assert response.status_code == 422
    assert "Another coordinator has just assigned reviewers" in response.content.decode()
    form = response.context["form"]
    assert form["reviewers"].value() == [str(pool[2].pk)]
    assert Assignment.objects.count() == 2 and Round.objects.count() == 1
    accepted.refresh_from_db()
    assert form["seen_round"].value() == str(accepted.current_round_id)
    again = client.post(
        reverse("reviews:assign", args=[accepted.pk]),
        {**chosen, "seen_round": accepted.current_round_id},
    )
    assert again.status_code == 302
    assert Assignment.objects.count() == 3 and Round.objects.count() == 1


def test_the_assign_page_lists_the_suggestion_first_and_marks_who_cannot_review(
    client, accepted, coordinator, pool, org, django_assert_max_num_queries
):
    from tandem.reviews.tests.conftest import make_reviewer

    conflicted = make_reviewer(first_name="Aaron", organization=org)  # first alphabetically
    english = make_reviewer(first_name="Abel", languages=("en",))
    client.force_login(coordinator)
    with django_assert_max_num_queries(40):
        body = client.get(reverse("reviews:assign", args=[accepted.pk])).content.decode()
    suggestion = client.get(reverse("api-review-assignments", args=[accepted.pk])).json()
    ranked = [c["name"] for c in (*suggestion["reviewers"], *suggestion["alternates"])]
    body = body[body.index('id="form-title"') :]  # the form, not the suggestion above it
    body = body[body.index('name="alternates"') :]  # the alternates' checkboxes
    positions = [body.index(f">{name}<") for name in ranked]
    assert positions == sorted(positions)  # reviewers, then alternates in their ranking
    assert f"{conflicted} — cannot review: their organization is involved in the study" in body
    assert f"{english} — cannot review: does not read the language of the documents" in body
    assert body.index(f">{ranked[-1]}<") < body.index(f"{conflicted} — cannot review")


def test_an_invited_reviewer_reads_the_summary_before_answering(client, in_review, pool):
    assignment = Assignment.objects.get(round=in_review.current_round, reviewer=pool[0])
    client.force_login(pool[0])
    listing = client.get(reverse("reviews:my_assignments")).content.decode()
    link = f"{assignment.get_absolute_url()}?document=protocol_summary"
    assert link in listing
    summary = client.get(link).content.decode()
    assert "Résumé du protocole" in summary
    assert "data-comment-form" not in summary  # reading only, until accepted


def test_a_seat_in_one_request_opens_no_other_sent_request(
    client, in_review, pool, researcher, areas, org
):
    """Not a draft (drafts are hidden anyway): a request sent to the College, in which
    pool[0] holds no seat, stays unknown to pool[0] — page, documents and download."""
    other = services.submit_request(
        services.create_request(
            by=researcher,
            title="Autre étude",
            category="riph3",
            disease_areas=[areas["type1"]],
            organizations=[org],
            documents={
                "protocol_summary": upload("Résumé d'une autre étude.", "protocol.docx"),
                "leaflet": upload("Notice d'une autre étude.", "leaflet.docx"),
                "consent": upload("Je consens à l'autre étude.", "consent.docx"),
            },
        ),
        by=researcher,
    )
    version = DocumentVersion.objects.filter(document__request=other).first()
    client.force_login(pool[0])
    assert client.get(reverse("reviews:request", args=[in_review.pk])).status_code == 200
    assert client.get(reverse("reviews:request", args=[other.pk])).status_code == 404
    assert client.get(reverse("reviews:version", args=[version.pk])).status_code == 404
    assert client.get(reverse("reviews:download", args=[version.pk])).status_code == 404


def test_a_draft_stays_with_its_author_even_for_the_coordinator(client, draft, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("reviews:request", args=[draft.pk])).status_code == 404


def test_a_coordinator_sees_their_own_draft(client, coordinator, areas, org):
    own = services.create_request(
        by=coordinator, title="Étude de la coordinatrice", category="riph3"
    )
    client.force_login(coordinator)
    assert client.get(reverse("reviews:request", args=[own.pk])).status_code == 200


def test_a_delegate_sees_the_request_they_help_with_and_no_other(client, submitted, researcher):
    delegate = UserFactory(roles=[Role.RESEARCHER], first_name="Delphine")
    stranger = UserFactory(roles=[Role.RESEARCHER], first_name="Sacha")
    helped = services.create_request(by=researcher, title="Étude aidée", category="riph3")
    helped.delegates.add(delegate)
    client.force_login(delegate)
    assert client.get(reverse("reviews:request", args=[helped.pk])).status_code == 200
    assert client.get(reverse("reviews:request", args=[submitted.pk])).status_code == 404
    client.force_login(stranger)
    assert client.get(reverse("reviews:request", args=[helped.pk])).status_code == 404
