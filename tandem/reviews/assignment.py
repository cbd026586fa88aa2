"""Suggesting reviewers: an exact optimiser for a stated objective.

The problem. Each open request needs `wanted` reviewers. A (request, reviewer) pair is
*feasible* when no hard constraint blocks it:

- the reviewer is active and trained;
- no conflict of interest: the reviewer's organization is not among the study's organizations,
  the reviewer declared no conflict with one of them, and none of the reviewer's declared
  conflict words appears in the study's title, acronym or sponsor reference;
- the reviewer is available (no declared absence overlapping the review window);
- the reviewer reads the language of the documents;
- the reviewer has room: open reviews + new ones ≤ maximum load;
- the reviewer is not already seated in (or has not already declined) this request's round.

The objective, over the feasible pairs chosen:

1. fill as many seats as possible (lexicographically first);
2. then maximise  Σ affinity(pair) − Σ_reviewers penalty(load after),  where affinity is
   EXACT (a disease area of the study is one of the reviewer's) or RELATED (one is an ancestor of
   the other in the disease-area tree) or 0, and penalty(n) = LOAD_WEIGHT · n(n−1)/2 −
   penalty(current load): the k-th open review of a person costs LOAD_WEIGHT·(k−1), so a
   convex cost spreads the work fairly.

How it is solved. This is a min-cost max-flow: source → request (capacity `wanted`) → reviewer
(capacity 1 for a feasible pair, cost BASE − affinity) → sink (one arc per extra open review,
cost LOAD_WEIGHT·(k−1), increasing, hence exact for the convex penalty). Integer costs, solved by
the primal-dual method (Dijkstra with potentials, then blocking flows on the zero-reduced-cost
graph). A min-cost *maximum* flow fills the most seats, and among those, minimises
BASE·flow − Σaffinity + Σpenalty, i.e. maximises the objective. The tests compare it with brute
force on small cases.

This module is pure Python (no ORM) so that it can be benchmarked and tested alone; `services`
builds the problem from the database.
"""

from __future__ import annotations

import heapq
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

EXACT = 6
RELATED = 3
LOAD_WEIGHT = 1
BASE = EXACT + 1  # keeps every pair cost positive (Dijkstra needs non-negative costs)

# Hard-constraint codes, in the order used to explain why a reviewer is blocked.
INACTIVE = "inactive"
UNTRAINED = "untrained"
ALREADY = "already"
OWN_ORGANIZATION = "own_organization"
DECLARED_CONFLICT = "declared_conflict"
UNAVAILABLE = "unavailable"
LANGUAGE = "language"
FULL = "full"
BLOCKERS = (
    INACTIVE,
    UNTRAINED,
    ALREADY,
    OWN_ORGANIZATION,
    DECLARED_CONFLICT,
    UNAVAILABLE,
    LANGUAGE,
    FULL,
)


@dataclass(frozen=True)
class Candidate:
    id: int
    name: str = ""
    organization_id: int | None = None
    conflict_organization_ids: frozenset[int] = frozenset()
    conflict_terms: tuple[str, ...] = ()
    languages: frozenset[str] = frozenset({"fr"})
    area_paths: tuple[str, ...] = ()
    area_names: tuple[str, ...] = ()
    load: int = 0
    max_load: int = 2
    absences: tuple[tuple[date, date], ...] = ()
    active: bool = True
    trained: bool = True


@dataclass(frozen=True)
class Need:
    id: int
    wanted: int
    language: str = "fr"
    organization_ids: frozenset[int] = frozenset()
    text: str = ""  # title, acronym, sponsor reference: matched with declared conflict words
    area_paths: tuple[str, ...] = ()
    area_names: tuple[str, ...] = ()
    window: tuple[date, date] | None = None
    excluded: frozenset[int] = frozenset()  # already seated, declined or dismissed here
    alternates: int = 2


@dataclass
class Choice:
    candidate: Candidate
    affinity: int
    matched_area: str
    load_after: int


@dataclass
class NeedResult:
    need: Need
    chosen: list[Choice] = field(default_factory=list)
    alternates: list[Choice] = field(default_factory=list)
    blocked: dict[str, int] = field(default_factory=dict)  # blocker code → number of reviewers
    feasible_count: int = 0

    @property
    def missing(self) -> int:
        return max(0, self.need.wanted - len(self.chosen))


@dataclass
class Solution:
    results: list[NeedResult]
    objective: int
    seats_filled: int


