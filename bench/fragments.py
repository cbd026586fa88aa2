"""Would `{% cache %}` pay? The page fragments that cost the most, written as the page writes
them and read from the shared cache (the database cache of the default set-up), in one process,
alternately, on a copy of the demo database.

Prints the median time of each, in microseconds: a fragment is worth caching only if its
writing costs clearly more than the cache reads its key needs (one read for the fragment, one
for a version such as the disease-area tree's).
Usage: .venv/bin/python bench/fragments.py [--repeat 2000]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent

FILTERS = '{% for field in form.filter_fields %}{% include "includes/field.html" %}{% endfor %}'
NAV = '{% load i18n %}<nav><ul>{% include "includes/nav_items.html" %}</ul></nav>'


def cached(body: str, *keys: str) -> str:
    return (
        "{% load cache %}{% cache 86400 fragment "
        + " ".join(keys)
        + " %}"
        + body
        + ("{% endcache %}")
    )


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="tandem-fragments-"))
    os.environ.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        SQLITE_PATH=str(tmp / "bench.sqlite3"),
        TANDEM_VAR_DIR=str(tmp),
        PYTHONPATH=str(ROOT),
    )
    try:
        for command in (["migrate", "-v0"], ["demo"]):
            subprocess.run(
                [str(BIN / "tandem"), *command], check=True, cwd=ROOT, stdout=subprocess.DEVNULL
            )
        return _measure(args.repeat)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _measure(repeat: int) -> int:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.cache import cache
    from django.http import QueryDict
    from django.template import engines
    from django.utils import translation

    from tandem.accounts.models import User
    from tandem.directory.forms import SearchForm
    from tandem.directory.labels import tree_version

    engine = engines["django"]
    member = User.objects.with_access_facts().get(email="member@example.org")
    form = SearchForm(QueryDict("q=association&region=idf"))
    form.is_valid()
    values = "form.disease_area.value form.region.value form.kind.value form.approval.value"
    scenarios = {
        "directory filters, written": (engine.from_string(FILTERS), {"form": form}),
        "directory filters, {% cache %}": (
            engine.from_string(cached(FILTERS, "LANGUAGE_CODE", "areas", values)),
            {"form": form},
        ),
        "menu (member), written": (engine.from_string(NAV), {"user": member}),
        "menu (member), {% cache %}": (
            engine.from_string(cached(NAV, "LANGUAGE_CODE", "roles")),
            {"user": member},
        ),
    }
    from django.contrib.auth.context_processors import PermWrapper

    times: dict[str, list[float]] = {name: [] for name in scenarios}
    cache.clear()
    with translation.override("fr"):
        for _ in range(repeat):
            for name, (template, context) in scenarios.items():
                start = time.perf_counter()
                full = {**context, "LANGUAGE_CODE": "fr"}
                if "user" in context:
                    full["perms"] = PermWrapper(context["user"])
                    full["roles"] = "-".join(sorted(context["user"].role_codes))
                if name == "directory filters, {% cache %}":
                    full["areas"] = tree_version()  # the fragment's key needs the version
                template.render(full)
                times[name].append(time.perf_counter() - start)
    print("| fragment | median µs | p90 µs |")
    print("|---|---:|---:|")
    for name, spent in times.items():
        spent.sort()
        median = statistics.median(spent) * 1e6
        print(f"| {name} | {median:.0f} | {spent[len(spent) * 9 // 10] * 1e6:.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
