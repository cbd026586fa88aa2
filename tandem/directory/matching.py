"""Matching: which organizations could be partners for a research topic, and, the other way
round, which research units and researchers work on an organization's disease areas.

Scores add up simple, explainable parts; every part comes with a sentence that says why.
- disease areas: the same area 3 points, a more specific area (below the topic's) 2, a broader
  area (above it) 1; for each topic area, the best relation counts. The typed topic leads: an
  area named in its text counts double, and when a text is typed the areas merely ticked (the
  form pre-ticks the researcher's profile) count half;
- text: up to 2 points, the share of the topic's words found in the profile (name, description,
  disease-area names and synonyms in French and English);
- the same region: 1 point (a national organization: 0.5);
- past partnerships: 1.5 with the researcher's own unit, otherwise 0.5 if any.

A topic may keep to its disease areas (`within_areas`, a participatory project's): then only
organizations and researchers that work on one of its areas or on an area below it are
matched, by the directory's one rule of an area and its descendants
(`queries.descendants_filter`, the search's disease-area filter)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import reduce
from operator import or_
from typing import Any

from django.db import connection, transaction
from django.db.models import Q, QuerySet, Value
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from tandem.directory.models import (
    DiseaseArea,
    Organization,
    Partnership,
    Region,
    ResearcherProfile,
    ResearchUnit,
)
from tandem.directory.queries import descendants_filter, listed_organizations
from tandem.directory.search import fts_matches, has_full_text_index, matches_index
from tandem.directory.text import normalized, query_words

EXACT, NARROWER, BROADER = 3.0, 2.0, 1.0
TEXT_WEIGHT = 2.0
SAME_REGION, NATIONAL = 1.0, 0.5
OWN_UNIT_PARTNERSHIP, ANY_PARTNERSHIP = 1.5, 0.5
# The typed topic leads (docstring): factors of an area's points by where it comes from.
NAMED_IN_TEXT, TICKED_BESIDE_TEXT = 2.0, 0.5
# The organizations' table, unaliased in the scoring query: the listed rule is compiled from
# its queryset, which names the table.
ORG = "directory_organization"


@dataclass(frozen=True)
class Wording:
    """Whose topic the reasons speak of (message ids, translated when a match is explained)."""

    exact: str
    named: str
    words: str


# A researcher's own topic (the partner finder, the API).
YOUR_TOPIC = Wording(
    exact=gettext_noop("Works on %(area)s, one of your disease areas."),
    named=gettext_noop("Works on %(area)s, named in your topic."),
    words=gettext_noop("Its profile mentions %(found)d of the %(total)d words of your topic."),
)
# A participatory project of the incubator.
THE_PROJECT = Wording(
    exact=gettext_noop("Works on %(area)s, one of the project's disease areas."),
    named=gettext_noop("Works on %(area)s, named in the project's title or question."),
    words=gettext_noop(
        "Its profile mentions %(found)d of the %(total)d words of the project's title and question."
    ),
)


@dataclass(frozen=True)
class Topic:
    text: str = ""
    disease_area_ids: tuple[int, ...] = ()
    region: str = ""
    unit_id: int | None = None
    # Keep to the topic's disease areas (ticked or named in its text) and the areas below them.
    within_areas: bool = False
    wording: Wording = YOUR_TOPIC


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


# Area names of at least this many characters are looked for in a topic's text ("CF" or
# "VIH" alone would match abbreviations used for something else).
MIN_NAMED_AREA = 5


def areas_named_in(text: str) -> list[int]:
    """Disease areas whose French or English name, or a synonym, appears as a whole phrase in
    the text ("mucoviscidose" names Cystic fibrosis). The most specific area wins when one
    name contains another. The names are read from the tree each time (one query of a few
    hundred short rows): a copy kept in the process would miss a renamed area."""
    phrase_text = f" {normalized(text)} "
    if not phrase_text.strip():
        return []
    phrases = []
    for pk, fr, en, synonyms in DiseaseArea.objects.values_list(
        "pk", "name_fr", "name_en", "synonyms"
    ):
        for name in [fr, en, *synonyms.replace(";", ",").split(",")]:
            phrase = normalized(name)
            if len(phrase) >= MIN_NAMED_AREA:
                phrases.append((phrase, pk))
    found: list[int] = []
    # Longest first: "diabete sucre de type 1" before "diabete".
    for phrase, pk in sorted(phrases, key=lambda p: -len(p[0])):
        if f" {phrase} " in phrase_text and pk not in found:
            found.append(pk)
            phrase_text = phrase_text.replace(f" {phrase} ", " ")
    return found


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


def _within(area_ids: Iterable[int], *, relation: str = "disease_areas") -> Q | None:
    """Linked to one of these areas or to an area below one of them (the directory's rule,
    `descendants_filter`); None without areas."""
    areas = DiseaseArea.objects.filter(pk__in=list(area_ids)).only("id", "path")
    conditions = [Q(descendants_filter(area, relation=relation)) for area in areas]
    return reduce(or_, conditions) if conditions else None


def _area_reasons(
    score: _AreaScore,
    names: dict[int, str],
    named: frozenset[int] = frozenset(),
    wording: Wording = YOUR_TOPIC,
) -> list[str]:
    reasons = []
    for topic_area, (weight, area_id) in score.by_topic_area.items():
        if weight == EXACT and topic_area in named:
            reasons.append(_(wording.named) % {"area": names[area_id]})
        elif weight == EXACT:
            reasons.append(_(wording.exact) % {"area": names[area_id]})
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
    """Listed organizations ranked for a topic, best first, each with the reasons of its score.

    The whole score is computed by the database (_score_sql), which returns only the best
    `limit`: a broad topic (a whole ICD-10 chapter) concerns 15,000 organizations, and scoring
    them in Python took 150 to 300 ms. The reasons are then written for those few."""
    # Areas named in the text count as the topic's areas: a researcher whose profile says
    # "diabetes" and who types "mucoviscidose" is looking for cystic fibrosis organizations.
    named_in_text = frozenset(areas_named_in(topic.text))
    named = named_in_text - set(topic.disease_area_ids)
    topic_area_ids = (*topic.disease_area_ids, *sorted(named))
    relations = _relations(topic_area_ids)
    words = query_words(topic.text)
    if not relations and not words:
        return []
    factors = _area_factors(topic, named_in_text, has_text=bool(words))
    within = _within(topic_area_ids) if topic.within_areas else None
    sql, params = _score_sql(topic, relations, words, limit, factors, within)
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            # A broad topic aggregates 30,000 rows: with the default 4 MB, PostgreSQL sorts
            # and groups them on disk (about 20 % slower).
            cursor.execute("SET LOCAL work_mem = '32MB'")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    else:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
    scored = [(org_id, float(score), int(hits)) for org_id, score, hits in rows]
    if not scored:
        return []
    ids = [org_id for org_id, _score, _hits in scored]
    organizations = Organization.objects.in_bulk(ids)
    area_scores: dict[int, _AreaScore] = defaultdict(_AreaScore)
    if relations:
        for org_id, area_id in Organization.disease_areas.through.objects.filter(
            organization_id__in=ids, diseasearea_id__in=list(relations)
        ).values_list("organization_id", "diseasearea_id"):
            for topic_area, weight in relations[area_id]:
                area_scores[org_id].add(topic_area, weight, area_id)
    partnerships: dict[int, set[int]] = defaultdict(set)
    for org_id, unit_id in Partnership.objects.filter(organization_id__in=ids).values_list(
        "organization_id", "unit_id"
    ):
        partnerships[org_id].add(unit_id)
    names = _area_names(
        {a for score in area_scores.values() for _w, a in score.by_topic_area.values()}
        | set(topic_area_ids)
    )
    matches = []
    for org_id, score, hits in scored:
        organization = organizations[org_id]
        match = Match(target=organization, score=round(score, 2))
        if org_id in area_scores:
            match.reasons += _area_reasons(area_scores[org_id], names, named, topic.wording)
        if hits:
            match.reasons.append(_(topic.wording.words) % {"found": hits, "total": len(words)})
        _points, region_reason = _region_reason(organization.region, topic.region)
        if region_reason:
            match.reasons.append(region_reason)
        units = partnerships.get(org_id, set())
        if topic.unit_id and topic.unit_id in units:
            match.reasons.append(_("Has already worked with your research unit."))
        elif units:
            match.reasons.append(
                ngettext(
                    "Has already worked with a research unit of the institute.",
                    "Has already worked with %(n)d research units of the institute.",
                    len(units),
                )
                % {"n": len(units)}
            )
        matches.append(match)
    return matches


def _area_factors(topic: Topic, named: frozenset[int], *, has_text: bool) -> dict[int, float]:
    """Topic area → the factor of its points: the typed text leads over the ticked areas."""
    factors = dict.fromkeys(topic.disease_area_ids, TICKED_BESIDE_TEXT if has_text else 1.0)
    factors.update(dict.fromkeys(named, NAMED_IN_TEXT))
    return factors


def _score_sql(
    topic: Topic,
    relations: dict[int, list[tuple[int, float]]],
    words: list[str],
    limit: int,
    factors: dict[int, float] | None = None,
    within: Q | None = None,
) -> tuple[str, list[Any]]:
    """The score of every listed organization that shares an area or a word with the topic
    (and, given `within`, meets it), as in the module's docstring, best `limit` first (ties:
    the older record first). Columns: id, score, number of the topic's words found."""
    ctes: list[str] = []
    contributions: list[str] = []
    params: list[Any] = []
    if relations:
        values = ", ".join(["(%s, %s, %s)"] * sum(len(r) for r in relations.values()))
        for area_id, pairs in relations.items():
            for topic_area, weight in pairs:
                params += [area_id, topic_area, weight * (factors or {}).get(topic_area, 1.0)]
        ctes.append(f"rel(area_id, topic_area, weight) AS (VALUES {values})")
        # Per topic area the best relation counts; the organization's score is their sum.
        contributions.append(
            "SELECT t.organization_id, MAX(r.weight), 0 FROM directory_organization_disease_areas t"
            " JOIN rel r ON r.area_id = t.diseasearea_id GROUP BY t.organization_id, r.topic_area"
        )
    if words:
        selects, word_params = _word_hit_selects(words)
        params += word_params
        contributions += selects
    ctes.append(f"contribution(org, area, hit) AS ({' UNION ALL '.join(contributions)})")
    ctes.append(
        "scored(org, area, hits) AS (SELECT org, SUM(area), SUM(hit) FROM contribution GROUP BY org)"
    )
    # Partnerships, read once per organization that has any (a hash join, not two lookups for
    # each of 17,000 candidates).
    ctes.append(
        "partnered(org, own) AS (SELECT organization_id, MAX(CASE WHEN unit_id = %s THEN 1 "
        "ELSE 0 END) FROM directory_partnership GROUP BY organization_id)"
    )
    params.append(topic.unit_id or 0)
    parts = ["s.area"]
    if words:
        parts.append(f"{TEXT_WEIGHT} * s.hits / {len(words)}")
    if topic.region:
        parts.append(
            f"(CASE WHEN {ORG}.region = %s THEN {SAME_REGION} WHEN {ORG}.region = %s"
            f" THEN {NATIONAL} "
            "ELSE 0 END)"
        )
        params += [topic.region, Region.NATIONAL.value]
    parts.append(
        f"(CASE WHEN p.own = 1 THEN {OWN_UNIT_PARTNERSHIP} WHEN p.org IS NOT NULL"
        f" THEN {ANY_PARTNERSHIP} ELSE 0 END)"
    )
    # Who is listed, and which areas (`within`): the queryset's conditions, compiled (the rules
    # are written once, in queries).
    candidates = listed_organizations()
    if within is not None:
        candidates = candidates.filter(within)
    listed = candidates.query
    listed_sql, listed_params = listed.get_compiler(connection=connection).compile(listed.where)
    sql = (
        f"WITH {', '.join(ctes)} "  # noqa: S608 - constant text, values are parameters
        f"SELECT {ORG}.id, {' + '.join(parts)} AS score, s.hits FROM scored s "
        f"JOIN {ORG} ON {ORG}.id = s.org LEFT JOIN partnered p ON p.org = {ORG}.id "
        f"WHERE {listed_sql} ORDER BY score DESC, {ORG}.id LIMIT %s"
    )
    params += [*listed_params, limit]
    return sql, params


