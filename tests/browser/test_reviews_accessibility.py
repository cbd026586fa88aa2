"""axe-core on every page of the College of Reviewers, on the demo data (every stage present)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.browser.axe import blocking_violations
from tests.browser.language_mix import mixed_language_words

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def demo():
    from tandem.accounts import demo as accounts_demo
    from tandem.checks import demo as checks_demo
    from tandem.directory import demo as directory_demo
    from tandem.reviews import demo as reviews_demo

    for module in (accounts_demo, directory_demo, checks_demo, reviews_demo):
        module.load()


def _check(page, paths):
    problems = {}
    for path in paths:
        page.goto(path)
        found = blocking_violations(page)
        found += mixed_language_words(page)  # tests/browser/language_mix.py
        if found:
            problems[path] = found
    assert problems == {}


def test_every_reviews_page_has_no_serious_accessibility_violation(page, sign_in, demo):
    from tandem.reviews.models import Assignment, DocumentVersion, ReviewerProfile, ReviewRequest

    requests = list(ReviewRequest.objects.order_by("pk"))
    reported = next(r for r in requests if r.status in ("report_sent", "closed"))
    version = DocumentVersion.objects.filter(document__request=reported).first()
    profile = ReviewerProfile.objects.order_by("pk").first()

    sign_in("coordinator@example.org", "tandem-demo")
    coordinator_pages = [
        reverse("reviews:queue"),
        reverse("reviews:pool"),
        reverse("reviews:metrics"),
        reverse("reviews:profile", args=[profile.pk]),
        reverse("reviews:compare", args=[reported.pk, "leaflet"]),
    ]
    coordinator_pages += [reverse("reviews:request", args=[r.pk]) for r in requests]
    coordinator_pages += [
        reverse("reviews:assign", args=[r.pk]) for r in requests if r.status == "accepted"
    ]
    coordinator_pages += [reverse("reviews:consolidate", args=[reported.pk])]
    if version is not None:
        coordinator_pages.append(reverse("reviews:version", args=[version.pk]))
    _check(page, coordinator_pages)

    page.context.clear_cookies()
    sign_in("reviewer1@example.org", "tandem-demo")
    assignments = Assignment.objects.filter(reviewer__email="reviewer1@example.org").exclude(
        state__in=["declined", "expired", "dismissed", "proposed"]
    )
    _check(
        page,
        [
            reverse("reviews:my_assignments"),
            reverse("reviews:history"),
            reverse("reviews:my_profile"),
        ]
        + [reverse("reviews:workspace", args=[a.pk]) for a in assignments],
    )

    page.context.clear_cookies()
    sign_in("researcher@example.org", "tandem-demo")
    _check(
        page,
        [
            reverse("reviews:my_requests"),
            reverse("reviews:new"),
            reverse("reviews:report", args=[reported.pk]),
        ],
    )

    page.context.clear_cookies()
    sign_in("member@example.org", "tandem-demo")
    _check(page, [reverse("reviews:apply")])
