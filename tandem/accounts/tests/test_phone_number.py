"""A phone number on the profile is one: the page refuses other text with a translated message
and keeps what was typed; the service both the page and the API call refuses it too."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tandem.accounts import services
from tandem.core.errors import DomainError

pytestmark = pytest.mark.django_db
PROFILE = {"first_name": "Mona", "last_name": "Lisa", "language": "en", "contact_by_email": "on"}


@pytest.mark.parametrize("phone", ["abc", "12", "06 12 34 56 78 ext", "+33 6+12", "1" * 21])
def test_the_page_refuses_what_is_not_a_phone_number(client, member, phone):
    client.force_login(member)
    response = client.post(reverse("accounts:profile"), {**PROFILE, "phone": phone})
    assert response.status_code == 422
    assert "Enter a phone number" in response.text and f'value="{phone}"' in response.text
    member.refresh_from_db()
    assert member.phone == ""


def test_the_message_is_translated(client, member):
    type(member).objects.filter(pk=member.pk).update(language="fr")
    client.force_login(member)
    response = client.post(
        reverse("accounts:profile"), {**PROFILE, "language": "fr", "phone": "abc"}
    )
    assert "Saisissez un numéro de téléphone" in response.text


@pytest.mark.parametrize("phone", ["+33 6 12 34 56 78", "01.02.03.04.05", "(555) 123-4567", ""])
def test_the_page_takes_phone_numbers_as_people_write_them(client, member, phone):
    client.force_login(member)
    response = client.post(reverse("accounts:profile"), {**PROFILE, "phone": phone})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.phone == phone


def test_the_service_refuses_it_for_the_api_too(member):
    with pytest.raises(DomainError) as refused:
        services.update_profile(member, by=member, phone="abc")
    assert refused.value.field == "phone"
    member.refresh_from_db()
    assert member.phone == ""
