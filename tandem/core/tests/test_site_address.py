"""E-mail links use the address the site is served on (issue 14, point 6)."""

from __future__ import annotations

import os

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse

from tandem.core.notifications import notify
from tandem.core.site import serve_address, set_served_address, site_url

pytestmark = pytest.mark.django_db


def test_an_invitation_sent_from_a_page_links_to_the_address_of_that_page(
    client, officer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:invitations"),
            {"email": "nina@example.net", "roles": ["researcher"], "language": "en"},
            HTTP_HOST="127.0.0.1:8203",
        )
    assert response.status_code == 302
    assert "http://127.0.0.1:8203/invitation/" in mail.outbox[0].body
    assert ":8000" not in mail.outbox[0].body


def test_a_notification_caused_by_a_request_links_to_its_address(
    client, officer, member, django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "http://127.0.0.1:8000"
    member.contact_by_email = True
    member.save()
    client.force_login(officer)
    # A page's request: the middleware remembers its address while the page is served.
    from tandem.core.site import RequestSiteMiddleware

    def view(request):
        with django_capture_on_commit_callbacks(execute=True):
            notify(member, kind="test", title="Hello", url="/directory/")
        from django.http import HttpResponse

        return HttpResponse("ok")

    from django.test import RequestFactory

    request = RequestFactory().get("/", HTTP_HOST="localhost:8210")
    RequestSiteMiddleware(view)(request)
    assert "http://localhost:8210/directory/" in mail.outbox[-1].body
    # After the request, the setting again.
    assert site_url() == "http://127.0.0.1:8000"


def test_outside_a_request_the_setting_is_used(
    member, settings, django_capture_on_commit_callbacks
):
    settings.SITE_URL = "https://tandem.example.org/"
    member.contact_by_email = True
    member.save()
    with django_capture_on_commit_callbacks(execute=True):
        notify(member, kind="test", title="Hello", url="/directory/")
    assert "https://tandem.example.org/directory/" in mail.outbox[-1].body


def test_serve_sets_the_address_from_its_host_and_port_unless_the_environment_does(
    monkeypatch, settings
):
    monkeypatch.delenv("SITE_URL", raising=False)
    set_served_address("127.0.0.1", 8207)
    assert settings.SITE_URL == "http://127.0.0.1:8207"
    assert os.environ["SITE_URL"] == "http://127.0.0.1:8207"
    monkeypatch.setenv("SITE_URL", "https://tandem.example.org")
    settings.SITE_URL = "https://tandem.example.org"
    set_served_address("127.0.0.1", 8208)
    assert settings.SITE_URL == "https://tandem.example.org"


def test_the_wildcard_address_is_reached_through_the_loopback():
    assert serve_address("0.0.0.0", 8080) == "http://127.0.0.1:8080"  # noqa: S104
    assert serve_address("::1", 8080) == "http://[::1]:8080"
    assert settings.SITE_URL  # a default for commands
