"""Script payloads typed into an organization's free-text fields are shown as text, never run,
on every page that shows them (its page, the directory, the officers' queue, the edit form)."""

from __future__ import annotations

from django.urls import reverse

from tandem.directory import services
from tandem.directory.models import Organization, OrganizationStatus
from tandem.directory.tests.test_views import registration

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def _safe(page, *, expect_escaped: bool = True, status: int = 200) -> str:
    body = page.content.decode()
    assert page.status_code == status
    assert SCRIPT not in body and "<img src=x" not in body
    if expect_escaped:
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    return body


def test_an_organizations_free_text_renders_escaped_everywhere(client, member, officer):
    client.force_login(member)
    response = client.post(
        reverse("directory:register"),
        registration(
            name=f"Ligue {SCRIPT}",
            acronym=IMG[:40],
            description=f"{SCRIPT}\n{IMG}",
            address=IMG,
            city=f"Rennes {SCRIPT}",
            is_public="on",
        ),
    )
    assert response.status_code == 302
    organization = Organization.objects.get()
    _safe(client.get(organization.get_absolute_url()))
    _safe(client.get(reverse("directory:edit", args=[organization.pk])))
    client.force_login(officer)
    _safe(client.get(reverse("directory:queue")))
    services.transition_organizations([(organization, OrganizationStatus.ACTIVE)], by=officer)
    client.logout()
    _safe(client.get(reverse("directory:directory")))
    _safe(client.get(reverse("directory:directory"), {"q": SCRIPT}), expect_escaped=False)


def test_a_refused_form_shows_the_payload_escaped(client, member):
    client.force_login(member)
    response = client.post(
        reverse("directory:register"), registration(name=f"{SCRIPT}\x07", website=IMG)
    )
    _safe(response, status=422)
