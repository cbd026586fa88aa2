"""The GRAM through the API alone: a whole meeting (convocation → attendance → proxy → vote →
closed) and a whole proposal (draft → adopted → answered → actions done), and refusals."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from tandem.accounts.models import User
from tandem.accounts.services import create_api_token

from .conftest import soon

pytestmark = pytest.mark.django_db
API = "/api/v1/governance/"


def client_for(user) -> Client:
    _token, key = create_api_token(user, name="test")
    return Client(headers={"Authorization": f"Bearer {key}"})


def post(client, url, data=None):
    return client.post(API + url, data or {}, content_type="application/json")


def test_a_whole_meeting_and_a_whole_proposal_run_through_the_api(
    full_body, officer, director, gram_member
):
    secretariat, me, dg = client_for(officer), client_for(gram_member), client_for(director)
    # Who sits where comes from the API too: the composition, seat by seat.
    seats = sorted(me.get(API + "mandates").json(), key=lambda m: (m["college"], m["seat"]))
    patients = [m for m in seats if m["college"] == "patients"]
    researchers = [m for m in seats if m["college"] == "researchers"]
    assert len(seats) == 20 and patients[0]["person"] == gram_member.pk
    # The proposal is drafted and co-signed.
    response = post(
        me,
        "proposals",
        {"title": "Documents early", "text": "Send the documents two weeks before."},
    )
    assert response.status_code == 201, response.json()
    proposal = response.json()["id"]
    colleague = client_for(User.objects.get(pk=researchers[0]["person"]))
    assert post(colleague, f"proposals/{proposal}/cosignatures").status_code == 201
    # A meeting is planned, the proposal put on its agenda, the convocation sent.
    response = post(
        secretariat, "meetings", {"title": "Q3", "starts_at": soon().isoformat(), "place": "Paris"}
    )
    assert response.status_code == 201
    meeting = response.json()["id"]
    assert (
        post(secretariat, f"proposals/{proposal}/agenda", {"meeting": meeting}).status_code == 200
    )
    detail = post(secretariat, f"meetings/{meeting}/status", {"action": "convene"}).json()
    assert detail["status"] == "convened" and len(detail["attendance"]) == 20
    assert post(me, f"meetings/{meeting}/attendance", {"answer": "yes"}).status_code == 200
    # An absent patient gives a proxy to the persona; everyone else checks in.
    absent = client_for(User.objects.get(pk=patients[9]["person"]))
    assert (
        post(absent, f"meetings/{meeting}/proxies", {"holder": patients[0]["id"]}).status_code
        == 201
    )
    assert post(secretariat, f"meetings/{meeting}/status", {"action": "open"}).status_code == 200
    for m in seats:
        if m["id"] == patients[9]["id"]:
            continue
        response = post(
            secretariat, f"meetings/{meeting}/check-in", {"mandate": m["id"], "presence": "room"}
        )
        assert response.status_code == 200
    assert me.get(API + f"meetings/{meeting}").json()["quorum"]["reached"]
    item = detail["agenda"][0]["id"]
    vote = post(
        secretariat, f"items/{item}/votes", {"question": "Adopt?", "majority": "absolute"}
    ).json()["id"]
    assert post(me, f"votes/{vote}/ballots", {"choice": "for"}).status_code == 201
    assert (
        post(
            me, f"votes/{vote}/ballots", {"choice": "for", "for_mandate": patients[9]["id"]}
        ).status_code
        == 201
    )
    again = post(me, f"votes/{vote}/ballots", {"choice": "against"})
    assert again.status_code == 409 and again.json()["code"] == "already_voted"
    for m in patients[1:9]:
        post(secretariat, f"votes/{vote}/ballots", {"choice": "for", "for_mandate": m["id"]})
    assert me.get(API + f"votes/{vote}").json()["result"] is None  # never during the vote
    closed = post(secretariat, f"votes/{vote}/close").json()
    assert closed["adopted"] is True and closed["result"]["counts"]["for"] == 10
    assert {"mandate": patients[9]["id"], "cast_by": patients[0]["id"], "recorded_by": None} in (
        closed["voted"]
    )
    assert post(secretariat, f"meetings/{meeting}/status", {"action": "close"}).status_code == 200
    # The minutes: drafted from the record, amended, approved at the next meeting, locked.
    minutes = post(secretariat, f"meetings/{meeting}/minutes")
    assert minutes.status_code == 201 and "Adopt?" in minutes.json()["versions"][0]["text"]
    minutes = minutes.json()["id"]
    amended = post(me, f"minutes/{minutes}/amendments", {"line": 1, "replacement": "Minutes, Q3"})
    assert amended.status_code == 201
    amendment = amended.json()["amendments"][0]["id"]
    decided = post(secretariat, f"amendments/{amendment}/decision", {"accept": True}).json()
    assert [v["number"] for v in decided["versions"]] == [1, 2]
    later = post(
        secretariat,
        "meetings",
        {"title": "Q4", "starts_at": soon(120).isoformat(), "place": "Paris"},
    )
    nxt = later.json()["id"]
    post(secretariat, f"meetings/{nxt}/agenda", {"title": "Approve the minutes"})
    post(secretariat, f"meetings/{nxt}/status", {"action": "convene"})
    post(secretariat, f"meetings/{nxt}/status", {"action": "open"})
    approved = post(secretariat, f"minutes/{minutes}/approve", {"meeting": nxt})
    assert approved.json()["status"] == "approved"
    locked = post(me, f"minutes/{minutes}/amendments", {"line": 1, "replacement": "x"})
    assert locked.status_code == 409 and locked.json()["code"] == "locked"
    assert Client().get(f"/gram/minutes/{minutes}/").status_code == 200  # approved and public
    # The proposal goes to the Directorate General, is answered and followed up.
    assert me.get(API + f"proposals/{proposal}").json()["status"] == "adopted"
    assert post(secretariat, f"proposals/{proposal}/transmit").json()["waiting_days"] == 0
    refused = post(dg, f"proposals/{proposal}/answer", {"decision": "declined"})
    assert refused.status_code == 409 and refused.json()["code"] == "reason"
    answered = post(
        dg, f"proposals/{proposal}/answer", {"decision": "partly", "reason": "Ten days."}
    )
    assert answered.json()["status"] == "answered"
    action = post(
        dg,
        f"proposals/{proposal}/actions",
        {"title": "Change the rules", "owner": officer.pk, "due": timezone.localdate().isoformat()},
    ).json()["id"]
    done = post(secretariat, f"actions/{action}", {"status": "done", "progress": 100})
    assert done.json()["status"] == "done"
    assert me.get(API + f"proposals/{proposal}").json()["status"] == "implemented"


def test_api_refusals_are_answered_with_their_codes(full_body, officer, member, gram_member):
    outsider = client_for(member)
    assert post(outsider, "proposals", {"title": "x", "text": "y"}).status_code == 403
    assert outsider.get(API + "meetings").status_code == 403
    assert post(client_for(gram_member), "mandates", {}).status_code == 403
    response = post(
        client_for(officer),
        "mandates",
        {"college": "patients", "person": member.pk, "start": "2020-01-01", "end": "2030-01-01"},
    )
    assert response.status_code == 409 and response.json()["code"] == "over_quota"
    assert client_for(member).get(API + "bodies").json()[0]["colleges"][0]["seats"] == 10
