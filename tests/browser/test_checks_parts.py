"""Check a document in the browser (issue 14, points 11 and 13): a long text is shown in parts
that the reader moves through with links, each part with its notes; four words say "too short
to judge". axe-core, mixed languages and the layout at 390 px and 1280 px, in French and in
English."""

from __future__ import annotations

import pytest

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tests.browser.axe import blocking_violations
from tests.browser.language_mix import mixed_language_words

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SENTENCE = (
    "Il vous sera demandé de vous soumettre à une ponction lombaire dans le cadre du protocole, "
    "nonobstant les dispositions relatives à la pharmacovigilance et à la randomisation."
)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_long_text_in_parts_and_a_short_one(page, sign_in, monkeypatch, language):
    from tandem.checks import presenters, services

    monkeypatch.setattr(presenters, "PART_CHARACTERS", 2000)  # the live server's thread too
    user = UserFactory(roles=["researcher"], language=language)
    user.set_password(PASSWORD)
    user.save()
    text = "\n\n".join(f"Paragraphe {n}. {SENTENCE}" for n in range(1, 31))
    long = services.submit_check(user, title="Longue", document_kind="leaflet", text=text)
    short = services.submit_check(
        user, title="Courte", document_kind="leaflet", text="Vous pouvez arrêter."
    )
    sign_in(user.email, PASSWORD)
    problems = {}

    page.goto(long.get_absolute_url())
    found = blocking_violations(page) + mixed_language_words(page)
    if found:
        problems["part 1"] = found
    nav = page.locator("nav[data-parts=top]")
    assert nav.is_visible()
    assert "Paragraphe 1." in page.locator(".report-text").inner_text()
    with page.expect_navigation():
        nav.locator("a[rel=next]").click()
    assert "part=2" in page.url
    assert "Paragraphe 1." not in page.locator(".report-text").inner_text()
    assert page.locator(".notes li.note").count() > 0  # this part's notes beside it
    found = blocking_violations(page) + mixed_language_words(page)
    if found:
        problems["part 2"] = found

    page.goto(short.get_absolute_url())
    assert page.locator("#too-short").is_visible()
    found = blocking_violations(page) + mixed_language_words(page)
    if found:
        problems["short"] = found
    assert problems == {}


def test_a_long_report_prints_whole_from_the_browser(page, sign_in):
    """Printed from the browser, the report page showed its text and notes cut at the first
    page: on screen each scrolls in a box of the window's height. Printed, each is whole, and
    the buttons are left out (the report's PDF is made from the same report)."""
    from tandem.checks import services

    user = UserFactory(roles=["researcher"], language="fr")
    user.set_password(PASSWORD)
    user.save()
    text = "\n\n".join(f"Paragraphe {n}. {SENTENCE}" for n in range(1, 31))
    check = services.submit_check(user, title="Longue", document_kind="leaflet", text=text)
    sign_in(user.email, PASSWORD)
    page.goto(check.get_absolute_url())
    boxes = "() => [...document.querySelectorAll('.report-text, .notes')].map(b => b.scrollHeight - b.clientHeight)"
    assert max(page.evaluate(boxes)) > 0  # on screen, they scroll
    page.emulate_media(media="print")
    assert page.evaluate(boxes) == [0, 0]
    assert not page.locator(".danger-zone").is_visible()
    assert not page.locator("#pdf").is_visible()  # the PDF's section: on screen only


def test_the_pdf_is_prepared_in_the_background_and_the_page_says_when_it_is_ready(
    page, sign_in, monkeypatch
):
    """The button "Prepare the PDF" asks for it and comes back to the page's PDF section, whose status
    region says it is being prepared. The worker's turn comes (drawn quickly here); the page,
    which asks for the state every few seconds, puts the download link in the same region,
    without reloading. axe-core on both states, at 390 px."""
    from types import SimpleNamespace

    from tandem.checks import services, tasks
    from tandem.checks.models import CheckPdf
    from tandem.checks.tests.pdfs import quick_drawing

    enqueued: list[int] = []  # the worker is this test
    monkeypatch.setattr(tasks, "make_check_pdf_task", SimpleNamespace(enqueue=enqueued.append))
    user = UserFactory(roles=["researcher"], language="fr")
    user.set_password(PASSWORD)
    user.save()
    check = services.submit_check(user, title="Notice", document_kind="leaflet", text=SENTENCE)
    page.set_viewport_size({"width": 390, "height": 844})
    sign_in(user.email, PASSWORD)
    page.goto(check.get_absolute_url())
    state = page.locator("#pdf-state[role=status]")
    assert "Tout le texte et toutes les remarques" in state.inner_text()
    with page.expect_navigation():
        page.locator("#pdf").get_by_role("button", name="Préparer le PDF").click()
    assert page.url.endswith(f"{check.get_absolute_url()}#pdf")
    assert "Le PDF est en préparation" in state.inner_text()
    assert enqueued == [CheckPdf.objects.get().pk]
    problems = blocking_violations(page)
    page.evaluate("window.stillTheSamePage = true")
    with quick_drawing():
        services.make_check_pdf(CheckPdf.objects.get())
    link = state.get_by_role("link", name="Télécharger le rapport (PDF)")
    link.wait_for()
    assert page.evaluate("window.stillTheSamePage") is True
    assert page.locator("#pdf").get_by_role("button").count() == 0
    problems += blocking_violations(page)
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == f"clarity-{check.pk}.pdf"
    assert problems == []
