"""The attendance list: radios a finger can hit on a phone (a 24 px target at least, WCAG
2.5.8), and a signature column only on the printed sheet, which the page says."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from tandem.events import services
from tandem.events.models import Event
from tandem.events.tests.conftest import make_event

pytestmark = pytest.mark.django_db


def _rule(css: str, selector: str) -> str:
    found = re.search(re.escape(selector) + r"\s*\{([^}]*)\}", css)
    assert found, selector
    return found.group(1)


def test_the_radios_are_large_and_the_signature_column_is_for_print(client, officer, member):
    event = make_event(officer, days=1)
    services.register(event, user=member)
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() + dt.timedelta(hours=1))
    client.force_login(officer)
    page = client.get(reverse("events:attendance", args=[event.pk])).text
    radios = re.findall(r'<input type="radio"[^>]*>', page)
    assert len(radios) == 2 and all('class="mark-choice"' in radio for radio in radios)
    assert '<th scope="col" class="print-only">Signature</th>' in page
    assert '<td class="print-only"></td>' in page
    assert "the printed sheet has a column for signatures" in page

    with open(finders.find("css/tandem.css"), encoding="utf-8") as css_file:
        css = css_file.read()
    radio = _rule(css, "input.mark-choice")
    for side in ("width", "height"):
        size = re.search(rf"{side}:\s*([\d.]+)rem", radio)
        assert size and float(size.group(1)) * 16 >= 24, side
    screen = css[css.index("@media screen") :]
    assert "display: none" in _rule(screen, ".print-only")
