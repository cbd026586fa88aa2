"""What the directory holds about a person (besides health information), for the export of
their data and for erasure."""

from __future__ import annotations

from typing import Any

from tandem.accounts.models import User
from tandem.directory.models import OrganizationMembership, ResearcherProfile


def export(user: User) -> dict[str, Any]:
    profile = (
        ResearcherProfile.objects.filter(user=user)
        .select_related("unit")
        .prefetch_related("disease_areas")
        .first()
    )
    return {
        "researcher_profile": None
        if profile is None
        else {
            "unit": profile.unit.code if profile.unit else None,
            "keywords": profile.keywords,
            "orcid": profile.orcid,
            "contact_email": profile.contact_email,
            "disease_areas": sorted(a.code for a in profile.disease_areas.all()),
        },
        "organization_memberships": [
            {"organization": m.organization.name, "role": m.role}
            for m in OrganizationMembership.objects.filter(user=user).select_related("organization")
        ],
        "institute_staff": sorted(str(i) for i in user.institutes_staffed.all()),
        "regional_office_staff": sorted(o.name for o in user.regional_offices_staffed.all()),
    }


def erase(user: User) -> None:
    # The researcher profile (ORCID, topics, contact address, a search index of the name), the
    # memberships and the places on an institute's or a regional office's staff go; the
    # organizations, institutes and offices stay, with their other people.
    ResearcherProfile.objects.filter(user=user).delete()
    OrganizationMembership.objects.filter(user=user).delete()
    user.institutes_staffed.clear()
    user.regional_offices_staffed.clear()
