"""Dates and French typography as the reader meets them."""

from __future__ import annotations

import datetime as dt
import importlib.util
import re
from pathlib import Path

from django.template import Context, Template
from django.utils import translation

ROOT = Path(__file__).resolve().parents[3]


def _check_translations():
    spec = importlib.util.spec_from_file_location("check", ROOT / "scripts/check_translations.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _render(source: str, **values: object) -> str:
    return Template(source).render(Context(values))


def test_an_english_time_ending_a_sentence_has_one_period():
    moment = dt.datetime(2026, 12, 6, 5, 7, tzinfo=dt.UTC)
    with translation.override("en"):
        text = _render('Please answer by {{ t|date:"SHORT_DATETIME_FORMAT" }}.', t=moment)
        long_text = _render('{{ t|date:"DATETIME_FORMAT" }}.', t=moment)
    assert text == "Please answer by 12/06/2026 6:07 AM."  # Paris time
    assert long_text == "Dec. 6, 2026, 6:07 AM."
    with translation.override("fr"):
        assert _render('{{ t|date:"SHORT_DATETIME_FORMAT" }}', t=moment) == "06/12/2026 06:07"


def test_french_strings_put_a_narrow_no_break_space_before_high_signs():
    with translation.override("fr"):
        assert translation.gettext("Forgotten password?").endswith("\u202f?")
        assert translation.gettext("Your roles:") == "Vos rôles\u202f:"


def test_the_catalogue_check_refuses_a_wide_or_ordinary_space(tmp_path):
    check = _check_translations()
    assert check.typography_errors(ROOT / "locale/fr/LC_MESSAGES/django.po") == []
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Time: 10:30, see https://example.org"\nmsgstr "Heure\u202f: 10:30, voir https://example.org"\n\n'
        'msgid "Really?"\nmsgstr "Vraiment\u00a0?"\n\n'
        'msgid "Long"\nmsgstr ""\n"dite « "\n"GENOU\u202f»"\n\n'
        'msgid "Ok"\nmsgstr "Oui\u202f!"\n',
        encoding="utf-8",
    )
    errors = check.typography_errors(po)
    assert len(errors) == 2
    assert "Vraiment" in errors[0] and "GENOU" in errors[1]


def test_allauth_s_words_on_our_pages_follow_french_typography():
    from tandem.accounts.allauth_strings import ALLAUTH_STRINGS

    with translation.override("fr"):
        for text in ALLAUTH_STRINGS:
            french = translation.gettext(text)
            assert french != text
            assert not re.search(r"[ \u00a0][?:!;]", french), french
    with translation.override("fr"):
        assert translation.gettext("Forgot your password?") == "Mot de passe oublié\u202f?"


# Format letters that print an abbreviated month or day ("Mar", "Déc", "Jan.", "Fri"): French
# writes "15 mars 2024"; Django's named formats (DATE_FORMAT, SHORT_DATE_FORMAT…) are right in
# each language.
ABBREVIATING = re.compile(r"(?<!\\)[MbND]")
DATE_FILTER = re.compile(r"""\|date:(["'])(.*?)\1""")


def test_no_template_abbreviates_a_month_or_a_day():
    found = []
    for template in ROOT.glob("**/templates/**/*"):
        if ".venv" in template.parts or template.suffix not in {".html", ".txt"}:
            continue
        text = template.read_text(encoding="utf-8")
        for match in DATE_FILTER.finditer(text):
            format_ = match.group(2)
            if not format_.isupper() and ABBREVIATING.search(format_):
                found.append(f"{template.relative_to(ROOT)}: {format_}")
    assert found == []
