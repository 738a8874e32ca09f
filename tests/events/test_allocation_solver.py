"""The allocation solver (pure): optimal by brute force on small cases, rules kept on
larger ones, reproducible from the seed, and the edge cases.

Brute force: every person's allowed seat sets are enumerated (subsets of what they
ranked that keep the maximum, the overlap and the topic rule, written out here
independently of the solver), and an exhaustive search over all combinations that
keep the capacities gives the best satisfaction. The solver's whole-number
satisfaction (without the tie-breaking perturbation) must equal it exactly, for
both ways of solving ("milp" and "columns").
"""

import datetime
import functools
import itertools
import random

import pytest

from voneinander.events import allocation_solver
from voneinander.events.allocation import (
    BASE_WEIGHT,
    Problem,
    Rules,
    SessionSpec,
    allocate,
    exclusive_groups,
    figures,
    rank_weight,
    violations,
)

T0 = datetime.datetime(2020, 9, 11, 9, 0, tzinfo=datetime.UTC)


def at(minutes: int) -> datetime.datetime:
    return T0 + datetime.timedelta(minutes=minutes)


ROUND_1 = (at(0), at(90))
ROUND_2 = (at(120), at(210))


def session(pk, slot=ROUND_1, capacity=None, topic=""):
    return SessionSpec(id=pk, starts_at=slot[0], ends_at=slot[1], capacity=capacity, topic=topic)


# --- an independent brute force ---------------------------------------------------------


def _weight(rank, base):
    return base // rank


def _allowed(problem, person, chosen) -> bool:
    by_id = {s.id: s for s in problem.sessions}
    rules = problem.rules
    held = list(problem.held.get(person, ()))
    seats = held + list(chosen)
    if rules.max_per_person is not None and len(seats) > rules.max_per_person:
        return False
    if len(set(seats)) < len(seats):
        return False
    for a, b in itertools.combinations(seats, 2):
        sa, sb = by_id[a], by_id[b]
        if rules.one_per_round and sa.starts_at < sb.ends_at and sb.starts_at < sa.ends_at:
            return False
        topic_a = " ".join(sa.topic.split()).casefold()
        topic_b = " ".join(sb.topic.split()).casefold()
        if rules.one_per_topic and topic_a and topic_a == topic_b:
            return False
    return True


def brute_force(problem) -> int:
    """The best satisfaction over all allocations that keep every rule."""
    ranks = [r for ranking in problem.rankings.values() for r in ranking.values()]
    base = max(BASE_WEIGHT, max(ranks, default=1) * (max(ranks, default=1) + 1))
    ids = [s.id for s in problem.sessions]
    people = list(problem.rankings)
    options = []
    for person in people:
        ranking = {s: r for s, r in problem.rankings[person].items() if s in ids}
        mine = []
        for size in range(len(ranking) + 1):
            for chosen in itertools.combinations(sorted(ranking), size):
                if _allowed(problem, person, chosen):
                    value = (base if chosen else 0) + sum(_weight(ranking[s], base) for s in chosen)
                    mine.append((chosen, value))
        options.append(mine)
    capacity = tuple(s.capacity if s.capacity is not None else 10**9 for s in problem.sessions)
    position = {pk: i for i, pk in enumerate(ids)}

    @functools.cache
    def best(i, left):
        if i == len(people):
            return 0
        result = -1
        for chosen, value in options[i]:
            rest = list(left)
            if any(rest[position[s]] <= 0 for s in chosen):
                continue
            for s in chosen:
                rest[position[s]] -= 1
            result = max(result, value + best(i + 1, tuple(rest)))
        return result

    return best(0, capacity)


