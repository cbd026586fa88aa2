"""The optimiser's hard constraints, checked by oracles written from the data alone.

The optimiser's own `blocker` is not used here: each rule of the module's docstring is written
again, plainly, from the candidates' and the requests' fields, so that a mistake in `blocker` (or
in how `solve` uses it) makes these tests fail instead of agreeing with it."""

from __future__ import annotations

import datetime as dt
import os
from itertools import combinations, product

from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from tandem.reviews import assignment as opt

START = dt.date(2025, 3, 1)


# --- The oracles -------------------------------------------------------------------------------


def broken_rules(candidate: opt.Candidate, need: opt.Need) -> set[str]:
    """Every hard constraint this pair breaks (before any new load), from the data."""
    broken = set()
    if not candidate.active:
        broken.add("inactive")
    if not candidate.trained:
        broken.add("untrained")
    if candidate.id in need.excluded:
        broken.add("already seated or declined")
    if candidate.organization_id is not None and candidate.organization_id in need.organization_ids:
        broken.add("member of an organization of the study")
    if any(org in need.organization_ids for org in candidate.conflict_organization_ids):
        broken.add("declared a conflict with an organization of the study")
    if any(term.lower() in need.text.lower() for term in candidate.conflict_terms):
        broken.add("declared a conflict word found in the study")
    if need.window is not None:
        first, last = need.window
        for away_from, away_until in candidate.absences:
            if not (away_until < first or away_from > last):
                broken.add("away during the review")
    if need.language not in candidate.languages:
        broken.add("does not read the documents' language")
    if candidate.load >= candidate.max_load:
        broken.add("already at their maximum load")
    return broken


def allowed(candidate: opt.Candidate, need: opt.Need) -> bool:
    return not broken_rules(candidate, need)


def closeness(candidate: opt.Candidate, need: opt.Need) -> int:
    """6 for a shared disease area, 3 when one contains the other in the tree, else 0."""
    best = 0
    for theirs in need.area_paths:
        for own in candidate.area_paths:
            if own == theirs:
                best = max(best, 6)
            elif own.startswith(theirs) or theirs.startswith(own):
                best = max(best, 3)
    return best


def exhaustive(needs, pool) -> tuple[int, int]:
    """(seats, objective) of the best plan, trying every plan (tiny cases only)."""
    per_need = []
    for need in needs:
        ok = [c for c in pool if allowed(c, need)]
        per_need.append(
            [combo for size in range(need.wanted + 1) for combo in combinations(ok, size)]
        )
    best = (0, 0)
    for plan in product(*per_need):
        added: dict[int, int] = {}
        value = 0
        for need, combo in zip(needs, plan, strict=True):
            for candidate in combo:
                added[candidate.id] = added.get(candidate.id, 0) + 1
                value += closeness(candidate, need)
        by_id = {c.id: c for c in pool}
        if any(by_id[cid].load + n > by_id[cid].max_load for cid, n in added.items()):
            continue
        for cid, n in added.items():
            load = by_id[cid].load
            value -= sum(load + k for k in range(n))  # the k-th extra review costs its rank
        best = max(best, (sum(added.values()), value))
    return best


# --- Generated cases ---------------------------------------------------------------------------

WORDS = ["Étude", "GENOU", "PharmaCorp", "acme", "calme", "sponsor", "2025"]
TERMS = ["pharmacorp", "ACME", "étude", "rien", "Genou-Calme"]
PATHS = ["/1/", "/1/2/", "/1/3/", "/4/", "/4/5/"]
day = st.integers(0, 20).map(lambda n: START + dt.timedelta(days=n))
span = st.tuples(day, st.integers(0, 6)).map(lambda t: (t[0], t[0] + dt.timedelta(days=t[1])))
languages = st.sampled_from([frozenset({"fr"}), frozenset({"en"}), frozenset({"fr", "en"})])


