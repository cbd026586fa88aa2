"""Matching: which organizations could be partners for a research topic, and, the other way
round, which research units and researchers work on an organization's disease areas.

Scores add up simple, explainable parts; every part comes with a sentence that says why.
- disease areas: the same area 3 points, a more specific area (below the topic's) 2, a broader
  area (above it) 1; for each topic area, the best relation counts;
- text: up to 2 points, the share of the topic's words found in the profile (name, description,
  disease-area names and synonyms in French and English);
- the same region: 1 point (a national organization: 0.5);
- past partnerships: 1.5 with the researcher's own unit, otherwise 0.5 if any."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tandem.directory.models import (
    DiseaseArea,
    Organization,
    OrganizationStatus,
    Partnership,
    Region,
    ResearcherProfile,
    ResearchUnit,
)
from tandem.directory.search import (
    FTS_TABLE,
    fts_expression,
    ts_expression,
    uses_fts,
    uses_search_vector,
)
from tandem.directory.text import query_words

EXACT, NARROWER, BROADER = 3.0, 2.0, 1.0
TEXT_WEIGHT = 2.0
SAME_REGION, NATIONAL = 1.0, 0.5
OWN_UNIT_PARTNERSHIP, ANY_PARTNERSHIP = 1.5, 0.5
MAX_CANDIDATES = 300


@dataclass(frozen=True)
class Topic:
    text: str = ""
    disease_area_ids: tuple[int, ...] = ()
    region: str = ""
    unit_id: int | None = None


@dataclass
class Match:
    target: Any
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)


@dataclass
class _AreaScore:
    by_topic_area: dict[int, tuple[float, int]] = field(default_factory=dict)

    def add(self, topic_area: int, weight: float, area_id: int) -> None:
        if weight > self.by_topic_area.get(topic_area, (0.0, 0))[0]:
            self.by_topic_area[topic_area] = (weight, area_id)

    @property
    def total(self) -> float:
        return sum(weight for weight, _area in self.by_topic_area.values())


def _relations(topic_area_ids: tuple[int, ...]) -> dict[int, list[tuple[int, float]]]:
    """Area id → [(topic area, weight)] for every area related to the topic's areas."""
    topic_areas = list(DiseaseArea.objects.filter(pk__in=topic_area_ids).only("id", "path"))
    if not topic_areas:
        return {}
    condition = Q()
    for area in topic_areas:
        condition |= Q(path__startswith=area.path)
        condition |= Q(pk__in=area.ancestor_ids())
    related = list(DiseaseArea.objects.filter(condition).only("id", "path"))
    result: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for area in related:
        for topic_area in topic_areas:
            if area.pk == topic_area.pk:
                result[area.pk].append((topic_area.pk, EXACT))
            elif area.path.startswith(topic_area.path):
                result[area.pk].append((topic_area.pk, NARROWER))
            elif topic_area.path.startswith(area.path):
                result[area.pk].append((topic_area.pk, BROADER))
    return result


def _area_names(ids: set[int]) -> dict[int, str]:
    return {
        a.pk: a.name
        for a in DiseaseArea.objects.filter(pk__in=ids).only("id", "name_fr", "name_en")
    }


def _area_reasons(score: _AreaScore, names: dict[int, str]) -> list[str]:
    reasons = []
    for topic_area, (weight, area_id) in score.by_topic_area.items():
        if weight == EXACT:
            reasons.append(
                _("Works on %(area)s, one of your disease areas.") % {"area": names[area_id]}
            )
        elif weight == NARROWER:
            reasons.append(
                _("Works on %(area)s, a more specific area within %(topic)s.")
                % {"area": names[area_id], "topic": names[topic_area]}
            )
        else:
            reasons.append(
                _("Works on %(area)s, a broader area that includes %(topic)s.")
                % {"area": names[area_id], "topic": names[topic_area]}
            )
    return reasons


def _word_hits(qs: Any, words: list[str], *, column: str = "search_text") -> dict[int, int]:
    """Primary key → number of the words found in `column`, for rows that contain at least one."""
    if not words:
        return {}
    if column == "search_text" and qs.model is Organization and uses_fts():
        return _fts_word_hits(words)
    if column == "search_text" and qs.model is Organization and uses_search_vector():
        return _vector_word_hits(words)
    hits: Any = Value(0)
    any_word = Q()
    for word in words:
        hits = hits + Case(
            When(**{f"{column}__contains": word}, then=Value(1)),
            default=Value(0),
            output_field=IntegerField(),
        )
        any_word |= Q(**{f"{column}__contains": word})
    return dict(qs.filter(any_word).annotate(hits=hits).values_list("pk", "hits"))


def _fts_word_hits(words: list[str]) -> dict[int, int]:
    """The same on SQLite, one index lookup per word (listed organizations only)."""
    hits: dict[int, int] = defaultdict(int)
    sql = (
        f"SELECT o.id FROM directory_organization o JOIN (SELECT rowid FROM {FTS_TABLE} "  # noqa: S608 - constant name
        f"WHERE {FTS_TABLE} MATCH %s) f ON f.rowid = o.id WHERE o.status = 'active' AND o.is_public"
    )
    with connection.cursor() as cursor:
        for word in words:
            cursor.execute(sql, [fts_expression([word])])
            for (pk,) in cursor.fetchall():
                hits[pk] += 1
    return dict(hits)