def random_problem(rng: random.Random, people=6, sessions=5) -> Problem:
    """Two rounds, sometimes a long session across both, shared and blank topics."""
    specs = []
    topics = ["Digitale Stadt", "digitale  stadt", "Homeoffice", "Dorf", ""]
    for pk in range(1, sessions + 1):
        slot = rng.choice([ROUND_1, ROUND_2, ROUND_1, ROUND_2, (at(60), at(150))])
        specs.append(
            SessionSpec(
                id=pk,
                starts_at=slot[0],
                ends_at=slot[1],
                capacity=rng.choice([0, 1, 1, 2, 2, 3, None]),
                topic=rng.choice(topics),
            )
        )
    rankings = {}
    for person in range(people):
        chosen = rng.sample(range(1, sessions + 1), rng.randint(0, sessions))
        rankings[f"p{person}"] = {pk: rank for rank, pk in enumerate(chosen, start=1)}
    rules = Rules(
        max_per_person=rng.choice([None, 1, 2, 2, 3]),
        one_per_round=rng.random() < 0.8,
        one_per_topic=rng.random() < 0.7,
    )
    held = {}
    if rng.random() < 0.3:
        held = {"p0": [rng.randint(1, sessions)]}
    return Problem(sessions=specs, rankings=rankings, rules=rules, held=held)


# --- optimality ---------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["milp", "columns"])
def test_allocation_is_optimal_by_brute_force_on_small_cases(method, monkeypatch):
    # Column generation starts from first choices only, so that it has to add columns.
    monkeypatch.setattr(allocation_solver, "FIRST_RANKS", 1)
    rng = random.Random(4)
    for case in range(150):
        problem = random_problem(rng)
        result = allocate(problem, seed=case, method=method)
        assert violations(problem, result.assignments) == [], case
        assert result.satisfaction == brute_force(problem), case


