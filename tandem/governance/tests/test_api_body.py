"""The secretariat's yearly work on the body, and a member taking a proxy back, through the API
as on the pages: change a college's quota, adopt quorum rules, renew and end mandates, plan the
year's meetings; withdraw one's proxy. The same services; a permission test for each role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from conftest import PERSONAS
from tandem.accounts.services import create_api_token
from tandem.governance import services
from tandem.governance.models import Mandate, Meeting, Proxy, QuorumRule

from .conftest import college, mandates, seat

pytestmark = pytest.mark.django_db
API = "/api/v1/governance/"
JSON = "application/json"
SECRETARIAT = {"officer", "admin_user"}


def _auth(user) -> dict[str, str]:
    if user is None:
        return {}
    _token, key = create_api_token(user, name="t")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def test_the_secretariat_changes_a_quota_and_the_quorum_rules(client, body, officer):
    patients = college(body, "patients")
    seat(body, "patients")
    seat(body, "patients")
    url = f"{API}colleges/{patients.pk}/quota"
    below = client.post(url, {"seats": 1}, content_type=JSON, **_auth(officer))
    assert below.status_code == 409 and below.json()["code"] == "quota_below_mandates"
    bad = client.post(
        url, {"seats": 0}, content_type=JSON, HTTP_ACCEPT_LANGUAGE="fr", **_auth(officer)
    )
    assert bad.status_code == 400 and "seats" in bad.json()["errors"]
    changed = client.post(
        url, {"seats": 12, "reason": "Two more patients."}, content_type=JSON, **_auth(officer)
    )
    assert changed.status_code == 200
    assert {c["code"]: c["seats"] for c in changed.json()["colleges"]}["patients"] == 12
    rules = client.post(
        f"{API}quorum-rules",
        {"overall_percent": 60, "college_percent": 25, "count_proxies": False},
        content_type=JSON,
        **_auth(officer),
    )
    assert rules.status_code == 201
    assert rules.json()["quorum"]["overall_percent"] == 60
    assert rules.json()["quorum"]["count_proxies"] is False
    out_of_range = client.post(
        f"{API}quorum-rules",
        {"overall_percent": 0, "college_percent": 25},
        content_type=JSON,
        **_auth(officer),
    )
    assert out_of_range.status_code == 400 and "overall_percent" in out_of_range.json()["errors"]
    assert QuorumRule.objects.filter(body=body).count() == 2  # the first, and the one adopted


def test_the_secretariat_renews_and_ends_mandates(client, body, officer):
    mandate = seat(body, "patients")
    renewed = client.post(
        f"{API}mandates/{mandate.pk}/renewal",
        {"end": (mandate.end + dt.timedelta(days=1000)).isoformat()},
        content_type=JSON,
        **_auth(officer),
    )
    assert renewed.status_code == 201, renewed.json()
    assert renewed.json()["renews"] == mandate.pk and renewed.json()["person"] == mandate.person_id
    outside = client.post(
        f"{API}mandates/{mandate.pk}/end",
        {"on": (mandate.end + dt.timedelta(days=1)).isoformat()},
        content_type=JSON,
        HTTP_ACCEPT_LANGUAGE="fr",
        **_auth(officer),
    )
    assert outside.status_code == 409 and outside.json()["code"] == "mandate_dates"
    assert "Choisissez" in outside.json()["detail"]
    today = timezone.localdate()
    ended = client.post(
        f"{API}mandates/{mandate.pk}/end",
        {"on": today.isoformat()},
        content_type=JSON,
        **_auth(officer),
    )
    assert ended.status_code == 200 and ended.json()["end"] == today.isoformat()
    assert (
        client.post(
            f"{API}mandates/{mandate.pk}/end", {}, content_type=JSON, **_auth(officer)
        ).status_code
        == 400
    )


def test_the_secretariat_plans_the_year(client, body, officer):
    year = timezone.localdate().year + 1
    url = f"{API}meetings/plan"
    planned = client.post(
        url, {"year": year, "place": "Paris"}, content_type=JSON, **_auth(officer)
    )
    assert planned.status_code == 201 and len(planned.json()) == 4
    again = client.post(url, {"year": year, "place": "Paris"}, content_type=JSON, **_auth(officer))
    assert again.status_code == 201 and again.json() == []
    assert Meeting.objects.filter(body=body).count() == 4
    no_place = client.post(url, {"year": year}, content_type=JSON, **_auth(officer))
    assert no_place.status_code == 400 and "place" in no_place.json()["errors"]


def test_a_member_withdraws_their_proxy(client, full_body, meeting, officer, gram_member):
    patients = mandates(full_body, "patients")
    services.convene(meeting, by=officer)
    proxy = services.give_proxy(meeting, person=gram_member, holder=patients[1])
    theirs = services.give_proxy(meeting, person=patients[2].person, holder=patients[3])
    # Another member's proxy does not exist for you.
    assert client.delete(f"{API}proxies/{theirs.pk}", **_auth(gram_member)).status_code == 404
    withdrawn = client.delete(f"{API}proxies/{proxy.pk}", **_auth(gram_member))
    assert withdrawn.status_code == 200 and withdrawn.json()["id"] == meeting.pk
    assert Proxy.objects.get(pk=proxy.pk).status == "withdrawn"
    assert Proxy.objects.get(pk=theirs.pk).status == "active"


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_secretariat_runs_the_body(client, request, body, persona):
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    mandate = seat(body, "patients")
    auth = _auth(user)
    year = timezone.localdate().year + 1
    asked = [
        (f"colleges/{college(body, 'patients').pk}/quota", {"seats": 11}),
        ("quorum-rules", {"overall_percent": 55, "college_percent": 20}),
        (
            f"mandates/{mandate.pk}/renewal",
            {"end": (mandate.end + dt.timedelta(days=900)).isoformat()},
        ),
        (f"mandates/{mandate.pk}/end", {"on": timezone.localdate().isoformat()}),
        ("meetings/plan", {"year": year, "place": "Lyon"}),
    ]
    answers = [
        client.post(API + url, data, content_type=JSON, **auth).status_code for url, data in asked
    ]
    if user is None:
        assert set(answers) == {401}
    elif persona in SECRETARIAT:
        assert answers == [200, 201, 201, 200, 201]
    else:
        assert set(answers) == {403}
        assert Mandate.objects.count() == 1 and not Meeting.objects.exists()
        assert college(body, "patients").seats == 10


@pytest.mark.parametrize("persona", PERSONAS)
def test_only_the_member_who_gave_a_proxy_withdraws_it(
    client, request, full_body, meeting, officer, gram_member, persona
):
    services.convene(meeting, by=officer)
    proxy = services.give_proxy(
        meeting, person=gram_member, holder=mandates(full_body, "patients")[1]
    )
    user = None if persona == "anonymous" else request.getfixturevalue(persona)
    answer = client.delete(f"{API}proxies/{proxy.pk}", **_auth(user)).status_code
    expected = {"anonymous": 401, "gram_member": 200}.get(persona, 403)
    assert answer == expected
    assert Proxy.objects.get(pk=proxy.pk).status == ("withdrawn" if answer == 200 else "active")