def _vector_word_hits(words: list[str]) -> dict[int, int]:
    """The same on PostgreSQL, one lookup per word in the GIN index of `search_vector` (a word
    matches itself and its plural forms, as on SQLite); a word it does not find is looked for
    as a substring, on the trigram index, as before."""
    hits: dict[int, int] = defaultdict(int)
    listed = "status = 'active' AND is_public"
    by_vector = (
        "SELECT id FROM directory_organization WHERE "  # noqa: S608 - constant text
        f"{listed} AND search_vector @@ to_tsquery('simple'::regconfig, %s)"
    )
    by_substring = f"SELECT id FROM directory_organization WHERE {listed} AND search_text LIKE %s"  # noqa: S608 - constant text
    with connection.cursor() as cursor:
        for word in words:
            cursor.execute(by_vector, [ts_expression([word])])
            rows = cursor.fetchall()
            if not rows:
                cursor.execute(by_substring, [f"%{word}%"])
                rows = cursor.fetchall()
            for (pk,) in rows:
                hits[pk] += 1
    return dict(hits)


def _listed_area_rows(area_ids: list[int]) -> list[tuple[int, int, str]]:
    """(organization, disease area, region) for listed organizations linked to these areas.
    Driven by the link table's area index; on SQLite, CROSS JOIN keeps that order (its planner
    otherwise scans every active organization) and the covering index of migration 0006 answers
    for the organization without reading its row."""
    join = "CROSS JOIN" if connection.vendor == "sqlite" else "JOIN"
    placeholders = ", ".join(["%s"] * len(area_ids))
    sql = (
        "SELECT t.organization_id, t.diseasearea_id, o.region "  # noqa: S608 - constant text
        f"FROM directory_organization_disease_areas t {join} directory_organization o "
        f"ON o.id = t.organization_id WHERE t.diseasearea_id IN ({placeholders}) "
        "AND o.status = 'active' AND o.is_public"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, area_ids)
        return cursor.fetchall()


def _region_reason(region: str, topic_region: str) -> tuple[float, str | None]:
    if not topic_region or not region:
        return 0.0, None
    if region == topic_region:
        return SAME_REGION, _("Based in the same region (%(region)s).") % {
            "region": Region(region).label
        }
    if region == Region.NATIONAL:
        return NATIONAL, _("Acts at national level.")
    return 0.0, None


def match_organizations(topic: Topic, *, limit: int = 20) -> list[Match]:
    """Listed organizations ranked for a topic, best first, each with the reasons of its score."""
    listed = Organization.objects.filter(status=OrganizationStatus.ACTIVE, is_public=True)
    relations = _relations(topic.disease_area_ids)
    area_scores: dict[int, _AreaScore] = {}
    regions: dict[int, str] = {}
    if relations:
        # Plain dicts in the loop (a broad topic links 15,000 organizations): per organization,
        # topic area → (best weight, area), as _AreaScore.add keeps it.
        best: dict[int, dict[int, tuple[float, int]]] = {}
        for org_id, area_id, region in _listed_area_rows(list(relations)):
            regions[org_id] = region
            per_org = best.get(org_id)
            if per_org is None:
                per_org = best[org_id] = {}
            for topic_area, weight in relations[area_id]:
                if weight > per_org.get(topic_area, (0.0, 0))[0]:
                    per_org[topic_area] = (weight, area_id)
        area_scores = {org_id: _AreaScore(per_org) for org_id, per_org in best.items()}
    words = query_words(topic.text)
    text_hits = _word_hits(listed, words)
    missing_regions = set(text_hits) - set(regions)
    if missing_regions:
        regions.update(listed.filter(pk__in=missing_regions).values_list("pk", "region"))

    region_points = {
        region: _region_reason(region, topic.region)[0] for region in set(regions.values())
    }
    preliminary: dict[int, float] = {}
    for org_id in set(area_scores) | set(text_hits):
        area_score = area_scores.get(org_id)
        score = area_score.total if area_score is not None else 0.0
        if words:
            score += TEXT_WEIGHT * text_hits.get(org_id, 0) / len(words)
        score += region_points.get(regions.get(org_id, ""), 0.0)
        preliminary[org_id] = score
    # Partnerships add at most 1.5: only the best candidates can still reach the top.
    shortlist = sorted(preliminary, key=lambda pk: -preliminary[pk])[:MAX_CANDIDATES]
    partnerships: dict[int, list[int]] = defaultdict(list)
    for org_id, unit_id in Partnership.objects.filter(organization_id__in=shortlist).values_list(
        "organization_id", "unit_id"
    ):
        partnerships[org_id].append(unit_id)

    matches: list[Match] = []
    for org_id in shortlist:
        match = Match(target=org_id, score=preliminary[org_id])
        units = partnerships.get(org_id, [])
        if topic.unit_id and topic.unit_id in units:
            match.score += OWN_UNIT_PARTNERSHIP
        elif units:
            match.score += ANY_PARTNERSHIP
        matches.append(match)
    matches.sort(key=lambda m: (-m.score, m.target))
    matches = matches[:limit]

    organizations = Organization.objects.in_bulk([m.target for m in matches])
    names = (
        _area_names(
            {
                a
                for pk in organizations
                if pk in area_scores
                for _s, a in area_scores[pk].by_topic_area.values()
            }
            | set(topic.disease_area_ids)
        )
        if area_scores
        else {}
    )
    for match in matches:
        org_id = match.target
        match.target = organizations[org_id]
        if org_id in area_scores:
            match.reasons += _area_reasons(area_scores[org_id], names)
        if words and text_hits.get(org_id):
            match.reasons.append(
                _("Its profile mentions %(found)d of the %(total)d words of your topic.")
                % {"found": text_hits[org_id], "total": len(words)}
            )
        _points, region_reason = _region_reason(regions.get(org_id, ""), topic.region)
        if region_reason:
            match.reasons.append(region_reason)
        units = partnerships.get(org_id, [])
        if topic.unit_id and topic.unit_id in units:
            match.reasons.append(_("Has already worked with your research unit."))
        elif units:
            match.reasons.append(
                ngettext(
                    "Has already worked with a research unit of the institute.",
                    "Has already worked with %(n)d research units of the institute.",
                    len(set(units)),
                )
                % {"n": len(set(units))}
            )
        match.score = round(match.score, 2)
    return matches


