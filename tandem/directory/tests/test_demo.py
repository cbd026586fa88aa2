from __future__ import annotations

from tandem.accounts import demo as account_demo
from tandem.directory import demo
from tandem.directory.matching import Topic, match_organizations
from tandem.directory.models import Organization, ResearcherProfile, ResearchUnit


def test_demo_data_loads_twice_and_makes_matching_useful(db):
    account_demo.load()
    demo.load()
    demo.load()
    assert Organization.objects.count() == 60
    assert ResearchUnit.objects.count() == 20
    assert ResearcherProfile.objects.count() == 41
    profile = ResearcherProfile.objects.get(user__email="researcher@example.org")
    topic = Topic(
        text=profile.keywords,
        disease_area_ids=tuple(profile.disease_areas.values_list("pk", flat=True)),
    )
    assert "Diab" in match_organizations(topic)[0].target.name
    assert Organization.objects.get(memberships__user__email="member@example.org")
