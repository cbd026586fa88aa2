"""The College's whole two-round journey through the pages, in French and in English: the research
team writes and sends a request, the coordinator accepts it and invites two reviewers, each
reviewer accepts, comments on a passage (kind and severity) and sends the grid; the report goes
out; the team answers each comment and uploads a rewritten leaflet; the coordinator opens round
2; each reviewer sees their earlier comments with the team's answers, follows the link to the
comparison and reviews again; the second report reaches the team. axe-core and the layout at
390 px and 1280 px on every page visited. Only the reviewers' pool (an application validated by a
coordinator, tested elsewhere) is set up through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone, translation

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.reviews.models import AnchoredComment, Assignment, RequestStatus, ReviewRequest
from tandem.reviews.tests.conftest import GRID, LEAFLET, docx_bytes, make_reviewer
from tests.browser.axe import blocking_violations

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# Round 2's leaflet: the joint puncture explained, the rest unchanged.
LEAFLET_V2 = LEAFLET.replace(
    "Il vous sera demandé de vous soumettre à une ponction articulaire.",
    "Le médecin prélèvera un peu de liquide dans votre genou avec une fine aiguille.",
)


def _file(name: str, text: str) -> dict:
    return {"name": name, "mimeType": DOCX, "buffer": docx_bytes(text)}


class Journey:
    """The browser, the checks made on each page, and the page's words in the people's
    language (from the same catalogue the pages use)."""

    def __init__(self, page, sign_in, language: str) -> None:
        self.page = page
        self._sign_in = sign_in
        self.language = language
        self.problems: dict[str, list[str]] = {}

    def t(self, message: str) -> str:
        with translation.override(self.language):
            return translation.gettext(message)

    def check(self) -> None:
        found = blocking_violations(self.page)
        if found:
            self.problems[self.page.url] = found

    def as_(self, person) -> None:
        self.page.context.clear_cookies()
        self._sign_in(person.email, PASSWORD)

    def click(self, name: str, *, exact: bool = False) -> None:
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=self.t(name), exact=exact).first.click()

    def accept(self) -> None:
        """Accept the (only) invitation listed on "My assignments"."""
        with self.page.expect_navigation():
            self.page.locator("main form[action$='/accept/'] button").first.click()

    def review(self, person, *, quote: str, remark: str, kind: str, severity: str) -> None:
        """The reviewer accepts the invitation of the current round, comments on a passage of
        the leaflet, fills the grid and sends, confirming."""
        page = self.page
        self.as_(person)
        page.goto("/reviews/assignments/")
        self.check()
        self.accept()
        self.check()
        page.fill("textarea[name=quote]", quote)
        page.fill("textarea[name=comment]", remark)
        page.select_option("select[name=kind]", kind)
        page.select_option("select[name=severity]", severity)
        self.click("Add the comment")
        assert page.locator("#comments-section .comment-list blockquote").last.inner_text() == quote
        for field, value in GRID.items():
            if field.endswith("_score"):
                page.select_option(f"select[name={field}]", str(value))
            else:
                page.fill(f"textarea[name={field}]", value)
        self.click("Send my review", exact=True)
        assert "/send/" in page.url  # the irreversible send is confirmed first
        self.check()
        self.click("Send my review for good")

    def consolidate_and_send(self, coordinator, request: ReviewRequest, summary: str) -> None:
        self.as_(coordinator)
        self.page.goto(f"/reviews/{request.pk}/")
        self.check()
        self.click("Consolidate the reviews received")
        self.check()
        self.page.fill("textarea[name=summary]", summary)
        self.click("Send the report to the researcher")


@pytest.mark.parametrize("language", ["fr", "en"])
def test_two_rounds_through_the_pages(page, sign_in, language):
    journey = Journey(page, sign_in, language)
    t = journey.t
    researcher = UserFactory(roles=["researcher"], language=language)
    # is_demo: the demo coordinator signs in without a second factor (tested elsewhere).
    coordinator = UserFactory(roles=["coordinator"], language=language, is_demo=True)
    ana = make_reviewer(first_name="Ana", language=language)
    ben = make_reviewer(first_name="Ben", language=language)
    for person in (researcher, coordinator, ana, ben):
        person.set_password(PASSWORD)
        person.save()

    # The research team writes the request and sends it.
    journey.as_(researcher)
    page.goto("/reviews/new/")
    journey.check()
    page.fill("input[name=title]", "Knee study")
    page.select_option("select[name=category]", "riph2")
    page.select_option("select[name=language]", "fr")
    page.fill("input[name=reviewers_wanted]", "2")
    page.set_input_files("input[name=protocol_summary]", _file("protocol.docx", "Résumé."))
    page.set_input_files("input[name=leaflet]", _file("leaflet.docx", LEAFLET))
    page.set_input_files("input[name=consent]", _file("consent.docx", "Je consens."))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    journey.check()
    journey.click("Send to the College")
    request = ReviewRequest.objects.get(title="Knee study")
    assert request.status == RequestStatus.SUBMITTED

    # The coordinator accepts it and invites the suggested reviewers.
    journey.as_(coordinator)
    page.goto("/reviews/queue/")
    journey.check()
    page.goto(f"/reviews/{request.pk}/")
    page.check("input[name=decision][value=accept]")
    journey.click("Record the decision")
    assert "/assign/" in page.url
    journey.check()
    journey.click("Invite the reviewers")
    assert set(
        Assignment.objects.filter(round__request=request, state="invited").values_list(
            "reviewer__first_name", flat=True
        )
    ) == {"Ana", "Ben"}

    # Round 1: each reviewer comments on the joint puncture and sends.
    journey.review(
        ana,
        quote="ponction articulaire",
        remark="Explain this word.",
        kind="unclear",
        severity="essential",
    )
    journey.review(
        ben,
        quote="sans donner de raison",
        remark="Say who to tell.",
        kind="missing",
        severity="minor",
    )
    journey.consolidate_and_send(coordinator, request, "Round one: explain the puncture.")

    # The team reads the report, answers each comment and uploads the rewritten leaflet.
    journey.as_(researcher)
    page.goto(f"/reviews/{request.pk}/report/")
    journey.check()
    report = page.locator("main").inner_text()
    assert "Round one: explain the puncture." in report
    assert "ponction articulaire" in report and "Explain this word." in report
    assert t("Essential: to fix before the ethics committee") in report
    page.goto(f"/reviews/{request.pk}/")
    journey.check()
    first, second = AnchoredComment.objects.filter(version__document__request=request).order_by(
        "quote"
    )  # "ponction…" before "sans…"
    page.check(f"#id_answer_{first.pk}_answer_0")
    with page.expect_navigation():
        page.locator(f"#comment-{first.pk} button[type=submit]").click()
    page.check(f"#id_answer_{second.pk}_answer_1")
    page.fill(f"#id_answer_{second.pk}_reason", "Already said in the consent form.")
    with page.expect_navigation():
        page.locator(f"#comment-{second.pk} button[type=submit]").click()
    page.select_option("select[name=kind]", "leaflet")
    page.set_input_files("input[name=file]", _file("leaflet-v2.docx", LEAFLET_V2))
    page.check("input[name=start_revision]")
    journey.click("Upload")
    request.refresh_from_db()
    assert request.status == RequestStatus.REVISION
    journey.check()

    # The coordinator opens round 2 with the same reviewers.
    journey.as_(coordinator)
    page.goto(f"/reviews/{request.pk}/")
    page.fill("input[name=deadline]", (timezone.localdate() + dt.timedelta(days=14)).isoformat())
    journey.click("Open the round")
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_REVIEW
    assert request.current_round.number == 2
    assert Assignment.objects.filter(round=request.current_round, state="invited").count() == 2

    # Round 2: Ana sees her earlier comment, the team's answer and where the passage stands,
    # and the comparison of the two versions; then both review the new version.
    journey.as_(ana)
    page.goto("/reviews/assignments/")
    journey.accept()
    earlier = page.locator("#earlier-title").locator("xpath=..").inner_text()
    assert "ponction articulaire" in earlier and "Explain this word." in earlier
    assert t("Taken into account") in earlier
    assert t("The passage was rewritten or removed in this version.") in earlier
    with page.expect_navigation():
        page.locator("section[aria-labelledby=earlier-title] a[href*='/compare/']").click()
    journey.check()
    compared = page.locator("main").inner_text()
    assert "ponction articulaire" in compared and "fine aiguille" in compared
    page.go_back()
    page.fill("textarea[name=quote]", "fine aiguille")
    page.fill("textarea[name=comment]", "Much clearer, thank you.")
    page.select_option("select[name=kind]", "tone")
    page.select_option("select[name=severity]", "minor")
    journey.click("Add the comment")
    for field, value in GRID.items():
        if field.endswith("_score"):
            page.select_option(f"select[name={field}]", str(value))
        else:
            page.fill(f"textarea[name={field}]", value)
    journey.click("Send my review", exact=True)
    journey.click("Send my review for good")

    journey.as_(ben)
    page.goto("/reviews/assignments/")
    journey.accept()
    earlier = page.locator("#earlier-title").locator("xpath=..").inner_text()
    assert "Already said in the consent form." in earlier  # the team's reason, shown
    assert t("The passage is still in this version, unchanged.") in earlier
    for field, value in GRID.items():
        if field.endswith("_score"):
            page.select_option(f"select[name={field}]", str(value))
        else:
            page.fill(f"textarea[name={field}]", value)
    journey.click("Send my review", exact=True)
    journey.click("Send my review for good")

    journey.consolidate_and_send(coordinator, request, "Round two: thank you.")

    # The team reads the second report: the new remark, and both reports listed.
    journey.as_(researcher)
    page.goto(f"/reviews/{request.pk}/report/?round=2")
    journey.check()
    report = page.locator("main").inner_text()
    assert "Round two: thank you." in report
    assert "Much clearer, thank you." in report
    page.goto(f"/reviews/{request.pk}/")
    reports = page.locator("section[aria-labelledby=reports-title]").inner_text()
    for n in (1, 2):
        with translation.override(language):
            assert translation.gettext("Report of round %(n)s") % {"n": n} in reports
    assert journey.problems == {}