def _organization_topic(organization: Organization) -> Topic:
    return Topic(
        disease_area_ids=tuple(organization.disease_areas.values_list("pk", flat=True)),
        region=organization.region,
    )


def match_researchers(organization: Organization, *, limit: int = 20) -> list[Match]:
    """Researchers who work on the organization's disease areas, best first, explained."""
    topic = _organization_topic(organization)
    relations = _relations(topic.disease_area_ids)
    if not relations:
        return []
    through = ResearcherProfile.disease_areas.through
    scores: dict[int, _AreaScore] = defaultdict(_AreaScore)
    for profile_id, area_id in through.objects.filter(
        diseasearea_id__in=list(relations)
    ).values_list("researcherprofile_id", "diseasearea_id"):
        for topic_area, weight in relations[area_id]:
            scores[profile_id].add(topic_area, weight, area_id)
    partner_units = set(organization.partnerships.values_list("unit_id", flat=True))
    profiles = ResearcherProfile.objects.filter(
        pk__in=list(scores), user__is_active=True, user__erased_at__isnull=True
    ).select_related("user", "unit__regional_office")
    names = _area_names(
        {a for s in scores.values() for _w, a in s.by_topic_area.values()}
        | set(topic.disease_area_ids)
    )
    matches = []
    for profile in profiles:
        match = Match(target=profile, score=scores[profile.pk].total)
        match.reasons += _area_reasons(scores[profile.pk], names)
        region = profile.unit.region if profile.unit else ""
        points, reason = _region_reason(region, topic.region)
        if reason:
            match.score += points
            match.reasons.append(reason)
        if profile.unit_id in partner_units:
            match.score += OWN_UNIT_PARTNERSHIP
            match.reasons.append(_("Their unit has already worked with this organization."))
        matches.append(match)
    matches.sort(key=lambda m: (-m.score, str(m.target)))
    return matches[:limit]


def match_units(organization: Organization, *, limit: int = 20) -> list[Match]:
    """Research units whose researchers work on the organization's disease areas."""
    by_unit: dict[int, list[Match]] = defaultdict(list)
    for match in match_researchers(organization, limit=10_000):
        if match.target.unit_id:
            by_unit[match.target.unit_id].append(match)
    partner_units = set(organization.partnerships.values_list("unit_id", flat=True))
    units = ResearchUnit.objects.select_related("regional_office").in_bulk(
        list(by_unit | dict.fromkeys(partner_units))
    )
    matches = []
    for unit_id, unit in units.items():
        researchers = by_unit.get(unit_id, [])
        best = max((m.score for m in researchers), default=0.0)
        match = Match(target=unit, score=best)
        if researchers:
            match.score += min(0.5 * (len(researchers) - 1), 1.5)
            match.reasons.append(
                ngettext(
                    "%(n)d researcher works on these disease areas.",
                    "%(n)d researchers work on these disease areas.",
                    len(researchers),
                )
                % {"n": len(researchers)}
            )
            match.reasons += [r for r in researchers[0].reasons if r not in match.reasons][:2]
        if unit_id in partner_units:
            match.score += OWN_UNIT_PARTNERSHIP
            match.reasons.append(_("Has already worked with this organization."))
        match.score = round(match.score, 2)
        matches.append(match)
    matches.sort(key=lambda m: (-m.score, m.target.code))
    return matches[:limit]


__all__ = ["Match", "Topic", "match_organizations", "match_researchers", "match_units"]
