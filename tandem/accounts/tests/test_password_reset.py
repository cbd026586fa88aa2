from __future__ import annotations

import re

import pytest
from django.core import mail
from django.urls import reverse

from tandem.accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_a_forgotten_password_is_reset_by_email(client, member):
    client.post(reverse("account_reset_password"), {"email": member.email})
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/accounts/password/reset/key/\S+", mail.outbox[0].body).group(0)
    path = link.split("testserver", 1)[-1] if "testserver" in link else "/" + link.split("/", 3)[3]
    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": "a-brand-new-passphrase-7", "password2": "a-brand-new-passphrase-7"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.check_password("a-brand-new-passphrase-7")
    assert not member.check_password(PASSWORD)


def test_a_used_or_wrong_reset_link_offers_a_new_one(client, member):
    response = client.get("/accounts/password/reset/key/1-set-password/", follow=True)
    body = response.content.decode()
    assert response.status_code == 200
    assert reverse("account_reset_password") in body


def test_the_reset_page_does_not_reveal_whether_an_address_exists(client):
    response = client.post(reverse("account_reset_password"), {"email": "nobody@example.net"})
    assert response.status_code == 302