@st.composite
def cases(draw, max_needs=4, max_pool=8):
    size = draw(st.integers(1, max_pool))
    pool = []
    for cid in range(1, size + 1):
        max_load = draw(st.integers(1, 3))
        pool.append(
            opt.Candidate(
                id=cid,
                organization_id=draw(st.none() | st.integers(1, 4)),
                conflict_organization_ids=frozenset(draw(st.sets(st.integers(1, 4), max_size=2))),
                conflict_terms=tuple(draw(st.lists(st.sampled_from(TERMS), max_size=2))),
                languages=draw(languages),
                area_paths=tuple(draw(st.lists(st.sampled_from(PATHS), max_size=2, unique=True))),
                load=draw(st.integers(0, max_load)),
                max_load=max_load,
                absences=tuple(draw(st.lists(span, max_size=2))),
                active=draw(st.booleans()) or draw(st.booleans()),
                trained=draw(st.booleans()) or draw(st.booleans()),
            )
        )
    needs = [
        opt.Need(
            id=nid,
            wanted=draw(st.integers(0, 3)),
            language=draw(st.sampled_from(["fr", "fr", "en"])),
            organization_ids=frozenset(draw(st.sets(st.integers(1, 4), max_size=2))),
            text=" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=4))),
            area_paths=tuple(draw(st.lists(st.sampled_from(PATHS), max_size=2, unique=True))),
            window=draw(st.none() | span),
            excluded=frozenset(draw(st.sets(st.integers(1, size), max_size=2))),
        )
        for nid in range(1, draw(st.integers(1, max_needs)) + 1)
    ]
    return needs, pool


# Derandomised: the same cases on every run, so that mutation testing is reproducible; under
# mutation testing (mutmut sets MUTANT_UNDER_TEST) a failure is all that counts: no shrinking.
PHASES = (
    [Phase.explicit, Phase.reuse, Phase.generate]
    if os.environ.get("MUTANT_UNDER_TEST")
    else list(Phase)
)
checked = settings(max_examples=200, deadline=None, derandomize=True, phases=PHASES)


def _added_load(results) -> dict[int, int]:
    added: dict[int, int] = {}
    for result in results:
        for choice in result.chosen:
            added[choice.candidate.id] = added.get(choice.candidate.id, 0) + 1
    return added


def assert_chosen_reviewers_break_no_rule(results) -> None:
    for result in results:
        ids = [choice.candidate.id for choice in result.chosen]
        assert len(ids) == len(set(ids)) <= result.need.wanted
        for choice in result.chosen:
            assert broken_rules(choice.candidate, result.need) == set(), choice.candidate
            assert choice.affinity == closeness(choice.candidate, result.need)


def assert_no_reviewer_exceeds_their_maximum_load(results, pool) -> None:
    added = _added_load(results)
    for candidate in pool:
        if added.get(candidate.id):
            assert candidate.load + added[candidate.id] <= candidate.max_load, candidate


def assert_no_short_request_leaves_an_allowed_reviewer_with_room(results, pool) -> None:
    added = _added_load(results)
    for result in results:
        if len(result.chosen) == result.need.wanted:
            continue
        seated = {choice.candidate.id for choice in result.chosen}
        for candidate in pool:
            if candidate.id not in seated and allowed(candidate, result.need):
                assert candidate.load + added.get(candidate.id, 0) >= candidate.max_load, candidate


def assert_alternates_are_allowed_with_room_and_not_seated(results) -> None:
    added = _added_load(results)
    for result in results:
        seated = {choice.candidate.id for choice in result.chosen}
        assert len(result.alternates) <= result.need.alternates
        for alternate in result.alternates:
            candidate = alternate.candidate
            load_now = candidate.load + added.get(candidate.id, 0)
            assert candidate.id not in seated
            assert allowed(candidate, result.need), candidate
            assert load_now < candidate.max_load
            assert alternate.load_after == load_now + 1
            assert alternate.affinity == closeness(candidate, result.need)


def assert_explanations_count_every_reviewer_once(results, pool) -> None:
    for result in results:
        feasible = sum(allowed(c, result.need) for c in pool)
        assert result.feasible_count == feasible
        assert sum(result.blocked.values()) == len(pool) - feasible


@checked
@given(cases())
def test_every_plan_respects_the_hard_constraints_as_the_data_states_them(case):
    needs, pool = case
    results = opt.solve(needs, pool).results
    assert [r.need for r in results] == needs
    assert_chosen_reviewers_break_no_rule(results)
    assert_no_reviewer_exceeds_their_maximum_load(results, pool)
    assert_no_short_request_leaves_an_allowed_reviewer_with_room(results, pool)
    assert_alternates_are_allowed_with_room_and_not_seated(results)
    assert_explanations_count_every_reviewer_once(results, pool)