def blocker(candidate: Candidate, need: Need, *, extra_load: int = 0) -> str | None:
    """The first hard constraint that forbids this pair, or None when the pair is feasible."""
    if not candidate.active:
        return INACTIVE
    if not candidate.trained:
        return UNTRAINED
    if candidate.id in need.excluded:
        return ALREADY
    if candidate.organization_id is not None and candidate.organization_id in need.organization_ids:
        return OWN_ORGANIZATION
    if candidate.conflict_organization_ids & need.organization_ids:
        return DECLARED_CONFLICT
    if candidate.conflict_terms:
        text = need.text.casefold()
        if any(term.casefold() in text for term in candidate.conflict_terms):
            return DECLARED_CONFLICT
    if need.window is not None:
        start, end = need.window
        if any(a <= end and b >= start for a, b in candidate.absences):
            return UNAVAILABLE
    if need.language not in candidate.languages:
        return LANGUAGE
    if candidate.load + extra_load >= candidate.max_load:
        return FULL
    return None


def affinity(candidate: Candidate, need: Need) -> tuple[int, str]:
    """EXACT when the reviewer holds one of the study's disease areas, RELATED when one is an
    ancestor of the other in the tree, else 0; with the name of the matching study area."""
    best, name = 0, ""
    for index, path in enumerate(need.area_paths):
        for own in candidate.area_paths:
            if own == path:
                score = EXACT
            elif path.startswith(own) or own.startswith(path):
                score = RELATED
            else:
                continue
            if score > best:
                best = score
                name = need.area_names[index] if index < len(need.area_names) else ""
    return best, name


def marginal_load_cost(load_before: int) -> int:
    """Cost of one more open review for someone who has `load_before` already."""
    return LOAD_WEIGHT * load_before


def objective_of(
    assignments: dict[int, list[int]], needs: Sequence[Need], pool: Sequence[Candidate]
) -> int:
    """The objective value of an assignment {need id: [candidate ids]} (used by tests)."""
    by_id = {c.id: c for c in pool}
    need_by_id = {n.id: n for n in needs}
    total = 0
    extra: dict[int, int] = {}
    for need_id, ids in assignments.items():
        for cid in ids:
            total += affinity(by_id[cid], need_by_id[need_id])[0]
            extra[cid] = extra.get(cid, 0) + 1
    for cid, n in extra.items():
        load = by_id[cid].load
        total -= sum(marginal_load_cost(load + k) for k in range(n))
    return total


# --- Min-cost max-flow (primal-dual) --------------------------------------------------------


class _Graph:
    __slots__ = ("adj", "cap", "cost", "to")

    def __init__(self, nodes: int) -> None:
        self.adj: list[list[int]] = [[] for _ in range(nodes)]
        self.to: list[int] = []
        self.cap: list[int] = []
        self.cost: list[int] = []

    def add(self, u: int, v: int, cap: int, cost: int) -> int:
        edge = len(self.to)
        self.to += (v, u)
        self.cap += (cap, 0)
        self.cost += (cost, -cost)
        self.adj[u].append(edge)
        self.adj[v].append(edge + 1)
        return edge

    def min_cost_max_flow(self, source: int, sink: int) -> tuple[int, int]:
        n = len(self.adj)
        to, cap, cost, adj = self.to, self.cap, self.cost, self.adj
        potential = [0] * n  # all initial costs are non-negative
        flow = total_cost = 0
        infinity = 1 << 60
        while True:
            # Dijkstra on reduced costs.
            dist = [infinity] * n
            dist[source] = 0
            heap = [(0, source)]
            while heap:
                d, u = heapq.heappop(heap)
                if d > dist[u]:
                    continue
                pu = potential[u]
                for e in adj[u]:
                    if cap[e]:
                        v = to[e]
                        nd = d + cost[e] + pu - potential[v]
                        if nd < dist[v]:
                            dist[v] = nd
                            heapq.heappush(heap, (nd, v))
            if dist[sink] == infinity:
                return flow, total_cost
            reach = dist[sink]
            for v in range(n):
                potential[v] += dist[v] if dist[v] < reach else reach
            # Blocking flows on the admissible (zero reduced cost) subgraph, Dinic style.
            while True:
                level = [-1] * n
                level[source] = 0
                queue = deque([source])
                while queue:
                    u = queue.popleft()
                    for e in adj[u]:
                        v = to[e]
                        if cap[e] and level[v] < 0 and cost[e] + potential[u] - potential[v] == 0:
                            level[v] = level[u] + 1
                            queue.append(v)
                if level[sink] < 0:
                    break
                pointer = [0] * n
                while True:
                    pushed = self._augment(source, sink, level, pointer, potential)
                    if not pushed:
                        break
                    flow += 1
                    total_cost += pushed

    def _augment(
        self, source: int, sink: int, level: list[int], pointer: list[int], potential: list[int]
    ) -> int:
        """Push one unit along an admissible level path; return the path's cost (0 if none)."""
        to, cap, cost, adj = self.to, self.cap, self.cost, self.adj
        path: list[int] = []
        u = source
        while u != sink:
            edges = adj[u]
            advanced = False
            while pointer[u] < len(edges):
                e = edges[pointer[u]]
                v = to[e]
                if (
                    cap[e]
                    and level[v] == level[u] + 1
                    and cost[e] + potential[u] - potential[v] == 0
                ):
                    path.append(e)
                    u = v
                    advanced = True
                    break
                pointer[u] += 1
            if not advanced:
                if u == source:
                    return 0
                level[u] = -1  # dead end for this phase
                e = path.pop()
                u = to[e ^ 1]
                pointer[u] += 1
        path_cost = 0
        for e in path:
            cap[e] -= 1
            cap[e ^ 1] += 1
            path_cost += cost[e]
        return path_cost or 1  # a zero-cost path is impossible here (BASE > EXACT), but be safe