def _word_hit_selects(words: list[str]) -> tuple[list[str], list[Any]]:
    """One SELECT per word of (organization, 0, 1): one row per organization it is found in.
    A word matches each of its forms (text.root) through the full-text index, on both engines
    (PostgreSQL's substring fallback of the search page is not used here: checking whether
    the index knows a word made PostgreSQL scan the table for each unknown one)."""
    selects: list[str] = []
    params: list[Any] = []
    for word in words:
        if connection.vendor == "sqlite":
            # The index alone answers, as before the search moved to the ORM: no row is read.
            sql, word_params = fts_matches([word])
            selects.append(f"SELECT id, 0, 1 FROM ({sql})")  # noqa: S608 - constant text
            params += word_params
            continue
        if has_full_text_index():
            condition = matches_index([word])
        else:
            condition = Q(search_text__contains=word)
        hits = Organization.objects.filter(condition).values_list("pk", Value(0), Value(1))
        sql, word_params = hits.order_by().query.get_compiler(connection=connection).as_sql()
        selects.append(sql)
        params += word_params
    return selects, params


def _organization_topic(organization: Organization) -> Topic:
    return Topic(
        disease_area_ids=tuple(organization.disease_areas.values_list("pk", flat=True)),
        region=organization.region,
    )


def match_researchers(organization: Organization, *, limit: int = 20) -> list[Match]:
    """Researchers who work on the organization's disease areas, best first, explained."""
    partner_units = set(organization.partnerships.values_list("unit_id", flat=True))
    return _match_researchers(
        _organization_topic(organization),
        among=ResearcherProfile.objects.all(),
        partner_units=partner_units,
        limit=limit,
    )


