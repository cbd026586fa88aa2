"""The dashboard through the client: who may open it, in French and English, with a bounded
number of queries whatever the number of records, and its filters."""

from __future__ import annotations

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
    assert 'src="data:image/svg+xml;base64,' in page
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
    # Warm: the figures and the charts come from the shared cache.
    with django_assert_max_num_queries(10):
        client.get(URL, {"year": 2025})
