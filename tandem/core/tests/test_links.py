"""`tandem.core.links.reverse` and the `{% url %}` tag built on it: Django's answers, kept per
process only where nothing that can change at run time decides them."""

from __future__ import annotations

import uuid

import pytest
from django.template import Context, Template
from django.test import RequestFactory, override_settings
from django.urls import NoReverseMatch, set_script_prefix
from django.urls import reverse as django_reverse
from django.utils import translation

from tandem.core import links
from tandem.core.links import reverse
from tandem.core.tests import links_i18n_urls


@pytest.fixture(autouse=True)
def _fresh() -> None:
    links._reversed.cache_clear()


@pytest.mark.parametrize(
    ("name", "args", "kwargs"),
    [
        ("core:home", None, None),
        ("core:dashboard", None, None),
        ("governance:renew", [12], None),
        ("governance:renew", None, {"pk": 7}),
        ("governance:renew", ["31"], None),
    ],
)
def test_the_answer_is_djangos(name: str, args: list | None, kwargs: dict | None) -> None:
    expected = django_reverse(name, args=args, kwargs=kwargs)
    assert reverse(name, args=args, kwargs=kwargs) == expected
    assert reverse(name, args=args, kwargs=kwargs) == expected  # and again, from the memo
    assert links._reversed.cache_info().hits == 1


def test_each_argument_gets_its_own_link() -> None:
    assert reverse("governance:renew", args=[1]) == "/gram/mandates/1/renew/"
    assert reverse("governance:renew", args=[2]) == "/gram/mandates/2/renew/"


def test_a_uuid_is_plain_and_a_model_instance_is_not_kept() -> None:
    class Named:
        def __str__(self) -> str:
            return "5"

    assert reverse("governance:renew", args=[Named()]) == "/gram/mandates/5/renew/"
    assert links._reversed.cache_info().currsize == 0
    with pytest.raises(NoReverseMatch):  # a UUID is kept as a key, and refused by <int:pk>
        reverse("governance:renew", args=[uuid.uuid4()])


def test_a_failure_is_not_kept() -> None:
    with pytest.raises(NoReverseMatch):
        reverse("core:no-such-page")
    assert links._reversed.cache_info().currsize == 0


def test_the_script_prefix_is_part_of_the_key() -> None:
    assert reverse("core:dashboard") == "/home/"
    set_script_prefix("/tandem/")
    try:
        assert reverse("core:dashboard") == "/tandem/home/"
    finally:
        set_script_prefix("/")
    assert reverse("core:dashboard") == "/home/"


def test_the_urlconf_is_part_of_the_key() -> None:
    assert reverse("core:dashboard") == "/home/"
    with override_settings(ROOT_URLCONF="tandem.core.tests.links_urls"):
        assert reverse("core:dashboard") == "/sub/home/"
    assert reverse("core:dashboard") == "/home/"


def test_the_language_is_not_part_of_the_key_where_no_link_depends_on_it() -> None:
    with translation.override("fr"):
        reverse("core:dashboard")
    with translation.override("en"):
        reverse("core:dashboard")
    assert links._reversed.cache_info().currsize == 1


@pytest.mark.parametrize(
    ("urlconf", "french", "english"),
    [
        ("tandem.core.tests.links_i18n_urls", "/fr/page/", "/en/page/"),
        (links_i18n_urls.Translated, "/Mentions%20l%C3%A9gales", "/Legal%20notice"),
    ],
)
def test_the_language_is_part_of_the_key_where_links_depend_on_it(
    urlconf: object, french: str, english: str
) -> None:
    with override_settings(ROOT_URLCONF=urlconf):
        for _ in range(2):
            with translation.override("fr"):
                assert reverse("page") == french
            with translation.override("en"):
                assert reverse("page") == english
    assert links._reversed.cache_info().currsize == 2


def test_the_url_tag_is_the_builtin_and_keeps_djangos_syntax() -> None:
    request = RequestFactory().get("/")
    template = Template(
        "{% url 'core:dashboard' %}|{% url 'governance:renew' pk %}|"
        "{% url 'governance:renew' pk=pk as link %}{{ link }}|"
        "{% url 'core:no-such-page' as missing %}[{{ missing }}]"
    )
    context = Context({"pk": 4})
    context.request = request
    assert template.render(context) == ("/home/|/gram/mandates/4/renew/|/gram/mandates/4/renew/|[]")
    assert links._reversed.cache_info().currsize == 3  # three links kept; the failure not
    template.render(context)
    assert links._reversed.cache_info().hits == 3


def test_the_url_tag_refuses_what_djangos_refuses() -> None:
    template = Template("{% url 'governance:renew' pk %}")
    with pytest.raises(NoReverseMatch):
        template.render(Context({"pk": "<b>"}))
