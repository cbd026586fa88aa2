"""Notifications are stored as message ids and parameters and shown in the reader's language
(issue 14, point 5)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation

from tandem.core import erasure
from tandem.core.models import Notification
from tandem.core.notifications import VERBATIM, notify

pytestmark = pytest.mark.django_db


def test_a_notification_follows_the_language_it_is_read_in(member):
    member.language = "fr"
    member.save()
    note = notify(
        member,
        kind="test",
        title="%(name)s accepted your invitation",
        params={"name": "Zélie Martin"},
        email=False,
    )
    with translation.override("en"):
        assert note.shown_title == "Zélie Martin accepted your invitation"
    with translation.override("fr"):
        assert note.shown_title == "Zélie Martin a accepté votre invitation"


def test_the_list_and_the_page_show_the_readers_language(client, member):
    notify(
        member,
        kind="test",
        title="%(name)s is now in the directory.",
        params={"name": "Association Lumière"},
        email=False,
    )
    client.force_login(member)
    client.cookies["django_language"] = "en"
    member.language = "en"
    member.save()
    assert (
        "Association Lumière is now in the directory."
        in client.get(reverse("core:notifications")).content.decode()
    )
    member.language = "fr"
    member.save()
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("core:notifications")).content.decode()
    assert "Association Lumière" in page
    assert "is now in the directory" not in page


def test_a_date_is_written_in_the_readers_language(member):
    note = notify(
        member,
        kind="test",
        title="The health-system approval of %(name)s ends on %(date)s.",
        params={"name": "Asso", "date": dt.date(2026, 11, 28)},
        email=False,
    )
    note.refresh_from_db()
    with translation.override("fr"):
        assert "28 novembre 2026" in note.shown_title
    with translation.override("en"):
        assert "Nov. 28, 2026" in note.shown_title


def test_a_moment_is_written_with_its_time_in_the_readers_language(member):
    note = notify(
        member,
        kind="test",
        title="%(when)s",
        params={"when": dt.datetime(2026, 11, 28, 13, 5, tzinfo=dt.UTC)},
        email=False,
    )
    note.refresh_from_db()
    # 13:05 UTC is 14:05 in Paris, the site's time zone.
    with translation.override("fr"):
        assert note.shown_title == "28 novembre 2026 14:05"
    with translation.override("en"):
        assert note.shown_title == "Nov. 28, 2026, 2:05 PM"


def test_someones_own_words_are_shown_as_written(member):
    note = notify(
        member,
        kind="test",
        title="The College declined “%(title)s”",
        body=VERBATIM,
        params={"title": "Étude X", "text": "Hors du champ : 100 % des cas."},
        email=False,
    )
    with translation.override("fr"):
        assert note.shown_body == "Hors du champ : 100 % des cas."


def test_older_rows_stored_as_words_are_shown_as_they_are(member):
    note = Notification.objects.create(recipient=member, kind="old", title="Ancien titre")
    with translation.override("en"):
        assert note.shown_title == "Ancien titre"


def test_the_email_is_written_in_the_recipients_language(
    member, django_capture_on_commit_callbacks
):
    member.language = "fr"
    member.contact_by_email = True
    member.save()
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        notify(
            member, kind="test", title="%(name)s accepted your invitation", params={"name": "Zoé"}
        )
    assert mail.outbox[-1].subject == "[Tandem] Zoé a accepté votre invitation"


def test_erasure_takes_the_name_out_of_the_parameters(member):
    note = notify(
        member,
        kind="test",
        title="%(name)s accepted your invitation",
        params={"name": "Zélie Ñandú"},
        email=False,
    )
    assert erasure.redact(["Zélie Ñandú"], label="Deleted account #9") == 1
    note.refresh_from_db()
    assert note.params == {"name": "Deleted account #9"}


def test_a_directory_notification_is_stored_as_a_code(officer, member):
    from tandem.directory.services import register_organization

    officer.language = "fr"
    officer.save()
    with translation.override("en"):
        register_organization(by=member, fields={"name": "Association Horizon"})
    note = Notification.objects.get(recipient=officer)
    assert note.title == "New organization to validate: %(name)s"
    with translation.override("fr"):
        assert "Association Horizon" in note.shown_title
        assert "New organization" not in note.shown_title


def _sentences_written_at_the_call(tree):
    """`title=`/`body=` arguments of a notify-like call that are a message already filled in
    (`_("… %(x)s") % {...}`): formatting a translated message writes it in the language of
    the person acting, not the reader's."""
    import ast

    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None) or getattr(node.func, "attr", "")
        if not name.startswith("notify"):
            continue
        for keyword in node.keywords:
            value = keyword.value
            filled = isinstance(value, ast.BinOp) and isinstance(value.op, ast.Mod)
            if keyword.arg in ("title", "body") and filled:
                yield node.lineno


def test_no_notice_is_written_in_the_language_of_the_person_acting():
    import ast
    from pathlib import Path

    import tandem

    root = Path(tandem.__file__).parent
    found = [
        f"{path.relative_to(root)}:{line}"
        for path in sorted(root.rglob("*.py"))
        if "tests" not in path.parts and "migrations" not in path.parts
        for line in _sentences_written_at_the_call(ast.parse(path.read_text()))
    ]
    assert found == [], "use gettext_noop and params= (tandem.core.notifications.notify)"
