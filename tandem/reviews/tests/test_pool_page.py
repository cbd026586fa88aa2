"""The coordinator's reviewer pool as a French reader meets it."""

from __future__ import annotations

import datetime as dt

import lxml.html
from django.urls import reverse

from .conftest import make_reviewer


def test_the_pool_shows_languages_in_words_and_french_dates(client, coordinator):
    reviewer = make_reviewer(languages=("fr", "en"), first_name="Aline")
    reviewer.reviewer_profile.training_completed_on = dt.date(2024, 3, 15)
    reviewer.reviewer_profile.save()
    coordinator.language = "fr"
    coordinator.save()
    client.force_login(coordinator)

    page = lxml.html.fromstring(client.get(reverse("reviews:pool")).content.decode())

    (row,) = page.xpath("//table//tr[td/a[contains(., 'Aline')]]")
    cells = [cell.text_content().strip() for cell in row.xpath("td")]
    assert cells[2] == "Français, Anglais"
    assert cells[5] == "15/03/2024"