def solve(needs: Sequence[Need], pool: Sequence[Candidate]) -> Solution:
    """The best set of reviewers for every need at once, with alternates and blockers."""
    r, v = len(needs), len(pool)
    source, sink = 0, r + v + 1
    graph = _Graph(r + v + 2)
    pair_edges: list[tuple[int, int, int]] = []  # (edge, need index, candidate index)
    results = [NeedResult(need=need) for need in needs]
    affinities: dict[tuple[int, int], tuple[int, str]] = {}
    demand = 0
    for i, need in enumerate(needs):
        result = results[i]
        seats = 0
        for j, cand in enumerate(pool):
            reason = blocker(cand, need)
            if reason is not None:
                result.blocked[reason] = result.blocked.get(reason, 0) + 1
                continue
            result.feasible_count += 1
            affinities[i, j] = pair = affinity(cand, need)
            pair_edges.append((graph.add(1 + i, 1 + r + j, 1, BASE - pair[0]), i, j))
            seats += 1
        if need.wanted and seats:
            graph.add(source, 1 + i, need.wanted, 0)
            demand += min(need.wanted, seats)
    for j, cand in enumerate(pool):
        room = min(cand.max_load - cand.load, demand)
        for k in range(room):
            graph.add(1 + r + j, sink, 1, marginal_load_cost(cand.load + k))
    graph.min_cost_max_flow(source, sink)

    extra = [0] * v
    chosen_ids: list[set[int]] = [set() for _ in needs]
    for edge, i, j in pair_edges:
        if graph.cap[edge] == 0:
            chosen_ids[i].add(j)
            extra[j] += 1
    objective = 0
    filled = 0
    for i, need in enumerate(needs):
        result = results[i]
        for j in sorted(
            chosen_ids[i], key=lambda j: (-affinities[i, j][0], pool[j].load, pool[j].id)
        ):
            aff, area = affinities[i, j]
            objective += aff
            result.chosen.append(Choice(pool[j], aff, area, pool[j].load + extra[j]))
        filled += len(result.chosen)
        # Alternates: the next best feasible reviewers with room left, by marginal value.
        ranked = []
        for j, cand in enumerate(pool):
            if j in chosen_ids[i] or (i, j) not in affinities:
                continue
            if cand.load + extra[j] >= cand.max_load:
                continue
            aff, area = affinities[i, j]
            value = aff - marginal_load_cost(cand.load + extra[j])
            ranked.append((-value, cand.load + extra[j], cand.id, j, aff, area))
        ranked.sort()
        for _value, load, _id, j, aff, area in ranked[: need.alternates]:
            result.alternates.append(Choice(pool[j], aff, area, load + 1))
    for j, cand in enumerate(pool):
        objective -= sum(marginal_load_cost(cand.load + k) for k in range(extra[j]))
    return Solution(results=results, objective=objective, seats_filled=filled)


def brute_force(needs: Sequence[Need], pool: Sequence[Candidate]) -> tuple[int, int]:
    """(seats filled, objective) of the best assignment by exhaustive search: small cases only."""
    from itertools import combinations

    options: list[list[tuple[int, ...]]] = []
    for need in needs:
        feasible = [c.id for c in pool if blocker(c, need) is None]
        sizes = range(min(need.wanted, len(feasible)), -1, -1)
        options.append([combo for size in sizes for combo in combinations(feasible, size)])
    by_id = {c.id: c for c in pool}
    best = (-1, -(1 << 60))

    def walk(index: int, picked: dict[int, list[int]], used: dict[int, int]) -> None:
        nonlocal best
        if index == len(needs):
            seats = sum(len(ids) for ids in picked.values())
            value = (seats, objective_of(picked, needs, pool))
            best = max(best, value)
            return
        for combo in options[index]:
            if any(by_id[cid].load + used.get(cid, 0) >= by_id[cid].max_load for cid in combo):
                continue
            for cid in combo:
                used[cid] = used.get(cid, 0) + 1
            picked[needs[index].id] = list(combo)
            walk(index + 1, picked, used)
            for cid in combo:
                used[cid] -= 1
            del picked[needs[index].id]

    walk(0, {}, {})
    return best
