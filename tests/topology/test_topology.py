"""Production as it would really run, and its faults: PostgreSQL, Redis, S3 storage, two web
processes behind haproxy, two task workers (tests/topology/stack.py starts them all).

The tests run in file order on one stack; each fault test leaves the stack whole again.
"""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests

from tests.topology.conftest import sign_in
from tests.topology.stack import http_status, wait_until

pytestmark = pytest.mark.topology

LEAFLET = (
    "Vous êtes invité à participer à une étude sur le diabète. Votre participation est "
    "volontaire. Vous pouvez arrêter à tout moment sans donner de raison. Les prises de sang "
    "peuvent causer un bleu. Vos données restent confidentielles. "
)


def _submit_file(session: requests.Session, url: str, text: str, name: str) -> int:
    """Submit a text file to "Check my document"; returns the check's id."""
    page = f"{url}/clarity/"
    answer = session.post(
        page,
        data={
            "title": name,
            "document_kind": "leaflet",
            "language": "fr",
            "category": "",
            "text": "",
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        files={"file": (f"{name}.txt", io.BytesIO(text.encode()), "text/plain")},
        headers={"Referer": page},
        allow_redirects=False,
        timeout=60,
    )
    assert answer.status_code == 302, answer.text[:500]
    return int(answer.headers["Location"].rstrip("/").split("/")[-1])


def _check_status(stack, check_id: int) -> str:
    return stack.sql("SELECT status FROM checks_claritycheck WHERE id = %s", check_id)[0][0]


def test_one_address_serves_a_signed_in_person_from_both_web_processes(stack):
    session = sign_in(stack.url, "member@example.org")
    served_by = set()
    for _ in range(8):
        answer = session.get(f"{stack.url}/home/", allow_redirects=False, timeout=30)
        assert answer.status_code == 200
        served_by.add(answer.headers["X-Served-By"])
    assert served_by == {"web1", "web2"}  # the session is shared: Redis and the database


def test_an_upload_goes_to_object_storage_and_a_worker_analyses_it(stack):
    session = sign_in(stack.url, "researcher@example.org")
    before = set(stack.stored_files())
    check_id = _submit_file(session, stack.url, LEAFLET * 20, "topology-upload")
    assert len(set(stack.stored_files()) - before) == 1
    wait_until(lambda: _check_status(stack, check_id) == "done", timeout=60, what="analysis")
    report = session.get(f"{stack.url}/clarity/{check_id}/", timeout=30)
    assert report.status_code == 200


def test_a_task_whose_worker_is_killed_midway_is_done_once_later(stack):
    session = sign_in(stack.url, "researcher@example.org")
    # About 150,000 words: several seconds of analysis, time to kill its worker.
    check_id = _submit_file(session, stack.url, LEAFLET * 4000, "topology-killed")
    wait_until(
        lambda: _check_status(stack, check_id) == "running", timeout=60, what="start", every=0.02
    )
    [(task_id, workers)] = stack.sql(
        "SELECT id, worker_ids FROM django_tasks_database_dbtaskresult"
        " WHERE status = 'RUNNING' AND args_kwargs->'args'->>0 = %s",
        str(check_id),
    )
    victim = "worker1" if workers[-1].startswith("topology-worker1-") else "worker2"
    stack.kill(victim)
    assert _check_status(stack, check_id) == "running"

    wait_until(lambda: _check_status(stack, check_id) == "done", timeout=120, what="retry")
    [(status, workers_after)] = stack.sql(
        "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult WHERE id = %s", task_id
    )
    assert status == "SUCCESSFUL" and len(workers_after) == 2
    done = stack.sql(
        "SELECT count(*) FROM core_actionlogentry WHERE action = 'checks.check.done'"
        " AND object_id = %s",
        str(check_id),
    )
    assert done == [(1,)]
    stack.start_worker(int(victim[-1]) - 1)


def test_killing_one_web_process_under_load_loses_no_request_beyond_those_in_flight(stack):
    session = sign_in(stack.url, "member@example.org")
    paths = ["/home/", "/", "/directory/", "/api/v1/organizations"]
    connections, per_connection = 8, 40
    done = []

    def loop(offset: int) -> list[int]:
        statuses = []
        for i in range(per_connection):
            try:
                answer = session.get(
                    stack.url + paths[(offset + i) % len(paths)], allow_redirects=False, timeout=30
                )
                statuses.append(answer.status_code)
            except requests.RequestException:
                statuses.append(0)
            done.append(1)
        return statuses

    with ThreadPoolExecutor(connections) as pool:
        runs = [pool.submit(loop, offset) for offset in range(connections)]
        wait_until(lambda: len(done) >= connections * per_connection // 3, timeout=120, what="load")
        stack.kill("web1")
        statuses = [status for run in runs for status in run.result()]
    failures = [status for status in statuses if status != 200]
    print(f"web process killed: {len(failures)} failed of {len(statuses)} requests")
    assert len(statuses) == connections * per_connection
    assert len(failures) <= connections, failures  # at most the requests in flight
    stack.start_web(0)
    wait_until(lambda: http_status(f"{stack.url}/healthz") == 200, timeout=30, what="back")


def _pages_answer(session: requests.Session, url: str) -> list[int]:
    return [
        session.get(url + path, allow_redirects=False, timeout=30).status_code
        for path in ["/home/", "/", "/directory/", "/home/", "/api/v1/organizations"]
    ]


def test_a_redis_restart_keeps_people_signed_in_and_never_answers_500(stack):
    session = sign_in(stack.url, "member@example.org")
    assert set(_pages_answer(session, stack.url)) == {200}
    stack.stop_redis()
    assert set(_pages_answer(session, stack.url)) == {200}  # cache misses, sessions in PostgreSQL
    stack.start_redis()
    assert set(_pages_answer(session, stack.url)) == {200}
    again = sign_in(stack.url, "researcher@example.org")  # signing in works after the restart
    assert again.get(f"{stack.url}/home/", timeout=30).status_code == 200


def test_a_postgresql_restart_answers_a_clear_503_then_recovers_by_itself(stack):
    session = sign_in(stack.url, "member@example.org")
    stack.stop_postgres()
    outage = [session.get(f"{stack.url}{path}", allow_redirects=False, timeout=30)
              for path in ["/home/", "/", "/directory/", "/home/"]]  # fmt: skip
    assert {answer.status_code for answer in outage} == {503}
    assert "temporarily unavailable" in outage[0].text.lower()
    assert outage[0].headers["Retry-After"] == "60"
    stack.start_postgres()
    wait_until(lambda: set(_pages_answer(session, stack.url)) == {200}, timeout=60, what="recovery")
    # The workers came back too: a new upload is analysed.
    check_id = _submit_file(session_for_checks := sign_in(stack.url, "researcher@example.org"),
                            stack.url, LEAFLET * 20, "after-restart")  # fmt: skip
    wait_until(lambda: _check_status(stack, check_id) == "done", timeout=90, what="analysis")
    assert session_for_checks.get(f"{stack.url}/clarity/{check_id}/", timeout=30).ok