@settings(max_examples=120, deadline=None, derandomize=True, phases=PHASES)
@given(cases(max_needs=2, max_pool=4))
def test_the_plan_is_as_good_as_any_plan_found_by_trying_them_all(case):
    needs, pool = case
    solution = opt.solve(needs, pool)
    assert (solution.seats_filled, solution.objective) == exhaustive(needs, pool)


# --- Each rule at its edge ---------------------------------------------------------------------


def _chosen(need, *pool):
    return [c.candidate.id for c in opt.solve([need], list(pool)).results[0].chosen]


def test_an_absence_touching_the_review_window_on_either_side_blocks():
    need = opt.Need(id=1, wanted=4, window=(dt.date(2025, 3, 10), dt.date(2025, 3, 20)))
    ends_on_first_day = opt.Candidate(id=1, absences=((dt.date(2025, 3, 1), dt.date(2025, 3, 10)),))
    starts_on_last_day = opt.Candidate(
        id=2, absences=((dt.date(2025, 3, 20), dt.date(2025, 4, 1)),)
    )
    back_the_day_before = opt.Candidate(
        id=3, absences=((dt.date(2025, 3, 1), dt.date(2025, 3, 9)),)
    )
    leaves_the_day_after = opt.Candidate(
        id=4, absences=((dt.date(2025, 3, 21), dt.date(2025, 4, 1)),)
    )
    chosen = _chosen(
        need, ends_on_first_day, starts_on_last_day, back_the_day_before, leaves_the_day_after
    )
    assert sorted(chosen) == [3, 4]


def test_a_reviewer_with_one_seat_of_room_gets_exactly_one_request():
    needs = [opt.Need(id=1, wanted=1), opt.Need(id=2, wanted=1)]
    almost_full = opt.Candidate(id=1, load=1, max_load=2)
    solution = opt.solve(needs, [almost_full])
    assert solution.seats_filled == 1
    assert _chosen(opt.Need(id=3, wanted=1), opt.Candidate(id=2, load=2, max_load=2)) == []


def test_conflict_words_match_whatever_their_case_inside_longer_text():
    need = opt.Need(id=1, wanted=2, text="Étude GENOU-CALME, promoteur PharmaCorp SAS")
    assert _chosen(need, opt.Candidate(id=1, conflict_terms=("pharmacorp",))) == []
    assert _chosen(need, opt.Candidate(id=2, conflict_terms=("genou-calme",))) == []
    assert _chosen(need, opt.Candidate(id=3, conflict_terms=("Biotech",))) == [3]


def test_a_reviewer_without_an_organization_is_not_in_conflict_with_every_study():
    need = opt.Need(id=1, wanted=1, organization_ids=frozenset({1}))
    assert _chosen(need, opt.Candidate(id=1, organization_id=None)) == [1]
    assert _chosen(need, opt.Candidate(id=2, organization_id=2)) == [2]
    assert _chosen(need, opt.Candidate(id=3, organization_id=1)) == []


def _match(need, candidate):
    choice = opt.solve([need], [candidate]).results[0].chosen[0]
    return choice.affinity, choice.matched_area


def test_the_area_named_is_the_first_study_area_the_reviewer_matches_best():
    need = opt.Need(
        id=1,
        wanted=1,
        area_paths=("/1/2/", "/4/", "/1/"),
        area_names=("Type 1", "Cancer", "Diabetes"),
    )
    assert _match(need, opt.Candidate(id=1, area_paths=("/4/",))) == (6, "Cancer")
    assert _match(need, opt.Candidate(id=2, area_paths=("/1/", "/4/"))) == (6, "Cancer")
    assert _match(need, opt.Candidate(id=3, area_paths=("/1/2/", "/4/"))) == (6, "Type 1")
    assert _match(need, opt.Candidate(id=4, area_paths=("/1/2/5/",))) == (3, "Type 1")
    assert _match(need, opt.Candidate(id=5, area_paths=("/7/",))) == (0, "")


def test_an_area_without_a_name_is_matched_without_one():
    need = opt.Need(id=1, wanted=1, area_paths=("/1/", "/4/"), area_names=("Diabetes",))
    assert _match(need, opt.Candidate(id=1, area_paths=("/4/",))) == (6, "")
    assert _match(need, opt.Candidate(id=2, area_paths=("/1/",))) == (6, "Diabetes")
