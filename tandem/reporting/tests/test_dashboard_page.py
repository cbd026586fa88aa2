"""The dashboard through the client: who may open it, in French and English, with a bounded
number of queries whatever the number of records, and its filters."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse

from tandem.events.models import Registration
from tandem.reporting.tests.sample import _event

pytestmark = pytest.mark.django_db

URL = reverse("reporting:dashboard")


@pytest.mark.parametrize("persona", ["officer", "seated_gram_member", "director", "admin_user"])
def test_readers_of_the_indicators_open_the_dashboard(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(URL, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert b"Indicators of the partnership" in response.content


@pytest.mark.parametrize(
    "persona", ["member", "researcher", "reviewer", "coordinator", "outsider", "gram_member"]
)
def test_other_people_are_refused(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(URL).status_code == 403
    assert client.get(reverse("reporting:table_csv", args=["partners"])).status_code == 403


def test_visitors_are_sent_to_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_dashboard_shows_each_indicator_with_chart_table_definition_and_records(
    client, officer, sample
):
    client.force_login(officer)
    page = client.get(URL, {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # Each chart is its own image URL, with the page's period and filters: no data URL.
    assert f'src="{reverse("reporting:chart", args=["review-turnaround"])}?year=2025"' in page
    assert "data:image/svg+xml" not in page
    assert "Chart: Review turnaround. Its figures are in the table beside it." in page
    assert 'id="table-review-turnaround"' in page
    assert "For the reports sent in the period: the average number of days" in page
    assert reverse("incubator:portfolio") in page  # the records behind the projects
    assert reverse("reporting:table_csv", args=["gram-attendance"]) + "?year=2025" in page
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]


def test_the_dashboard_speaks_french(client, officer, sample):
    officer.language = "fr"  # a signed-in person's own language decides
    officer.save(update_fields=["language"])
    client.force_login(officer)
    page = client.get(URL, {"year": 2025}).content.decode()
    assert "Indicateurs du partenariat" in page
    assert "Délai de traitement des relectures" in page
    assert "janvier 2025" in page and "juillet 2025" in page
    # The help says « Du » et « Au »: the date fields are labelled so.
    assert "remplissez «\u202fDu\u202f» et «\u202fAu\u202f»" in html.unescape(page)
    assert '<label for="id_start">Du</label>' in page
    assert '<label for="id_end">Au</label>' in page


def test_a_filter_that_does_not_apply_is_said(client, officer, sample):
    client.force_login(officer)
    page = client.get(
        URL, {"year": 2025, "kind": "patient"}, HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "These filters do not apply to this indicator: Kind of organization." in page


def test_a_wrong_custom_period_is_explained(client, officer):
    client.force_login(officer)
    response = client.get(
        URL,
        {"period": "custom", "start": "2025-05-01", "end": "2025-01-01"},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert b"The period must end after it starts." in response.content


def test_the_dashboard_reads_a_bounded_number_of_queries(
    client, officer, sample, django_assert_max_num_queries
):
    client.force_login(officer)
    client.get(URL, {"year": 2025})  # settles the session
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(45) as cold:
        client.get(URL, {"year": 2025})
    few = len(cold.captured_queries)
    # Many more registrations: no more queries (the figures are aggregated in the database).
    event = Registration.objects.first().event
    more = _event("training", "published", "2025-04-10", ["2025-04-10"])
    from tandem.accounts.tests.factories import UserFactory

    Registration.objects.bulk_create(
        [Registration(event=more, user=UserFactory(), status="attended") for _ in range(30)]
    )
    assert event is not None
    cache.clear()
    with django_assert_max_num_queries(few) as again:
        client.get(URL, {"year": 2025})
    assert len(again.captured_queries) == few
    # Warm: the figures come from the shared cache (the charts are images of their own).
    with django_assert_max_num_queries(10):
        client.get(URL, {"year": 2025})


def test_each_chart_is_an_svg_image_with_the_pages_filters(client, officer, sample):
    client.force_login(officer)
    response = client.get(
        reverse("reporting:chart", args=["event-registrations"]),
        {"year": 2025},
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert "private" in response["Cache-Control"]
    drawn = response.content.decode()
    assert drawn.startswith("<svg")
    # Opened on its own, the drawing needs no script and no style sheet: none may run.
    policy = response["Content-Security-Policy"]
    assert "script-src 'none'" in policy and "style-src 'none'" in policy
    assert "<script" not in drawn and "<style" not in drawn
    assert "Registrations" in drawn
    # Another year draws other figures (the chart follows the filters).
    other = client.get(reverse("reporting:chart", args=["event-registrations"]), {"year": 2019})
    assert other.content != response.content
    assert client.get(reverse("reporting:chart", args=["nothing"])).status_code == 404


def test_each_screen_gets_the_chart_drawn_for_its_width(client, officer, sample):
    """At 390 px the wide drawing (720 px) was shown at half its size, its words at 6 or 7 px,
    and at a tablet's or a desktop's width at 10 to 15 px: the page offers each chart drawn
    300 px wide for screens up to 40rem and 480 px wide above, every word at 18 px and whole,
    with the same period and filters (tests/browser: the words' size on the screen)."""
    client.force_login(officer)
    page = client.get(URL, {"year": 2025}).content.decode()
    narrow = reverse("reporting:chart_narrow", args=["event-registrations"]) + "?year=2025"
    screen = reverse("reporting:chart", args=["event-registrations"]) + "?year=2025"
    assert f'<source media="(max-width: 40rem)" srcset="{narrow}">' in page
    assert f'src="{screen}"' in page
    for url, width in ((narrow, 300), (screen, 480)):
        drawn = client.get(url).content.decode()
        assert drawn.startswith(f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}"')
        sizes = [int(size) for size in re.findall(r'font-size="(\d+)"', drawn)]
        assert sizes and min(sizes) >= 18
        # Every label whole (on one line or several), none cut with "…".
        lines = "".join("".join(re.findall(r"<tspan[^>]*>([^<]*)</tspan>", drawn)).split())
        assert "Onthewaitinglist" in lines or "Surlalisted&#x27;attente" in lines
        assert "…" not in drawn


def test_a_chart_is_drawn_once_then_read_from_the_shared_cache(
    client, officer, sample, django_assert_max_num_queries
):
    from django.core.cache import cache

    client.force_login(officer)
    url = reverse("reporting:chart", args=["review-turnaround"])
    client.get(url, {"year": 2025})
    cache.clear()
    client.get(url, {"year": 2025})
    # The session, the person, the cache: no indicator is computed again.
    with django_assert_max_num_queries(8):
        assert client.get(url, {"year": 2025}).status_code == 200


@pytest.mark.parametrize(
    "persona", ["member", "researcher", "reviewer", "coordinator", "outsider", "gram_member"]
)
def test_the_charts_are_refused_to_other_people(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("reporting:chart", args=["partners"])).status_code == 403


def test_visitors_get_no_chart(client):
    assert client.get(reverse("reporting:chart", args=["partners"])).status_code == 302


def _records_links(page: str) -> list[str]:
    import html
    import re

    return [
        html.unescape(href) for href in re.findall(r'<a href="([^"]+)">The records behind', page)
    ]


@pytest.mark.parametrize("persona", ["officer", "seated_gram_member", "director", "admin_user"])
def test_every_records_link_opens_for_its_reader(client, persona, request, sample):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(URL, {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    links = _records_links(page)
    assert links, "each reader sees at least some records"
    for link in set(links):
        assert client.get(link).status_code == 200, link


def test_the_director_is_not_sent_to_the_colleges_queue(client, director, admin_user, sample):
    queue = reverse("reviews:queue")
    client.force_login(director)
    page = client.get(URL, {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert queue not in _records_links(page)
    assert reverse("governance:meetings") in _records_links(page)
    client.force_login(admin_user)  # the College's coordinators (and administrators) get it
    page = client.get(URL, {"year": 2025}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert queue in _records_links(page)


def test_the_year_chosen_in_the_filters_is_the_year_reported_on(client, officer):
    from django.utils import timezone

    client.force_login(officer)
    year = timezone.localdate().year
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f"Period: {year}." in page
    assert f'<option value="{year}" selected>{year}</option>' in page
    assert f'<option value="{year + 1}" selected>' not in page
    page = client.get(URL, {"period": "quarter"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<option value="{year}" selected>{year}</option>' in page
    page = client.get(URL, {"year": year - 1}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert f'<option value="{year - 1}" selected>{year - 1}</option>' in page