def suggest_researchers(
    topic: Topic, *, among: QuerySet[ResearcherProfile], limit: int = 20
) -> list[Match]:
    """Researchers of `among` (the profiles a person may see, less those already involved)
    who work on the topic's disease areas, ticked or named in its text, best first, each
    with its reasons. Kept to those areas and the areas below them when the topic says so."""
    named = frozenset(areas_named_in(topic.text)) - set(topic.disease_area_ids)
    area_ids = (*topic.disease_area_ids, *sorted(named))
    if topic.within_areas:
        within = _within(area_ids, relation="researchers")
        if within is None:
            return []
        among = among.filter(within)
    return _match_researchers(
        Topic(
            disease_area_ids=area_ids,
            region=topic.region,
            wording=topic.wording,
        ),
        among=among,
        named=named,
        limit=limit,
    )


def _match_researchers(
    topic: Topic,
    *,
    among: QuerySet[ResearcherProfile],
    partner_units: set[int] | None = None,
    named: frozenset[int] = frozenset(),
    limit: int,
) -> list[Match]:
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
    partner_units = partner_units or set()
    profiles = among.filter(
        pk__in=list(scores), user__is_active=True, user__erased_at__isnull=True
    ).select_related("user", "unit__regional_office")
    names = _area_names(
        {a for s in scores.values() for _w, a in s.by_topic_area.values()}
        | set(topic.disease_area_ids)
    )
    matches = []
    for profile in profiles:
        match = Match(target=profile, score=scores[profile.pk].total)
        match.reasons += _area_reasons(scores[profile.pk], names, named, topic.wording)
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


__all__ = [
    "THE_PROJECT",
    "Match",
    "Topic",
    "match_organizations",
    "match_researchers",
    "match_units",
    "suggest_researchers",
]
