"""A request's page holds several forms (triage, closing, a new round, upload, withdrawal):
each element id is unique and each label points to its own form's field."""

from __future__ import annotations

from collections import Counter

import lxml.html
import pytest

from tandem.reviews import services
from tandem.reviews.tests.conftest import upload


def _page(client, user, request):
    client.force_login(user)
    response = client.get(request.get_absolute_url())
    assert response.status_code == 200
    return lxml.html.fromstring(response.content.decode())


def _assert_ids_unique_and_labels_in_their_form(page):
    ids = Counter(page.xpath("//@id"))
    assert [i for i, n in ids.items() if n > 1] == []
    for label in page.xpath("//form//label[@for]"):
        (target,) = page.xpath(f"//*[@id='{label.get('for')}']")
        assert next(target.iterancestors("form")) is next(label.iterancestors("form"))


@pytest.mark.parametrize("stage", ["submitted", "in_review"])
def test_the_coordinators_page_has_unique_ids(client, coordinator, stage, request):
    review_request = request.getfixturevalue(stage)
    page = _page(client, coordinator, review_request)
    # Two forms of the page have a message box: the triage's and the closing's.
    assert len(page.xpath("//form//textarea[@name='note']")) == (2 if stage == "submitted" else 1)
    _assert_ids_unique_and_labels_in_their_form(page)


def test_a_coordinators_own_request_has_unique_ids(client, coordinator, areas, org):
    """A coordinator who submits a request also sees the author's forms on it."""
    mine = services.create_request(
        by=coordinator,
        title="Étude COORD",
        acronym="COORD",
        category="riph2",
        disease_areas=[areas["type1"]],
        organizations=[org],
        documents={
            "protocol_summary": upload("Résumé du protocole.", "protocol.docx"),
            "leaflet": upload(),
            "consent": upload("Je soussigné accepte de participer.", "consent.docx"),
        },
    )
    mine = services.submit_request(mine, by=coordinator)
    page = _page(client, coordinator, mine)
    assert page.xpath("//form//textarea[@name='reason']")  # the withdrawal's
    _assert_ids_unique_and_labels_in_their_form(page)