def test_brute_force_agrees_with_hand_count():
    # X and Y (one seat each, different rounds); A ranks X, Y; B ranks only Y, third.
    problem = Problem(
        sessions=[session("X", ROUND_1, 1), session("Y", ROUND_2, 1), session("Z", ROUND_1, 0)],
        rankings={"A": {"X": 1, "Y": 2}, "B": {"Z": 1, "X": 2, "Y": 3}},
        rules=Rules(max_per_person=2, one_per_round=True),
    )
    w = BASE_WEIGHT
    # Best: A gets X (w + w/1), B gets Y (w + w/3); A taking both would leave B with nothing.
    expected = (w + w // 1) + (w + w // 3)
    assert brute_force(problem) == expected
    result = allocate(problem, seed=1)
    assert result.assignments == {"A": ["X"], "B": ["Y"]}
    assert result.satisfaction == expected


def test_weights_prefer_many_first_choices_and_a_seat_for_everyone():
    w1, w2, w3 = (rank_weight(r) for r in (1, 2, 3))
    assert w1 > w2 > w3 > 0
    assert w1 + w3 > 2 * w2  # convex: first choices count most
    # A first seat for someone (bonus + even their 100th choice) beats a second seat.
    assert BASE_WEIGHT + rank_weight(100) > w2


# --- the rules on larger cases ----------------------------------------------------------------


def larger_problem(seed: int, people=300, sessions=20) -> Problem:
    rng = random.Random(seed)
    specs = []
    for pk in range(1, sessions + 1):
        start = rng.choice([0, 0, 60, 120, 120, 180, 240])
        length = rng.choice([60, 90, 120])
        specs.append(
            SessionSpec(
                id=pk,
                starts_at=at(start),
                ends_at=at(start + length),
                capacity=rng.choice([5, 10, 20, 30, None]),
                topic=f"Thema {rng.randint(1, sessions // 2)}",
            )
        )
    rankings = {
        person: {
            pk: rank
            for rank, pk in enumerate(
                rng.sample(range(1, sessions + 1), rng.randint(0, 12)), start=1
            )
        }
        for person in range(people)
    }
    held = {person: [rng.randint(1, sessions)] for person in range(0, people, 17)}
    return Problem(
        sessions=specs,
        rankings=rankings,
        rules=Rules(max_per_person=3, one_per_round=True, one_per_topic=True),
        held=held,
    )


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_allocation_keeps_every_rule_on_larger_cases(seed):
    problem = larger_problem(seed)
    by_id = {s.id: s for s in problem.sessions}
    milp_result = allocate(problem, seed=seed, method="milp")
    columns_result = allocate(problem, seed=seed, method="columns")
    assert columns_result.method == "columns"
    assert columns_result.satisfaction == milp_result.satisfaction
    for result in (milp_result, columns_result):
        assert violations(problem, result.assignments) == []
        seats = {}
        for person, mine in result.assignments.items():
            held = list(problem.held.get(person, ()))
            assert set(mine) <= set(problem.rankings[person])  # only ranked sessions
            assert len(mine) + len(held) <= 3
            for a, b in itertools.combinations(mine + held, 2):
                sa, sb = by_id[a], by_id[b]
                assert not (sa.starts_at < sb.ends_at and sb.starts_at < sa.ends_at)
                assert sa.topic != sb.topic
            for s in mine:
                seats[s] = seats.get(s, 0) + 1
        for s, taken in seats.items():
            assert by_id[s].capacity is None or taken <= by_id[s].capacity


def test_column_generation_matches_the_whole_milp_on_a_congress():
    from bench.allocation import congress

    problem = congress(people=600, sessions=12, ranks=12, seat_share=0.9)
    whole = allocate(problem, seed=5, method="milp")
    columns = allocate(problem, seed=5, method="columns")
    assert columns.method == "columns"
    assert columns.rounds >= 1
    assert columns.satisfaction == whole.satisfaction
    assert violations(problem, columns.assignments) == []


# --- reproducibility ---------------------------------------------------------------------------


def tie_problem() -> Problem:
    """Ten people want A first (five seats) and B second: many equally good answers."""
    return Problem(
        sessions=[session("A", ROUND_1, 5), session("B", ROUND_1, 5)],
        rankings={f"p{i}": {"A": 1, "B": 2} for i in range(10)},
        rules=Rules(max_per_person=1, one_per_round=True),
    )


@pytest.mark.parametrize("method", ["milp", "columns"])
def test_same_seed_gives_the_same_allocation(method):
    problem = larger_problem(7)
    first = allocate(problem, seed=1234, method=method)
    again = allocate(problem, seed=1234, method=method)
    assert first.assignments == again.assignments
    assert first.seed == 1234


def test_seeds_decide_only_between_equally_good_allocations():
    problem = tie_problem()
    outcomes = set()
    for seed in range(12):
        result = allocate(problem, seed=seed)
        assert result.satisfaction == brute_force(problem)
        winners = frozenset(p for p, mine in result.assignments.items() if mine == ["A"])
        assert len(winners) == 5
        outcomes.add(winners)
    assert len(outcomes) > 1  # the seed, not the order of the people, picks the winners


# --- edge cases -------------------------------------------------------------------------------


def test_nobody_ranked_gives_nobody_a_seat():
    problem = Problem(
        sessions=[session("A", ROUND_1, 5)], rankings={"p1": {}, "p2": {}}, rules=Rules()
    )
    result = allocate(problem, seed=1)
    assert result.assignments == {"p1": [], "p2": []}
    assert result.satisfaction == 0
    assert allocate(Problem(sessions=[], rankings={}), seed=1).assignments == {}


def test_more_seats_than_people_gives_everyone_their_first_choices():
    problem = Problem(
        sessions=[
            session("A1", ROUND_1, 50, "A"),
            session("B1", ROUND_1, 50, "B"),
            session("A2", ROUND_2, 50, "A"),
            session("B2", ROUND_2, 50, "B"),
        ],
        rankings={
            "p1": {"A1": 1, "A2": 2, "B2": 3},
            "p2": {"B2": 1, "B1": 2, "A1": 3},
            "p3": {"A2": 1},
        },
        rules=Rules(max_per_person=2, one_per_round=True, one_per_topic=True),
    )
    result = allocate(problem, seed=3)
    # p1: A2 has A1's topic, so the next allowed choice is B2.
    assert result.assignments == {"p1": ["A1", "B2"], "p2": ["B2", "A1"], "p3": ["A2"]}


def test_person_ranking_only_conflicting_sessions_gets_their_first_of_them():
    problem = Problem(
        sessions=[session("A", ROUND_1, 10), session("B", ROUND_1, 10), session("C", ROUND_1, 10)],
        rankings={"p1": {"B": 1, "A": 2, "C": 3}},
        rules=Rules(max_per_person=3, one_per_round=True),
    )
    assert allocate(problem, seed=1).assignments == {"p1": ["B"]}


def test_same_topic_in_both_rounds_counts_once():
    problem = Problem(
        sessions=[session("A1", ROUND_1, 10, "Dorf"), session("A2", ROUND_2, 10, " dorf ")],
        rankings={"p1": {"A1": 1, "A2": 2}},
        rules=Rules(max_per_person=2, one_per_round=True, one_per_topic=True),
    )
    assert allocate(problem, seed=1).assignments == {"p1": ["A1"]}


def test_sessions_without_seats_or_unknown_are_never_assigned():
    problem = Problem(
        sessions=[session("A", ROUND_1, 0), session("B", ROUND_2, 1)],
        rankings={"p1": {"A": 1, "gone": 2}, "p2": {"B": 1}},
        rules=Rules(),
    )
    assert allocate(problem, seed=1).assignments == {"p1": [], "p2": ["B"]}


def test_held_seats_count_towards_the_rules():
    problem = Problem(
        sessions=[session("A", ROUND_1, 10), session("B", ROUND_1, 10), session("C", ROUND_2, 10)],
        rankings={"p1": {"B": 1, "C": 2}, "p2": {"B": 1, "C": 2}},
        rules=Rules(max_per_person=2, one_per_round=True),
        held={"p1": ["A"], "p2": ["A", "C"]},
    )
    # p1 holds A (round 1): B overlaps, C fits. p2 holds two already: nothing more.
    assert allocate(problem, seed=1).assignments == {"p1": ["C"], "p2": []}


def test_touching_sessions_do_not_overlap():
    specs = [
        SessionSpec("A", at(0), at(60)),
        SessionSpec("B", at(30), at(90)),
        SessionSpec("C", at(60), at(120)),
    ]
    groups = exclusive_groups(specs, Rules(one_per_round=True))
    assert groups == [frozenset({0, 1}), frozenset({1, 2})]
    problem = Problem(
        sessions=specs,
        rankings={"p1": {"A": 1, "B": 2, "C": 3}},
        rules=Rules(one_per_round=True),
    )
    assert allocate(problem, seed=1).assignments == {"p1": ["A", "C"]}


def test_columns_fall_back_to_the_whole_milp_when_seat_sets_are_too_many(monkeypatch):
    monkeypatch.setattr(allocation_solver, "MAX_SEAT_SETS", 3)
    problem = larger_problem(4, people=40)
    result = allocate(problem, seed=1, method="columns")
    assert result.method == "milp"
    assert violations(problem, result.assignments) == []


# --- figures ------------------------------------------------------------------------------------


def test_figures_count_first_choices_and_people_without_a_seat():
    problem = Problem(
        sessions=[session("A", ROUND_1, 1), session("B", ROUND_2, 2)],
        rankings={
            "p1": {"A": 1, "B": 2},
            "p2": {"A": 1, "B": 2},
            "p3": {"A": 1},
            "p4": {},
        },
        rules=Rules(max_per_person=2, one_per_round=True),
    )
    assignments = {"p1": ["A", "B"], "p2": ["B"], "p3": [], "p4": []}
    facts = figures(problem, assignments)
    assert facts["people"] == 4
    assert facts["ranked"] == 3
    assert facts["first_choice"] == 1
    assert facts["first_two"] == 2
    assert facts["nothing"] == 1
    assert facts["seats"] == 3
    assert facts["by_rank"] == {"1": 1, "2": 2}
    assert facts["by_count"] == {"0": 2, "1": 1, "2": 1}
    assert facts["sessions"] == {
        "A": {"seats": 1, "capacity": 1, "first_choice_of": 3},
        "B": {"seats": 2, "capacity": 2, "first_choice_of": 0},
    }
