"""Issue 14, point 11: a long document is shown in parts, each with its own notes, so that any
document up to the upload limit is readable in a few seconds; a short one in one page."""

from __future__ import annotations

import pytest

from tandem.checks import presenters, services
from tandem.checks.tests.test_checks import HARD_FR

pytestmark = pytest.mark.django_db

PARAGRAPHS = [f"Paragraphe {n}. {HARD_FR}" for n in range(1, 41)]


@pytest.fixture
def long_check(researcher):
    check = services.submit_check(
        researcher, title="Longue notice", document_kind="leaflet", text="\n\n".join(PARAGRAPHS)
    )
    check.refresh_from_db()
    return check


def test_the_parts_join_into_the_text_and_keep_each_passage_whole(long_check):
    report = long_check.report
    chunks = presenters.marked_text(report)
    parts = presenters.in_parts(chunks, size=1500)
    assert len(parts) > 5
    assert "".join(c.text for part in parts for c in part) == report["text"]
    seen: dict[int, int] = {}
    for index, part in enumerate(parts):
        for chunk in part:
            for n in chunk.numbers:
                assert seen.setdefault(n, index) == index  # a finding is never cut in two
    assert set(seen) == set(range(1, len(report["findings"]) + 1))
    for part in parts[:-1]:  # each part ends at a paragraph or a space
        assert part[-1].text[-1] in "\n " or part[-1].numbers


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_page_shows_one_part_with_its_notes_and_links_the_others(
    client, researcher, long_check, monkeypatch, language
):
    monkeypatch.setattr(presenters, "PART_CHARACTERS", 3000)
    researcher.language = language
    researcher.save()
    client.force_login(researcher)
    url = long_check.get_absolute_url()
    first = client.get(url).content.decode()
    count = len(presenters.in_parts(presenters.marked_text(long_check.report), size=3000))
    assert count > 3
    assert "Paragraphe 1." in first and "Paragraphe 40." not in first
    word = {"fr": "Partie", "en": "Part"}[language]
    assert f"{word} 1 " in first and f'href="?part={count}#text-title"' in first
    last = client.get(url, {"part": count}).content.decode()
    assert "Paragraphe 40." in last and "Paragraphe 1." not in last
    assert 'rel="prev"' in last and 'rel="next"' not in last
    # Every note is in exactly one part; the summary counts them all.
    notes = 0
    for n in range(1, count + 1):
        page = client.get(url, {"part": n}).content.decode()
        notes += page.count('class="note sev-')
    assert notes == len(long_check.report["findings"])
    assert client.get(url, {"part": "nonsense"}).status_code == 200
    assert client.get(url, {"part": 999}).status_code == 200


def test_a_short_document_is_one_page_without_parts(client, researcher):
    check = services.submit_check(researcher, title="Courte", document_kind="leaflet", text=HARD_FR)
    client.force_login(researcher)
    page = client.get(check.get_absolute_url()).content.decode()
    assert "data-parts" not in page


def test_a_part_is_a_fraction_of_the_whole_page(client, researcher, long_check, monkeypatch):
    client.force_login(researcher)
    url = long_check.get_absolute_url()
    monkeypatch.setattr(presenters, "PART_CHARACTERS", 10**9)
    whole = len(client.get(url).content)
    monkeypatch.setattr(presenters, "PART_CHARACTERS", 3000)
    part = len(client.get(url).content)
    assert part < whole / 3
