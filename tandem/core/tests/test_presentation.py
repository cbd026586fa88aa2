from __future__ import annotations

import datetime

from django.utils import translation

from tandem.core.widgets import DateInput


def test_a_date_field_keeps_its_value_in_french():
    with translation.override("fr"):
        html = DateInput().render("end", datetime.date(2028, 2, 1))
    assert 'value="2028-02-01"' in html and 'type="date"' in html


def test_history_shows_actions_in_plain_words():
    from tandem.core.action_labels import action_label

    with translation.override("en"):
        assert action_label("reviews.request.accepted") == "Request accepted"
        assert action_label("something.thing.done_twice") == "Thing — done twice"
