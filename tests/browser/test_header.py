"""The header in French for a demo account without a second factor, whose long badge ("Compte
de démonstration : sans second facteur") pushed "Se déconnecter" onto a second row at 1280 px:
on a desktop the header holds on one row, on a phone it wraps between its items, and no link
or button ever breaks inside."""

from __future__ import annotations

import pytest

from tandem.accounts.tests.factories import PASSWORD, UserFactory
from tandem.core.notifications import notify
from tests.browser.axe import layout_problems

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The header's rows (an item entirely below the first one starts another) and, for each link
# and button, the number of lines its words take.
HEADER = r"""
() => {
  const row = document.querySelector(".header-row");
  const items = [...row.children].filter((item) => item.getClientRects().length);
  const first = items[0].getBoundingClientRect();
  // The lines of an element's shown words (words for screen readers only left out).
  const lines = (element) => {
    const tops = new Set();
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest(".visually-hidden")) continue;
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const r of range.getClientRects()) if (r.width > 0) tops.add(Math.round(r.top));
    }
    return tops.size;
  };
  const controls = [...row.querySelectorAll(".header-link, .link-button, .badge-demo")];
  return {
    below: items.filter((item) => item.getBoundingClientRect().top >= first.bottom - 1).length,
    broken: controls.filter((c) => !c.matches(".badge-demo") && lines(c) > 1).map((c) => c.textContent.trim()),
    badge: row.querySelector(".badge-demo")?.textContent.trim(),
  };
}
"""


def test_the_header_of_a_demo_account_fits_a_desktop_and_a_phone_in_french(
    page, sign_in, live_server
):
    user = UserFactory(roles=["researcher"], is_demo=True, language="fr")
    for n in range(12):  # "Notifications 12", as a demo account has
        notify(user, kind="test", title=f"Message {n}", email=False)
    sign_in(user.email, PASSWORD)
    page.context.add_cookies([{"name": "django_language", "value": "fr", "url": live_server.url}])
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/")
    desktop = page.evaluate(HEADER)
    assert desktop["badge"].startswith("Compte de démonstration")
    assert desktop["below"] == 0 and desktop["broken"] == []
    page.set_viewport_size({"width": 390, "height": 844})
    phone = page.evaluate(HEADER)
    assert phone["below"] > 0 and phone["broken"] == []
    assert page.get_by_role("button", name="Se déconnecter").is_visible()
    assert layout_problems(page) == []
