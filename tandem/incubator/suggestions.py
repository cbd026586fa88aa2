"""The partners Tandem suggests for a participatory project: patient organizations and
researchers from the directory's matching, kept to the project's disease areas and the areas
below them (the directory's one rule of an area and its descendants), each with the reasons it
is suggested."""

from __future__ import annotations

from dataclasses import dataclass

from tandem.accounts.models import Role, User
from tandem.directory import matching
from tandem.directory.queries import researchers_visible_to
from tandem.incubator.models import Project

SUGGESTIONS = 5


@dataclass(frozen=True)
class Suggestions:
    """`organizations` and `researchers` (matches: `target`, `score`, `reasons`), best first,
    none of them already involved. `by_area`: the project has disease areas, and every partner
    suggested works on one of them or on an area below; without one, organizations are
    suggested from the words of the project's title and question only."""

    organizations: list[matching.Match]
    researchers: list[matching.Match]
    by_area: bool


def topic_of(project: Project) -> matching.Topic:
    """The project as a topic of the directory's matching: its title and question, its disease
    areas (kept to), the region of its regional office."""
    return matching.Topic(
        text=f"{project.title} {project.question}",
        disease_area_ids=tuple(a.pk for a in project.disease_areas.all()),
        region=project.regional_office.region if project.regional_office else "",
        within_areas=True,
        wording=matching.THE_PROJECT,
    )


def suggested_partners(project: Project, *, viewer: User) -> Suggestions:
    """Up to five organizations and five researchers for the project. Researchers are those
    the viewer may see in the directory (`researchers_visible_to`) who hold the researcher
    role, which involving them asks for."""
    topic = topic_of(project)
    involved = {o.pk for o in project.organizations.all()}
    found = matching.match_organizations(topic, limit=SUGGESTIONS + len(involved))
    # Those who may be involved as researchers (`add_partner`), less those already involved.
    researchers = (
        researchers_visible_to(viewer)
        .filter(user__in=User.objects.filter(role_assignments__role=Role.RESEARCHER))
        .exclude(user__in=[r.pk for r in project.researchers.all()])
    )
    return Suggestions(
        organizations=[m for m in found if m.target.pk not in involved][:SUGGESTIONS],
        researchers=matching.suggest_researchers(topic, among=researchers, limit=SUGGESTIONS),
        by_area=bool(topic.disease_area_ids),
    )
