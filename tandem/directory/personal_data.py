"""What the directory holds about a person (besides health information), for erasure."""

from __future__ import annotations

from tandem.accounts.models import User
from tandem.directory.models import OrganizationMembership, ResearcherProfile


def erase(user: User) -> None:
    # The researcher profile (ORCID, topics, a search index of the name) and the memberships go;
    # the organizations stay, with their other members.
    ResearcherProfile.objects.filter(user=user).delete()
    OrganizationMembership.objects.filter(user=user).delete()
