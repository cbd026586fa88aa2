"""The topology tests start real services: only with `-m topology` (`make test-topology`)."""

from __future__ import annotations

import os

import pytest
import requests

from tests.topology.stack import Stack

PASSWORD = "tandem-demo"


def pytest_collection_modifyitems(config, items):
    if "topology" in (config.getoption("-m") or ""):
        return
    skip = pytest.mark.skip(reason="starts its own services: make test-topology")
    for item in items:
        if "topology" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="module")
def stack():
    base = int(os.environ.get("TOPOLOGY_PORT_BASE", "8600"))
    started = Stack(base)
    try:
        started.start()
        yield started
    except BaseException:
        for log in sorted(started.logs.glob("*.log")):
            print(f"--- {log.name}\n{log.read_text(errors='replace')[-3000:]}")
        raise
    finally:
        started.stop()


def sign_in(url: str, email: str) -> requests.Session:
    session = requests.Session()
    login = f"{url}/accounts/login/"
    session.get(login, timeout=30).raise_for_status()
    answer = session.post(
        login,
        data={
            "login": email,
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": login},
        allow_redirects=False,
        timeout=30,
    )
    assert answer.status_code == 302, answer.text[:500]
    return session
