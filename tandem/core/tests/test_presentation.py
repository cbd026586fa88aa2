from __future__ import annotations

import datetime

from django.utils import translation

from tandem.core.widgets import DateInput


def test_a_date_field_keeps_its_value_in_french():
    with translation.override("fr"):
        html = DateInput().render("end", datetime.date(2028, 2, 1))
    assert 'value="2028-02-01"' in html and 'type="date"' in html


def test_history_shows_actions_in_plain_words():
    from tandem.core.action_labels import action_label

    with translation.override("en"):
        assert action_label("reviews.request.accepted") == "Request accepted"
        assert action_label("something.thing.done_twice") == "Thing — done twice"


def test_page_numbers_are_grouped_as_each_language_writes_them():
    from django.core.paginator import Paginator

    from tandem.core.templatetags.tandem import page_label

    page = Paginator(range(92168), 20).page(3)
    with translation.override("fr"):
        assert page_label(page) == "Page 3 sur 4\xa0609"
    with translation.override("en"):
        assert page_label(page) == "Page 3 of 4,609"


def test_the_language_switcher_sends_back_to_the_page_in_the_other_language(client, db):
    from django.urls import reverse

    english = client.get("/directory/?q=asthme", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    french = client.get("/directory/?q=asthme", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert f'action="{reverse("core:set_language")}"' in english
    assert 'name="next" value="/directory/?q=asthme"' in english
    assert 'name="csrfmiddlewaretoken"' in english
    assert 'value="fr" lang="fr"' in english and 'value="en" lang="en"' in french


def test_the_page_layout_follows_the_language_and_the_roles(client, db, django_user_model):
    from django.urls import reverse

    with translation.override("fr"):
        french = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    english = client.get(reverse("core:home"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Aller au contenu principal" in french and "Skip to main content" in english
    assert 'aria-current="page">Home<' in english.replace("\n", "")
    directory = client.get(reverse("directory:directory")).content.decode()
    assert 'aria-current="page"' not in directory  # the menu is written per page name too


def test_my_home_is_not_marked_current_on_other_pages_named_alike(client, officer):
    # The indicators' page is also named "dashboard" (in its own namespace), and "home" is also
    # the incubator's: only the home page itself is the current page of "My home".
    from django.urls import reverse

    client.force_login(officer)
    home = client.get(reverse("core:dashboard")).content.decode().replace("\n", "")
    assert 'aria-current="page">My home<' in home
    for name in ("reporting:dashboard", "incubator:home"):
        page = client.get(reverse(name)).content.decode().replace("\n", "")
        assert 'aria-current="page">My home<' not in page
    client.logout()
    incubator = client.get(reverse("incubator:home")).content.decode().replace("\n", "")
    assert 'aria-current="page">Home<' not in incubator
