"""The one cache mechanism (tandem.core.cache): values stored with their kind's version."""

from __future__ import annotations

import pytest
from django.core.cache import cache as django_cache

from tandem.core import cache


def test_a_value_is_computed_once_then_read_until_its_kind_is_bumped():
    computed = []

    def compute() -> str:
        computed.append(1)
        return f"value {len(computed)}"

    assert cache.cached("things", ("fr",), compute) == "value 1"
    assert cache.cached("things", ("fr",), compute) == "value 1"
    assert cache.cached("things", ("en",), compute) == "value 2"  # its own parts
    cache.bump("things")
    assert cache.cached("things", ("fr",), compute) == "value 3"
    assert cache.cached("others", ("fr",), compute) == "value 4"  # kinds are apart


def test_a_value_computed_while_its_kind_was_bumped_is_not_read_again():
    def compute_across_a_bump() -> str:
        cache.bump("things")  # another process commits a change while this one computes
        return "old rows"

    assert cache.cached("things", (), compute_across_a_bump) == "old rows"
    assert cache.cached("things", (), lambda: "new rows") == "new rows"


def test_a_lost_version_starts_afresh_without_reviving_old_values():
    assert cache.cached("things", (), lambda: "before") == "before"
    django_cache.delete("tandem:version:things")  # evicted
    assert cache.cached("things", (), lambda: "after") == "after"


def test_fragment_versions_change_with_the_kind_and_with_each_release():
    first = cache.versions("things")
    assert cache.versions("things") == first
    cache.bump("things")
    second = cache.versions("things")
    assert second != first
    cache.bump(cache.RELEASE)
    assert cache.versions("things") != second


@pytest.mark.django_db
def test_migrate_makes_the_database_cache_table_and_a_new_release(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "tandem_test_cache",
        }
    }
    from django.core.cache import cache as database_cache

    cache.create_cache_table()
    release = cache.version(cache.RELEASE)
    database_cache.set("probe", 42)
    assert database_cache.get("probe") == 42
    cache.create_cache_table()  # the next migrate: the table is kept
    assert database_cache.get("probe") == 42
    assert cache.version(cache.RELEASE) != release
